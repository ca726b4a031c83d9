/**
 * The agent's one long-lived report stream to the controller. Each (re)connect opens a new
 * Connect call that starts with a fresh Hello; reports are numbered and kept until the controller
 * acknowledges them, so reports made while the controller is unreachable are sent after the
 * reconnect and none is lost.
 */
import * as grpc from '@grpc/grpc-js';
import type { ConnectRequest } from '../../proto/gen/berth/v1/ConnectRequest.js';
import type { ConnectResponse__Output } from '../../proto/gen/berth/v1/ConnectResponse.js';
import type { Hello } from '../../proto/gen/berth/v1/Hello.js';
import type { Report } from '../../proto/gen/berth/v1/Report.js';
import type { AgentServiceClient } from '../../proto/gen/berth/v1/AgentService.js';
import { loadBerthProto } from '../../proto/load.js';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { AGENT_RECONNECT_MAX_BACKOFF_MS } from '../../shared/agent.js';
import type { Logger } from '../../shared/logger.js';

export type ReportBody = Pick<Report, 'taskResult' | 'instanceEvent' | 'output'>;

export interface ReportStreamOptions {
  /** The controller's host:port, or several comma-separated (controllers of which one leads). */
  address: string;
  /** TLS to the controller: null plaintext; ca null: the system's CAs; else that CA's PEM. */
  tls?: { ca: Buffer | null } | null;
  heartbeatMs: number;
  /** The agent's own credential (from Join), sent as `authorization: Bearer SECRET`. */
  secret: string;
  hello: () => Promise<Hello>;
  runningInstances: () => number;
  log: Logger;
  /** Reports kept for resending at most; the oldest are dropped past it (and logged). */
  maxBuffered?: number;
  /** Keystrokes and window sizes for an interactive one-off's terminal. */
  onTtyInput?: (input: { oneOffId: string; data: Buffer; rows: number; cols: number }) => void;
}

type Call = grpc.ClientDuplexStream<ConnectRequest, ConnectResponse__Output>;

export class ReportStream {
  private readonly addresses: string[];
  /** The address connected to or tried now; a broken or refused stream moves on to the next. */
  private current = 0;
  private readonly clients = new Map<string, AgentServiceClient>();
  private readonly pending: Report[] = [];
  private nextSeq = 1;
  private call: Call | null = null;
  private welcomed = false;
  private closed = false;
  private backoffMs = 250;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private firstWelcome: { resolve: () => void; reject: (err: Error) => void } | null = null;

  constructor(private readonly options: ReportStreamOptions) {
    this.addresses = options.address
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (this.addresses.length === 0) throw new BerthError('INVALID_CONFIG', '--controller: no address given');
  }

  /** The controller address in use now. */
  get address(): string {
    return this.addresses[this.current] as string;
  }

  private client(): AgentServiceClient {
    const address = this.address;
    let client = this.clients.get(address);
    if (!client) {
      const proto = loadBerthProto();
      const credentials = this.options.tls ? grpc.credentials.createSsl(this.options.tls.ca) : grpc.credentials.createInsecure();
      client = new proto.berth.v1.AgentService(address, credentials, {
        'grpc.keepalive_time_ms': 20_000,
        'grpc.keepalive_timeout_ms': 10_000,
        'grpc.keepalive_permit_without_calls': 1,
        // Reconnects are paced by this class; keep grpc's own backoff short so it follows.
        'grpc.initial_reconnect_backoff_ms': 250,
        'grpc.max_reconnect_backoff_ms': AGENT_RECONNECT_MAX_BACKOFF_MS,
      });
      this.clients.set(address, client);
    }
    return client;
  }

  /** Opens the stream; rejects with CONTROLLER_UNAVAILABLE when no welcome arrives in time. */
  async start(timeoutMs = 10_000): Promise<void> {
    const welcomed = new Promise<void>((resolve, reject) => {
      this.firstWelcome = { resolve, reject };
    });
    const timer = setTimeout(() => {
      this.firstWelcome?.reject(
        new BerthError(
          'CONTROLLER_UNAVAILABLE',
          `cannot reach the controller at ${this.addresses.join(', ')} within ${timeoutMs} ms: start it with 'berth controller' or pass --controller`,
          {
            address: this.options.address,
          },
        ),
      );
    }, timeoutMs);
    void this.open();
    try {
      await welcomed;
    } finally {
      clearTimeout(timer);
      this.firstWelcome = null;
    }
    this.heartbeatTimer = setInterval(() => this.sendHeartbeat(), this.options.heartbeatMs);
  }

  isConnected(): boolean {
    return this.welcomed;
  }

  /** Tells the controller this agent is stopping cleanly (it will be back): sent when connected. */
  goodbye(reason: string): void {
    if (this.welcomed) this.call?.write({ goodbye: { reason } });
  }

  /** What an interactive one-off's terminal wrote: sent now if connected, else dropped (not resent). */
  sendTty(oneOffId: string, data: Buffer): void {
    if (this.welcomed) this.call?.write({ ttyOutput: { oneOffId, data } });
  }

