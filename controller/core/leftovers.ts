/**
 * Instances of an app that nothing wants any more: the controller knows them and their agent is
 * up, but the app does not route them and no deployment still going starts, keeps or retires them.
 * An instance replaced while its agent was down is one when the agent comes back and the stop
 * queued for it did not reach it; it is retired then. Pure: the state's tables in, instance ids out.
 */
import type { AgentRecord } from '../../shared/agent.js';
import type { DeploymentRecord } from './deployment-record.js';
import { isTerminal } from './deployment-machine.js';

export interface LeftoverState {
  apps: Record<string, { routed: { instanceIds: string[] } | null }>;
  instances: Record<string, { instanceId: string; app: string; agentId: string }>;
  deployments: Record<string, DeploymentRecord>;
  agents: Record<string, AgentRecord>;
}

export function findLeftovers(state: LeftoverState, app: string): string[] {
  // Instances of no app are not Berth's to judge (an app's delete removes its own).
  const record = state.apps[app];
  if (!record) return [];
  const wanted = new Set(record.routed?.instanceIds ?? []);
  for (const d of Object.values(state.deployments)) {
    if (d.app !== app || isTerminal(d.state) || !d.plan) continue;
    for (const id of [...d.plan.start.map((i) => i.instanceId), ...d.plan.keep.map((i) => i.instanceId), ...d.plan.retire]) wanted.add(id);
  }
  return Object.values(state.instances)
    .filter((i) => i.app === app && !wanted.has(i.instanceId) && state.agents[i.agentId]?.alive === true)
    .map((i) => i.instanceId)
    .sort();
}
