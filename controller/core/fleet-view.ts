/**
 * The fleet as placement sees it: every agent with its status, labels and load (instances running
 * on it, known to run there, or planned by a deployment still going). Pure: the state's tables in,
 * the view out.
 */
import type { AgentRecord } from '../../shared/agent.js';
import type { DeploymentRecord } from './deployment-record.js';
import { isTerminal } from './deployment-machine.js';
import { agentStatus } from './agent-registry.js';
import { countLoads, type PlacementAgent } from './placement.js';

export interface FleetState {
  agents: Record<string, AgentRecord>;
  instances: Record<string, { instanceId: string; agentId: string }>;
  deployments: Record<string, DeploymentRecord>;
}

export function fleetView(state: FleetState): PlacementAgent[] {
  const agents = Object.values(state.agents);
  const running = agents.flatMap((agent) =>
    Object.values(agent.instances)
      .filter((i) => i.state === 'running')
      .map((i) => ({ agentId: agent.id, instanceId: i.instanceId })),
  );
  const planned = Object.values(state.deployments).flatMap((d) => (isTerminal(d.state) ? [] : (d.plan?.start ?? [])));
  const loads = countLoads(running, Object.values(state.instances), planned);
  return agents.map((agent) => ({ id: agent.id, status: agentStatus(agent), labels: agent.labels, load: loads.get(agent.id) ?? 0 }));
}
