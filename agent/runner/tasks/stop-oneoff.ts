/** stop-oneoff: stops a one-off container (an operator cancelled its deployment); gone already: nothing to do. */
import type { Logger } from '../../../shared/logger.js';
import type { TaskOf } from '../../../shared/task.js';
import { runSteps } from '../steps.js';
import type { TaskContext, TaskOutcome } from './task-context.js';

export async function stopOneOff(ctx: TaskContext, task: TaskOf<'stop-oneoff'>, log: Logger): Promise<TaskOutcome> {
  const found = await ctx.docker.findOneOffContainer(ctx.agent.id, task.spec.oneOffId);
  if (!found) return { instance: null, message: 'no such one-off; nothing to stop' };
  await runSteps([{ name: 'stop-container', run: () => ctx.docker.stopContainer(found.Id, task.spec.graceSeconds) }], null, log);
  return { instance: null, message: 'stopped' };
}
