/**
 * Placement: which agent runs each replica of a service. Pure: agents and their current load in,
 * placements (or, when nothing fits, a reason per agent) out.
 *
 * Replicas spread across the eligible agents (ready, carrying every placement label), least loaded
 * first, so no two replicas share an agent while agents suffice; more replicas than agents wrap
 * round, again least loaded first. Ties break on the agent id (code-unit order), so the result is
 * deterministic.
 */
import type { AgentStatus } from '../../shared/agent.js';
import { MinHeap } from './min-heap.js';

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

/**
 * Each agent's load: every instance it runs or is about to run — those it reports running, those
 * the controller started on it, and those placed on it by deployments under way that it has not
 * started yet — each counted once. Counting only running ones let deployments planned at the same
 * time all pick the same idle agents (a wave of 100 deployments put its 10,000 instances on 100 of
 * 1,000 agents).
 */
export function countLoads(
  running: Array<{ agentId: string; instanceId: string }>,
  known: Array<{ agentId: string; instanceId: string }>,
  planned: Array<{ agentId: string; instanceId: string }>,
): Map<string, number> {
  const seen = new Set<string>();
  const loads = new Map<string, number>();
  for (const list of [running, known, planned]) {
    for (const { agentId, instanceId } of list) {
      if (seen.has(instanceId)) continue;
      seen.add(instanceId);
      loads.set(agentId, (loads.get(agentId) ?? 0) + 1);
    }
  }
  return loads;
}

/** Why an agent cannot take the service, or null when it can. */
export function ineligibility(agent: PlacementAgent, labels: Record<string, string>): string | null {
  if (agent.status !== 'ready') return agent.status;
  const missing = Object.entries(labels).filter(([k, v]) => agent.labels[k] !== v);
  if (missing.length) return `lacks ${missing.map(([k, v]) => `${k}=${v}`).join(', ')}`;
  return null;
}

export function placeReplicas(request: PlacementRequest, agents: PlacementAgent[]): PlacementResult {
  if (request.replicas === 0) return { ok: true, placements: [] };
  const wanted = Object.entries(request.labels);
  const slots: Slot[] = [];
  for (const a of agents) if (isEligible(a, wanted)) slots.push({ id: a.id, taken: request.existing?.[a.id] ?? 0, load: a.load });
  if (slots.length === 0) {
    const reasons = agents.length ? describeIneligible(agents, request.labels) : 'no agents have joined';
    return { ok: false, reason: `no agent can run ${request.app}/${request.service}: ${reasons}` };
  }
  // A heap of the eligible agents, fewest replicas of this service first (the spread), then least
  // loaded, then id: each replica costs O(log n), where sorting them all cost O(n log n).
  const heap = MinHeap.from(slots, (a, b) => a.taken - b.taken || a.load - b.load || compareIds(a.id, b.id));
  const placements: Placement[] = [];
  for (let replica = 0; replica < request.replicas; replica++) {
    const best = heap.pop() as Slot;
    placements.push({ replica, agentId: best.id });
    best.taken++;
    best.load++;
    heap.push(best);
  }
  return { ok: true, placements };
}

/** Agents named per reason when none can take a service. */
const AGENTS_NAMED_PER_REASON = 5;

/**
 * Why each agent cannot take the service, agents with the same reason together and at most a few
 * named for each: a fleet of a thousand down agents makes one line, not a thousand.
 */
function describeIneligible(agents: PlacementAgent[], labels: Record<string, string>): string {
  const byReason = new Map<string, string[]>();
  for (const agent of [...agents].sort((a, b) => compareIds(a.id, b.id))) {
    const reason = ineligibility(agent, labels) ?? 'eligible';
    byReason.set(reason, [...(byReason.get(reason) ?? []), agent.id]);
  }
  return [...byReason]
    .map(([reason, ids]) => {
      const named = ids.slice(0, AGENTS_NAMED_PER_REASON).join(', ');
      const more = ids.length > AGENTS_NAMED_PER_REASON ? ` and ${ids.length - AGENTS_NAMED_PER_REASON} more` : '';
      return ids.length === 1 ? `${named}: ${reason}` : `${named}${more} (${ids.length}): ${reason}`;
    })
    .join('; ');
}

/** ineligibility() without building its reason: placement asks this of every agent. */
function isEligible(agent: PlacementAgent, wanted: Array<[string, string]>): boolean {
  if (agent.status !== 'ready') return false;
  for (const [k, v] of wanted) if (agent.labels[k] !== v) return false;
  return true;
}

/** Code-unit order: deterministic and cheap (localeCompare cost a microsecond a call). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An eligible agent as placement sees it while it places one request. */
interface Slot {
  id: string;
  taken: number;
  load: number;
}
