/**
 * The connection (the maintained @nats-io client) that the state stream (nats-state.ts) and the
 * leader lease (nats-lease.ts) share when the state lives in NATS. Its owner, the composition
 * root, closes it after both.
 */
import { connect, credsAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { BerthError, errorMessage } from '../../shared/errors.js';

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
