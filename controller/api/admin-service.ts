/** The admin gRPC service: every call is authenticated, then answered from the registry. */
import type * as grpc from '@grpc/grpc-js';
import type { AdminHandlers } from '../../proto/gen/berth/v1/Admin.js';
import type { AgentSummary } from '../../proto/gen/berth/v1/AgentSummary.js';
import { instanceToProto } from '../../proto/convert.js';
import type { AgentRecord } from '../../shared/agent.js';
import type { App } from '../../proto/gen/berth/v1/App.js';
import type { AppSummary } from '../../proto/gen/berth/v1/AppSummary.js';
import type { ApplyAppRequest__Output } from '../../proto/gen/berth/v1/ApplyAppRequest.js';
import type { DeleteAppRequest__Output } from '../../proto/gen/berth/v1/DeleteAppRequest.js';
import type { GetAppRequest__Output } from '../../proto/gen/berth/v1/GetAppRequest.js';
import type { Deployment as DeploymentMessage } from '../../proto/gen/berth/v1/Deployment.js';
import type { DeployRequest__Output } from '../../proto/gen/berth/v1/DeployRequest.js';
import type { DeploymentUpdate } from '../../proto/gen/berth/v1/DeploymentUpdate.js';
import type { GetDeploymentRequest__Output } from '../../proto/gen/berth/v1/GetDeploymentRequest.js';
import type { Release as ReleaseMessage } from '../../proto/gen/berth/v1/Release.js';
import type { RollbackRequest__Output } from '../../proto/gen/berth/v1/RollbackRequest.js';
import type { ScaleRequest__Output } from '../../proto/gen/berth/v1/ScaleRequest.js';
import { ENV_NAME, routedDomains } from '../../shared/app-spec.js';
import { BerthError } from '../../shared/errors.js';
import { describeRouting } from '../core/route-confirmation.js';
import type { DeploymentRecord } from '../core/deployment-record.js';
import { isTerminal } from '../core/deployment-machine.js';
import type { Release } from '../core/release.js';
import { EVENT_HEADERS, hostHeaders } from '../core/hook-headers.js';
import { HOOK_SOURCES } from '../core/hook-event.js';
import type { FleetReactions } from '../pipeline/fleet-reactions.js';
import type { DeploymentRunner } from '../pipeline/deployment-runner.js';
import type { HookReceiver } from '../pipeline/hook-receiver.js';
import type { Hook } from '../../proto/gen/berth/v1/Hook.js';
import type { SetHookSecretRequest__Output } from '../../proto/gen/berth/v1/SetHookSecretRequest.js';
import type { TestHookRequest__Output } from '../../proto/gen/berth/v1/TestHookRequest.js';
import { newHookToken, newToken } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../state/store.js';
import type { AppRecord } from '../state/schema.js';
import { applyApp, deleteApp, getApp } from '../pipeline/app-catalog.js';
import type { TaskDispatcher } from '../pipeline/task-dispatcher.js';
import type { Router } from '../pipeline/router.js';
import { agentStatus, findStrays } from '../core/agent-registry.js';
import { Authenticator, hashToken, type Access, type Caller } from './auth.js';
import type { ClusterEvents } from '../pipeline/cluster-events.js';
import { DEFAULT_JOIN_TOKEN_TTL_MS, type AgentEnrolment } from '../pipeline/agent-enrolment.js';
import { readAppLogs } from '../pipeline/log-reader.js';
import type { NatsAdapter } from '../adapters/nats.js';
import type { LogsRequest__Output } from '../../proto/gen/berth/v1/LogsRequest.js';
import type { LogLines } from '../../proto/gen/berth/v1/LogLines.js';
import type { ClusterEvent as ClusterEventMessage } from '../../proto/gen/berth/v1/ClusterEvent.js';
import type { Env as EnvMessage } from '../../proto/gen/berth/v1/Env.js';
import { toGrpcError } from './grpc-status.js';

