/**
 * A deployment as the controller stores it: the state machine's Deployment plus what the runner
 * needs to carry it out and what an operator wants to see (plan, progress, bounded output).
 */
import type { DeployRequest } from './deploy-queue.js';
import type { Deployment } from './deployment-machine.js';
import type { RolloutPlan } from './rollout-plan.js';

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
}

export function appendOutput(output: string[], lines: string[]): string[] {
  const all = [...output, ...lines];
  return all.length > DEPLOYMENT_OUTPUT_LINES ? all.slice(-DEPLOYMENT_OUTPUT_LINES) : all;
}
