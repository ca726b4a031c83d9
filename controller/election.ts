/**
 * With `--state-store nats` several controllers share one state and one of them leads. A
 * controller first waits as a follower until it holds the leader lease (pipeline/leadership.ts),
 * answering /healthz meanwhile with who leads and queueing the hooks it receives for the leader
 * (adapters/nats-hook-queue.ts); then it opens the state stream, whose every write
 * (like every task and routes file) asks whether it still leads. What follows, loading the state
 * and carrying on every deployment from its phase, is a controller start like any other.
 */
import type { Server } from 'node:http';
import type { NatsConnection } from '@nats-io/transport-node';
import { formatHostPort } from '../shared/address.js';
import type { Logger } from '../shared/logger.js';
import { BERTH_VERSION } from '../shared/version.js';
import { connectJetStream, whileJetStreamSettles } from './adapters/nats-jetstream.js';
import { NatsLease } from './adapters/nats-lease.js';
import { NatsHookQueue, queuedAnswer } from './adapters/nats-hook-queue.js';
import { NatsStateStream } from './adapters/nats-state.js';
import { startHttpServer, type HttpHandlers } from './api/http-server.js';
import type { ControllerConfig } from './config.js';
import { Leadership } from './pipeline/leadership.js';

export interface Election {
  connection: NatsConnection;
  leadership: Leadership;
  stream: NatsStateStream;
  term: number;
  /** Hooks followers received, for the leader to decide. */
  hooks: NatsHookQueue;
  /** The HTTP server it followed on, still listening: the leader's handlers take it over. */
  http: { server: Server; use(handlers: HttpHandlers): void };
}

export async function winElection(config: ControllerConfig, creds: string | null, log: Logger): Promise<Election> {
  const connection = await connectJetStream({ url: config.natsUrl, creds }, `berth-controller-${config.controllerId}`);
  let leadership: Leadership | null = null;
  try {
    const lease = await whileJetStreamSettles('the leader lease', () => NatsLease.open(connection, config.leaseMs, config.stateReplicas), log);
    leadership = new Leadership(
      lease,
      { holder: config.controllerId, grpcAddress: formatHostPort(config.grpcAddr), httpAddress: formatHostPort(config.httpAddr) },
      log,
    );
    const hooks = await whileJetStreamSettles('the hook queue', () => NatsHookQueue.open(connection, config.stateReplicas), log);
    // One server from the start: while this controller becomes the leader (loads the state,
    // carries deployments on) it goes on queueing hooks, and nothing is refused in between.
    let handlers = followerHandlers(config, leadership, hooks);
    const server = await startHttpServer(config.httpAddr, () => handlers, log);
    log.info({ http: formatHostPort(config.httpAddr) }, 'following: waiting for the leader lease');
    let term: number;
    try {
      term = await leadership.elected();
    } catch (err) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      throw err;
    }
    // Renewed from now on: loading the state and carrying deployments on may take longer than a lease.
    leadership.keep();
    const stream = await whileJetStreamSettles('the state stream', () => NatsStateStream.open(connection, config.stateReplicas), log);
    const leading = leadership;
    stream.guardWrites(() => leading.assertLeading());
    return {
      connection,
      leadership,
      stream,
      term,
      hooks,
      http: {
        server,
        use: (leaderHandlers) => {
          handlers = leaderHandlers;
        },
      },
    };
  } catch (err) {
    await leadership?.stop().catch(() => undefined);
    await connection.close().catch(() => undefined);
    throw err;
  }
}

/**
 * A follower's HTTP address: /healthz says it follows and who leads; a hook is stored in the
 * JetStream work queue for the leader and answered 202; /traefik/dynamic is the leader's.
 */
function followerHandlers(config: ControllerConfig, leadership: Leadership, hooks: NatsHookQueue): HttpHandlers {
  return {
    healthReport: () => ({
      status: 'ok',
      version: BERTH_VERSION,
      nats: 'connected',
      store: 'ok',
      agents: { ready: 0, down: 0, draining: 0, total: 0, connected: 0 },
      role: 'follower',
      controllerId: config.controllerId,
      leader: leadership.leader(),
    }),
    traefikDynamic: () => null,
    traefikToken: config.traefikToken,
    hook: (app, token, query, request) =>
      hooks
        .enqueue({ app, token, query: query.toString(), request, receivedBy: config.controllerId, receivedAtMs: Date.now() })
        .then(() => queuedAnswer(config.controllerId)),
    hookBodyLimit: Math.min(config.hookBodyLimitBytes, hooks.maxBodyBytes()),
    metrics: async () => ({
      contentType: 'text/plain; version=0.0.4; charset=utf-8',
      text: '# HELP berth_controller_leading 1 when this controller leads.\n# TYPE berth_controller_leading gauge\nberth_controller_leading 0\n',
    }),
  };
}
