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

/**
 * For a deployment's plan: the app's instances the controller knows that are neither routed nor
 * part of another deployment still going (a failed or interrupted one left them); the plan retires
 * them with the old release.
 */
export function strandedInstances(state: Omit<LeftoverState, 'agents'>, app: string, deploymentId: string): string[] {
  const routed = new Set(state.apps[app]?.routed?.instanceIds ?? []);
  const active = new Set(
    Object.values(state.deployments)
      .filter((d) => d.id !== deploymentId && !isTerminal(d.state))
      .flatMap((d) => d.plan?.start.map((i) => i.instanceId) ?? []),
  );
  return Object.values(state.instances)
    .filter((i) => i.app === app && !routed.has(i.instanceId) && !active.has(i.instanceId))
    .map((i) => i.instanceId);
}