export function agentSummary(agent: AgentRecord, knownInstanceIds: ReadonlySet<string>): AgentSummary {
  return {
    id: agent.id,
    hostname: agent.hostname,
    advertiseAddr: agent.advertiseAddr,
    labels: agent.labels,
    cpus: agent.cpus,
    memoryBytes: agent.memoryBytes,
    version: agent.version,
    status: agentStatus(agent),
    lastHeartbeatMs: agent.lastHeartbeatMs,
    connectedAtMs: agent.connectedAtMs,
    instances: Object.values(agent.instances).map(instanceToProto),
    strayInstanceIds: findStrays(agent, knownInstanceIds),
  };
}

/**
 * What each method needs. Read-only tokens may call the "read" ones. A Record over every method,
 * so a method added to the proto does not compile until someone decides.
 */
/** The admin API's method names (AdminHandlers without grpc-js's index signature). */
export type AdminMethod = keyof { [K in keyof AdminHandlers as string extends K ? never : number extends K ? never : K]: AdminHandlers[K] };

export const ADMIN_ACCESS: Record<AdminMethod, Access> = {
  ListAgents: 'read',
  DrainAgent: 'write',
  UndrainAgent: 'write',
  RemoveAgent: 'write',
  CreateJoinToken: 'write',
  CreateToken: 'write',
  ListTokens: 'write',
  RevokeToken: 'write',
  ListEnv: 'read',
  SetEnv: 'write',
  UnsetEnv: 'write',
  WatchEvents: 'read',
  StreamLogs: 'read',
  ApplyApp: 'write',
  GetApp: 'read',
  ListApps: 'read',
  DeleteApp: 'write',
  Deploy: 'write',
  Rollback: 'write',
  Scale: 'write',
  ListDeployments: 'read',
  GetDeployment: 'read',
  CancelDeployment: 'write',
  WatchDeployment: 'read',
  ListReleases: 'read',
  GetHook: 'write',
  RotateHook: 'write',
  SetHookSecret: 'write',
  ListHookLog: 'read',
  TestHook: 'write',
  SetNotifications: 'write',
  SetGithub: 'write',
};

/** Wraps a unary handler with authentication, the method's access check and error mapping. */
function unary<Req, Res>(
  auth: Authenticator,
  method: AdminMethod,
  handler: (request: Req, caller: Caller) => Res | Promise<Res>,
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => {
        const caller = auth.authorize(call.metadata, ADMIN_ACCESS[method], method);
        return handler(call.request, caller);
      })
      .then((response) => callback(null, response))
      .catch((err: unknown) => callback(toGrpcError(err)));
  };
}

/**
 * Every change the admin API acknowledges is on disk before the answer: a controller killed right
 * after answering cannot have forgotten a deployment, a token or an app it said it made. Writes
 * are shared by the calls waiting at the same time (Store.persisted).
 */
function durableWrites(handlers: AdminHandlers, store: Store): AdminHandlers {
  const out: Record<string, unknown> = { ...handlers };
  for (const [method, access] of Object.entries(ADMIN_ACCESS)) {
    if (access !== 'write') continue;
    // Only unary methods change state; streams are all reads.
    const handler = handlers[method as AdminMethod] as unknown as grpc.handleUnaryCall<unknown, unknown>;
    out[method] = ((call, callback) =>
      handler(call, (err, response) => {
        if (err) return callback(err);
        store.persisted().then(
          () => callback(null, response),
          (e: unknown) => callback(toGrpcError(e)),
        );
      })) as grpc.handleUnaryCall<unknown, unknown>;
  }
  return out as unknown as AdminHandlers;
}

/** Names of API tokens: they appear in logs and `berth tokens list`. */
const TOKEN_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Env values shown as this unless the caller asks to reveal them. */
const HIDDEN = '***';

/** Env values may be secrets: only admin tokens see them. */
function mayReveal(caller: Caller, reveal: boolean, method: string): boolean {
  if (reveal && caller.scope !== 'admin')
    throw new BerthError('PERMISSION_DENIED', `token "${caller.name}" is read-only: it may not reveal env values (${method} with reveal)`);
  return reveal;
}

