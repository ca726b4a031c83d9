/**
 * The rollout plan of a deployment: which instances to start (and where), which of the routed
 * ones stay, and which retire once traffic has moved. Pure.
 *
 * A new release replaces every instance of the app. The same release again (a scale change, or a
 * rollback to what already serves) keeps the routed instances it can and starts or retires only
 * the difference. Instances on a down or draining agent are never kept: they are replaced.
 */
import { placeReplicas, type PlacementAgent } from './placement.js';
import type { Release } from './release.js';

export interface PlannedInstance {
  instanceId: string;
  service: string;
  /** The CONTAINER variable: service-N. */
  container: string;
  agentId: string;
}

export interface RolloutPlan {
  start: PlannedInstance[];
  keep: PlannedInstance[];
  /** Instance ids stopped and removed after the switch (old release, surplus, leftovers). */
  retire: string[];
}

export interface RolloutInput {
  app: string;
  deploymentId: string;
  release: Release;
  /** Replicas wanted per service (the app's current scale). */
  scale: Record<string, number>;
  /** What serves now. */
  routed: { release: string; instances: PlannedInstance[] } | null;
  /** Other instances of the app the controller knows (of failed or interrupted deployments). */
  leftovers: string[];
  agents: PlacementAgent[];
}

export type RolloutResult = { ok: true; plan: RolloutPlan } | { ok: false; reason: string };

export function instanceIdFor(app: string, container: string, deploymentId: string): string {
  return `${app.slice(0, 40)}-${container.slice(0, 48)}-${deploymentId.slice(0, 12)}`;
}

/** The id of the instance that replaces one lost with its agent: -r1, -r2, ... */
export function replacementIdFor(instanceId: string): string {
  const match = /-r(\d+)$/.exec(instanceId);
  return match ? `${instanceId.slice(0, match.index)}-r${Number(match[1]) + 1}` : `${instanceId}-r1`;
}

function containerIndex(container: string): number {
  const n = Number(container.slice(container.lastIndexOf('-') + 1));
  return Number.isInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

export function planRollout(input: RolloutInput): RolloutResult {
  const { app, deploymentId, release, routed } = input;
  const sameRelease = routed !== null && routed.release === release.name;
  // Instances on down agents are replaced, and so are those on draining ones (drain moves them).
  const readyIds = new Set(input.agents.filter((a) => a.status === 'ready').map((a) => a.id));
  const agents = input.agents.map((a) => ({ ...a }));
  const plan: RolloutPlan = { start: [], keep: [], retire: [...input.leftovers] };
  const routedByService = new Map<string, PlannedInstance[]>();
  for (const i of routed?.instances ?? []) routedByService.set(i.service, [...(routedByService.get(i.service) ?? []), i]);

  for (const [service, instances] of routedByService) {
    if (!release.spec.services[service]) plan.retire.push(...instances.map((i) => i.instanceId));
  }
  for (const service of Object.keys(release.spec.services).sort()) {
    const wanted = input.scale[service] ?? release.spec.services[service]?.scale ?? 0;
    const current = [...(routedByService.get(service) ?? [])].sort((a, b) => containerIndex(a.container) - containerIndex(b.container));
    const keep = sameRelease ? current.filter((i) => readyIds.has(i.agentId)).slice(0, wanted) : [];
    plan.keep.push(...keep);
    plan.retire.push(...current.filter((i) => !keep.includes(i)).map((i) => i.instanceId));

    const missing = wanted - keep.length;
    if (missing <= 0) continue;
    const existing: Record<string, number> = {};
    for (const i of keep) existing[i.agentId] = (existing[i.agentId] ?? 0) + 1;
    const labels = release.spec.services[service]?.placement.labels ?? {};
    const placed = placeReplicas({ app, service, replicas: missing, labels, existing }, agents);
    if (!placed.ok) return placed;
    const used = new Set(keep.map((i) => containerIndex(i.container)));
    let next = 1;
    for (const p of placed.placements) {
      while (used.has(next)) next++;
      used.add(next);
      const container = `${service}-${next}`;
      plan.start.push({ instanceId: instanceIdFor(app, container, deploymentId), service, container, agentId: p.agentId });
      // Later services see this agent as more loaded.
      const agent = agents.find((a) => a.id === p.agentId);
      if (agent) agent.load += 1;
    }
  }
  plan.retire = [...new Set(plan.retire)].sort();
  return { ok: true, plan };
}
