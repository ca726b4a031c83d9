/**
 * Applies tasks from NATS: decode and validate, refuse duplicates and expired ones, run the
 * task's steps against Docker, and report the result over the report stream.
 */
import { instanceToProto } from '../../proto/convert.js';
import { errorMessage, toBerthError } from '../../shared/errors.js';
import { KeyedQueue } from '../../shared/keyed-queue.js';
import type { InstanceStatus } from '../../shared/instance.js';
import type { Logger } from '../../shared/logger.js';
import { decodeTask, ONE_OFF_TIMEOUT_STATUS, type PreparedImage, type Task, type TaskOf, type TaskResultStatus } from '../../shared/task.js';
import type { ContainerRuntime } from '../adapters/docker.js';
import type { TaskDisposition } from '../adapters/nats.js';
import type { OneOffResults } from '../adapters/oneoff-results.js';
import type { ReportStream } from '../adapters/report-stream.js';
import { buildContainerSpec, buildOneOffSpec } from '../core/container-spec.js';
import type { ContainerInspect } from '../core/instance-from-container.js';
import { decideTask, RecentTaskIds } from '../core/task-guard.js';
import type { InstanceWatcher } from './instance-watcher.js';
import { prepareImage } from './prepare-image.js';
import { runSteps, type Step } from './steps.js';
import { TaskOutput } from './task-output.js';

interface Outcome {
  instance: InstanceStatus | null;
  message: string;
  exitCode?: number;
  outputTail?: string[];
  prepared?: PreparedImage;
}

export class TaskRunner {
  private readonly seen = new RecentTaskIds();
  private readonly inFlight = new Set<string>();
  private readonly queues = new KeyedQueue();
  /** Tasks applied (not refused); tests and metrics read it. */
  applied = 0;

