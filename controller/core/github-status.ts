/**
 * The GitHub deployment status for a Berth deployment's state, or null when the state changes
 * nothing GitHub shows (a second in-progress phase). Pure.
 */
import type { DeploymentRecord } from './deployment-record.js';

export interface GithubStatus {
  state: 'queued' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';
  description: string;
}

/** GitHub caps descriptions at 140 characters. */
function short(text: string): string {
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

export function githubStatusFor(d: DeploymentRecord): GithubStatus | null {
  switch (d.state) {
    case 'queued':
      return { state: 'queued', description: 'queued behind the running deployment' };
    case 'building':
      return { state: 'in_progress', description: `Berth deployment ${d.id} is building` };
    case 'succeeded': {
      const postdeploy = d.postdeploy?.exitCode === 0 ? '; postdeploy succeeded' : '';
      return { state: 'success', description: short(`${d.release} is live${postdeploy}`) };
    }
    case 'failed':
      return { state: 'failure', description: short(`failed in ${d.failure?.phase}: ${d.failure?.reason ?? ''}`) };
    case 'cancelled':
      return { state: 'error', description: short(`cancelled in ${d.failure?.phase}`) };
    default:
      return null;
  }
}
