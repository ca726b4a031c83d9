/** The admin gRPC service: every call is authenticated, then answered from the registry. */
import type * as grpc from '@grpc/grpc-js';
import type { AdminHandlers } from '../../proto/gen/berth/v1/Admin.js';
import type { AgentSummary } from '../../proto/gen/berth/v1/AgentSummary.js';
import { instanceToProto } from '../../proto/convert.js';
import type { AgentRecord } from '../../shared/agent.js';
import type { Store } from '../adapters/store.js';
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

export function createAdminHandlers(store: Store, adminToken: string): AdminHandlers {
  return {
    ListAgents: unary(adminToken, () => {
      const known = new Set(Object.keys(store.data.instances));
      const agents = Object.values(store.data.agents)
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((agent) => agentSummary(agent, known));
      return { agents };
    }),
  };
}
