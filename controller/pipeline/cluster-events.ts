/**
 * Cluster events for `berth events` and dashboards: deployment state changes, agents going down
 * or coming back, hook decisions. Fan-out only, in memory: a watcher sees what happens while it
 * watches (the deployments, agents and hook log themselves are in the store).
 */
import type { DeploymentRecord } from '../core/deployment-record.js';
import { describeRouting } from '../core/route-confirmation.js';

export interface ClusterEvent {
  atMs: number;
  kind: 'deployment' | 'agent' | 'hook' | 'run';
  /** Empty for agent events. */
  app: string;
  /** The deployment id, the agent id, or the hook's delivery id. */
  subject: string;
  /** The deployment's new state, the agent's status, or the hook's decision. */
  state: string;
  message: string;
}

export class ClusterEvents {
  private readonly listeners = new Set<(event: ClusterEvent) => void>();

  publish(event: ClusterEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: ClusterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** One line for a deployment's state change: what people read in `berth events`. */
export function deploymentEventMessage(d: DeploymentRecord): string {
  if (d.state === 'failed' && d.failure) return `${d.app} deployment ${d.id} failed in ${d.failure.phase}: ${d.failure.reason}`;
  // Draining starts once the switch is confirmed: the event says what was waited for.
  const routing = d.state === 'draining' && d.routing ? `: ${describeRouting(d.routing)}` : '';
  return `${d.app} deployment ${d.id} ${d.state}${d.release ? ` (${d.release})` : ''}${routing}`;
}
