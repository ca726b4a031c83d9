/** remove-instance: removes the instance's container, answering with its last output; gone already: nothing to do. */
import type { Logger } from '../../../shared/logger.js';
import type { TaskOf } from '../../../shared/task.js';
import { runSteps } from '../steps.js';
import type { TaskContext, TaskOutcome } from './task-context.js';

export async function removeInstance(ctx: TaskContext, task: TaskOf<'remove-instance'>, log: Logger): Promise<TaskOutcome> {
  const existing = await ctx.docker.findInstanceContainer(ctx.agent.id, task.spec.instanceId);
  if (!existing) return { instance: null, message: 'no such instance; nothing to remove' };
  const last = ctx.watcher.track(existing);
  // Its last output goes with the result: a deployment that failed on it records why.
  const outputTail = await ctx.docker.tailLogs(existing.Id, 50).catch(() => []);
  await runSteps([{ name: 'remove-container', run: () => ctx.docker.removeContainer(existing.Id) }], null, log);
  return { instance: { ...last, state: 'removed', health: 'unknown' }, message: 'removed', outputTail };
}
