/**
 * Wires the controller together: store, NATS, report intake, dispatcher, liveness sweep, gRPC and
 * HTTP servers. `startController` is what `berth controller` runs and what tests start in-process.
 */
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { BerthError, errorMessage } from '../shared/errors.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { BERTH_VERSION } from '../shared/version.js';
import { ensureAdminToken, shareAdminToken } from './adapters/admin-token.js';
import { startGrpcServer, stopGrpcServer, type GrpcServices, type GrpcTls } from './adapters/grpc-server.js';
import { connectNats, type NatsAdapter } from './adapters/nats.js';
import { winElection } from './election.js';
import { Store } from './state/store.js';
import { createAdminHandlers } from './api/admin-service.js';
import { createHealthHandlers } from './api/health-service.js';
import { startHttpServer, type HealthReport, type HttpHandlers } from './api/http-server.js';
import type { ControllerConfig } from './config.js';
import { countAgents, graceAfterRestart } from './core/agent-registry.js';
import { startLivenessSweep } from './pipeline/agent-liveness.js';
import { FleetReactions } from './pipeline/fleet-reactions.js';
import { RunManager } from './pipeline/run-manager.js';
import { Scheduler } from './pipeline/scheduler.js';
import { isRunEnded, isRunNoticeDue } from './core/run.js';
import { DeploymentRunner } from './pipeline/deployment-runner.js';
import { GithubReporter } from './pipeline/github-reporter.js';
import { ClusterEvents, deploymentEventMessage } from './pipeline/cluster-events.js';
import { HookReceiver } from './pipeline/hook-receiver.js';
import { Notifier } from './pipeline/notifier.js';
import { ReplacementPlacer } from './pipeline/replacement-placer.js';
import { Router, routerOptions } from './pipeline/router.js';
import { ReportIntake } from './pipeline/report-intake.js';
import { loadNatsAuth } from './adapters/nats-auth.js';
import { Metrics } from './adapters/metrics.js';
import { isTerminal } from './core/deployment-machine.js';
import { AgentEnrolment } from './pipeline/agent-enrolment.js';
import { createJoinHandler } from './api/join-service.js';
import { TaskDispatcher } from './pipeline/task-dispatcher.js';
import { UiSessions } from './pipeline/ui-sessions.js';
import { loadUiAssets } from './api/ui-assets.js';
import { Authenticator } from './api/auth.js';

export interface Controller {
  config: ControllerConfig;
  grpcPort: number;
  httpPort: number;
  adminToken: string;
  store: Store;
  nats: NatsAdapter;
  dispatcher: TaskDispatcher;
  intake: ReportIntake;
  enrolment: AgentEnrolment;
  runner: DeploymentRunner;
  runs: RunManager;
  log: Logger;
  healthReport(): HealthReport;
  stop(): Promise<void>;
}

/**
 * `onLeadershipLost`: called once the controller has stopped after losing the leader lease
 * (`berth controller` exits non-zero, so its service manager starts it again as a follower).
 */
