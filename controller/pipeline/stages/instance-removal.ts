/**
 * Removing instances: retiring old ones (stop with a grace, then remove) and, after a failure or a
 * cancel, removing the new ones. A down agent gets its tasks when it is back.
 */
import { errorMessage } from '../../../shared/errors.js';
import type { Store } from '../../state/store.js';
import type { DeploymentRecord } from '../../core/deployment-record.js';
import type { TaskDispatcher } from '../task-dispatcher.js';
import type { StageContext } from './stage-context.js';

const STOP_GRACE_SECONDS = 10;

/** Stops (SIGTERM, then SIGKILL after the grace) and removes instances; returns what went wrong. */
export async function retireInstances(store: Store, dispatcher: TaskDispatcher, instanceIds: string[], deploymentId: string | null): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    instanceIds.map(async (instanceId) => {
      const known = store.data.instances[instanceId];
      if (!known) return;
      const { agentId } = known;
      try {
        // A down agent gets the tasks when it is back (null: queued, not waited for).
        const stopped = await dispatcher.runOrQueue(
          { kind: 'stop-instance', agentId, deploymentId, spec: { instanceId, graceSeconds: STOP_GRACE_SECONDS } },
          60_000,
        );
        if (stopped && stopped.status !== 'ok') problems.push(`${instanceId}: ${stopped.message}`);
        const removed = await dispatcher.runOrQueue({ kind: 'remove-instance', agentId, deploymentId, spec: { instanceId } }, 60_000);
        if (removed && removed.status !== 'ok') problems.push(`${instanceId}: ${removed.message}`);
      } catch (err) {
        problems.push(`${instanceId}: ${errorMessage(err)}`);
      }
    }),
  );
  return problems;
}

/** After a failure or a cancel: the new instances go; routing and the old ones stay as they were. */
export async function removeNewInstances(ctx: Pick<StageContext, 'store' | 'dispatcher' | 'log'>, deployment: DeploymentRecord): Promise<void> {
  const ids = (deployment.plan?.start ?? []).map((i) => i.instanceId).filter((id) => ctx.store.data.instances[id]);
  await Promise.all(
    ids.map(async (instanceId) => {
      const agentId = ctx.store.data.instances[instanceId]?.agentId as string;
      try {
        await ctx.dispatcher.runOrQueue({ kind: 'remove-instance', agentId, deploymentId: deployment.id, spec: { instanceId } }, 60_000);
      } catch (err) {
        ctx.log.warn({ instanceId, err: errorMessage(err) }, 'cannot remove a new instance');
      }
    }),
  );
}
