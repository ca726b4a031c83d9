/**
 * Placement: which agent runs each replica of a service. Pure: agents and their current load in,
 * placements (or, when nothing fits, a reason per agent) out.
 *
 * Replicas spread across the eligible agents (ready, carrying every placement label), least loaded
 * first, so no two replicas share an agent while agents suffice; more replicas than agents wrap
 * round, again least loaded first. Ties break on the agent id, so the result is deterministic.
 */
import type { AgentStatus } from '../../shared/agent.js';

export interface PlacementAgent {
  id: string;
  status: AgentStatus;
  labels: Record<string, string>;
  /** Instances the agent runs now (all apps). */
  load: number;
}

export interface PlacementRequest {
  app: string;
  service: string;
  replicas: number;
  labels: Record<string, string>;
  /** Replicas of this service that stay where they are (a scale-up): agent id → count. */
  existing?: Record<string, number>;
}

export interface Placement {
  replica: number;
  agentId: string;
}

export type PlacementResult = { ok: true; placements: Placement[] } | { ok: false; reason: string };

/** Why an agent cannot take the service, or null when it can. */
export function ineligibility(agent: PlacementAgent, labels: Record<string, string>): string | null {
  if (agent.status !== 'ready') return agent.status;
  const missing = Object.entries(labels).filter(([k, v]) => agent.labels[k] !== v);
  if (missing.length) return `lacks ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}`;
  return null;
}

export function placeReplicas(request: PlacementRequest, agents: PlacementAgent[]): PlacementResult {
  if (request.replicas === 0) return { ok: true, placements: [] };
  const eligible = agents.filter((a) => ineligibility(a, request.labels) === null);
  if (eligible.length === 0) {
    const reasons = agents.length
      ? [...agents].sort((a, b) => a.id.localeCompare(b.id)).map((a) => `${a.id}: ${ineligibility(a, request.labels)}`).join('; ')
      : 'no agents have joined';
    return { ok: false, reason: `no agent can run ${request.app}/${request.service}: ${reasons}` };
  }
  const load = new Map(eligible.map((a) => [a.id, a.load]));
  const taken = new Map<string, number>(eligible.map((a) => [a.id, request.existing?.[a.id] ?? 0]));
  const placements: Placement[] = [];
  for (let replica = 0; replica < request.replicas; replica++) {
    // Fewest replicas of this service first (the spread), then least loaded, then id.
    const best = [...eligible].sort(
      (a, b) => (taken.get(a.id) ?? 0) - (taken.get(b.id) ?? 0) || (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id.localeCompare(b.id),
    )[0] as PlacementAgent;
    placements.push({ replica, agentId: best.id });
    taken.set(best.id, (taken.get(best.id) ?? 0) + 1);
    load.set(best.id, (load.get(best.id) ?? 0) + 1);
  }
  return { ok: true, placements };
}
