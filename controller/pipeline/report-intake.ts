/**
 * The controller's end of each agent's report stream. The first message must be a Hello; then
 * heartbeats keep the agent alive and numbered reports (task results, instance events) update the
 * registry and are acknowledged so the agent can forget them. Every message is validated here.
 */
import type * as grpc from '@grpc/grpc-js';
import { z } from 'zod';
import type { ConnectRequest__Output } from '../../proto/gen/berth/v1/ConnectRequest.js';
import type { ConnectResponse } from '../../proto/gen/berth/v1/ConnectResponse.js';
import type { Hello__Output } from '../../proto/gen/berth/v1/Hello.js';
import type { Report__Output } from '../../proto/gen/berth/v1/Report.js';
import type { Instance__Output } from '../../proto/gen/berth/v1/Instance.js';
import { AGENT_RESTART_GRACE_MS, type AgentHello } from '../../shared/agent.js';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { isValidAgentId } from '../../shared/ids.js';
import { INSTANCE_EVENT_KINDS, INSTANCE_HEALTHS, INSTANCE_STATES, type InstanceEventKind, type InstanceStatus } from '../../shared/instance.js';
import type { Logger } from '../../shared/logger.js';
import { TASK_RESULT_STATUSES, describeIssues, type TaskResultStatus } from '../../shared/task.js';
import type { Store } from '../state/store.js';
import { toGrpcError } from '../api/grpc-status.js';
import { applyInstanceEvent, findStrays, markRestarting, recordHeartbeat, registerHello } from '../core/agent-registry.js';
import { HeartbeatDelay } from '../core/heartbeat-delay.js';
import { compatibleRange, versionSkew } from '../../shared/version-skew.js';
import { PROTOCOL_VERSION } from '../../shared/version.js';
import type { TaskDispatcher } from './task-dispatcher.js';

export type ReportStream = grpc.ServerDuplexStream<ConnectRequest__Output, ConnectResponse>;

export interface OutputNotice {
  agentId: string;
  taskId: string;
  deploymentId: string;
  lines: string[];
  /** Parallel to lines: true for a line written to stderr (empty: all stdout). */
  stderr: boolean[];
}

const OutputSchema = z
  .object({
    taskId: z.string().min(1).max(128),
    deploymentId: z.string().max(128),
    lines: z.array(z.string().max(65_536)).max(10_000),
    stderr: z.array(z.boolean()).max(10_000),
  })
  .refine((o) => o.stderr.length === 0 || o.stderr.length === o.lines.length, 'stderr must be empty or as long as lines');

export interface TtyOutputNotice {
  agentId: string;
  oneOffId: string;
  data: Buffer;
}

export interface InstanceEventNotice {
  agentId: string;
  kind: InstanceEventKind;
  instanceId: string;
  /** As the event saw it: a restart right after an exit must not hide the exit code. */
  exitCode: number;
}

const PreparedSchema = z.object({
  image: z.string().min(1).max(512),
  imageId: z.string().min(1).max(256),
  commitSha: z.string().max(64),
  procfile: z.record(z.string().max(128), z.string().max(65_536)),
  fresh: z.boolean(),
});

const HelloSchema = z.object({
  agentId: z.string().refine(isValidAgentId, 'not a valid agent id'),
  hostname: z.string().min(1).max(255),
  advertiseAddr: z.string().min(1).max(255),
  labels: z.record(z.string().max(63), z.string().max(255)),
  cpus: z.number().int().nonnegative(),
  memoryBytes: z.coerce.number().nonnegative(),
  version: z.string().max(64),
  sessionId: z.string().min(1).max(128),
  snapshotSeq: z.coerce.number().int().nonnegative(),
  protocol: z.number().int().nonnegative(),
  instances: z.array(z.unknown()).max(100_000),
});

/** Instances arrive from the network too: bounded strings, known states, valid ports. */
const InstanceSchema = z.object({
  instanceId: z.string().min(1).max(128),
  containerId: z.string().max(128),
  app: z.string().max(128),
  service: z.string().max(128),
  release: z.string().max(128),
  deploymentId: z.string().max(128),
  state: z.enum(INSTANCE_STATES),
  health: z.enum(INSTANCE_HEALTHS),
  containerPort: z.number().int().min(0).max(65535),
  hostPort: z.number().int().min(0).max(65535),
  hostIp: z.string().max(255),
  exitCode: z.number().int(),
  oomKilled: z.boolean(),
  image: z.string().max(512),
  startedAtMs: z.coerce.number(),
  finishedAtMs: z.coerce.number(),
});

