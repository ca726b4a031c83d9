/**
 * starting: every planned instance is started on its agent. An instance whose agent goes down
 * before it starts (or while it is verified) is placed on another agent and started there.
 */
import { errorMessage, isBerthError } from '../../../shared/errors.js';
import type { DeploymentEvent } from '../../core/deployment-machine.js';
import { startSpecOf, type Release } from '../../core/release.js';
import { replacementIdFor, type PlannedInstance } from '../../core/rollout-plan.js';
import type { TaskResult } from '../task-dispatcher.js';
import { ensureImages } from './images.js';
import { releaseOf, runTask, stageFailure, type StageContext } from './stage-context.js';

export async function startStage(ctx: StageContext): Promise<DeploymentEvent> {
  const release = releaseOf(ctx);
  const plan = ctx.deployment().plan;
  if (!plan) throw stageFailure('the deployment has no plan');
  await Promise.all(plan.start.map((i) => startInstance(ctx, release, i)));
  return { type: 'started' };
}

async function startInstance(ctx: StageContext, release: Release, i: PlannedInstance, replaceIfLost = true): Promise<void> {
  const spec = startSpecOf(release, i.service, i.container, i.instanceId, ctx.deployment().id);
  let result: TaskResult;
  try {
    result = await runTask(ctx, { kind: 'start-instance', agentId: i.agentId, spec });
  } catch (err) {
    if (isBerthError(err, 'CANCELLED')) throw err;
    if (replaceIfLost && isBerthError(err, 'AGENT_NOT_READY')) {
      await replaceOnOtherAgent(ctx, release, i);
      return;
    }
    throw stageFailure(`${i.container} on ${i.agentId}: ${errorMessage(err)}`);
  }
  if (result.status !== 'ok') throw stageFailure(`${i.container} on ${i.agentId} did not start: ${result.message}`);
}

/** Places a lost instance on another agent, makes sure it holds the image and starts it there. */
export async function replaceOnOtherAgent(ctx: StageContext, release: Release, lost: PlannedInstance): Promise<PlannedInstance> {
  const spec = release.spec.services[lost.service];
  const placed = ctx.replacements.place({ app: release.app, service: lost.service, replicas: 1, labels: spec?.placement.labels ?? {} }, lost.agentId);
  if (!placed.ok) throw stageFailure(`${lost.container}: its agent ${lost.agentId} went down and no other agent can take it (${placed.reason})`);
  const agentId = (placed.placements[0] as { agentId: string }).agentId;
  const replacement: PlannedInstance = { ...lost, agentId, instanceId: replacementIdFor(lost.instanceId) };
  ctx.log.warn(
    { lost: lost.instanceId, agentId: lost.agentId, replacement: replacement.instanceId, on: agentId },
    'agent went down during the deployment; placing the instance elsewhere',
  );
  ctx.emitLines([`--> ${lost.agentId} went down; ${lost.container} moves to ${agentId}`]);
  ctx.patch((r) => {
    if (r.plan) r.plan.start = r.plan.start.map((i) => (i.instanceId === lost.instanceId ? replacement : i));
  });
  // The lost one goes as soon as its agent is back (the task waits in JetStream).
  await ctx.dispatcher
    .dispatch({ kind: 'remove-instance', agentId: lost.agentId, deploymentId: ctx.deployment().id, spec: { instanceId: lost.instanceId } })
    .catch((err: unknown) => ctx.log.warn({ instanceId: lost.instanceId, err: errorMessage(err) }, 'cannot remove the lost instance'));
  await ensureImages(ctx, release, [replacement], new Set());
  await startInstance(ctx, release, replacement, false);
  return replacement;
}
