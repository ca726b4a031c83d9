/** Agents: list, drain, undrain and remove them; join tokens for new ones. */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import type { AgentSummary } from '../../../proto/gen/berth/v1/AgentSummary.js';
import type { AgentRecord } from '../../../shared/agent.js';
import { agentNotFound, agentRemoval } from '../../core/admin-rules.js';
import { agentStatus, isStopped } from '../../core/agent-registry.js';
import { DEFAULT_JOIN_TOKEN_TTL_MS, type AgentEnrolment } from '../../pipeline/agent-enrolment.js';
import type { FleetReactions } from '../../pipeline/fleet-reactions.js';
import { agentSummaryMessage, joinTokenTtlMs } from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

export interface AgentDeps extends AdminDeps {
  enrolment: AgentEnrolment;
  /** Drain moves an agent's instances elsewhere. */
  reactions: FleetReactions;
}

export function agentHandlers({
  rpc,
  store,
  log,
  enrolment,
  reactions,
}: AgentDeps): Pick<AdminServiceHandlers, 'DrainAgent' | 'UndrainAgent' | 'RemoveAgent' | 'CreateJoinToken'> {
  const knownInstanceIds = () => new Set(Object.keys(store.data.instances));
  const agentRecord = (id: string): AgentRecord => {
    const agent = store.data.agents[id];
    if (!agent) throw agentNotFound(id);
    return agent;
  };
  const summaryOf = (id: string): AgentSummary => agentSummaryMessage(agentRecord(id), knownInstanceIds());
  const setDraining = (id: string, draining: boolean): void => {
    agentRecord(id);
    store.update((s) => {
      const agent = s.agents[id];
      if (agent) agent.draining = draining;
    });
    log.info({ agentId: id, draining }, draining ? 'agent draining' : 'agent undrained');
  };
  return {
    DrainAgent: rpc.unary('DrainAgent', (request) => {
      setDraining(request.id, true);
      // Its instances move: every app serving from it gets a scale deployment placed elsewhere.
      reactions.agentDrained(request.id);
      return { agent: summaryOf(request.id) };
    }),
    UndrainAgent: rpc.unary('UndrainAgent', (request) => {
      setDraining(request.id, false);
      return { agent: summaryOf(request.id) };
    }),
    RemoveAgent: rpc.unary('RemoveAgent', (request) => {
      const { id } = request;
      const agent = store.data.agents[id];
      // Enrolled but never connected: there is only the credential to revoke.
      if (!agent && enrolment.revoke(id)) return { id };
      const routed = new Set(Object.values(store.data.apps).flatMap((a) => a.routed?.instanceIds ?? []));
      // One that said goodbye and is not back counts as down: berth agent uninstall removes it at once.
      const status = agent ? (isStopped(agent) ? 'down' : agentStatus(agent)) : null;
      const { forgetInstanceIds } = agentRemoval(id, status, store.data.instances, routed);
      store.update((s) => {
        delete s.agents[id];
        for (const instanceId of forgetInstanceIds) delete s.instances[instanceId];
      });
      // Removing is revoking: a stream that agent opens from now on is refused.
      enrolment.revoke(id);
      log.info({ agentId: id }, 'agent removed');
      return { id };
    }),
    CreateJoinToken: rpc.unary('CreateJoinToken', (request) => enrolment.createJoinToken(joinTokenTtlMs(request.ttlMs, DEFAULT_JOIN_TOKEN_TTL_MS))),
  };
}