export async function startController(
  config: ControllerConfig,
  logger?: Logger,
  onLeadershipLost: (reason: string) => void = () => undefined,
): Promise<Controller> {
  const log = logger ?? (await createLogger('controller', config.logLevel, config.logFormat));
  // First: a wrong certificate path is a start error before anything else starts.
  const tls = await readTlsFiles(config.tls);
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  await mkdir(config.traefikDir, { recursive: true });
  // With nats-config run for this data dir, NATS has authorization: the controller signs in as
  // itself and every agent that joins gets a user limited to its own subjects.
  const natsAuth = await loadNatsAuth(config.dataDir);
  const natsCreds = natsAuth ? await natsAuth.controllerCreds(config.controllerId) : null;
  // Several controllers on one state in NATS: wait here as a follower until this one leads.
  const election = config.stateStore === 'nats' ? await winElection(config, natsCreds, tls, log) : null;
  const leadership = election?.leadership ?? null;
  const loadStarted = Date.now();
  const store = await Store.open(config.dataDir, config.stateStore, election?.stream ?? null);
  log.info({ store: store.path, ms: Date.now() - loadStarted }, 'state loaded');
  const adminToken = election ? await shareAdminToken(store, config.dataDir) : await ensureAdminToken(config.dataDir);

  const now = Date.now();
  store.update((s) => {
    for (const [id, agent] of Object.entries(s.agents)) s.agents[id] = graceAfterRestart(agent, now);
  });

  // Several controllers: the task stream as replicated as the state, so tasks survive a NATS node.
  const connected = await connectNats(config.natsUrl, log, natsCreds, config.stateStore === 'nats' ? config.stateReplicas : 1);
  // A leader that lost its lease publishes no task (pipeline/leadership.ts).
  const nats: NatsAdapter = leadership
    ? {
        ...connected,
        publishTask: (...args) => {
          leadership.assertLeading();
          return connected.publishTask(...args);
        },
      }
    : connected;
  const dispatcher = new TaskDispatcher(nats, store, log, () => leadership?.currentTerm() ?? 0);
  // The enrolment asks the intake whether an id is connected; the intake asks the enrolment
  // whether a stream's credential is the agent's own. Both only at run time, so either order works.
  const enrolment = new AgentEnrolment(
    store,
    log,
    (agentId) => intake.isConnected(agentId),
    natsAuth,
    (agentId) => nats.ensureAgentConsumer(agentId),
  );
  const intake = new ReportIntake(
    store,
    dispatcher,
    log,
    config.heartbeatTtlMs,
    BERTH_VERSION,
    (agentId, metadata) => enrolment.authenticate(agentId, metadata),
    () => leadership?.isLeading() ?? true,
  );
  const router = new Router(store, routerOptions(config, leadership ? () => leadership.assertLeading() : undefined));
  const runner = new DeploymentRunner({
    store,
    dispatcher,
    intake,
    router,
    replacements: new ReplacementPlacer(store),
    log,
    stabilityWindowMs: config.stabilityWindowMs,
    deploymentHistory: config.deploymentHistory,
  });
  const runs = new RunManager(store, dispatcher, intake, log);
  const reactions = new FleetReactions({ store, dispatcher, router, runner, runs, log });
  const github = new GithubReporter(store, log);
  const hooks = new HookReceiver(store, runner, log, github);
  const notifier = new Notifier(store, log);
  const events = new ClusterEvents();
  const metrics = new Metrics(store, () => intake.connectedAgentIds().length, leadership ? () => leadership.isLeading() : undefined);
  dispatcher.onRoundTrip((kind, ms) => metrics.taskAnswered(kind, ms));
  nats.onReconnect(() => {
    metrics.reconnected('nats');
    // A server that came back without its store lost the agents' consumers too (the adapter
    // re-creates the stream); agents under NATS authorization cannot make their own.
    for (const agentId of Object.keys(store.data.agentCredentials)) {
      nats.ensureAgentConsumer(agentId).catch((err) => log.warn({ agentId, err: errorMessage(err) }, 'cannot make the agent task consumer'));
    }
  });
  intake.onReconnect(() => metrics.reconnected('agent-grpc'));
  runner.onTransition((deployment) => {
    if (isTerminal(deployment.state)) metrics.deploymentEnded(deployment);
    if (deployment.state === 'succeeded') void reactions.retireLeftovers(deployment.app);
    notifier.notify(deployment);
    github.onTransition(deployment);
    events.publish({
      atMs: Date.now(),
      kind: 'deployment',
      app: deployment.app,
      subject: deployment.id,
      state: deployment.state,
      message: deploymentEventMessage(deployment),
    });
  });
  runs.onChange((run) => {
    if (!isRunEnded(run.state)) return;
    metrics.runEnded(run);
    if (isRunNoticeDue(run)) notifier.notifyRun(run);
    events.publish({
      atMs: run.endedAtMs ?? Date.now(),
      kind: 'run',
      app: run.app,
      subject: run.id,
      state: run.state,
      message: `${run.schedule ? `schedule ${run.schedule}` : `run by ${run.startedBy}`}: ${run.command.join(' ')} ${run.state}${run.reason ? `: ${run.reason}` : ''}`,
    });
  });
  const scheduler = new Scheduler(store, runs, log);
  hooks.onDecision((app, entry) => {
    metrics.hookDecided(app, entry.decision, entry.code ?? 'other');
    events.publish({
      atMs: entry.atMs,
      kind: 'hook',
      app,
      subject: entry.deliveryId ?? '',
      state: entry.decision,
      message: `${entry.source} ${entry.event}: ${entry.reason}`,
    });
  });
  intake.onHello((agentId, strays) => {
    // Agents under NATS authorization cannot make their task consumer; it is made for them.
    nats.ensureAgentConsumer(agentId).catch((err) => log.warn({ agentId, err: errorMessage(err) }, 'cannot make the agent task consumer'));
    events.publish({
      atMs: Date.now(),
      kind: 'agent',
      app: '',
      subject: agentId,
      state: store.data.agents[agentId]?.draining ? 'draining' : 'ready',
      message: `agent ${agentId} connected`,
    });
    void reactions.agentHello(agentId, strays);
  });
  intake.onInstanceEvent((notice) => void reactions.instanceChanged(notice.instanceId));
  const stopSweep = startLivenessSweep(
    store,
    config.heartbeatTtlMs,
    log,
    (agentIds) => {
      for (const id of agentIds)
        events.publish({ atMs: Date.now(), kind: 'agent', app: '', subject: id, state: 'down', message: `agent ${id} missed its heartbeats` });
      void reactions.agentsDown(agentIds);
    },
    (now) => intake.heartbeatDelayMs(now),
  );

  const healthReport = (): HealthReport => {
    const natsUp = nats.connected();
    const storeOk = store.healthy();
    return {
      status: natsUp && storeOk ? 'ok' : 'degraded',
      version: BERTH_VERSION,
      nats: natsUp ? 'connected' : 'disconnected',
      store: storeOk ? 'ok' : 'failing',
      agents: { ...countAgents(Object.values(store.data.agents)), connected: intake.connectedAgentIds().length },
      ...(leadership ? { role: leadership.isLeading() ? 'leader' : 'follower', controllerId: config.controllerId, term: leadership.currentTerm() } : {}),
    };
  };

  // Before the admin API opens: a deploy must not start beside a deployment being recovered.
  runner.recover();
  runs.recover();
  scheduler.start();
  // The hooks followers queued while another controller led, or none did.
  const stopQueuedHooks = election
    ? await election.hooks.consume(
        async (queued) => {
          hooks.receive(queued.app, queued.token, new URLSearchParams(queued.query), queued.request);
          await store.persisted();
        },
        log,
        config.leaseMs,
      )
    : () => undefined;
  // One Authenticator for the admin API and the dashboard's sign-in.
  const auth = new Authenticator(adminToken, store);
  const authenticate = (token: string) => auth.authenticate(token);
  // A leader elected among several keeps the dashboard sessions opened while it followed; from
  // now on sign-ins are checked against its own store.
  const uiSessions = election?.uiSessions ?? new UiSessions(authenticate);
  uiSessions.authenticateWith(authenticate);
  const grpcServices: GrpcServices = {
    reports: { Connect: (stream) => intake.handle(stream), Join: createJoinHandler(enrolment) },
    admin: createAdminHandlers({
      enrolment,
      events,
      nats,
      hooks,
      publicUrl: () => config.publicUrl ?? `http://${hostForUrl(config.httpAddr.host)}:${httpPort}`,
      runner,
      runs,
      reactions,
      store,
      dispatcher,
      router,
      auth,
      log,
    }),
    health: createHealthHandlers(() => true),
  };
  // A leader elected among several takes over the servers it followed on.
  election?.grpc.use(grpcServices);
  const { server: grpcServer, port: grpcPort } = election ? election.grpc : await startGrpcServer(config.grpcAddr, grpcServices, tls);
  const httpHandlers: HttpHandlers = {
    healthReport,
    traefikDynamic: () => router.renderAll(),
    traefikToken: config.traefikToken,
    // Sharing the state in NATS, a leader answers once the decision is stored there: a hook
    // answered 202 survives the leader.
    hook: (app, token, query, request) => {
      const answer = hooks.receive(app, token, query, request);
      return election ? store.persisted().then(() => answer) : answer;
    },
    hookBodyLimit: config.hookBodyLimitBytes,
    metrics: () => metrics.render(),
    ui: {
      sessions: uiSessions,
      admin: () => grpcServices.admin,
      secure: config.publicUrl?.startsWith('https://') ?? false,
      assets: loadUiAssets(),
    },
  };
  election?.http.use(httpHandlers);
  const httpServer = election ? election.http.server : await startHttpServer(config.httpAddr, httpHandlers, log);
  const httpPort = (httpServer.address() as AddressInfo).port;
  log.info({ grpcPort, httpPort, dataDir: config.dataDir, agents: Object.keys(store.data.agents).length }, 'controller started');

  const controller: Controller = {
    config,
    grpcPort,
    httpPort,
    adminToken,
    store,
    nats,
    dispatcher,
    intake,
    enrolment,
    runner,
    runs,
    log,
    healthReport,
    async stop() {
      stopQueuedHooks();
      stopSweep();
      scheduler.stop();
      await runner.stop();
      runs.close();
      notifier.stop();
      await stopGrpcServer(grpcServer);
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await nats.close();
      await store.flush().catch((err) => log.error({ err }, 'final state write failed'));
      await store.close();
      // Given up last, once nothing more is written: a follower takes over at once.
      await leadership?.stop();
      await election?.connection.close().catch(() => undefined);
      log.info('controller stopped');
    },
  };
  // A leader that lost its lease stops: it neither writes, sends tasks nor writes routes any more.
  // Started again (systemd does), it waits as a follower.
  leadership?.onLost((reason) => {
    log.error({ reason }, 'leadership lost: the controller stops');
    void controller.stop().finally(() => onLeadershipLost(reason));
  });
  // Fenced by the state stream (another controller wrote since this one read): what this one
  // holds is no longer the state, so it stops leading and stops, like a lost lease; started
  // again, it follows and reads the state afresh.
  election?.stream.onFenced((fence) => leadership?.giveUp(fence.message));
  return controller;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The gRPC port's certificate and key, read once at start; a missing file is a clear start error. */
async function readTlsFiles(tls: ControllerConfig['tls']): Promise<GrpcTls> {
  if (!tls) return null;
  const read = async (file: string, flag: string) => {
    try {
      return await readFile(file);
    } catch (err) {
      throw new BerthError('INVALID_CONFIG', `${flag} ${file}: ${errorMessage(err)}`);
    }
  };
  return { cert: await read(tls.certFile, '--tls-cert'), key: await read(tls.keyFile, '--tls-key') };
}
