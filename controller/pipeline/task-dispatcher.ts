/**
 * Sends tasks to agents and lets callers wait for their results. The controller records an
 * instance as known when it dispatches its start task, which is how strays are told apart later.
 */
import type { AgentRecord } from '../../shared/agent.js';
import { BerthError } from '../../shared/errors.js';
import { newTaskId } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import { agentTaskSubject } from '../../shared/subjects.js';
import { parseTask, serializeTask, type PreparedImage, type Task, type TaskInput, type TaskResultStatus } from '../../shared/task.js';
import type { InstanceStatus } from '../../shared/instance.js';
import type { NatsAdapter } from '../adapters/nats.js';
import type { Store } from '../state/store.js';
import { agentStatus } from '../core/agent-registry.js';
import { PROTOCOL_VERSION } from '../../shared/version.js';

export interface TaskResult {
  taskId: string;
  kind: string;
  agentId: string;
  deploymentId: string;
  status: TaskResultStatus;
  errorCode: string;
  message: string;
  instance: InstanceStatus | null;
  durationMs: number;
  /** run-oneoff: exit status (-128: stopped at its time limit) and the last lines of output. */
  exitCode: number;
  outputTail: string[];
  /** prepare-image: the image the agent now holds. */
  prepared: PreparedImage | null;
}

/** Default time a task may wait for its agent; a start task behind a reconnect still gets there. */
export const DEFAULT_TASK_TIMEOUT_MS = 5 * 60_000;

type DispatchRequest = Omit<TaskInput, 'id' | 'createdAtMs' | 'deadlineMs'> & { id?: string; deadlineMs?: number };

export class TaskDispatcher {
  private readonly waiters = new Map<string, Array<(result: TaskResult) => void>>();
  private readonly results = new Map<string, TaskResult>();
  private readonly roundTripListeners = new Set<(kind: string, ms: number) => void>();

  constructor(
    private readonly nats: NatsAdapter,
    private readonly store: Store,
    private readonly log: Logger,
    /** The leader's term every task carries (0: a single controller). */
    private readonly term: () => number = () => 0,
  ) {}

  /** Validates, records and publishes one task; resolves with the task once NATS holds it. */
  async dispatch(request: DispatchRequest, options: { allowNotReady?: boolean } = {}): Promise<Task> {
    const agent: AgentRecord | undefined = this.store.data.agents[request.agentId];
    if (!agent)
      throw new BerthError('AGENT_NOT_FOUND', `no agent "${request.agentId}" has ever connected; 'berth agents' lists the known ones`, {
        agentId: request.agentId,
      });
    if (!options.allowNotReady && request.kind === 'start-instance' && agentStatus(agent) !== 'ready') {
      throw new BerthError('AGENT_NOT_READY', `agent "${agent.id}" is ${agentStatus(agent)}; new instances go only to ready agents`, { agentId: agent.id });
    }
    const now = Date.now();
    const task = parseTask({
      ...request,
      id: request.id ?? newTaskId(),
      createdAtMs: now,
      deadlineMs: request.deadlineMs ?? now + DEFAULT_TASK_TIMEOUT_MS,
      protocol: PROTOCOL_VERSION,
      term: this.term(),
    } as TaskInput);
    if (task.kind === 'start-instance') {
      const { instanceId, app, service, release } = task.spec;
      this.store.update((s) => {
        s.instances[instanceId] = {
          instanceId,
          agentId: task.agentId,
          app,
          service,
          release,
          deploymentId: task.deploymentId,
          container: task.spec.env.CONTAINER ?? instanceId,
          createdAtMs: now,
        };
      });
    } else if (task.kind === 'remove-instance') {
      // Forgotten on intent: should the removal fail, the agent's next hello shows it as a stray.
      const { instanceId } = task.spec;
      this.store.update((s) => {
        delete s.instances[instanceId];
      });
    }
    try {
      await this.nats.publishTask(agentTaskSubject(task.agentId), task.id, serializeTask(task), task.deadlineMs);
    } catch (err) {
      if (task.kind === 'start-instance') {
        const { instanceId } = task.spec;
        this.store.update((s) => {
          delete s.instances[instanceId];
        });
      }
      throw err;
    }
    this.log.debug(
      {
        taskId: task.id,
        kind: task.kind,
        agentId: task.agentId,
        deploymentId: task.deploymentId ?? undefined,
        app: task.deploymentId ? this.store.data.deployments[task.deploymentId]?.app : undefined,
      },
      'task dispatched',
    );
    return task;
  }

