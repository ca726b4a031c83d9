/** Pushes and deployments as GitHub describes them, and pushes as Gitea, Forgejo and Gogs do (the same shape). Pure. */
import { z } from 'zod';
import { hostJson, type HookBody as Body } from './hook-body.js';
import type { HookEvent } from './hook-event.js';
import { type Base, classifyRef, ignored, noGitInfo, pushed, SHA, sha, textAt, urls, validate, ZERO_SHA } from './hook-fields.js';

const GithubPush = z.object({
  ref: z.string().min(1),
  before: z.string().nullish(),
  after: sha,
  created: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
  commits: z.array(z.unknown()).nullish(),
  head_commit: z.unknown().optional(),
});

const GithubDeployment = z.object({
  deployment: z.object({ ref: z.string().min(1), sha, payload: z.unknown().optional() }),
});

/** GitHub's owner/repo, when well formed. */
function githubRepository(json: Record<string, unknown>): { githubRepository: string } | Record<string, never> {
  const name = textAt(json, 'repository', 'full_name');
  return name && /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(name) ? { githubRepository: name } : {};
}

function githubUrls(json: Record<string, unknown>): string[] {
  return urls(...['clone_url', 'ssh_url', 'html_url', 'git_url'].map((key) => textAt(json, 'repository', key)));
}

/** A push as GitHub, Gitea and Forgejo describe it. GitHub-only signals are absent from the others' payloads. */
function githubLikePush(base: Base, json: Record<string, unknown>): HookEvent {
  const what = `${base.source} push payload`;
  const push = validate(GithubPush, json, what);
  const ref = classifyRef(push.ref, 'ref', what);
  if (ref.kind === 'tag') return ignored(base, 'tag', `tag push: ${ref.name}`);
  if (ref.kind === 'other') return ignored(base, 'not-a-branch', `push to ${ref.name}, which is not a branch`);
  if (push.deleted === true || ZERO_SHA.test(push.after)) return ignored(base, 'branch-deleted', `branch deleted: ${ref.name}`);
  const sameHead = push.before !== null && push.before !== undefined && push.before.toLowerCase() === push.after.toLowerCase();
  // GitHub sends head_commit: null and no commits for a push that moves nothing (and for deletions);
  // a newly created branch also has no new commits but does have a head_commit. Gitea sent
  // head_commit: null alongside commits in older versions, so only the empty list together with a
  // null head_commit counts.
  const nothingNew = base.source === 'github' && push.created !== true && (push.commits?.length ?? 0) === 0 && push.head_commit === null;
  if (sameHead || nothingNew) return ignored(base, 'no-new-commit', `push without a new commit: ${ref.name}`);
  return pushed(base, githubUrls(json), ref.name, push.after.toLowerCase());
}

export function parseGithub(base: Base, event: string, body: Body): HookEvent {
  if (event === 'ping') return { kind: 'ping', ...base };
  if (event !== 'push' && event !== 'deployment') return ignored(base, 'event-not-deploying', `github event "${event}" does not deploy`);
  if (body.kind === 'empty') return noGitInfo(base);
  const json = hostJson(body, base.source);
  if (event === 'push') {
    const push = githubLikePush(base, json);
    return push.kind === 'push' ? { ...push, ...githubRepository(json) } : push;
  }
  const what = 'github deployment payload';
  const { deployment } = validate(GithubDeployment, json, what);
  // Berth's own GitHub deployments come back as deployment events: deploying them would loop.
  const payload = deployment.payload;
  if (typeof payload === 'object' && payload !== null && (payload as Record<string, unknown>).berth === true)
    return ignored(base, 'own-deployment', 'a deployment Berth created itself');
  // deployment.ref is what was asked to be deployed: a branch, a tag or a SHA.
  let branch: string | null = null;
  if (!SHA.test(deployment.ref)) {
    const ref = classifyRef(deployment.ref, 'deployment.ref', what);
    if (ref.kind === 'branch') branch = ref.name;
  }
  return pushed(base, githubUrls(json), branch, deployment.sha.toLowerCase());
}

export function parseGiteaLike(base: Base, event: string, body: Body): HookEvent {
  if (event !== 'push') return ignored(base, 'event-not-deploying', `${base.source} event "${event}" does not deploy`);
  if (body.kind === 'empty') return noGitInfo(base);
  return githubLikePush(base, hostJson(body, base.source));
}
