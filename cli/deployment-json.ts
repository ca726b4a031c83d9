/**
 * The JSON that `--json` prints for deployments and releases: the API's messages with int64 times
 * as numbers (gRPC hands them over as strings), absent values as null, and the has_* flags folded
 * into nullable numbers, so scripts can read `.state`, `.failure.exitCode` or `.[0].createdAtMs`.
 */
import type { Deployment__Output } from '../proto/gen/berth/v1/Deployment.js';
import type { Release__Output } from '../proto/gen/berth/v1/Release.js';

export function deploymentJson(d: Deployment__Output) {
  return {
    id: d.id,
    app: d.app,
    kind: d.kind,
    release: d.release || null,
    state: d.state,
    healthy: d.healthy,
    wanted: d.wanted,
    services: d.services,
    refs: d.refs,
    createdAtMs: Number(d.createdAtMs),
    history: d.history.map((t) => ({ state: t.state, atMs: Number(t.atMs) })),
    failure: d.failure
      ? { phase: d.failure.phase, reason: d.failure.reason, exitCode: d.failure.hasExitCode ? d.failure.exitCode : null, output: d.failure.output }
      : null,
    warnings: d.warnings,
    postdeploy:
      d.postdeployAgent || d.hasPostdeployExitCode
        ? { agent: d.postdeployAgent || null, exitCode: d.hasPostdeployExitCode ? d.postdeployExitCode : null }
        : null,
    routing: d.routing
      ? {
          waitedMs: Number(d.routing.waitedMs),
          settleMs: d.routing.settled ? Number(d.routing.settleMs) : null,
          traefiks: d.routing.traefiks.map((t) => ({ api: t.api, confirmed: t.confirmed, ms: Number(t.ms), detail: t.detail })),
          summary: d.routing.summary,
        }
      : null,
    output: d.output,
  };
}

export function releaseJson(r: Release__Output) {
  return {
    app: r.app,
    name: r.name,
    routed: r.routed,
    createdAtMs: Number(r.createdAtMs),
    deploymentId: r.deploymentId,
    postdeploy: r.postdeploy || null,
    services: r.services.map((s) => ({
      name: s.name,
      source: s.source,
      image: s.image || null,
      imageId: s.imageId || null,
      commitSha: s.commitSha || null,
      command: s.command || null,
    })),
  };
}
