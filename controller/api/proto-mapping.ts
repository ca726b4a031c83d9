/**
 * The admin API's proto ↔ domain mapping, all in one place: domain records (apps, deployments,
 * releases, agents, tokens, hooks, log lines, cluster events) into berth.v1 messages, and request
 * fields that need converting (int64s come as strings) into domain values. Pure functions; the
 * handlers in admin/ call them. (An agent's instances are mapped by proto/convert.ts, which the
 * agent shares.)
 */
import { instanceToProto } from '../../proto/convert.js';
import type { RunOutputLine, RunRecord } from '../core/run.js';
import type { AgentSummary } from '../../proto/gen/berth/v1/AgentSummary.js';
import type { App } from '../../proto/gen/berth/v1/App.js';
import type { AppSummary } from '../../proto/gen/berth/v1/AppSummary.js';
import type { ClusterEvent as ClusterEventMessage } from '../../proto/gen/berth/v1/ClusterEvent.js';
import type { CreateTokenResponse } from '../../proto/gen/berth/v1/CreateTokenResponse.js';
import type { Deployment } from '../../proto/gen/berth/v1/Deployment.js';
import type { Env } from '../../proto/gen/berth/v1/Env.js';
import type { Hook } from '../../proto/gen/berth/v1/Hook.js';
import type { HookLogEntry as HookLogEntryMessage } from '../../proto/gen/berth/v1/HookLogEntry.js';
import type { LogLine } from '../../proto/gen/berth/v1/LogLine.js';
import type { Release as ReleaseMessage } from '../../proto/gen/berth/v1/Release.js';
import type { Run } from '../../proto/gen/berth/v1/Run.js';
import type { RunOutputLine as RunOutputLineMessage } from '../../proto/gen/berth/v1/RunOutputLine.js';
import type { SetGithubResponse } from '../../proto/gen/berth/v1/SetGithubResponse.js';
import type { SetNotificationsResponse } from '../../proto/gen/berth/v1/SetNotificationsResponse.js';
import type { StreamLogsRequest__Output } from '../../proto/gen/berth/v1/StreamLogsRequest.js';
import type { TestHookResponse } from '../../proto/gen/berth/v1/TestHookResponse.js';
import type { TokenInfo } from '../../proto/gen/berth/v1/TokenInfo.js';
import type { AgentRecord } from '../../shared/agent.js';
import { routedDomains } from '../../shared/app-spec.js';
import type { AppRecord, HookLogEntry, TokenRecord } from '../state/schema.js';
import { agentStatus, findStrays } from '../core/agent-registry.js';
import type { DeploymentRecord } from '../core/deployment-record.js';
import type { HookDecision } from '../core/hook-decision.js';
import type { Release } from '../core/release.js';
import { describeRouting } from '../core/route-confirmation.js';
import type { ClusterEvent } from '../pipeline/cluster-events.js';
import type { AppLogLine, LogQuery } from '../pipeline/log-reader.js';

// --- agents ---

export function agentSummaryMessage(agent: AgentRecord, knownInstanceIds: ReadonlySet<string>): AgentSummary {
  return {
    id: agent.id,
    hostname: agent.hostname,
    advertiseAddr: agent.advertiseAddr,
    labels: agent.labels,
    cpus: agent.cpus,
    memoryBytes: agent.memoryBytes,
    version: agent.version,
    // Restarting: it said goodbye and is not back yet (its instances stay routed meanwhile).
    status: agent.alive && agent.restartingUntilMs ? 'restarting' : agentStatus(agent),
    lastHeartbeatMs: agent.lastHeartbeatMs,
    connectedAtMs: agent.connectedAtMs,
    instances: Object.values(agent.instances).map(instanceToProto),
    strayInstanceIds: findStrays(agent, knownInstanceIds),
  };
}

/** CreateJoinToken's ttl_ms (an int64, so a string): 0 or not a number means `fallbackMs`. */
export function joinTokenTtlMs(ttlMs: string, fallbackMs: number): number {
  return Number(ttlMs) || fallbackMs;
}

// --- apps and env ---

/** Env values shown as this unless the caller asks to reveal them. */
export const HIDDEN_VALUE = '***';

export function maskedEnv(env: Readonly<Record<string, string>>, reveal: boolean): Record<string, string> {
  return reveal ? { ...env } : Object.fromEntries(Object.keys(env).map((name) => [name, HIDDEN_VALUE]));
}

/**
 * One ListApps row, frozen: while the app's spec and routed release are unchanged the same object
 * is handed out again (AppSummaryRows, admin/apps.ts), so its encoded bytes can be kept beside it
 * (app-list-encoding.ts).
 */
export function appSummaryRow(name: string, record: AppRecord): Readonly<AppSummary> {
  return Object.freeze({
    name,
    services: Object.keys(record.spec.services),
    domains: Object.values(routedDomains(record.spec)).flat(),
    release: record.routed?.release ?? '',
  });
}

export function appMessage(name: string, record: AppRecord, reveal = false): App {
  return {
    name,
    specJson: JSON.stringify({ ...record.spec, env: maskedEnv(record.spec.env, reveal) }),
    services: Object.keys(record.spec.services),
    domains: Object.values(routedDomains(record.spec)).flat(),
    createdAtMs: record.createdAtMs,
    updatedAtMs: record.updatedAtMs,
  };
}

export function envMessage(app: string, env: Readonly<Record<string, string>>, reveal: boolean): Env {
  return { app, values: maskedEnv(env, reveal), revealed: reveal };
}

