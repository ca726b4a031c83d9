/**
 * The controller's NATS adapter for tasks and log reads (@nats-io/transport-node, @nats-io/jetstream);
 * the only other controller modules that import the NATS client are the state store's, when the state
 * lives in NATS (nats-jetstream.ts, nats-state.ts, nats-lease.ts). It owns the task stream and
 * publishes tasks into it; publishing is retried until the task's deadline so that a NATS restart
 * delays a task instead of losing it, and the task id as Nats-Msg-Id makes the server drop a retry
 * whose first attempt did land.
 */
import { connect, createInbox, credsAuthenticator, nanos, RequestError, type NatsConnection } from '@nats-io/transport-node';
import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
} from '@nats-io/jetstream';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { agentConsumerConfig, agentConsumerName, TASK_DUPLICATE_WINDOW_MS, TASK_STREAM, TASK_STREAM_MAX_AGE_MS, TASK_SUBJECTS } from '../../shared/subjects.js';

export interface NatsAdapter {
  publishTask(subject: string, taskId: string, payload: Uint8Array, deadlineMs: number): Promise<void>;
  /** Each time the connection to NATS is re-established (after the task stream is made sure of). */
  onReconnect(listener: () => void): void;
  /** Makes the agent's durable task consumer unless it exists (agents may not, under NATS authorization). */
  ensureAgentConsumer(agentId: string): Promise<void>;
  /**
   * Core NATS request with a streamed reply (log reads, shared/logs.ts): publishes `payload` to
   * `subject` with a fresh inbox as reply, hands every reply message to onMessage, and publishes
   * INBOX.alive every aliveMs until the returned stop(), which publishes INBOX.stop.
   */
  streamRequest(subject: string, payload: Uint8Array, aliveMs: number, onMessage: (data: Uint8Array) => void): () => void;
  connected(): boolean;
  close(): Promise<void>;
}

/**
 * `creds`: the controller's NATS user (a .creds file's text) when NATS has authorization;
 * `replicas`: the task stream's (3 on a three-node cluster, so tasks survive a node).
 */
export async function connectNats(url: string, log: Logger, creds: string | null = null, replicas = 1): Promise<NatsAdapter> {
  const name = 'berth-controller';
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: url.split(','),
      name,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      timeout: 5000,
      ...(creds ? { authenticator: credsAuthenticator(new TextEncoder().encode(creds)) } : {}),
    });
  } catch (err) {
    throw new BerthError('NATS_UNAVAILABLE', `cannot reach NATS at ${url} (${errorMessage(err)}): start it with 'nats-server -js' or pass --nats`, { url });
  }
  let isConnected = true;
  const reconnectListeners: Array<() => void> = [];
  const js = jetstream(nc);
  await ensureTaskStream(nc, replicas);

  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        isConnected = false;
        log.warn({ server: status.server }, 'NATS disconnected; reconnecting');
      } else if (status.type === 'reconnect') {
        isConnected = true;
        log.info({ server: status.server }, 'NATS reconnected');
        // A server restarted without its store has lost the stream; listeners run once it is back.
        ensureTaskStream(nc, replicas)
          .catch((err) => log.error({ err: errorMessage(err) }, 'cannot re-create the task stream'))
          .finally(() => {
            for (const listener of reconnectListeners) listener();
          });
      }
    }
  })();

  return {
    publishTask: (subject, taskId, payload, deadlineMs) => publishUntilDeadline(js, nc, subject, taskId, payload, deadlineMs, log, replicas),
    streamRequest(subject, payload, aliveMs, onMessage) {
      const inbox = createInbox();
      const sub = nc.subscribe(inbox, {
        callback: (err, msg) => (err ? log.warn({ subject, err: errorMessage(err) }, 'NATS reply subscription error') : onMessage(msg.data)),
      });
      // A closed connection throws on publish; a read that cannot be sent simply gets no answer.
      const publishQuietly = (to: string, data?: Uint8Array, reply?: string) => {
        if (!nc.isClosed()) nc.publish(to, data, reply ? { reply } : undefined);
      };
      const alive = setInterval(() => publishQuietly(`${inbox}.alive`), aliveMs);
      publishQuietly(subject, payload, inbox);
      return () => {
        clearInterval(alive);
        publishQuietly(`${inbox}.stop`);
        sub.unsubscribe();
      };
    },
    onReconnect: (listener) => reconnectListeners.push(listener),
    async ensureAgentConsumer(agentId) {
      const jsm = await jetstreamManager(nc);
      try {
        await jsm.consumers.info(TASK_STREAM, agentConsumerName(agentId));
      } catch {
        await jsm.consumers.add(TASK_STREAM, agentConsumerConfig(agentId));
      }
    },
    connected: () => isConnected && !nc.isClosed(),
    close: async () => {
      await nc.drain().catch(() => nc.close());
    },
  };
}

/** JetStream's error code for a stream made before with another configuration (JetStreamApiCodes does not name it). */
const STREAM_NAME_IN_USE = 10058;

/** Makes the task stream, or gives an existing one `replicas` (a stream made on one server grows with its cluster). */
export async function ensureTaskStream(nc: NatsConnection, replicas = 1): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const config = {
    name: TASK_STREAM,
    subjects: [TASK_SUBJECTS],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(TASK_STREAM_MAX_AGE_MS),
    duplicate_window: nanos(TASK_DUPLICATE_WINDOW_MS),
    num_replicas: replicas,
  };
  let existing: Awaited<ReturnType<typeof jsm.streams.info>> | null = null;
  try {
    existing = await jsm.streams.info(TASK_STREAM);
  } catch {
    try {
      await jsm.streams.add(config);
    } catch (err) {
      // Another process (an agent or a second controller) created it in between.
      if (!(err instanceof JetStreamApiError && err.code === STREAM_NAME_IN_USE)) throw err;
    }
  }
  if (existing && existing.config.num_replicas < replicas) await jsm.streams.update(TASK_STREAM, { ...existing.config, num_replicas: replicas });
}

async function publishUntilDeadline(
  js: JetStreamClient,
  nc: NatsConnection,
  subject: string,
  taskId: string,
  payload: Uint8Array,
  deadlineMs: number,
  log: Logger,
  replicas: number,
): Promise<void> {
  let delay = 200;
  for (let attempt = 1; ; attempt++) {
    try {
      await js.publish(subject, payload, { msgID: taskId, timeout: 5000 });
      return;
    } catch (err) {
      if (Date.now() + delay >= deadlineMs) {
        throw new BerthError('NATS_UNAVAILABLE', `task ${taskId} could not be published before its deadline: ${errorMessage(err)}`, { taskId });
      }
      log.warn({ taskId, attempt, err: errorMessage(err) }, 'task publish failed; retrying');
      if (isStreamMissing(err)) await ensureTaskStream(nc, replicas).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
}

/**
 * A publish nothing took (no stream listens on the subject: the client reports that as "jetstream is
 * not enabled", with the core no-responders error as its cause), or a stream the server lost.
 */
function isStreamMissing(err: unknown): boolean {
  if (err instanceof JetStreamApiError) return err.code === JetStreamApiCodes.StreamNotFound;
  if (err instanceof RequestError) return err.isNoResponders();
  return err instanceof Error && err.cause !== undefined && isStreamMissing(err.cause);
}
