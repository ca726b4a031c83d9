/**
 * Applies tasks from NATS: decode and validate, refuse duplicates and expired ones, hand the task
 * to its handler (one file per kind in tasks/), and report the result over the report stream.
 */
import { instanceToProto } from '../../proto/convert.js';
import { errorMessage, toBerthError } from '../../shared/errors.js';
import { KeyedQueue } from '../../shared/keyed-queue.js';
import type { Logger } from '../../shared/logger.js';
import { decodeTask, type Task, type TaskResultStatus } from '../../shared/task.js';
import type { ContainerRuntime } from '../adapters/docker.js';
import type { TaskDisposition } from '../adapters/nats.js';
import type { OneOffResults } from '../adapters/oneoff-results.js';
import type { ReportStream } from '../adapters/report-stream.js';
import { decideTask, RecentTaskIds } from '../core/task-guard.js';
import { BERTH_VERSION, PROTOCOL_VERSION } from '../../shared/version.js';
import type { InstanceWatcher } from './instance-watcher.js';
import type { TtySessions } from './tty-sessions.js';
import { prepareImageTask } from './tasks/prepare-image.js';
import { removeInstance } from './tasks/remove-instance.js';
import { runOneOff } from './tasks/run-oneoff.js';
import { startInstance } from './tasks/start-instance.js';
import { stopInstance } from './tasks/stop-instance.js';
import { stopOneOff } from './tasks/stop-oneoff.js';
import type { TaskContext, TaskOutcome } from './tasks/task-context.js';
import { TaskOutput } from './task-output.js';

export class TaskRunner {
  private readonly seen = new RecentTaskIds();
  private readonly inFlight = new Set<string>();
  private readonly queues = new KeyedQueue();
  /** The newest leader's term seen in a task (controllers sharing their state in NATS). */
  private highestTerm = 0;
  /** Tasks applied (not refused); tests and metrics read it. */
  applied = 0;

  constructor(
    private readonly docker: ContainerRuntime,
    private readonly watcher: InstanceWatcher,
    private readonly reports: () => ReportStream | null,
    private readonly agent: { id: string; advertiseAddr: string },
    private readonly log: Logger,
    private readonly oneOffResults: OneOffResults,
    private readonly ttys: TtySessions,
  ) {}

  handle(data: Uint8Array): Promise<TaskDisposition> {
    let task: Task;
    try {
      task = decodeTask(data);
    } catch (err) {
      this.log.warn({ bytes: data.length, reason: errorMessage(err) }, 'dropped malformed task');
      return Promise.resolve('ack');
    }
    // Tasks for one instance run one after another, in the order they arrived (a remove must not
    // overtake the start before it); tasks for different instances run side by side. Prepares of
    // one service queue up too, so the second finds the first's image instead of building it again.
    // A stop-oneoff must not wait behind the one-off it stops.
    const key =
      task.kind === 'stop-oneoff'
        ? null
        : task.kind === 'prepare-image'
          ? `${task.spec.app}/${task.spec.service}`
          : 'instanceId' in task.spec
            ? task.spec.instanceId
            : 'oneOffId' in task.spec
              ? task.spec.oneOffId
              : null;
    return this.serialize(key, () => this.handleTask(task));
  }

  private serialize<T>(key: string | null, work: () => Promise<T>): Promise<T> {
    return key === null ? work() : this.queues.run(key, work);
  }

