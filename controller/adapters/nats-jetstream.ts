/**
 * The connection (the maintained @nats-io client) that the state stream (nats-state.ts) and the
 * leader lease (nats-lease.ts) share when the state lives in NATS. Its owner, the composition
 * root, closes it after both.
 */
import { JetStreamApiError } from '@nats-io/jetstream';
import { connect, credsAuthenticator, NoRespondersError, RequestError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

export interface JetStreamOptions {
  /** One URL, or several comma-separated (the nodes of a cluster). */
  url: string;
  /** The controller's NATS user (a .creds file's text) when NATS has authorization. */
  creds: string | null;
}

export async function connectJetStream(options: JetStreamOptions, name: string): Promise<NatsConnection> {
  try {
    return await connect({
      servers: options.url.split(','),
      name,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      timeout: 5000,
      ...(options.creds ? { authenticator: credsAuthenticator(new TextEncoder().encode(options.creds)) } : {}),
    });
  } catch (err) {
    throw new BerthError('NATS_UNAVAILABLE', `cannot reach NATS at ${options.url} (${errorMessage(err)})`, { url: options.url });
  }
}

/**
 * A JetStream write that failed for now and is worth sending again with the same message id: no
 * answer in time, or nobody answering the stream's subject while its cluster moves the stream's
 * leader after a node was lost (the client then says "jetstream is not enabled"), or JetStream
 * saying it is unavailable (503).
 */
function isJetStreamBusy(err: unknown): boolean {
  if (err instanceof JetStreamApiError) return err.status === 503;
  // JetStreamNotEnabled is not among the package's exports: known by its name.
  const notEnabled = err instanceof Error && err.name === 'JetStreamNotEnabled';
  return notEnabled || err instanceof TimeoutError || err instanceof NoRespondersError || err instanceof RequestError;
}

/** How long a write that must not be lost (a hook, a state write) is tried again while JetStream is busy. */
export const BUSY_RETRY_MS = 8000;

/**
 * Sends a JetStream write again while JetStream is busy (isJetStreamBusy), for up to `forMs`,
 * `pauseMs` apart; `beforeRetry` may refuse a retry by throwing. The caller sends the same
 * message id each time, so a write that landed though its answer was lost is stored once.
 */
export async function publishWhileBusy<T>(publish: () => Promise<T>, options: { forMs: number; pauseMs: number; beforeRetry?: () => void }): Promise<T> {
  const until = Date.now() + options.forMs;
  for (;;) {
    try {
      return await publish();
    } catch (err) {
      if (!isJetStreamBusy(err) || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, options.pauseMs));
      options.beforeRetry?.();
    }
  }
}

/**
 * Runs a JetStream set-up step (a stream, a bucket) again while JetStream does not answer yet: a
 * cluster that just started, or lost a node, has no meta leader for a moment ('no responders').
 * An error JetStream itself answered with (a bad configuration) is final at once.
 */
export async function whileJetStreamSettles<T>(what: string, step: () => Promise<T>, log: Logger, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (!isUnanswered(err) || Date.now() > until) throw err;
      if (attempt === 1) log.warn({ err: errorMessage(err) }, `JetStream does not answer yet; trying ${what} again`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** JetStream did not answer (as opposed to answering with an error, which is final). */
function isUnanswered(err: unknown): boolean {
  if (err instanceof BerthError) return err.code === 'NATS_UNAVAILABLE' && !(err.cause instanceof JetStreamApiError);
  return !(err instanceof JetStreamApiError);
}