  /** Every task run() dispatched and got a result for: its kind and the time from dispatch to result. */
  onRoundTrip(listener: (kind: string, ms: number) => void): () => void {
    this.roundTripListeners.add(listener);
    return () => this.roundTripListeners.delete(listener);
  }

  /** Dispatches and waits for the agent's result. */
  async run(request: DispatchRequest, timeoutMs = DEFAULT_TASK_TIMEOUT_MS): Promise<TaskResult> {
    const id = request.id ?? newTaskId();
    const started = performance.now();
    // Wait first: a fast agent may answer before dispatch() returns.
    const controller = new AbortController();
    const result = this.waitForResult(id, timeoutMs, controller.signal);
    // The wait may time out while dispatch() still retries the publish; the caller gets the error below.
    result.catch(() => undefined);
    try {
      await this.dispatch({ deadlineMs: Date.now() + timeoutMs, ...request, id } as DispatchRequest);
    } catch (err) {
      controller.abort();
      throw err;
    }
    const answered = await result;
    for (const listener of this.roundTripListeners) listener(request.kind, performance.now() - started);
    return answered;
  }

  /**
   * Runs the task and waits for its result while the agent is up; for a down agent only queues it
   * (it waits in JetStream until the agent is back) and resolves with null.
   */
  async runOrQueue(request: DispatchRequest, timeoutMs = DEFAULT_TASK_TIMEOUT_MS): Promise<TaskResult | null> {
    if (this.store.data.agents[request.agentId]?.alive) return this.run(request, timeoutMs);
    await this.dispatch(request);
    return null;
  }

  waitForResult(taskId: string, timeoutMs: number, signal?: AbortSignal): Promise<TaskResult> {
    const known = this.results.get(taskId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      const stop = (err: BerthError) => {
        clearTimeout(timer);
        this.removeWaiter(taskId, onResult);
        reject(err);
      };
      const timer = setTimeout(() => stop(new BerthError('TIMEOUT', `no result for task ${taskId} within ${timeoutMs} ms`, { taskId })), timeoutMs);
      timer.unref();
      signal?.addEventListener('abort', () => stop(new BerthError('FAILED_PRECONDITION', `task ${taskId} was not dispatched`, { taskId })), { once: true });
      const onResult = (result: TaskResult) => {
        clearTimeout(timer);
        resolve(result);
      };
      this.waiters.set(taskId, [...(this.waiters.get(taskId) ?? []), onResult]);
    });
  }

  /** Called by the report intake for every task result an agent sends. */
  acceptResult(result: TaskResult): void {
    this.results.set(result.taskId, result);
    // Bounded memory: results are only kept for waiters that arrive shortly after.
    if (this.results.size > 10_000) {
      const oldest = this.results.keys().next().value;
      if (oldest !== undefined) this.results.delete(oldest);
    }
    for (const waiter of this.waiters.get(result.taskId) ?? []) waiter(result);
    this.waiters.delete(result.taskId);
  }

  private removeWaiter(taskId: string, waiter: (result: TaskResult) => void): void {
    const rest = (this.waiters.get(taskId) ?? []).filter((w) => w !== waiter);
    if (rest.length) this.waiters.set(taskId, rest);
    else this.waiters.delete(taskId);
  }
}
