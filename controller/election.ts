/**
 * With `--state-store nats` several controllers share one state and one of them leads. A
 * controller first follows until it holds the leader lease (pipeline/leadership.ts), serving
 * meanwhile on its own addresses: the admin API's read side (over gRPC and the dashboard),
 * /traefik/dynamic and /metrics from a copy of the state kept current from NATS
 * (state/mirror-backend.ts); /healthz saying who leads;
 * hooks queued for the leader (adapters/nats-hook-queue.ts); every other admin call and agent
 * answered NOT_LEADER with the leader's address. Once elected it drops the copy and opens the
 * state stream as its writer, whose every write (like every task and routes file) asks whether
 * it still leads. What follows, loading the state and carrying every deployment on from its
 * phase, is a controller start like any other; its handlers then take over both servers.
 */
import type { Server } from 'node:http';
import type * as grpc from '@grpc/grpc-js';
import type { NatsConnection } from '@nats-io/transport-node';
import { formatHostPort } from '../shared/address.js';
import type { Logger } from '../shared/logger.js';
import { BERTH_VERSION } from '../shared/version.js';
import { keepSharedAdminToken } from './adapters/admin-token.js';
import { startGrpcServer, stopGrpcServer, type GrpcServices, type GrpcTls } from './adapters/grpc-server.js';
import { Metrics } from './adapters/metrics.js';
import { connectJetStream, whileJetStreamSettles } from './adapters/nats-jetstream.js';
import { NatsLease } from './adapters/nats-lease.js';
import { NatsHookQueue, queuedAnswer } from './adapters/nats-hook-queue.js';
import { NatsStateStream } from './adapters/nats-state.js';
import { tailStateStream } from './adapters/nats-state-tail.js';
import type { AdminServiceHandlers } from '../proto/gen/berth/v1/AdminService.js';
import { createFollowerAdminHandlers, followerAuthenticator, notLeader } from './api/follower-admin.js';
import { toGrpcError } from './api/grpc-status.js';
import { createHealthHandlers } from './api/health-service.js';
import { startHttpServer, type HttpHandlers } from './api/http-server.js';
import { loadUiAssets } from './api/ui-assets.js';
import type { ControllerConfig } from './config.js';
import { Leadership } from './pipeline/leadership.js';
import { Router, routerOptions } from './pipeline/router.js';
import { UiSessions } from './pipeline/ui-sessions.js';
import { Store } from './state/store.js';

export interface Election {
  connection: NatsConnection;
  leadership: Leadership;
  stream: NatsStateStream;
  term: number;
  /** Hooks followers received, for the leader to decide. */
  hooks: NatsHookQueue;
  /** The servers it followed on, still listening: the leader's handlers take them over. */
  http: { server: Server; use(handlers: HttpHandlers): void };
  grpc: { server: grpc.Server; port: number; use(services: GrpcServices): void };
  /** The dashboard's sessions opened while following: the leader keeps them (it swaps their authenticate). */
  uiSessions: UiSessions;
}