function maskedEnv(env: Record<string, string>, reveal: boolean): Record<string, string> {
  return reveal ? env : Object.fromEntries(Object.keys(env).map((name) => [name, HIDDEN]));
}

/**
 * Wraps a server-streaming handler like `unary`: authentication, the method's access check, errors
 * as gRPC status. The handler may return what stops its source when the client cancels.
 */
function serverStream<Req, Res>(
  auth: Authenticator,
  method: AdminMethod,
  handler: (call: grpc.ServerWritableStream<Req, Res>) => (() => void) | void,
): grpc.handleServerStreamingCall<Req, Res> {
  return (call) => {
    try {
      auth.authorize(call.metadata, ADMIN_ACCESS[method], method);
      const stop = handler(call);
      if (stop) call.on('cancelled', stop);
    } catch (err) {
      call.emit('error', toGrpcError(err));
    }
  };
}

/**
 * ListApps rows, remembered per spec object: a spec is replaced, never edited, where its services
 * or domains could change (apply, env); Scale edits only `scale`. One per set of handlers.
 */
type AppSummaries = WeakMap<AppRecord['spec'], AppSummary>;

/**
 * One ListApps row. The same frozen object comes back while the app's spec and routed release are
 * unchanged, so the row's encoded bytes can be kept beside it (app-list-encoding.ts).
 */
function appSummary(summaries: AppSummaries, name: string, record: AppRecord): AppSummary {
  const release = record.routed?.release ?? '';
  const cached = summaries.get(record.spec);
  if (cached && cached.name === name && cached.release === release) return cached;
  const summary: AppSummary = Object.freeze({
    name,
    services: Object.keys(record.spec.services),
    domains: Object.values(routedDomains(record.spec)).flat(),
    release,
  });
  summaries.set(record.spec, summary);
  return summary;
}

function appMessage(name: string, record: AppRecord, reveal = false): App {
  return {
    name,
    specJson: JSON.stringify({ ...record.spec, env: maskedEnv(record.spec.env, reveal) }),
    services: Object.keys(record.spec.services),
    domains: Object.values(routedDomains(record.spec)).flat(),
    createdAtMs: record.createdAtMs,
    updatedAtMs: record.updatedAtMs,
  };
}

export function deploymentMessage(d: DeploymentRecord, withOutput = true): DeploymentMessage {
  return {
    id: d.id,
    app: d.app,
    kind: d.request.kind,
    release: d.release,
    state: d.state,
    history: d.history.map((h) => ({ state: h.state, atMs: h.atMs })),
    ...(d.failure
      ? {
          failure: {
            phase: d.failure.phase,
            reason: d.failure.reason,
            hasExitCode: d.failure.exitCode !== undefined,
            exitCode: d.failure.exitCode ?? 0,
            output: d.failure.output ?? [],
          },
        }
      : {}),
    warnings: d.warnings,
    healthy: d.progress.healthy,
    wanted: d.progress.wanted,
    services: d.request.services,
    refs: d.request.refs,
    createdAtMs: d.createdAtMs,
    output: withOutput ? d.output : [],
    postdeployAgent: d.postdeploy?.agentId ?? '',
    hasPostdeployExitCode: d.postdeploy?.exitCode !== null && d.postdeploy?.exitCode !== undefined,
    postdeployExitCode: d.postdeploy?.exitCode ?? 0,
    ...(d.routing
      ? {
          routing: {
            waitedMs: d.routing.waitedMs,
            settled: d.routing.settleMs !== null,
            settleMs: d.routing.settleMs ?? 0,
            traefiks: d.routing.traefiks,
            summary: describeRouting(d.routing),
          },
        }
      : {}),
  };
}