/** StreamLogs' request as the log reader's query. */
export function logQuery(request: StreamLogsRequest__Output): LogQuery {
  return {
    app: request.app,
    service: request.service,
    instance: request.instance,
    sinceMs: Number(request.sinceMs),
    tail: request.tail,
    follow: request.follow,
  };
}

export function logLineMessage(line: AppLogLine): LogLine {
  return { instanceId: line.instanceId, container: line.container, service: line.service, stream: line.stream, atMs: line.atMs, text: line.text };
}

export function clusterEventMessage(event: ClusterEvent): ClusterEventMessage {
  return { atMs: event.atMs, kind: event.kind, app: event.app, subject: event.subject, state: event.state, message: event.message };
}

// --- runs ---

export function runMessage(r: RunRecord): Run {
  return {
    id: r.id,
    app: r.app,
    service: r.service,
    release: r.release,
    command: r.command,
    startedBy: r.startedBy,
    schedule: r.schedule ?? '',
    agentId: r.agentId ?? '',
    tty: r.tty,
    detached: r.detached,
    timeoutMs: r.timeoutMs,
    state: r.state,
    hasExitCode: r.exitCode !== null,
    exitCode: r.exitCode ?? 0,
    reason: r.reason ?? '',
    createdAtMs: r.createdAtMs,
    startedAtMs: r.startedAtMs ?? 0,
    endedAtMs: r.endedAtMs ?? 0,
  };
}

export function runLinesMessage(lines: RunOutputLine[]): RunOutputLineMessage[] {
  return lines.map((l) => ({ stream: l.stream, text: l.text }));
}

// --- deployments and releases ---

export function deploymentMessage(d: DeploymentRecord, withOutput = true): Deployment {
  return {
    id: d.id,
    app: d.app,
    kind: d.request.kind,
    release: d.release,
    state: d.state,
    history: d.history.map((h) => ({ state: h.state, atMs: h.atMs })),
    ...(d.failure
      ? {
          failure: {
            phase: d.failure.phase,
            reason: d.failure.reason,
            hasExitCode: d.failure.exitCode !== undefined,
            exitCode: d.failure.exitCode ?? 0,
            output: d.failure.output ?? [],
          },
        }
      : {}),
    warnings: d.warnings,
    healthy: d.progress.healthy,
    wanted: d.progress.wanted,
    services: d.request.services,
    refs: d.request.refs,
    createdAtMs: d.createdAtMs,
    output: withOutput ? d.output : [],
    postdeployAgent: d.postdeploy?.agentId ?? '',
    hasPostdeployExitCode: d.postdeploy?.exitCode !== null && d.postdeploy?.exitCode !== undefined,
    postdeployExitCode: d.postdeploy?.exitCode ?? 0,
    ...(d.routing
      ? {
          routing: {
            waitedMs: d.routing.waitedMs,
            settled: d.routing.settleMs !== null,
            settleMs: d.routing.settleMs ?? 0,
            traefiks: d.routing.traefiks,
            summary: describeRouting(d.routing),
          },
        }
      : {}),
  };
}

export function releaseMessage(r: Release, routed: boolean): ReleaseMessage {
  return {
    app: r.app,
    name: r.name,
    createdAtMs: r.createdAtMs,
    deploymentId: r.deploymentId,
    services: Object.entries(r.services).map(([name, s]) => ({
      name,
      source: s.source,
      image: s.image,
      imageId: s.imageId,
      commitSha: s.commitSha ?? '',
      command: s.command ?? '',
    })),
    postdeploy: r.postdeploy?.command ?? '',
    routed,
  };
}

// --- tokens ---

export function tokenInfoMessage(t: TokenRecord): TokenInfo {
  return { name: t.name, scope: t.scope, createdAtMs: t.createdAtMs };
}

/** A new token's record and the token itself, which is in this answer only. */
export function createdTokenMessage(t: Pick<TokenRecord, 'name' | 'scope' | 'createdAtMs'>, token: string): CreateTokenResponse {
  return { name: t.name, scope: t.scope, token, createdAtMs: t.createdAtMs };
}

// --- hooks, notifications, GitHub ---

/** The hook URL is the controller's public URL, the app and the hook token; `secret` only when just set. */
export function hookMessage(publicUrl: string, app: string, hook: AppRecord['hook'], secret = ''): Hook {
  return { app, url: `${publicUrl}/hooks/redeploy/${encodeURIComponent(app)}/${hook.token}`, hasSecret: hook.secret !== null, secret };
}

export function hookLogEntryMessage(e: HookLogEntry): HookLogEntryMessage {
  return {
    atMs: e.atMs,
    source: e.source,
    event: e.event,
    deliveryId: e.deliveryId ?? '',
    decision: e.decision,
    reason: e.reason,
    services: e.services,
    ref: e.ref ?? '',
    deploymentId: e.deploymentId ?? '',
    dryRun: e.dryRun,
  };
}

/** What a test payload would do; a ping reads as "ignored" (it deploys nothing). */
export function testHookMessage(decision: HookDecision & { source: string; event: string }): TestHookResponse {
  return {
    decision: decision.decision === 'ping' ? 'ignored' : decision.decision,
    services: decision.services,
    ref: decision.ref ?? '',
    reason: decision.reason,
    source: decision.source,
    event: decision.event,
  };
}

export function notificationsMessage(app: string, notify: AppRecord['notify'] | undefined): SetNotificationsResponse {
  return { app, urls: notify?.urls ?? [], secret: notify?.secret ?? '' };
}

export function githubMessage(app: string, github: AppRecord['github'] | undefined): SetGithubResponse {
  const settings = github ?? null;
  return { app, configured: settings !== null, apiUrl: settings?.apiUrl ?? '' };
}
