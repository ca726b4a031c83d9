/** The GitHub REST API calls Berth makes: create a deployment, post its statuses. */
import { BerthError, errorMessage } from '../../shared/errors.js';

export interface GithubTarget {
  apiUrl: string;
  token: string;
  /** "owner/repo" */
  repository: string;
}

async function post(target: GithubTarget, path: string, body: unknown): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(`${target.apiUrl.replace(/\/+$/, '')}/repos/${target.repository}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${target.token}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'content-type': 'application/json',
        'user-agent': 'berth',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new BerthError('FAILED_PRECONDITION', `GitHub API ${path}: ${errorMessage(err)}`);
  }
  const text = await res.text();
  if (res.status < 200 || res.status >= 300) throw new BerthError('FAILED_PRECONDITION', `GitHub API ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function createGithubDeployment(
  target: GithubTarget,
  body: { ref: string; environment: string; description: string; payload: Record<string, unknown> },
): Promise<number> {
  const created = await post(target, '/deployments', { ...body, auto_merge: false, required_contexts: [] });
  if (typeof created.id !== 'number') throw new BerthError('FAILED_PRECONDITION', 'GitHub API /deployments: the answer has no deployment id');
  return created.id;
}

export async function createGithubDeploymentStatus(
  target: GithubTarget,
  id: number,
  body: { state: string; description: string; environment: string },
): Promise<void> {
  await post(target, `/deployments/${id}/statuses`, body);
}