export async function winElection(config: ControllerConfig, creds: string | null, tls: GrpcTls, log: Logger): Promise<Election> {
  const connection = await connectJetStream({ url: config.natsUrl, creds }, `berth-controller-${config.controllerId}`);
  let leadership: Leadership | null = null;
  let copy: Store | null = null;
  let httpServer: Server | null = null;
  let grpcServer: grpc.Server | null = null;
  try {
    const lease = await whileJetStreamSettles('the leader lease', () => NatsLease.open(connection, config.leaseMs, config.stateReplicas), log);
    const following = new Leadership(
      lease,
      {
        holder: config.controllerId,
        grpcAddress: formatHostPort(config.grpcAddr),
        httpAddress: formatHostPort(config.httpAddr),
        ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      },
      log,
    );
    leadership = following;
    const hooks = await whileJetStreamSettles('the hook queue', () => NatsHookQueue.open(connection, config.stateReplicas), log);
    const stream = await whileJetStreamSettles('the state stream', () => NatsStateStream.open(connection, config.stateReplicas, config.controllerId), log);
    const state = await Store.openMirror(stream, (afterSeq, onWrite) => tailStateStream(connection, afterSeq, onWrite, log));
    copy = state;
    // So `berth controller token` prints the shared admin token here before this one ever leads.
    const sharedToken = state.data.cluster.adminToken;
    if (sharedToken) await keepSharedAdminToken(sharedToken, config.dataDir);
    // One set of admin handlers for the gRPC port and the dashboard's gateway.
    const auth = followerAuthenticator(state);
    const admin = createFollowerAdminHandlers(state, auth, log, () => following.leader());
    const uiSessions = new UiSessions((token) => auth.authenticate(token));
    // One server of each from the start: while this controller becomes the leader (loads the
    // state, carries deployments on) it goes on answering, and nothing is refused in between.
    let httpHandlers = followerHttpHandlers(config, following, hooks, state, admin, uiSessions);
    let grpcServices = followerGrpcServices(following, admin);
    // gRPC first: once /healthz answers, the admin API does too.
    const grpcStarted = await startGrpcServer(config.grpcAddr, () => grpcServices, tls);
    grpcServer = grpcStarted.server;
    httpServer = await startHttpServer(config.httpAddr, () => httpHandlers, log);
    log.info({ http: formatHostPort(config.httpAddr), grpcPort: grpcStarted.port }, 'following: waiting for the leader lease');
    const term = await following.elected();
    // Renewed from now on: loading the state and carrying deployments on may take longer than a lease.
    following.keep();
    await state.close();
    copy = null;
    stream.guardWrites(() => following.assertLeading());
    const server = httpServer;
    return {
      connection,
      leadership: following,
      stream,
      term,
      hooks,
      uiSessions,
      http: {
        server,
        use: (leaderHandlers) => {
          httpHandlers = leaderHandlers;
        },
      },
      grpc: {
        server: grpcStarted.server,
        port: grpcStarted.port,
        use: (leaderServices) => {
          grpcServices = leaderServices;
        },
      },
    };
  } catch (err) {
    await copy?.close().catch(() => undefined);
    if (grpcServer) await stopGrpcServer(grpcServer);
    const server = httpServer;
    if (server)
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    await leadership?.stop().catch(() => undefined);
    await connection.close().catch(() => undefined);
    throw err;
  }
}

/**
 * A follower's HTTP address: /healthz says it follows and who leads; /traefik/dynamic and /metrics
 * come from its copy of the state; a hook is stored in the JetStream work queue for the leader
 * and answered 202; the dashboard reads through its admin handlers (a change answers NOT_LEADER).
 */
function followerHttpHandlers(
  config: ControllerConfig,
  leadership: Leadership,
  hooks: NatsHookQueue,
  state: Store,
  admin: AdminServiceHandlers,
  sessions: UiSessions,
): HttpHandlers {
  const router = new Router(state, routerOptions(config));
  const metrics = new Metrics(
    state,
    () => 0,
    () => false,
  );
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
    traefikDynamic: () => router.renderAll(),
    traefikToken: config.traefikToken,
    hook: (app, token, query, request) =>
      hooks
        .enqueue({ app, token, query: query.toString(), request, receivedBy: config.controllerId, receivedAtMs: Date.now() })
        .then(() => queuedAnswer(config.controllerId)),
    hookBodyLimit: Math.min(config.hookBodyLimitBytes, hooks.maxBodyBytes()),
    metrics: () => metrics.render(),
    ui: {
      sessions,
      admin: () => admin,
      secure: config.publicUrl?.startsWith('https://') ?? false,
      assets: loadUiAssets(),
      leader: () => leadership.leader(),
    },
  };
}

/** A follower's gRPC port: the admin API's read side; agents are sent on to the leader. */
function followerGrpcServices(leadership: Leadership, admin: AdminServiceHandlers): GrpcServices {
  const refuseAgent = () => toGrpcError(notLeader(leadership.leader()));
  return {
    reports: {
      Connect: (call) => call.emit('error', refuseAgent()),
      Join: (_call, callback) => callback(refuseAgent()),
    },
    admin,
    health: createHealthHandlers(() => true),
  };
}
