/**
 * Images on agents: preparing one service's image on one agent (pull, or build at a commit), and
 * making sure every agent about to start an instance holds its release's image.
 */
import type { ImageSource, PreparedImage } from '../../../shared/task.js';
import type { Release } from '../../core/release.js';
import type { PlannedInstance } from '../../core/rollout-plan.js';
import { runTask, stageFailure, type StageContext } from './stage-context.js';

const BUILD_TIMEOUT_MS = 60 * 60_000;

export async function prepareOn(ctx: StageContext, app: string, service: string, agentId: string, source: ImageSource): Promise<PreparedImage> {
  ctx.emitLines([`--> ${source.type === 'git' ? `building ${service} at ${source.ref}` : `preparing ${service} image ${source.image}`} on ${agentId}`]);
  const result = await runTask(ctx, { kind: 'prepare-image', agentId, spec: { app, service, source } }, BUILD_TIMEOUT_MS);
  if (result.status !== 'ok' || !result.prepared) {
    throw stageFailure(`${service} on ${agentId}: ${result.message || result.status}`, { output: result.outputTail.slice(-20) });
  }
  return result.prepared;
}

/** The image a release's service starts from, as a source an agent can prepare exactly. */
function releaseSource(release: Release, service: string): ImageSource {
  const built = release.services[service];
  const git = release.spec.services[service]?.git;
  if (built?.source === 'git' && git && built.commitSha)
    return { type: 'git', repo: git.repo, ref: built.commitSha, dockerfile: git.dockerfile, context: git.context };
  return { type: 'image', image: built?.image ?? '' };
}

/**
 * Every agent that will start an instance holds its image (a rollback, a scale or a service not
 * rebuilt may land on an agent that never had it; a git tag is rebuilt there at the same commit).
 */
export async function ensureImages(ctx: StageContext, release: Release, start: PlannedInstance[], done: Set<string>): Promise<void> {
  const pairs = new Map<string, { service: string; agentId: string }>();
  for (const i of start) if (!done.has(i.service)) pairs.set(`${i.service}@${i.agentId}`, { service: i.service, agentId: i.agentId });
  await Promise.all([...pairs.values()].map(({ service, agentId }) => prepareOn(ctx, release.app, service, agentId, releaseSource(release, service))));
}