function parseInstance(raw: Instance__Output, where: string): InstanceStatus {
  const parsed = InstanceSchema.safeParse(raw);
  if (!parsed.success) throw new BerthError('INVALID_MESSAGE', `${where} is invalid: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** What the intake knows about one open stream. */
interface StreamState {
  agentId: string;
  /** Reports numbered below this predate the hello's instance snapshot. */
  snapshotSeq: number;
}

export class ReportIntake {
  /** The open stream of each connected agent; a newer stream from the same id replaces an older one. */
  private readonly streams = new Map<string, ReportStream>();
  private readonly listeners = new Set<(notice: InstanceEventNotice) => void>();
  private readonly outputListeners = new Set<(notice: OutputNotice) => void>();
  private readonly helloListeners = new Set<(agentId: string, strays: string[]) => void>();
  private readonly reconnectListeners = new Set<(agentId: string) => void>();
  private readonly ttyListeners = new Set<(notice: TtyOutputNotice) => void>();
  private readonly heartbeatDelay: HeartbeatDelay;

  constructor(
    private readonly store: Store,
    private readonly dispatcher: TaskDispatcher,
    private readonly log: Logger,
    private readonly heartbeatTtlMs: number,
    private readonly version: string,
    /** Throws UNAUTHENTICATED unless the stream's metadata carries the agent's own credential. */
    private readonly authenticate: (agentId: string, metadata: grpc.Metadata) => void,
    /**
     * False once this controller no longer leads (pipeline/leadership.ts): it then takes nothing
     * from agents, acknowledges no report, and ends their streams, so they resend to the leader.
     */
    private readonly leading: () => boolean = () => true,
  ) {
    // Delays are remembered for one TTL: the sweep's grace follows the controller as it catches up.
    this.heartbeatDelay = new HeartbeatDelay(heartbeatTtlMs);
  }

  isConnected(agentId: string): boolean {
    return this.streams.has(agentId);
  }

  connectedAgentIds(): string[] {
    return [...this.streams.keys()];
  }

  onInstanceEvent(listener: (notice: InstanceEventNotice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every accepted hello, with the instances the agent runs that the controller did not start. */
  onHello(listener: (agentId: string, strays: string[]) => void): () => void {
    this.helloListeners.add(listener);
    return () => this.helloListeners.delete(listener);
  }

  /** A known agent's stream came back within the same agent process (not a restart). */
  onReconnect(listener: (agentId: string) => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** What interactive one-offs' terminals write, as it arrives. */
  onTtyOutput(listener: (notice: TtyOutputNotice) => void): () => void {
    this.ttyListeners.add(listener);
    return () => this.ttyListeners.delete(listener);
  }

  /** Keystrokes or a window size for a one-off's terminal on a connected agent; false when it is not connected. */
  sendTtyInput(agentId: string, input: { oneOffId: string; data: Buffer; rows: number; cols: number }): boolean {
    const stream = this.streams.get(agentId);
    if (!stream) return false;
    stream.write({ ttyInput: input });
    return true;
  }

  /** A clean stop (an upgrade): the agent is not taken for lost while it restarts. */
  private acceptGoodbye(agentId: string, reason: string): void {
    const agent = this.store.data.agents[agentId];
    if (!agent) return;
    const until = Date.now() + AGENT_RESTART_GRACE_MS;
    this.store.update((s) => {
      s.agents[agentId] = markRestarting(agent, until);
    });
    this.log.info({ agentId, reason: reason.slice(0, 200), untilMs: until }, 'agent stopping cleanly: its instances stay routed while it restarts');
  }

  private acceptTtyOutput(agentId: string, raw: { oneOffId: string; data: Buffer }): void {
    if (!raw.oneOffId || raw.oneOffId.length > 256 || raw.data.length > 1024 * 1024)
      throw new BerthError('INVALID_MESSAGE', `tty output for "${raw.oneOffId.slice(0, 64)}" of ${raw.data.length} bytes is invalid`);
    for (const listener of this.ttyListeners) listener({ agentId, oneOffId: raw.oneOffId, data: raw.data });
  }

  /** Output lines of tasks (one-offs, builds) as they arrive. */
  onOutput(listener: (notice: OutputNotice) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  /** Handles one Connect call until it ends. */
  handle(stream: ReportStream): void {
    let state: StreamState | null = null;
    const peer = stream.getPeer();

    stream.on('data', (message: ConnectRequest__Output) => {
      if (!this.leading()) {
        // A deposed leader woken from a pause reads what agents sent meanwhile: acknowledged here,
        // those reports (task results for the new leader among them) would be lost.
        stream.emit('error', toGrpcError(new BerthError('STATE_FENCED', 'this controller no longer leads: report to the leader')));
        return;
      }
      try {
        if (state === null) {
          if (message.body !== 'hello' || !message.hello) {
            throw new BerthError('INVALID_MESSAGE', `the first message on a report stream must be a hello, got ${message.body ?? 'nothing'}`);
          }
          state = this.acceptHello(message.hello, stream);
          return;
        }
        if (message.body === 'heartbeat') this.acceptHeartbeat(state.agentId, Number(message.heartbeat?.sentAtMs ?? 0));
        else if (message.body === 'report' && message.report) this.acceptReport(state, message.report, stream);
        else if (message.body === 'ttyOutput' && message.ttyOutput) this.acceptTtyOutput(state.agentId, message.ttyOutput);
        else if (message.body === 'goodbye') this.acceptGoodbye(state.agentId, message.goodbye?.reason ?? '');
        else throw new BerthError('INVALID_MESSAGE', `unexpected ${message.body ?? 'empty'} message after hello`);
      } catch (err) {
        this.log.warn({ peer, agentId: state?.agentId, err: errorMessage(err) }, 'report stream message rejected');
        // Without a valid hello the stream is useless: end it with a status that says why.
        if (state === null) stream.emit('error', toGrpcError(err));
      }
    });
    const closed = () => {
      const agentId = state?.agentId;
      if (agentId !== undefined && this.streams.get(agentId) === stream) {
        this.streams.delete(agentId);
        this.log.info({ agentId }, 'agent report stream closed');
      }
    };
    stream.on('end', () => {
      closed();
      stream.end();
    });
    stream.on('error', closed);
    stream.on('close', closed);
  }

  private acceptHello(raw: Hello__Output, stream: ReportStream): StreamState {
    const parsed = HelloSchema.safeParse(raw);
    if (!parsed.success) throw new BerthError('INVALID_MESSAGE', `hello is invalid: ${describeIssues(parsed.error)}`);
    const { snapshotSeq, protocol: _protocol, ...identity } = parsed.data;
    // Before anything about the agent is believed: the stream must carry its own credential.
    this.authenticate(identity.agentId, stream.metadata);
    if (versionSkew(identity.version, this.version) === 'incompatible')
      throw new BerthError(
        'FAILED_PRECONDITION',
        `agent ${identity.agentId} runs berth ${identity.version}; this controller runs ${this.version} and works with agents from ${compatibleRange(this.version)}: upgrade the agent (docs/install.md)`,
      );
    const hello: AgentHello = { ...identity, instances: raw.instances.map((i, n) => parseInstance(i, `hello.instances.${n}`)) };
    const now = Date.now();
    const previous = this.store.data.agents[hello.agentId];
    const agent = registerHello(previous, hello, now);
    const strays = findStrays(agent, new Set(Object.keys(this.store.data.instances)));
    this.store.update((s) => {
      s.agents[agent.id] = agent;
    });

    const older = this.streams.get(agent.id);
    if (older && older !== stream) {
      this.log.warn({ agentId: agent.id }, 'agent opened a new report stream; closing the older one');
      older.end();
    }
    this.streams.set(agent.id, stream);
    this.heartbeatDelay.resetAgent(agent.id);
    const restarted = previous !== undefined && previous.sessionId !== hello.sessionId;
    this.log.info(
      { agentId: agent.id, hostname: agent.hostname, instances: hello.instances.length, strays, restarted, wasDown: previous ? !previous.alive : false },
      previous ? 'agent reconnected' : 'agent joined',
    );
    if (strays.length) this.log.warn({ agentId: agent.id, strays }, 'agent runs instances the controller did not start');
    stream.write({ welcome: { controllerVersion: this.version, heartbeatTtlMs: this.heartbeatTtlMs, protocol: PROTOCOL_VERSION } });
    for (const listener of this.helloListeners) listener(agent.id, strays);
    if (previous && !restarted) for (const listener of this.reconnectListeners) listener(agent.id);
    return { agentId: agent.id, snapshotSeq };
  }

  /** How far behind the controller reads heartbeats now (the liveness sweep's grace). */
  heartbeatDelayMs(now: number): number {
    return this.heartbeatDelay.current(now);
  }

  private acceptHeartbeat(agentId: string, sentAtMs: number): void {
    const agent = this.store.data.agents[agentId];
    if (!agent) return;
    this.heartbeatDelay.observe(agentId, sentAtMs, Date.now());
    const wasDown = !agent.alive;
    // Heartbeats change only in memory; they reach the disk with the next real change.
    this.store.data.agents[agentId] = recordHeartbeat(agent, Date.now());
    if (wasDown) {
      this.log.info({ agentId }, 'agent is back');
      this.store.markDirty({ table: 'agents', key: agentId });
    }
  }

  private acceptReport({ agentId, snapshotSeq }: StreamState, report: Report__Output, stream: ReportStream): void {
    // A report older than the hello's snapshot is history: it is delivered, but the registry
    // already holds a newer view of the instance it names.
    const current = Number(report.seq) >= snapshotSeq;
    if (report.body === 'taskResult' && report.taskResult) {
      const r = report.taskResult;
      const status = (TASK_RESULT_STATUSES as readonly string[]).includes(r.status) ? (r.status as TaskResultStatus) : null;
      if (!status || !r.taskId) throw new BerthError('INVALID_MESSAGE', `task result has status "${r.status}" and id "${r.taskId}"`);
      const instance = r.instance ? parseInstance(r.instance, 'taskResult.instance') : null;
      const prepared = r.prepared ? PreparedSchema.safeParse(r.prepared) : null;
      if (prepared && !prepared.success) throw new BerthError('INVALID_MESSAGE', `taskResult.prepared is invalid: ${describeIssues(prepared.error)}`);
      if (instance && current) this.recordInstance(agentId, r.kind === 'remove-instance' ? 'removed' : 'started', instance);
      this.dispatcher.acceptResult({
        taskId: r.taskId,
        kind: r.kind,
        agentId,
        deploymentId: r.deploymentId,
        status,
        errorCode: r.errorCode,
        message: r.message,
        instance,
        durationMs: Number(r.durationMs),
        exitCode: r.exitCode,
        outputTail: r.outputTail.slice(-1000),
        prepared: prepared?.data ?? null,
      });
      this.log.info(
        {
          agentId,
          taskId: r.taskId,
          kind: r.kind,
          deploymentId: r.deploymentId || undefined,
          app: this.store.data.deployments[r.deploymentId]?.app,
          status,
          errorCode: r.errorCode || undefined,
          message: r.message || undefined,
        },
        'task result',
      );
    } else if (report.body === 'instanceEvent' && report.instanceEvent?.instance) {
      const kind = report.instanceEvent.kind as InstanceEventKind;
      if (!INSTANCE_EVENT_KINDS.includes(kind)) throw new BerthError('INVALID_MESSAGE', `unknown instance event "${report.instanceEvent.kind}"`);
      const instance = parseInstance(report.instanceEvent.instance, 'instanceEvent.instance');
      if (current) this.recordInstance(agentId, kind, instance);
      this.log.info(
        {
          agentId,
          instanceId: instance.instanceId,
          event: kind,
          exitCode: kind === 'exited' || kind === 'oom_killed' ? instance.exitCode : undefined,
          history: current ? undefined : true,
        },
        'instance event',
      );
      for (const listener of this.listeners) listener({ agentId, kind, instanceId: instance.instanceId, exitCode: instance.exitCode });
    } else if (report.body === 'output' && report.output) {
      const parsed = OutputSchema.safeParse(report.output);
      if (!parsed.success) throw new BerthError('INVALID_MESSAGE', `output report is invalid: ${describeIssues(parsed.error)}`);
      this.log.debug({ agentId, taskId: parsed.data.taskId, lines: parsed.data.lines.length }, 'task output');
      for (const listener of this.outputListeners) listener({ agentId, ...parsed.data });
    } else {
      throw new BerthError('INVALID_MESSAGE', 'report has no body');
    }
    stream.write({ ack: { seq: report.seq } });
  }

  private recordInstance(agentId: string, kind: InstanceEventKind, instance: InstanceStatus): void {
    const agent = this.store.data.agents[agentId];
    if (!agent) return;
    this.store.update((s) => {
      s.agents[agentId] = applyInstanceEvent(agent, kind, instance);
    });
  }
}