function releaseMessage(r: Release, routed: boolean): ReleaseMessage {
  return {
    app: r.app,
    name: r.name,
    createdAtMs: r.createdAtMs,
    deploymentId: r.deploymentId,
    services: Object.entries(r.services).map(([name, s]) => ({
      name,
      source: s.source,
      image: s.image,
      imageId: s.imageId,
      commitSha: s.commitSha ?? '',
      command: s.command ?? '',
    })),
    postdeploy: r.postdeploy?.command ?? '',
    routed,
  };
}

function appReleases(store: Store, app: string): Release[] {
  return Object.values(store.data.releases)
    .filter((r) => r.app === app)
    .sort((a, b) => b.number - a.number);
}

/** The release to roll back to: the one named, else the newest one older than what is routed. */
function rollbackTarget(store: Store, app: string, to: string): string {
  if (to) return to;
  const routed = store.data.apps[app]?.routed?.release;
  const current = appReleases(store, app).find((r) => r.name === routed);
  const earlier = appReleases(store, app).find((r) => current !== undefined && r.number < current.number);
  if (!earlier) throw new BerthError('FAILED_PRECONDITION', `${app} has no release before ${routed ?? 'the first deploy'} to roll back to; name one with --to`);
  return earlier.name;
}

export interface AdminContext {
  enrolment: AgentEnrolment;
  events: ClusterEvents;
  nats: NatsAdapter;
  hooks: HookReceiver;
  /** The base of hook URLs (the HTTP address is known only once it listens). */
  publicUrl: () => string;
  runner: DeploymentRunner;
  /** Drain moves an agent's instances elsewhere. */
  reactions: FleetReactions;
  store: Store;
  dispatcher: TaskDispatcher;
  /** Where and how apps are routed (apps delete takes an app out of routing). */
  router: Router;
  adminToken: string;
  log: Logger;
}

