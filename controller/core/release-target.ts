/**
 * Which release a deployment puts live, and what it must do to get there: a deploy drafts a new
 * release (built in this deployment; carried on after a controller restart, the one it already
 * recorded), a rollback takes the release asked for, a scale the routed one. Then: each service's scale, which services are built and which reuse the routed release's
 * image, and whether postdeploy runs. Pure: values in, decisions out.
 */
import type { AppSpec } from '../../shared/app-spec.js';
import type { DeployRequest } from './deploy-queue.js';
import { releaseName, type Release } from './release.js';

export interface TargetInput {
  app: string;
  deploymentId: string;
  request: DeployRequest;
  /** The app's current spec and the number its next release gets. */
  spec: AppSpec;
  nextReleaseNumber: number;
  /** The release routed now, if any. */
  routed: Release | null;
  /** The release a rollback asks for, looked up by the caller. */
  rollbackTo: Release | null;
  /** A release this deployment already recorded: it was built before a controller restart. */
  builtHere: Release | null;
  now: number;
}

/** draft: a new release to build (no images yet); existing: one already built. */
export type TargetChoice = { ok: true; release: Release; draft: boolean } | { ok: false; reason: string };

export function chooseTarget(input: TargetInput): TargetChoice {
  const { app, request } = input;
  if (request.kind === 'rollback') {
    if (!input.rollbackTo) return { ok: false, reason: `${app} has no release ${request.release}` };
    return { ok: true, release: input.rollbackTo, draft: false };
  }
  if (request.kind === 'scale') {
    if (!input.routed) return { ok: false, reason: `${app} has no routed release to scale; deploy it first` };
    return { ok: true, release: input.routed, draft: false };
  }
  if (input.builtHere) return { ok: true, release: input.builtHere, draft: false };
  // Planning needs the spec only; the release gets its images once they are built.
  return {
    ok: true,
    draft: true,
    release: {
      app,
      name: releaseName(input.nextReleaseNumber),
      number: input.nextReleaseNumber,
      createdAtMs: input.now,
      deploymentId: input.deploymentId,
      spec: input.spec,
      services: {},
      postdeploy: null,
    },
  };
}

/** Replicas per service of the target: the app's current scale wins, so a rollback keeps today's scale. */
export function targetScale(target: Release, current: AppSpec): Record<string, number> {
  return Object.fromEntries(Object.entries(target.spec.services).map(([name, s]) => [name, current.services[name]?.scale ?? s.scale]));
}

export type ServiceBuild = 'build' | 'reuse';

/**
 * For a drafted release: a service reuses the routed release's image when it was not asked for
 * and its source (image or git repository, branch, Dockerfile) is unchanged; every other is built.
 */
export function servicesToBuild(draft: Release, routed: Release | null, asked: string[]): Record<string, ServiceBuild> {
  const plan: Record<string, ServiceBuild> = {};
  for (const service of Object.keys(draft.spec.services).sort()) {
    const wanted = asked.length === 0 || asked.includes(service);
    const reusable = routed?.services[service] !== undefined && sameSource(routed, draft, service);
    plan[service] = reusable && !wanted ? 'reuse' : 'build';
  }
  return plan;
}

function sameSource(a: Release, b: Release, service: string): boolean {
  const x = a.spec.services[service];
  const y = b.spec.services[service];
  return JSON.stringify([x?.image, x?.git]) === JSON.stringify([y?.image, y?.git]);
}

/** A deploy runs the release's postdeploy; a rollback only when asked to; a scale never. */
export function runsPostdeploy(release: Release, request: DeployRequest): boolean {
  if (release.postdeploy === null) return false;
  return request.kind === 'deploy' || (request.kind === 'rollback' && request.withPostdeploy);
}
