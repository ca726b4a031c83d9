/**
 * With `--state-store nats` several controllers share one state and one of them leads. A
 * controller first waits as a follower until it holds the leader lease (pipeline/leadership.ts),
 * answering /healthz meanwhile with who leads; then it opens the state stream, whose every write
 * (like every task and routes file) asks whether it still leads. What follows, loading the state
 * and carrying on every deployment from its phase, is a controller start like any other.
 */
import { createServer, type Server } from 'node:http';
import type { NatsConnection } from '@nats-io/transport-node';
import { formatHostPort } from '../shared/address.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { BERTH_VERSION } from '../shared/version.js';
import { connectJetStream } from './adapters/nats-jetstream.js';
import { NatsLease } from './adapters/nats-lease.js';
import { NatsStateStream } from './adapters/nats-state.js';
import type { ControllerConfig } from './config.js';
import { Leadership } from './pipeline/leadership.js';

export interface Election {
  connection: NatsConnection;
  leadership: Leadership;
  stream: NatsStateStream;
  term: number;
}

export async function winElection(config: ControllerConfig, creds: string | null, log: Logger): Promise<Election> {
  const connection = await connectJetStream({ url: config.natsUrl, creds }, `berth-controller-${config.controllerId}`);
  let leadership: Leadership | null = null;
  try {
    const lease = await NatsLease.open(connection, config.leaseMs, config.stateReplicas);
    leadership = new Leadership(
      lease,
      { holder: config.controllerId, grpcAddress: formatHostPort(config.grpcAddr), httpAddress: formatHostPort(config.httpAddr) },
      log,
    );
    const standby = await serveStandby(config, lease, log);
    let term: number;
    try {
      term = await leadership.elected();
    } finally {
      await new Promise<void>((resolve) => {
        standby.close(() => resolve());
        standby.closeAllConnections();
      });
    }
    // Renewed from now on: loading the state and carrying deployments on may take longer than a lease.
    leadership.keep();
    const stream = await NatsStateStream.open(connection, config.stateReplicas);
    const leading = leadership;
    stream.guardWrites(() => leading.assertLeading());
    return { connection, leadership, stream, term };
  } catch (err) {
    await leadership?.stop().catch(() => undefined);
    await connection.close().catch(() => undefined);
    throw err;
  }
}

/** A follower's HTTP address: /healthz says it follows and who leads; anything else is for the leader. */
async function serveStandby(config: ControllerConfig, lease: NatsLease, log: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    void lease.holder().then(
      (leader) => {
        const path = (req.url ?? '/').split('?')[0];
        const body =
          path === '/healthz'
            ? { status: 'ok', version: BERTH_VERSION, role: 'follower', controllerId: config.controllerId, leader: leader ?? null }
            : {
                error: {
                  code: 'NOT_LEADER',
                  message: `controller ${config.controllerId} follows; ${leader ? `${leader.holder} leads (HTTP ${leader.httpAddress})` : 'no controller leads right now'}`,
                },
              };
        res.writeHead(path === '/healthz' ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (err: unknown) => {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NATS_UNAVAILABLE', message: errorMessage(err) } }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.httpAddr.port, config.httpAddr.host, () => resolve());
  });
  log.info({ http: formatHostPort(config.httpAddr) }, 'following: waiting for the leader lease');
  return server;
}
