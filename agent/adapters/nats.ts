/**
 * The agent's NATS adapter: the only agent module that imports the NATS client (@nats-io/transport-node,
 * @nats-io/jetstream). It pulls this agent's tasks from its durable JetStream consumer and
 * acknowledges each one after the handler is done with it, so a task in flight when the agent dies
 * is delivered again (and the task guard and the idempotent Docker steps make that harmless).
 */
import { AuthorizationError, connect, credsAuthenticator, UserAuthenticationExpiredError, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { agentConsumerConfig, agentConsumerName, TASK_ACK_WAIT_MS, TASK_STREAM } from '../../shared/subjects.js';

/** What the handler wants done with the message: acknowledged (done, refused or dropped) or redelivered. */
export type TaskDisposition = 'ack' | 'retry';
export type TaskHandler = (data: Uint8Array, meta: { redelivered: boolean }) => Promise<TaskDisposition>;

export interface AgentNats {
  startConsuming(handler: TaskHandler): void;
  /** Core NATS (no JetStream): for log reads, which live only while someone reads. */
  subscribe(subject: string, onMessage: (data: Uint8Array, reply: string | null) => void): () => void;
  publish(subject: string, data: Uint8Array): void;
  connected(): boolean;
  close(): Promise<void>;
}

/** NATS credentials from the agent's join: a .creds file's text and the inbox prefix it may use. */
export interface AgentNatsAuth {
  creds: string;
  inboxPrefix: string;
}

export async function connectAgentNats(url: string, agentId: string, log: Logger, auth: AgentNatsAuth | null = null): Promise<AgentNats> {
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers: url.split(','),
      name: `berth-agent-${agentId}`,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      timeout: 5000,
      // With authorization this user may read replies only under its own inbox prefix.
      ...(auth ? { authenticator: credsAuthenticator(new TextEncoder().encode(auth.creds)), inboxPrefix: auth.inboxPrefix } : {}),
    });
  } catch (err) {
    // The server answered and refused this user (an unreachable server is a ConnectionError).
    if (err instanceof AuthorizationError || err instanceof UserAuthenticationExpiredError) {
      const why = auth
        ? 'its NATS user was signed with keys this NATS does not trust'
        : 'NATS has authorization (berth controller nats-config) and this agent joined without a NATS user';
      throw new BerthError(
        'UNAUTHENTICATED',
        `NATS at ${url} refused this agent (${errorMessage(err)}): ${why}; delete credentials.json in its --data-dir and join again with a new join token`,
        { url },
      );
    }
    throw new BerthError('NATS_UNAVAILABLE', `cannot reach NATS at ${url} (${errorMessage(err)}): start it with 'nats-server -js' or pass --nats`, { url });
  }
  let isConnected = true;
  let closing = false;
  // The consumer being read now; closing it makes the consume loop start over.
  const current: { messages: ConsumerMessages | null } = { messages: null };

  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        isConnected = false;
        log.warn({ server: status.server }, 'NATS disconnected; reconnecting');
      } else if (status.type === 'reconnect') {
        isConnected = true;
        log.info({ server: status.server }, 'NATS reconnected');
        // The server may have come back without our consumer; start over to re-create it.
        void current.messages?.close();
      }
    }
  })();

  /** The controller owns the stream; until it has made it, this fails and the loop retries. */
  async function ensureConsumer(): Promise<void> {
    const jsm = await jetstreamManager(nc);
    const name = agentConsumerName(agentId);
    try {
      await jsm.consumers.info(TASK_STREAM, name);
    } catch {
      // With NATS authorization this is refused (the controller makes the consumer); the loop retries.
      await jsm.consumers.add(TASK_STREAM, agentConsumerConfig(agentId));
    }
  }

  async function consumeOnce(handler: TaskHandler): Promise<void> {
    await ensureConsumer();
    const consumer = await jetstream(nc).consumers.get(TASK_STREAM, agentConsumerName(agentId));
    // Pulls expire every 10 s (the client's default is 30 s): when the NATS node holding the
    // consumer dies, the missed heartbeats (every half pull) say so and the pull goes again to the
    // new consumer leader within about 10 s instead of 30.
    const messages = await consumer.consume({ max_messages: 32, expires: 10_000 });
    current.messages = messages;
    void (async () => {
      for await (const s of messages.status()) {
        if (s.type === 'consumer_not_found' || s.type === 'stream_not_found' || s.type === 'consumer_deleted') {
          log.warn({ event: s.type }, 'task consumer lost; re-creating it');
          void messages.close();
        }
      }
    })();
    for await (const msg of messages) void handleMessage(msg, handler);
  }

  async function handleMessage(msg: JsMsg, handler: TaskHandler): Promise<void> {
    // Long tasks tell the server they are still at it, so it does not redeliver them meanwhile.
    const keepAlive = setInterval(() => settle(() => msg.working()), TASK_ACK_WAIT_MS / 3);
    let disposition: TaskDisposition = 'retry';
    try {
      disposition = await handler(msg.data, { redelivered: msg.redelivered });
    } catch (err) {
      log.error({ err: errorMessage(err) }, 'task handler failed; the task will be delivered again');
    } finally {
      clearInterval(keepAlive);
    }
    settle(() => (disposition === 'ack' ? msg.ack() : msg.nak(1000)));
  }

  /** ack/nak/working throw once the connection is closing; the server then redelivers, which is safe. */
  function settle(action: () => void): void {
    try {
      action();
    } catch (err) {
      log.debug({ err: errorMessage(err) }, 'could not acknowledge a task message');
    }
  }

  return {
    startConsuming(handler) {
      void (async () => {
        let delay = 250;
        while (!closing && !nc.isClosed()) {
          try {
            await consumeOnce(handler);
            delay = 250;
          } catch (err) {
            if (closing) break;
            log.warn({ err: errorMessage(err), retryInMs: delay }, 'cannot consume tasks; retrying');
            await new Promise((resolve) => setTimeout(resolve, delay));
            delay = Math.min(delay * 2, 5000);
          }
        }
      })();
    },
    subscribe(subject, onMessage) {
      const sub = nc.subscribe(subject, {
        callback: (err, msg) => (err ? log.warn({ subject, err: errorMessage(err) }, 'NATS subscription error') : onMessage(msg.data, msg.reply ?? null)),
      });
      return () => sub.unsubscribe();
    },
    publish(subject, data) {
      // A closed connection throws; a reader that is gone simply gets nothing.
      if (!nc.isClosed()) nc.publish(subject, data);
    },
    connected: () => isConnected && !nc.isClosed(),
    async close() {
      closing = true;
      await current.messages?.close().catch(() => undefined);
      await nc.drain().catch(() => nc.close());
    },
  };
}

/**
 * Connects once, as this agent would (its NATS user when it has one), and disconnects: the server's
 * version, or the connection's error (berth doctor tells refused from unreachable by it).
 */
export async function probeNats(url: string, auth: AgentNatsAuth | null): Promise<{ serverVersion: string }> {
  const nc = await connect({
    servers: url.split(','),
    timeout: 3000,
    reconnect: false,
    ...(auth ? { authenticator: credsAuthenticator(new TextEncoder().encode(auth.creds)), inboxPrefix: auth.inboxPrefix } : {}),
  });
  const serverVersion = nc.info?.version ?? '?';
  await nc.close();
  return { serverVersion };
}