export function createAdminHandlers({
  enrolment,
  reactions,
  events,
  nats,
  hooks,
  publicUrl,
  runner,
  store,
  dispatcher,
  router,
  adminToken,
  log,
}: AdminContext): AdminHandlers {
  const auth = new Authenticator(adminToken, store);
  const summaries: AppSummaries = new WeakMap();
  const hookMessage = (app: string, secret = ''): Hook => {
    const record = getApp(store, app);
    return { app, url: `${publicUrl()}/hooks/redeploy/${encodeURIComponent(app)}/${record.hook.token}`, hasSecret: record.hook.secret !== null, secret };
  };
  const agentRecord = (id: string): AgentRecord => {
    const agent = store.data.agents[id];
    if (!agent) throw new BerthError('AGENT_NOT_FOUND', `no agent "${id}"; berth agents lists them`, { agentId: id });
    return agent;
  };
  const summaryOf = (id: string): AgentSummary => agentSummary(agentRecord(id), new Set(Object.keys(store.data.instances)));
  const setDraining = (id: string, draining: boolean): void => {
    agentRecord(id);
    store.update((s) => {
      const agent = s.agents[id];
      if (agent) agent.draining = draining;
    });
    log.info({ agentId: id, draining }, draining ? 'agent draining' : 'agent undrained');
  };
  const envMessage = (app: string, reveal: boolean): EnvMessage => ({ app, values: maskedEnv(getApp(store, app).spec.env, reveal), revealed: reveal });
  const changeEnv = (app: string, change: (env: Record<string, string>) => Record<string, string>): void => {
    store.update((s) => {
      const record = s.apps[app];
      if (!record) return;
      record.spec = { ...record.spec, env: change(record.spec.env) };
      record.updatedAtMs = Date.now();
    });
  };
  const handlers: AdminHandlers = {
    GetHook: unary(auth, 'GetHook', (request: { app: string }) => hookMessage(request.app)),
    RotateHook: unary(auth, 'RotateHook', (request: { app: string }) => {
      getApp(store, request.app);
      store.update((s) => {
        const record = s.apps[request.app];
        if (record) record.hook = { ...record.hook, token: newHookToken() };
      });
      log.info({ app: request.app }, 'hook token rotated');
      return hookMessage(request.app);
    }),
    SetHookSecret: unary(auth, 'SetHookSecret', (request: SetHookSecretRequest__Output) => {
      getApp(store, request.app);
      const secret = request.clear ? null : request.value || newToken(32);
      if (secret !== null && secret.length < 16) throw new BerthError('INVALID_ARGUMENT', 'a webhook secret needs at least 16 characters');
      store.update((s) => {
        const record = s.apps[request.app];
        if (record) record.hook = { ...record.hook, secret };
      });
      log.info({ app: request.app, hasSecret: Boolean(secret) }, 'webhook secret changed');
      return hookMessage(request.app, secret ?? '');
    }),
    ListHookLog: unary(auth, 'ListHookLog', (request: { app: string }) => {
      getApp(store, request.app);
      return {
        entries: (store.data.hookLog[request.app] ?? []).map((e) => ({
          ...e,
          deliveryId: e.deliveryId ?? '',
          ref: e.ref ?? '',
          deploymentId: e.deploymentId ?? '',
        })),
      };
    }),
    SetGithub: unary(auth, 'SetGithub', (request: { app: string; token: string; apiUrl: string; clear: boolean }) => {
      getApp(store, request.app);
      const apiUrl = request.apiUrl || 'https://api.github.com';
      if (!request.clear) {
        if (!request.token) throw new BerthError('INVALID_ARGUMENT', 'give --github-token (a GitHub token that may create deployments), or --clear');
        if (!/^https?:\/\/[^\s]+$/.test(apiUrl)) throw new BerthError('INVALID_ARGUMENT', `--api-url "${apiUrl}" is not an http(s) URL`);
      }
      store.update((s) => {
        const record = s.apps[request.app];
        if (record) record.github = request.clear ? null : { token: request.token, apiUrl };
      });
      const github = store.data.apps[request.app]?.github ?? null;
      return { app: request.app, configured: github !== null, apiUrl: github?.apiUrl ?? '' };
    }),
    SetNotifications: unary(auth, 'SetNotifications', (request: { app: string; add: string[]; remove: string[] }) => {
      getApp(store, request.app);
      for (const url of request.add) {
        let parsed: URL | null = null;
        try {
          parsed = new URL(url);
        } catch {
          parsed = null;
        }
        if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
          throw new BerthError('INVALID_ARGUMENT', `"${url}" is not an http:// or https:// URL`);
      }
      store.update((s) => {
        const record = s.apps[request.app];
        if (!record) return;
        const urls = [...record.notify.urls.filter((u) => !request.remove.includes(u)), ...request.add];
        record.notify = { ...record.notify, urls: [...new Set(urls)] };
      });
      const notify = store.data.apps[request.app]?.notify;
      return { app: request.app, urls: notify?.urls ?? [], secret: notify?.secret ?? '' };
    }),
    TestHook: unary(auth, 'TestHook', (request: TestHookRequest__Output) => {
      const source = request.source || (request.event ? 'github' : 'generic');
      const header = (EVENT_HEADERS as Record<string, string>)[source];
      // Azure DevOps names itself and its event in the body, as a generic caller's body names nothing.
      if (source !== 'generic' && source !== 'azure-devops' && !header)
        throw new BerthError('INVALID_ARGUMENT', `--source ${source}: one of ${HOOK_SOURCES.join(', ')}`);
      const headers: Record<string, string> = header ? hostHeaders(source as keyof typeof EVENT_HEADERS, request.event || 'push') : {};
      const body = Buffer.from(request.payload, 'utf8');
      const decision = hooks.test(request.app, { headers, contentType: body.length ? 'application/json' : '', body }, request.services || null);
      return {
        decision: decision.decision === 'ping' ? 'ignored' : decision.decision,
        services: decision.services,
        ref: decision.ref ?? '',
        reason: decision.reason,
        source: decision.source,
        event: decision.event,
      };
    }),
    Deploy: unary(auth, 'Deploy', (request: DeployRequest__Output) => {
      getApp(store, request.app);
      const spec = store.data.apps[request.app]?.spec;
      const services = [...new Set(request.services)].sort();
      // The ref goes to the git services asked for (all of them when none are named).
      const gitServices = Object.entries(spec?.services ?? {})
        .filter(([name, s]) => s.git && (services.length === 0 || services.includes(name)))
        .map(([name]) => name);
      if (request.ref && gitServices.length === 0)
        throw new BerthError('INVALID_ARGUMENT', `--ref ${request.ref}: ${request.app} has no git service to build at a ref`);
      const refs = request.ref ? Object.fromEntries(gitServices.map((name) => [name, request.ref])) : {};
      return deploymentMessage(runner.request(request.app, { kind: 'deploy', services, refs, withPostdeploy: true }));
    }),
    Rollback: unary(auth, 'Rollback', (request: RollbackRequest__Output) => {
      getApp(store, request.app);
      const release = rollbackTarget(store, request.app, request.to);
      return deploymentMessage(runner.request(request.app, { kind: 'rollback', services: [], refs: {}, withPostdeploy: request.withPostdeploy, release }));
    }),
    Scale: unary(auth, 'Scale', (request: ScaleRequest__Output) => {
      const app = getApp(store, request.app);
      const entries = Object.entries(request.scale);
      if (entries.length === 0) throw new BerthError('INVALID_ARGUMENT', 'name at least one service and its scale (web=3)');
      for (const [service, n] of entries) {
        if (!app.spec.services[service])
          throw new BerthError('INVALID_ARGUMENT', `${request.app} has no service ${service} (services: ${Object.keys(app.spec.services).join(', ')})`);
        if (!Number.isInteger(n) || n > 100) throw new BerthError('INVALID_ARGUMENT', `${service}=${n}: scale must be a whole number from 0 to 100`);
      }
      store.update((s) => {
        const record = s.apps[request.app];
        if (!record) return;
        for (const [service, n] of entries) {
          const svc = record.spec.services[service];
          if (svc) svc.scale = n;
        }
        record.updatedAtMs = Date.now();
      });
      log.info({ app: request.app, scale: request.scale }, 'scale changed');
      if (!store.data.apps[request.app]?.routed) return {};
      return { deployment: deploymentMessage(runner.request(request.app, { kind: 'scale', services: [], refs: {}, withPostdeploy: false })) };
    }),
    ListDeployments: unary(auth, 'ListDeployments', (request: { app: string }) => ({
      deployments: runner.list(request.app).map((d) => deploymentMessage(d, false)),
    })),
    GetDeployment: unary(auth, 'GetDeployment', (request: GetDeploymentRequest__Output) => deploymentMessage(runner.get(request.id))),
    CancelDeployment: unary(auth, 'CancelDeployment', async (request: GetDeploymentRequest__Output) => deploymentMessage(await runner.cancel(request.id))),
    WatchDeployment: serverStream(auth, 'WatchDeployment', (call: grpc.ServerWritableStream<GetDeploymentRequest__Output, DeploymentUpdate>) => {
      const first = runner.get(call.request.id);
      call.write({ deployment: deploymentMessage(first), lines: [] });
      if (isTerminal(first.state)) {
        call.end();
        return;
      }
      const stop = runner.watch(call.request.id, ({ deployment, lines }) => {
        call.write({ deployment: deploymentMessage(deployment, false), lines });
        if (isTerminal(deployment.state)) {
          stop();
          call.end();
        }
      });
      return stop;
    }),
    ListReleases: unary(auth, 'ListReleases', (request: { app: string }) => {
      getApp(store, request.app);
      const routed = store.data.apps[request.app]?.routed?.release;
      return { releases: appReleases(store, request.app).map((r) => releaseMessage(r, r.name === routed)) };
    }),
    ApplyApp: unary(auth, 'ApplyApp', (request: ApplyAppRequest__Output) => {
      const { app, outcome } = applyApp(store, request.specText, request.source || 'spec', Date.now());
      log.info({ app: app.spec.name, outcome }, 'app applied');
      return { app: appMessage(app.spec.name, app), outcome };
    }),
    GetApp: unary(auth, 'GetApp', (request: GetAppRequest__Output, caller) =>
      appMessage(request.name, getApp(store, request.name), mayReveal(caller, request.reveal, 'GetApp')),
    ),
    ListApps: unary(auth, 'ListApps', () => ({
      apps: Object.keys(store.data.apps)
        .sort()
        .map((name) => appSummary(summaries, name, store.data.apps[name] as AppRecord)),
    })),
    DeleteApp: unary(auth, 'DeleteApp', (request: DeleteAppRequest__Output) => deleteApp(store, dispatcher, router, request.name, log)),
    DrainAgent: unary(auth, 'DrainAgent', (request: { id: string }) => {
      setDraining(request.id, true);
      // Its instances move: every app serving from it gets a scale deployment placed elsewhere.
      reactions.agentDrained(request.id);
      return summaryOf(request.id);
    }),
    UndrainAgent: unary(auth, 'UndrainAgent', (request: { id: string }) => {
      setDraining(request.id, false);
      return summaryOf(request.id);
    }),
    RemoveAgent: unary(auth, 'RemoveAgent', (request: { id: string }) => {
      // Enrolled but never connected: there is only the credential to revoke.
      if (!store.data.agents[request.id] && enrolment.revoke(request.id)) return { id: request.id };
      const agent = agentRecord(request.id);
      const status = agentStatus(agent);
      if (status !== 'down')
        throw new BerthError(
          'FAILED_PRECONDITION',
          `agent ${request.id} is ${status}: only a down agent can be removed (stop berth agent on that host first; berth agents drain ${request.id} moves its instances)`,
        );
      const routed = new Set(Object.values(store.data.apps).flatMap((a) => a.routed?.instanceIds ?? []));
      store.update((s) => {
        delete s.agents[request.id];
        // Its instances go with it, except those a route still names (a scale deployment replaces them).
        for (const [id, instance] of Object.entries(s.instances)) if (instance.agentId === request.id && !routed.has(id)) delete s.instances[id];
      });
      // Removing is revoking: a stream that agent opens from now on is refused.
      enrolment.revoke(request.id);
      log.info({ agentId: request.id }, 'agent removed');
      return { id: request.id };
    }),
    CreateJoinToken: unary(auth, 'CreateJoinToken', (request: { ttlMs: string }) => {
      const ttlMs = Number(request.ttlMs) || DEFAULT_JOIN_TOKEN_TTL_MS;
      return enrolment.createJoinToken(ttlMs);
    }),
    CreateToken: unary(auth, 'CreateToken', (request: { name: string; readOnly: boolean }) => {
      const name = request.name.trim();
      if (!TOKEN_NAME.test(name)) throw new BerthError('INVALID_ARGUMENT', `token name "${name}": use 1 to 64 letters, digits, dots, dashes or underscores`);
      if (name === 'admin') throw new BerthError('INVALID_ARGUMENT', 'the name "admin" belongs to the controller\'s own admin token; choose another');
      if (store.data.tokens[name]) throw new BerthError('ALREADY_EXISTS', `a token named ${name} exists; berth tokens revoke ${name} first to replace it`);
      const token = newToken(32);
      const record = { name, scope: request.readOnly ? ('read' as const) : ('admin' as const), hash: hashToken(token), createdAtMs: Date.now() };
      store.update((s) => {
        s.tokens[name] = record;
      });
      log.info({ tokenName: name, scope: record.scope }, 'API token created');
      return { name, scope: record.scope, token, createdAtMs: record.createdAtMs };
    }),
    ListTokens: unary(auth, 'ListTokens', () => ({
      tokens: Object.values(store.data.tokens)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((t) => ({ name: t.name, scope: t.scope, createdAtMs: t.createdAtMs })),
    })),
    RevokeToken: unary(auth, 'RevokeToken', (request: { name: string }) => {
      if (request.name === 'admin')
        throw new BerthError(
          'FAILED_PRECONDITION',
          'the admin token cannot be revoked; it is DATA_DIR/admin-token (replace that file and restart the controller to change it)',
        );
      if (!store.data.tokens[request.name]) throw new BerthError('NOT_FOUND', `no token named ${request.name}; berth tokens list shows them`);
      store.update((s) => {
        delete s.tokens[request.name];
      });
      log.info({ tokenName: request.name }, 'API token revoked');
      return { name: request.name };
    }),
    ListEnv: unary(auth, 'ListEnv', (request: { app: string; reveal: boolean }, caller) =>
      envMessage(request.app, mayReveal(caller, request.reveal, 'ListEnv')),
    ),
    SetEnv: unary(auth, 'SetEnv', (request: { app: string; values: Record<string, string> }) => {
      getApp(store, request.app);
      const names = Object.keys(request.values);
      if (names.length === 0) throw new BerthError('INVALID_ARGUMENT', 'name at least one variable: NAME=value');
      const bad = names.filter((n) => !ENV_NAME.test(n));
      if (bad.length)
        throw new BerthError('INVALID_ARGUMENT', `${bad.join(', ')}: a variable name is letters, digits and _, not starting with a digit`, { field: 'values' });
      changeEnv(request.app, (env) => ({ ...env, ...request.values }));
      log.info({ app: request.app, names }, 'env set');
      return envMessage(request.app, false);
    }),
    UnsetEnv: unary(auth, 'UnsetEnv', (request: { app: string; names: string[] }) => {
      const env = getApp(store, request.app).spec.env;
      const unknown = request.names.filter((n) => !(n in env));
      if (request.names.length === 0 || unknown.length)
        throw new BerthError(
          'INVALID_ARGUMENT',
          request.names.length === 0 ? 'name at least one variable' : `${request.app} has no variable ${unknown.join(', ')}`,
        );
      changeEnv(request.app, (current) => Object.fromEntries(Object.entries(current).filter(([n]) => !request.names.includes(n))));
      log.info({ app: request.app, names: request.names }, 'env unset');
      return envMessage(request.app, false);
    }),
    StreamLogs: serverStream(auth, 'StreamLogs', (call: grpc.ServerWritableStream<LogsRequest__Output, LogLines>) => {
      const r = call.request;
      return readAppLogs(
        store,
        nats,
        { app: r.app, service: r.service, instance: r.instance, sinceMs: Number(r.sinceMs), tail: r.tail, follow: r.follow },
        {
          lines: (lines) => {
            // Large reads go out in pieces, so no message nears gRPC's 4 MiB limit.
            for (let at = 0; at < lines.length; at += 500)
              call.write({
                lines: lines
                  .slice(at, at + 500)
                  .map((l) => ({ instanceId: l.instanceId, container: l.container, service: l.service, stream: l.stream, atMs: l.atMs, text: l.text })),
                warnings: [],
              });
          },
          warn: (message) => call.write({ lines: [], warnings: [message] }),
          end: () => call.end(),
        },
      );
    }),
    WatchEvents: serverStream(auth, 'WatchEvents', (call: grpc.ServerWritableStream<{ app: string }, ClusterEventMessage>) => {
      if (call.request.app) getApp(store, call.request.app);
      const stop = events.subscribe((event) => {
        if (!call.request.app || event.app === call.request.app) call.write(event);
      });
      call.on('close', stop);
      return stop;
    }),
    ListAgents: unary(auth, 'ListAgents', () => {
      const known = new Set(Object.keys(store.data.instances));
      const agents = Object.values(store.data.agents)
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((agent) => agentSummary(agent, known));
      return { agents };
    }),
  };
  return durableWrites(handlers, store);
}