  constructor(
    private readonly docker: ContainerRuntime,
    private readonly watcher: InstanceWatcher,
    private readonly reports: () => ReportStream | null,
    private readonly agent: { id: string; advertiseAddr: string },
    private readonly log: Logger,
    private readonly oneOffResults: OneOffResults,
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
    });
    if (task.agentId !== this.agent.id) {
      log.warn({ addressedTo: task.agentId }, 'dropped task addressed to another agent');
      return 'ack';
    }
    if (this.inFlight.has(task.id)) {
      log.info('ignored duplicate task (already being applied)');
      return 'ack';
    }
    const decision = decideTask(task, Date.now(), this.seen);
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

    this.inFlight.add(task.id);
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
      const failed: Outcome = { instance: null, message: e.message, ...(isStringArray(outputTail) ? { outputTail } : {}) };
      this.sendResult(task, 'failed', failed, e.code, Date.now() - started);
      return 'ack';
    } finally {
      this.inFlight.delete(task.id);
    }
  }

  private apply(task: Task, log: Logger): Promise<Outcome> {
    switch (task.kind) {
      case 'start-instance':
        return this.startInstance(task, log);
      case 'stop-instance':
        return this.stopInstance(task, log);
      case 'remove-instance':
        return this.removeInstance(task, log);
      case 'run-oneoff':
        return this.runOneOff(task, log);
      case 'prepare-image':
        return this.prepareImage(task, log);
      case 'stop-oneoff':
        return this.stopOneOff(task, log);
      case 'noop':
        return Promise.resolve({ instance: null, message: 'noop' });
    }
  }

  /**
   * Runs a one-off container to its end (or its time limit), streaming its output, records its
   * result, then removes it. A task delivered again (a controller restarted meanwhile asks again)
   * finds the container by its one-off id and waits for it, or, when it has ended, answers with
   * the recorded result: the command never runs twice.
   */
  private async runOneOff(task: TaskOf<'run-oneoff'>, log: Logger): Promise<Outcome> {
    const spec = task.spec;
    const recorded = await this.oneOffResults.recall(spec.oneOffId);
    if (recorded) {
      log.info({ oneOffId: spec.oneOffId, exitCode: recorded.exitCode }, 'one-off already ran; answering with its result');
      return { instance: null, message: `${recorded.message} (it had already run)`, exitCode: recorded.exitCode, outputTail: recorded.outputTail };
    }
    const ctx: { containerId: string | null; existing: boolean; startedAtMs: number } = { containerId: null, existing: false, startedAtMs: Date.now() };
    await runSteps(
      [
        {
          name: 'find-existing',
          run: async (c) => {
            const found = await this.docker.findOneOffContainer(this.agent.id, spec.oneOffId);
            if (found) {
              c.containerId = found.Id;
              c.existing = true;
              // Its time limit counts from when it started, not from this task.
              const started = Date.parse(found.State.StartedAt);
              if (Number.isFinite(started) && started > 0) c.startedAtMs = started;
            }
          },
        },
        {
          name: 'ensure-image',
          run: async (c) => {
            if (!c.existing && !(await this.docker.imageExists(spec.image))) await this.docker.pullImage(spec.image);
          },
        },
        {
          name: 'create-container',
          run: async (c) => {
            if (!c.existing) c.containerId = await this.docker.createContainer(buildOneOffSpec(spec, this.agent.id, task.deploymentId));
          },
        },
        {
          name: 'start-container',
          run: async (c) => {
            if (c.existing) return;
            await this.docker.startContainer(c.containerId as string);
            c.startedAtMs = Date.now();
            log.info({ oneOffId: spec.oneOffId }, 'one-off container started');
          },
        },
      ],
      ctx,
      log,
    );
    const containerId = ctx.containerId as string;
    const output = this.taskOutput(task);
    let stopFollowing = () => {};
    try {
      stopFollowing = await this.docker.followLogs(containerId, output.line);
    } catch (err) {
      output.close();
      throw err;
    }
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        log.warn({ oneOffId: spec.oneOffId, timeoutMs: spec.timeoutMs }, 'one-off reached its time limit; stopping it');
        void this.docker.stopContainer(containerId, 0).catch(() => undefined);
      },
      Math.max(0, ctx.startedAtMs + spec.timeoutMs - Date.now()),
    );
    try {
      const status = await this.docker.waitContainer(containerId);
      const exitCode = timedOut ? ONE_OFF_TIMEOUT_STATUS : status;
      // Let the last lines arrive before the container and its log go.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const message = timedOut ? `stopped after ${spec.timeoutMs} ms` : `exited with status ${status}`;
      const outputTail = output.lastLines();
      await this.oneOffResults.remember(spec.oneOffId, { exitCode, message, outputTail, finishedAtMs: Date.now() });
      return { instance: null, message, exitCode, outputTail };
    } finally {
      clearTimeout(timer);
      stopFollowing();
      output.close();
      await this.docker.removeContainer(containerId).catch((err) => log.warn({ err: errorMessage(err) }, 'cannot remove one-off container'));
    }
  }

  /** Pulls or builds the image of a service; build output is streamed like a one-off's. */
  private async prepareImage(task: TaskOf<'prepare-image'>, log: Logger): Promise<Outcome> {
    const output = this.taskOutput(task);
    try {
      const prepared = await prepareImage(this.docker, task.spec, output, log);
      const how = !prepared.fresh ? 'already present' : prepared.commitSha ? 'built' : 'pulled';
      return { instance: null, message: `${prepared.image} ${how}`, prepared, outputTail: output.lastLines() };
    } finally {
      output.close();
    }
  }

  /** Output lines of a task, streamed to the controller as output reports. */
  private taskOutput(task: Task): TaskOutput {
    return new TaskOutput((lines) => this.reports()?.report({ output: { taskId: task.id, deploymentId: task.deploymentId ?? '', lines } }));
  }

  private async stopOneOff(task: TaskOf<'stop-oneoff'>, log: Logger): Promise<Outcome> {
    const found = await this.docker.findOneOffContainer(this.agent.id, task.spec.oneOffId);
    if (!found) return { instance: null, message: 'no such one-off; nothing to stop' };
    await runSteps([{ name: 'stop-container', run: () => this.docker.stopContainer(found.Id, task.spec.graceSeconds) }], null, log);
    return { instance: null, message: 'stopped' };
  }

  private async startInstance(task: TaskOf<'start-instance'>, log: Logger): Promise<Outcome> {
    const spec = task.spec;
    const ctx: { existing: ContainerInspect | null; containerId: string | null; message: string } = { existing: null, containerId: null, message: 'started' };
    const steps: Step<typeof ctx>[] = [
      {
        name: 'find-existing',
        run: async (c) => {
          // Idempotence across agent restarts: the container of this instance may already exist.
          c.existing = await this.docker.findInstanceContainer(this.agent.id, spec.instanceId);
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
          if (!(await this.docker.imageExists(spec.image))) {
            log.info({ image: spec.image }, 'pulling image');
            await this.docker.pullImage(spec.image);
          }
        },
      },
      {
        name: 'create-container',
        run: async (c) => {
          if (c.existing) return;
          c.containerId = await this.docker.createContainer(buildContainerSpec(spec, this.agent, task.deploymentId));
        },
      },
      {
        name: 'start-container',
        run: async (c) => {
          // A container that has run before is never started again by a (redelivered) start task:
          // a later stop must not be undone. Only one created and never started is started.
          if (c.existing && c.existing.State.Status !== 'created') return;
          try {
            await this.docker.startContainer(c.containerId as string);
          } catch (err) {
            // A container that will not start is removed, so a retry starts from a clean slate.
            if (!c.existing && c.containerId) await this.docker.removeContainer(c.containerId).catch(() => undefined);
            throw err;
          }
        },
      },
    ];
    await runSteps(steps, ctx, log);
    const container = await this.docker.inspect(ctx.containerId as string);
    if (!container) throw toBerthError(new Error('the container disappeared right after it started'), 'DOCKER_ERROR');
    const instance = this.watcher.track(container);
    log.info({ instanceId: spec.instanceId, hostPort: instance.hostPort, container: container.Id.slice(0, 12) }, `instance ${ctx.message}`);
    return { instance, message: ctx.message };
  }

  private async stopInstance(task: TaskOf<'stop-instance'>, log: Logger): Promise<Outcome> {
    const existing = await this.docker.findInstanceContainer(this.agent.id, task.spec.instanceId);
    if (!existing) return { instance: null, message: 'no such instance; nothing to stop' };
    await runSteps([{ name: 'stop-container', run: () => this.docker.stopContainer(existing.Id, task.spec.graceSeconds) }], null, log);
    const after = await this.docker.inspect(existing.Id);
    return { instance: after ? this.watcher.track(after) : null, message: 'stopped' };
  }

  private async removeInstance(task: TaskOf<'remove-instance'>, log: Logger): Promise<Outcome> {
    const existing = await this.docker.findInstanceContainer(this.agent.id, task.spec.instanceId);
    if (!existing) return { instance: null, message: 'no such instance; nothing to remove' };
    const last = this.watcher.track(existing);
    // Its last output goes with the result: a deployment that failed on it records why.
    const outputTail = await this.docker.tailLogs(existing.Id, 50).catch(() => []);
    await runSteps([{ name: 'remove-container', run: () => this.docker.removeContainer(existing.Id) }], null, log);
    return { instance: { ...last, state: 'removed', health: 'unknown' }, message: 'removed', outputTail };
  }

  private sendResult(task: Task, status: TaskResultStatus, outcome: Outcome, errorCode: string, durationMs: number): void {
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
