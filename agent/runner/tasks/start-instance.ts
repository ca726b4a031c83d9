/**
 * start-instance: creates and starts the instance's container. Delivered again, it finds the
 * container by its instance id and never starts one that has run before (a later stop must not be
 * undone); a container that will not start is removed, so a retry starts from a clean slate.
 */
import { toBerthError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import type { TaskOf } from '../../../shared/task.js';
import { buildContainerSpec } from '../../core/container-spec.js';
import type { ContainerInspect } from '../../core/instance-from-container.js';
import { runSteps, type Step } from '../steps.js';
import type { TaskContext, TaskOutcome } from './task-context.js';

export async function startInstance(ctx: TaskContext, task: TaskOf<'start-instance'>, log: Logger): Promise<TaskOutcome> {
  const spec = task.spec;
  const state: { existing: ContainerInspect | null; containerId: string | null; message: string } = { existing: null, containerId: null, message: 'started' };
  const steps: Step<typeof state>[] = [
    {
      name: 'find-existing',
      run: async (c) => {
        // Idempotence across agent restarts: the container of this instance may already exist.
        c.existing = await ctx.docker.findInstanceContainer(ctx.agent.id, spec.instanceId);
        if (c.existing) {
          c.containerId = c.existing.Id;
          c.message = c.existing.State.Running ? 'already running' : 'already started once; not restarted';
        }
      },
    },
    {
      name: 'ensure-image',
      run: async (c) => {
        if (c.existing) return;
        if (!(await ctx.docker.imageExists(spec.image))) {
          log.info({ image: spec.image }, 'pulling image');
          await ctx.docker.pullImage(spec.image);
        }
      },
    },
    {
      name: 'create-container',
      run: async (c) => {
        if (c.existing) return;
        c.containerId = await ctx.docker.createContainer(buildContainerSpec(spec, ctx.agent, task.deploymentId));
      },
    },
    {
      name: 'start-container',
      run: async (c) => {
        // A container that has run before is never started again by a (redelivered) start task:
        // a later stop must not be undone. Only one created and never started is started.
        if (c.existing && c.existing.State.Status !== 'created') return;
        try {
          await ctx.docker.startContainer(c.containerId as string);
        } catch (err) {
          // A container that will not start is removed, so a retry starts from a clean slate.
          if (!c.existing && c.containerId) await ctx.docker.removeContainer(c.containerId).catch(() => undefined);
          throw err;
        }
      },
    },
  ];
  await runSteps(steps, state, log);
  const container = await ctx.docker.inspect(state.containerId as string);
  if (!container) throw toBerthError(new Error('the container disappeared right after it started'), 'DOCKER_ERROR');
  const instance = ctx.watcher.track(container);
  log.info({ instanceId: spec.instanceId, hostPort: instance.hostPort, container: container.Id.slice(0, 12) }, `instance ${state.message}`);
  return { instance, message: state.message };
}
