/**
 * run-oneoff: runs a one-off container to its end (or its time limit), streaming its output, records its
 * result, then removes it. A task delivered again (a controller restarted meanwhile asks again)
 * finds the container by its one-off id and waits for it, or, when it has ended, answers with
 * the recorded result: the command never runs twice.
 */
import { errorMessage } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { ONE_OFF_TIMEOUT_STATUS, type TaskOf } from '../../../shared/task.js';
import type { TtyAttachment } from '../../adapters/docker.js';
import { buildOneOffSpec } from '../../core/container-spec.js';
import { runSteps } from '../steps.js';
import type { TaskContext, TaskOutcome } from './task-context.js';

export async function runOneOff(ctx: TaskContext, task: TaskOf<'run-oneoff'>, log: Logger): Promise<TaskOutcome> {
  const spec = task.spec;
  const recorded = await ctx.oneOffResults.recall(spec.oneOffId);
  if (recorded) {
    log.info({ oneOffId: spec.oneOffId, exitCode: recorded.exitCode }, 'one-off already ran; answering with its result');
    return { instance: null, message: `${recorded.message} (it had already run)`, exitCode: recorded.exitCode, outputTail: recorded.outputTail };
  }
  const state: {
    containerId: string | null;
    existing: boolean;
    ended: boolean;
    startedAtMs: number;
    terminal: TtyAttachment | null;
    detachTerminal: (() => void) | null;
  } = {
    terminal: null,
    containerId: null,
    existing: false,
    ended: false,
    startedAtMs: Date.now(),
    detachTerminal: null,
  };
  await runSteps(
    [
      {
        name: 'find-existing',
        run: async (c) => {
          const found = await ctx.docker.findOneOffContainer(ctx.agent.id, spec.oneOffId);
          if (found) {
            c.containerId = found.Id;
            c.existing = true;
            c.ended = !found.State.Running && found.State.Status !== 'created';
            // Its time limit counts from when it started, not from this task.
            const started = Date.parse(found.State.StartedAt);
            if (Number.isFinite(started) && started > 0) c.startedAtMs = started;
          }
        },
      },
      {
        name: 'ensure-image',
        run: async (c) => {
          if (!c.existing && !(await ctx.docker.imageExists(spec.image))) await ctx.docker.pullImage(spec.image);
        },
      },
      {
        name: 'create-container',
        run: async (c) => {
          if (!c.existing) c.containerId = await ctx.docker.createContainer(buildOneOffSpec(spec, ctx.agent.id, task.deploymentId));
        },
      },
      {
        // An interactive one-off's terminal is attached before it starts: its first prompt is not lost.
        name: 'attach-terminal',
        run: async (c) => {
          if (!spec.tty || c.ended) return;
          c.terminal = await ctx.docker.attachTty(c.containerId as string, (data) => ctx.sendTty(spec.oneOffId, data));
        },
      },
      {
        name: 'start-container',
        run: async (c) => {
          if (!c.existing) {
            await ctx.docker.startContainer(c.containerId as string);
            c.startedAtMs = Date.now();
            log.info({ oneOffId: spec.oneOffId }, 'one-off container started');
          }
          // Keys and the window size reach a running terminal only (one resized before it starts keeps 0x0).
          const terminal = c.terminal;
          if (!terminal) return;
          const unregister = ctx.ttys.register(spec.oneOffId, terminal);
          c.detachTerminal = () => {
            unregister();
            terminal.close();
          };
        },
      },
    ],
    state,
    log,
  );
  const containerId = state.containerId as string;
  const output = ctx.output();
  // A terminal's output goes to whoever is attached, not to the kept output (it is raw bytes).
  let stopFollowing = state.detachTerminal ?? (() => {});
  try {
    if (!spec.tty) stopFollowing = await ctx.docker.followLogs(containerId, output.line);
  } catch (err) {
    output.close();
    throw err;
  }
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      log.warn({ oneOffId: spec.oneOffId, timeoutMs: spec.timeoutMs }, 'one-off reached its time limit; stopping it');
      void ctx.docker.stopContainer(containerId, 0).catch(() => undefined);
    },
    Math.max(0, state.startedAtMs + spec.timeoutMs - Date.now()),
  );
  try {
    const status = await ctx.docker.waitContainer(containerId);
    const exitCode = timedOut ? ONE_OFF_TIMEOUT_STATUS : status;
    // Let the last lines arrive before the container and its log go.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const message = timedOut ? `stopped after ${spec.timeoutMs} ms` : `exited with status ${status}`;
    const outputTail = output.lastLines();
    await ctx.oneOffResults.remember(spec.oneOffId, { exitCode, message, outputTail, finishedAtMs: Date.now() });
    return { instance: null, message, exitCode, outputTail };
  } finally {
    clearTimeout(timer);
    stopFollowing();
    output.close();
    await ctx.docker.removeContainer(containerId).catch((err) => log.warn({ err: errorMessage(err) }, 'cannot remove one-off container'));
  }
}
