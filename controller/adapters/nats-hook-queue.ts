/**
 * Hooks that reach a follower (controllers sharing their state in NATS): each is stored in the
 * JetStream work queue BERTH_HOOKS before the follower answers 202, so no push is lost while the
 * leader changes; the leader takes them in order, decides each as if it had received it, and
 * acknowledges it once the decision is stored. A hook redelivered (a leader that died before its
 * acknowledgement, a git host that sent it twice) is told apart by its delivery id, as always.
 */
import { randomBytes } from 'node:crypto';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { HookRequest } from '../core/hook-event.js';
import { BUSY_RETRY_MS, publishWhileBusy } from './nats-jetstream.js';

export const HOOK_STREAM = 'BERTH_HOOKS';
const HOOK_SUBJECT = 'berth.hooks.queued';
const LEADER_CONSUMER = 'berth-leader';
/** Kept at most this long for a leader to take (a week of no leader at all). */
const HOOK_MAX_AGE_MS = 7 * 24 * 3_600_000;
/** Room in a message for the envelope around the body. */
const ENVELOPE_BYTES = 64 * 1024;

export interface QueuedHook {
  app: string;
  token: string;
  query: string;
  request: HookRequest;
  /** Which controller took it, and when. */
  receivedBy: string;
  receivedAtMs: number;
}

const QueuedHookSchema = z.object({
  app: z.string().max(256),
  token: z.string().max(512),
  query: z.string().max(8192),
  headers: z.record(z.string(), z.string().optional()),
  contentType: z.string().max(1024),
  body: z.string(),
  receivedBy: z.string().max(128),
  receivedAtMs: z.number().int().nonnegative(),
});

export class NatsHookQueue {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  static async open(nc: NatsConnection, replicas: number): Promise<NatsHookQueue> {
    const jsm = await jetstreamManager(nc);
    const config = {
      name: HOOK_STREAM,
      subjects: [HOOK_SUBJECT],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      num_replicas: replicas,
      max_age: nanos(HOOK_MAX_AGE_MS),
    };
    try {
      await jsm.streams.info(HOOK_STREAM);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
      await jsm.streams.add(config);
    }
    return new NatsHookQueue(nc, jetstream(nc), jsm);
  }

  /** The largest body a follower can queue (the servers' max_payload, less the envelope). */
  maxBodyBytes(): number {
    const max = this.nc.info?.max_payload ?? 1024 * 1024;
    // Base64 makes the body a third larger.
    return Math.floor(((max - ENVELOPE_BYTES) * 3) / 4);
  }

  /** Stores the hook in JetStream; resolves once the stream acknowledged it. */
  async enqueue(hook: QueuedHook): Promise<void> {
    const envelope = {
      app: hook.app,
      token: hook.token,
      query: hook.query,
      headers: hook.request.headers,
      contentType: hook.request.contentType,
      body: hook.request.body.toString('base64'),
      receivedBy: hook.receivedBy,
      receivedAtMs: hook.receivedAtMs,
    };
    // Sent again while JetStream is busy (a node lost: its streams move), with the same id, so a
    // hook whose answer was lost is stored once; within GitHub's 10 s for an answer.
    const msgID = randomBytes(12).toString('hex');
    await publishWhileBusy(() => this.js.publish(HOOK_SUBJECT, JSON.stringify(envelope), { msgID, timeout: 2000 }), { forMs: BUSY_RETRY_MS, pauseMs: 250 });
  }

  /**
   * The leader takes queued hooks in order: `decide` stores the decision; the hook is acknowledged
   * once it resolves, and offered again (to this or the next leader) when it throws. Returns stop.
   * `ackWaitMs`: how long a hook handed to a leader waits for its decision before the next leader
   * gets it: a leader paused or cut off holds the hooks already sent to it until then (the lease
   * suits: by then another leads).
   */
  async consume(decide: (hook: QueuedHook) => Promise<void>, log: Logger, ackWaitMs: number): Promise<() => void> {
    const config = { ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ack_wait: nanos(ackWaitMs) };
    await this.jsm.consumers.add(HOOK_STREAM, { durable_name: LEADER_CONSUMER, ...config }).catch(async (err: unknown) => {
      if (!(err instanceof JetStreamApiError)) throw err;
      // Made before with another ack wait (another --lease): this one's from now on.
      await this.jsm.consumers.update(HOOK_STREAM, LEADER_CONSUMER, { ack_wait: config.ack_wait }).catch(() => undefined);
    });
    const consumer = await this.js.consumers.get(HOOK_STREAM, LEADER_CONSUMER);
    // Pulls expire every 10 s, not 30: after a NATS node is lost the queue is read again sooner.
    const messages = await consumer.consume({ max_messages: 64, expires: 10_000 });
    void (async () => {
      for await (const m of messages) {
        let hook: QueuedHook;
        try {
          const raw = QueuedHookSchema.parse(m.json());
          hook = {
            app: raw.app,
            token: raw.token,
            query: raw.query,
            request: { headers: raw.headers, contentType: raw.contentType, body: Buffer.from(raw.body, 'base64') },
            receivedBy: raw.receivedBy,
            receivedAtMs: raw.receivedAtMs,
          };
        } catch (err) {
          // Not a hook a follower wrote: dropped, it would never parse.
          log.warn({ seq: m.seq, err: errorMessage(err) }, 'dropped a malformed queued hook');
          m.term();
          continue;
        }
        try {
          // Deciding now: the ack wait starts again, so a slow store write is not mistaken for a lost leader.
          m.working();
          await decide(hook);
          m.ack();
        } catch (err) {
          log.warn({ app: hook.app, err: errorMessage(err) }, 'cannot decide a queued hook yet; it is offered again');
          m.nak(1000);
        }
      }
    })();
    return () => {
      void messages.close();
    };
  }
}

/** The answer a follower gives once a hook is queued. */
export function queuedAnswer(controllerId: string): { status: number; body: Record<string, unknown> } {
  return {
    status: 202,
    body: {
      decision: 'queued',
      reason: `controller ${controllerId} follows: the hook is stored in ${HOOK_STREAM} and the leader decides it ('berth hooks log APP' shows the decision)`,
    },
  };
}
