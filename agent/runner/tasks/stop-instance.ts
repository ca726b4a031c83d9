/** stop-instance: stops the instance's container (SIGTERM, then SIGKILL after the grace); gone already: nothing to do. */
import type { Logger } from '../../../shared/logger.js';
import type { TaskOf } from '../../../shared/task.js';
import { runSteps } from '../steps.js';
import type { TaskContext, TaskOutcome } from './task-context.js';

export async function stopInstance(ctx: TaskContext, task: TaskOf<'stop-instance'>, log: Logger): Promise<TaskOutcome> {
  const existing = await ctx.docker.findInstanceContainer(ctx.agent.id, task.spec.instanceId);
  if (!existing) return { instance: null, message: 'no such instance; nothing to stop' };
  await runSteps([{ name: 'stop-container', run: () => ctx.docker.stopContainer(existing.Id, task.spec.graceSeconds) }], null, log);
  const after = await ctx.docker.inspect(existing.Id);
  return { instance: after ? ctx.watcher.track(after) : null, message: 'stopped' };
}