  /** Queues a report; it is sent now if connected, else after the reconnect. */
  report(body: ReportBody): void {
    const report: Report = { seq: this.nextSeq++, atMs: Date.now(), ...body };
    this.pending.push(report);
    const max = this.options.maxBuffered ?? 50_000;
    if (this.pending.length > max) {
      const dropped = this.pending.splice(0, this.pending.length - max);
      this.options.log.error({ dropped: dropped.length }, 'report buffer full; oldest reports dropped');
    }
    if (this.welcomed) this.call?.write({ report });
  }

  close(): void {
    this.closed = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.call?.end();
    this.call = null;
    for (const client of this.clients.values()) client.close();
  }

  private async open(): Promise<void> {
    if (this.closed) return;
    // Every buffered report is resent after the hello, none is dropped; the hello says which of
    // them are older than its own snapshot of the instances, so they cannot roll that view back.
    const snapshotSeq = this.nextSeq;
    let hello: Hello;
    try {
      hello = { ...(await this.options.hello()), snapshotSeq };
    } catch (err) {
      this.options.log.warn({ err: errorMessage(err) }, 'cannot build hello; retrying');
      this.scheduleReconnect();
      return;
    }
    if (this.closed) return;
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${this.options.secret}`);
    const call: Call = this.client().Connect(metadata);
    this.call = call;
    this.welcomed = false;
    call.on('data', (message: ConnectResponse__Output) => this.onMessage(call, message));
    call.on('error', (err) => this.onBroken(call, err));
    call.on('end', () => this.onBroken(call, new Error('controller ended the stream')));
    call.write({ hello });
  }

  private onMessage(call: Call, message: ConnectResponse__Output): void {
    if (call !== this.call) return;
    if (message.body === 'welcome') {
      this.welcomed = true;
      this.backoffMs = 250;
      this.options.log.info(
        { controller: this.address, controllerVersion: message.welcome?.controllerVersion, resending: this.pending.length },
        'connected to controller',
      );
      for (const report of this.pending) call.write({ report });
      this.firstWelcome?.resolve();
    } else if (message.body === 'ttyInput' && message.ttyInput) {
      const { oneOffId, data, rows, cols } = message.ttyInput;
      this.options.onTtyInput?.({ oneOffId, data: Buffer.from(data), rows, cols });
    } else if (message.body === 'ack' && message.ack) {
      const seq = Number(message.ack.seq);
      // Acks arrive in order; drop everything up to the acknowledged number.
      let drop = 0;
      while (drop < this.pending.length && Number(this.pending[drop]?.seq) <= seq) drop++;
      if (drop) this.pending.splice(0, drop);
    }
  }

  private onBroken(call: Call, err: Error): void {
    if (call !== this.call) return;
    this.call = null;
    const wasWelcomed = this.welcomed;
    this.welcomed = false;
    if (this.closed) return;
    const code = (err as grpc.ServiceError).code;
    // A controller too far from this agent's version: refused (ours too old), or it does not serve
    // this agent's service at all (it is older than 0.2). At start, the error the agent exits with.
    if (code === grpc.status.FAILED_PRECONDITION || code === grpc.status.UNIMPLEMENTED) {
      const refused = new BerthError(
        'FAILED_PRECONDITION',
        code === grpc.status.UNIMPLEMENTED
          ? `the controller at ${this.address} does not speak this agent's protocol (it serves no berth.v1.AgentService): it runs an older Berth; upgrade the controller first (docs/install.md)`
          : `the controller refused this agent: ${(err as grpc.ServiceError).details}`,
      );
      if (this.firstWelcome) {
        this.firstWelcome.reject(refused);
        return;
      }
      this.options.log.error({ err: refused.message }, 'the controller does not work with this agent; retrying');
    }
    if (code === grpc.status.UNAUTHENTICATED) {
      // Refused (removed, or credentials from another controller): at start that is the error the
      // agent exits with; later it is retried (a controller restored from a backup knows it again).
      const refused = new BerthError('UNAUTHENTICATED', `the controller refused this agent: ${(err as grpc.ServiceError).details}`);
      if (this.firstWelcome) {
        this.firstWelcome.reject(refused);
        return;
      }
      this.options.log.error({ err: refused.message }, 'the controller refused this agent; retrying');
    }
    if (wasWelcomed) this.options.log.warn({ controller: this.address, err: errorMessage(err) }, 'lost the controller; reconnecting');
    // With several controllers, the next one is tried at once: the leader may have moved there.
    // The backoff grows only once every address was tried.
    if (this.addresses.length > 1) {
      this.current = (this.current + 1) % this.addresses.length;
      if (this.current !== 0) {
        this.scheduleReconnect(50);
        return;
      }
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(delayMs?: number): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = delayMs ?? this.backoffMs + Math.floor(Math.random() * 100);
    if (delayMs === undefined) this.backoffMs = Math.min(this.backoffMs * 2, AGENT_RECONNECT_MAX_BACKOFF_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.open();
    }, delay);
  }

  private sendHeartbeat(): void {
    if (!this.welcomed || !this.call) return;
    this.call.write({ heartbeat: { sentAtMs: Date.now(), runningInstances: this.options.runningInstances() } });
  }
}
