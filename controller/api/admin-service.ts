/** The admin gRPC service: every call is authenticated, then answered from the registry. */
import type * as grpc from '@grpc/grpc-js';
import type { AdminHandlers } from '../../proto/gen/berth/v1/Admin.js';
import type { AgentSummary } from '../../proto/gen/berth/v1/AgentSummary.js';
import { instanceToProto } from '../../proto/convert.js';
import type { AgentRecord } from '../../shared/agent.js';
import type { App } from '../../proto/gen/berth/v1/App.js';
import type { ApplyAppRequest__Output } from '../../proto/gen/berth/v1/ApplyAppRequest.js';
import type { DeleteAppRequest__Output } from '../../proto/gen/berth/v1/DeleteAppRequest.js';
import type { GetAppRequest__Output } from '../../proto/gen/berth/v1/GetAppRequest.js';
import { routedDomains } from '../../shared/app-spec.js';
import type { Logger } from '../../shared/logger.js';
import type { AppRecord, Store } from '../adapters/store.js';
import { applyApp, deleteApp, getApp } from '../pipeline/app-catalog.js';
import type { TaskDispatcher } from '../pipeline/task-dispatcher.js';
import { agentStatus, findStrays } from '../core/agent-registry.js';
import { authenticate } from './auth.js';
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

/** Wraps a unary handler with authentication and error mapping. */
function unary<Req, Res>(token: string, handler: (request: Req) => Res | Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => {
        authenticate(call.metadata, token);
        return handler(call.request);
      })
      .then((response) => callback(null, response))
      .catch((err: unknown) => callback(toGrpcError(err)));
  };
}

function appMessage(name: string, record: AppRecord): App {
  return {
    name,
    specJson: JSON.stringify(record.spec),
    services: Object.keys(record.spec.services),
    domains: Object.values(routedDomains(record.spec)).flat(),
    createdAtMs: record.createdAtMs,
    updatedAtMs: record.updatedAtMs,
  };
}

export interface AdminContext {
  store: Store;
  dispatcher: TaskDispatcher;
  traefikDir: string;
  adminToken: string;
  log: Logger;
}

export function createAdminHandlers({ store, dispatcher, traefikDir, adminToken, log }: AdminContext): AdminHandlers {
  return {
    ApplyApp: unary(adminToken, (request: ApplyAppRequest__Output) => {
      const { app, outcome } = applyApp(store, request.specText, request.source || 'spec', Date.now());
      log.info({ app: app.spec.name, outcome }, 'app applied');
      return { app: appMessage(app.spec.name, app), outcome };
    }),
    GetApp: unary(adminToken, (request: GetAppRequest__Output) => appMessage(request.name, getApp(store, request.name))),
    ListApps: unary(adminToken, () => ({
      apps: Object.keys(store.data.apps)
        .sort()
        .map((name) => appMessage(name, store.data.apps[name] as AppRecord)),
    })),
    DeleteApp: unary(adminToken, (request: DeleteAppRequest__Output) => deleteApp(store, dispatcher, traefikDir, request.name, log)),
    ListAgents: unary(adminToken, () => {
      const known = new Set(Object.keys(store.data.instances));
      const agents = Object.values(store.data.agents)
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((agent) => agentSummary(agent, known));
      return { agents };
    }),
  };
}