  private async handleTask(task: Task): Promise<TaskDisposition> {
    // A deployment's lines carry its id and app on every host, so one grep follows it.
    const app = 'app' in task.spec ? (task.spec as { app?: unknown }).app : undefined;
    const log = this.log.child({
      taskId: task.id,
      kind: task.kind,
      ...(task.deploymentId ? { deploymentId: task.deploymentId } : {}),
      ...(typeof app === 'string' ? { app } : {}),
      // The leader's term (several controllers): which leader a task came from.
      ...(task.term ? { term: task.term } : {}),
    });
    if (task.agentId !== this.agent.id) {
      log.warn({ addressedTo: task.agentId }, 'dropped task addressed to another agent');
      return 'ack';
    }
    if (this.inFlight.has(task.id)) {
      log.info('ignored duplicate task (already being applied)');
      return 'ack';
    }
    const decision = decideTask(task, Date.now(), this.seen, PROTOCOL_VERSION, this.highestTerm);
    if (decision === 'duplicate') {
      log.info('ignored duplicate task (already applied)');
      return 'ack';
    }
    if (decision === 'expired') {
      this.seen.add(task.id);
      log.warn({ deadline: new Date(task.deadlineMs).toISOString() }, 'refused expired task');
      this.sendResult(
        task,
        'expired',
        { instance: null, message: `deadline ${new Date(task.deadlineMs).toISOString()} passed before the agent received the task` },
        'TASK_EXPIRED',
        0,
      );
      return 'ack';
    }

    if (decision === 'stale-term') {
      this.seen.add(task.id);
      log.warn({ term: task.term, highestTerm: this.highestTerm }, 'refused a task from a deposed leader');
      this.sendResult(
        task,
        'failed',
        { instance: null, message: `the task comes from term ${task.term}; a newer leader (term ${this.highestTerm}) leads now` },
        'FAILED_PRECONDITION',
        0,
      );
      return 'ack';
    }
    this.highestTerm = Math.max(this.highestTerm, task.term);

    if (decision === 'unsupported') {
      this.seen.add(task.id);
      log.warn({ protocol: task.protocol }, 'refused a task of a newer protocol');
      this.sendResult(
        task,
        'failed',
        {
          instance: null,
          message: `the task is written in protocol ${task.protocol}; this agent (berth ${BERTH_VERSION}) speaks ${PROTOCOL_VERSION}: upgrade the agent`,
        },
        'FAILED_PRECONDITION',
        0,
      );
      return 'ack';
    }

    this.inFlight.add(task.id);
    log.debug('task accepted');
    const started = Date.now();
    try {
      const outcome = await this.apply(task, log);
      this.seen.add(task.id);
      this.applied++;
      log.info({ ms: Date.now() - started, outcome: outcome.message }, 'task applied');
      this.sendResult(task, 'ok', outcome, '', Date.now() - started);
      return 'ack';
    } catch (err) {
      const e = toBerthError(err);
      if (e.code === 'DOCKER_UNAVAILABLE' && Date.now() < task.deadlineMs) {
        // The engine is down, not the task wrong: leave it to be delivered again.
        log.warn({ err: e.message }, 'Docker unavailable; task will be retried');
        return 'retry';
      }
      this.seen.add(task.id);
      log.warn({ ms: Date.now() - started, code: e.code, err: e.message }, 'task failed');
      const outputTail = e.details.outputTail;
      const failed: TaskOutcome = { instance: null, message: e.message, ...(isStringArray(outputTail) ? { outputTail } : {}) };
      this.sendResult(task, 'failed', failed, e.code, Date.now() - started);
      return 'ack';
    } finally {
      this.inFlight.delete(task.id);
    }
  }

  private apply(task: Task, log: Logger): Promise<TaskOutcome> {
    const ctx: TaskContext = {
      docker: this.docker,
      watcher: this.watcher,
      agent: this.agent,
      oneOffResults: this.oneOffResults,
      ttys: this.ttys,
      sendTty: (oneOffId, data) => this.reports()?.sendTty(oneOffId, data),
      output: () => this.taskOutput(task),
    };
    switch (task.kind) {
      case 'start-instance':
        return startInstance(ctx, task, log);
      case 'stop-instance':
        return stopInstance(ctx, task, log);
      case 'remove-instance':
        return removeInstance(ctx, task, log);
      case 'run-oneoff':
        return runOneOff(ctx, task, log);
      case 'prepare-image':
        return prepareImageTask(ctx, task, log);
      case 'stop-oneoff':
        return stopOneOff(ctx, task, log);
      case 'noop':
        return Promise.resolve({ instance: null, message: 'noop' });
    }
  }

  /** Output lines of a task, streamed to the controller as output reports. */
  private taskOutput(task: Task): TaskOutput {
    return new TaskOutput((lines, stderr) => this.reports()?.report({ output: { taskId: task.id, deploymentId: task.deploymentId ?? '', lines, stderr } }));
  }

  private sendResult(task: Task, status: TaskResultStatus, outcome: TaskOutcome, errorCode: string, durationMs: number): void {
    this.reports()?.report({
      taskResult: {
        taskId: task.id,
        kind: task.kind,
        deploymentId: task.deploymentId ?? '',
        status,
        errorCode,
        message: outcome.message,
        ...(outcome.instance ? { instance: instanceToProto(outcome.instance) } : {}),
        durationMs,
        exitCode: outcome.exitCode ?? 0,
        outputTail: outcome.outputTail ?? [],
        ...(outcome.prepared ? { prepared: outcome.prepared } : {}),
      },
    });
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
