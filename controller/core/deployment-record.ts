/**
 * A deployment as the controller stores it: the state machine's Deployment plus what the runner
 * needs to carry it out and what an operator wants to see (plan, progress, bounded output).
 */
import type { DeployRequest } from './deploy-queue.js';
import { isTerminal, type Deployment } from './deployment-machine.js';
import type { RoutingConfirmation } from './route-confirmation.js';
import type { RolloutPlan } from './rollout-plan.js';

/** Ended deployments kept per app; older ones are forgotten so the state file stays small. */
export const DEPLOYMENTS_KEPT_PER_APP = 50;

/** The ended deployments of an app beyond the newest `keep`, oldest first. */
export function deploymentsToForget(deployments: DeploymentRecord[], app: string, keep = DEPLOYMENTS_KEPT_PER_APP): string[] {
  const ended = deployments.filter((d) => d.app === app && isTerminal(d.state)).sort((a, b) => b.createdAtMs - a.createdAtMs);
  return ended
    .slice(keep)
    .map((d) => d.id)
    .reverse();
}

/** Lines of build and postdeploy output kept on a deployment; all of them are streamed live. */
export const DEPLOYMENT_OUTPUT_LINES = 500;

export interface DeploymentRecord extends Deployment {
  request: DeployRequest;
  createdAtMs: number;
  plan: RolloutPlan | null;
  /** New instances healthy (past the stability window) out of those started. */
  progress: { healthy: number; wanted: number };
  postdeploy: { agentId: string; exitCode: number | null } | null;
  output: string[];
  /** What the routing stage waited for before draining (absent: not routed yet, or older records). */
  routing?: RoutingConfirmation;
}

export function appendOutput(output: string[], lines: string[]): string[] {
  const all = [...output, ...lines];
  return all.length > DEPLOYMENT_OUTPUT_LINES ? all.slice(-DEPLOYMENT_OUTPUT_LINES) : all;
}

/**
 * How long a deployment spent in each phase it went through, from its recorded transitions (a
 * phase entered twice counts twice). The terminal state has no duration.
 */
export function phaseDurations(history: Array<{ state: string; atMs: number }>): Array<{ phase: string; ms: number }> {
  const out: Array<{ phase: string; ms: number }> = [];
  for (let i = 0; i + 1 < history.length; i++) {
    const from = history[i] as { state: string; atMs: number };
    const to = history[i + 1] as { state: string; atMs: number };
    out.push({ phase: from.state, ms: Math.max(0, to.atMs - from.atMs) });
  }
  return out;
}
