/**
 * What a task handler works with (one handler per task kind, one file each beside this one): the
 * container runtime, the instance watcher, this agent, and where the task's output lines go.
 * Handlers are idempotent: a task delivered again (JetStream redelivers until acknowledged, and a
 * restarted controller asks again) finds what the first delivery did and answers from it.
 */
import type { InstanceStatus } from '../../../shared/instance.js';
import type { PreparedImage } from '../../../shared/task.js';
import type { ContainerRuntime } from '../../adapters/docker.js';
import type { OneOffResults } from '../../adapters/oneoff-results.js';
import type { InstanceWatcher } from '../instance-watcher.js';
import type { TtySessions } from '../tty-sessions.js';
import type { TaskOutput } from '../task-output.js';

export interface TaskOutcome {
  instance: InstanceStatus | null;
  message: string;
  exitCode?: number;
  outputTail?: string[];
  prepared?: PreparedImage;
}

export interface TaskContext {
  docker: ContainerRuntime;
  watcher: InstanceWatcher;
  agent: { id: string; advertiseAddr: string };
  oneOffResults: OneOffResults;
  /** Interactive one-offs' terminals: input from the controller reaches them through it. */
  ttys: TtySessions;
  /** What an interactive one-off's terminal wrote, to the controller. */
  sendTty(oneOffId: string, data: Buffer): void;
  /** A stream of the task's output lines to the controller. */
  output(): TaskOutput;
}
