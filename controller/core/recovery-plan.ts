/**
 * What a restarted controller does with the deployments it finds. Every one that was under way is
 * carried on in its phase: each stage can be run again and picks up what the first run did.
 * Building keeps a release already recorded for the deployment, and an agent asked for the same
 * image again queues behind the build still running; starting finds instances already started by
 * their ids; verifying reads the instances' state the agents report; postdeploy asks the agent for
 * the same one-off again, which answers with the running one's or the ended one's result (the
 * command never runs twice); routing and draining are rewrites. The oldest queued one of an app
 * with nothing under way starts. A failed or cancelled one whose new instances are still there,
 * unrouted, gets them removed. Pure: the state's tables in, the plan out.
 */
import type { DeploymentRecord } from './deployment-record.js';
import { isTerminal } from './deployment-machine.js';

export interface RecoveryState {
  apps: Record<string, { routed: { instanceIds: string[] } | null }>;
  instances: Record<string, unknown>;
  deployments: Record<string, DeploymentRecord>;
}

export interface RecoveryPlan {
  /** Ended deployments whose new instances are left over. */
  cleanUp: string[];
  /** Carried on from the phase they were in. */
  resume: string[];
  /** Queued deployments that start now, at most one per app. */
  start: string[];
}

export function planRecovery(state: RecoveryState): RecoveryPlan {
  const plan: RecoveryPlan = { cleanUp: [], resume: [], start: [] };
  const all = Object.values(state.deployments).sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
  for (const d of all) {
    if (d.state !== 'failed' && d.state !== 'cancelled') continue;
    const routed = new Set(state.apps[d.app]?.routed?.instanceIds ?? []);
    if ((d.plan?.start ?? []).some((i) => state.instances[i.instanceId] !== undefined && !routed.has(i.instanceId))) plan.cleanUp.push(d.id);
  }
  const busy = new Set<string>();
  for (const d of all) {
    if (isTerminal(d.state) || d.state === 'queued') continue;
    busy.add(d.app);
    plan.resume.push(d.id);
  }
  for (const d of all) {
    if (d.state !== 'queued' || busy.has(d.app)) continue;
    busy.add(d.app);
    plan.start.push(d.id);
  }
  return plan;
}
