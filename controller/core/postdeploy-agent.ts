/**
 * Where the postdeploy one-off runs: on an agent that holds the release's image, one running a new
 * (or kept) instance of the service and still up (draining ones included: the image is there);
 * else on any agent placement would pick for the service. Pure.
 */
import { placeReplicas, type PlacementAgent } from './placement.js';
import type { PlannedInstance } from './rollout-plan.js';

export interface PostdeployAgentInput {
  app: string;
  service: string;
  labels: Record<string, string>;
  /** The deployment's plan: instances started and kept. */
  instances: PlannedInstance[];
  agents: PlacementAgent[];
}

export type PostdeployAgentChoice = { ok: true; agentId: string } | { ok: false; reason: string };

export function choosePostdeployAgent(input: PostdeployAgentInput): PostdeployAgentChoice {
  const up = new Set(input.agents.filter((a) => a.status !== 'down').map((a) => a.id));
  const holder = input.instances.find((i) => i.service === input.service && up.has(i.agentId));
  if (holder) return { ok: true, agentId: holder.agentId };
  const placed = placeReplicas({ app: input.app, service: input.service, replicas: 1, labels: input.labels }, input.agents);
  if (!placed.ok) return { ok: false, reason: `no agent can run the postdeploy container: ${placed.reason}` };
  return { ok: true, agentId: (placed.placements[0] as { agentId: string }).agentId };
}
