/** Pushes as GitLab describes them, in project hooks and system hooks. Pure. */
import { z } from 'zod';
import { invalid, type HookBody as Body } from './hook-body.js';
import type { HookEvent } from './hook-event.js';
import { type Base, classifyRef, ignored, noGitInfo, pushed, sha, textAt, urls, validate, ZERO_SHA } from './hook-fields.js';

const GitlabPush = z.object({
  object_kind: z.string().optional(),
  ref: z.string().min(1),
  before: z.string().nullish(),
  after: sha,
  checkout_sha: sha.nullish(),
});

export function parseGitlab(base: Base, event: string, body: Body): HookEvent {
  if (event === 'Tag Push Hook') return ignored(base, 'tag', 'tag push');
  // System hooks carry pushes too, told apart by object_kind/event_name.
  const system = event === 'System Hook';
  if (event !== 'Push Hook' && !system) return ignored(base, 'event-not-deploying', `gitlab event "${event}" does not deploy`);
  if (body.kind === 'empty') return noGitInfo(base);
  if (body.kind === 'form') throw invalid('gitlab sends JSON; a form body is not a GitLab hook', 415);
  const json = body.value;
  if (system) {
    const kind = typeof json.event_name === 'string' ? json.event_name : typeof json.object_kind === 'string' ? json.object_kind : 'unknown';
    if (kind === 'tag_push') return ignored(base, 'tag', 'tag push');
    if (kind !== 'push') return ignored(base, 'event-not-deploying', `gitlab system hook "${kind.slice(0, 100)}" does not deploy`);
  }
  const what = 'gitlab push payload';
  const push = validate(GitlabPush, json, what);
  const ref = classifyRef(push.ref, 'ref', what);
  if (push.object_kind === 'tag_push' || ref.kind === 'tag') return ignored(base, 'tag', `tag push: ${ref.name}`);
  if (ref.kind === 'other') return ignored(base, 'not-a-branch', `push to ${ref.name}, which is not a branch`);
  if (ZERO_SHA.test(push.after) || push.checkout_sha === null) return ignored(base, 'branch-deleted', `branch deleted: ${ref.name}`);
  if (push.before !== null && push.before !== undefined && push.before.toLowerCase() === push.after.toLowerCase()) {
    return ignored(base, 'no-new-commit', `push without a new commit: ${ref.name}`);
  }
  const repositoryUrls = urls(
    ...['git_http_url', 'git_ssh_url', 'web_url'].map((key) => textAt(json, 'project', key)),
    ...['git_http_url', 'git_ssh_url', 'homepage'].map((key) => textAt(json, 'repository', key)),
  );
  return pushed(base, repositoryUrls, ref.name, (push.checkout_sha ?? push.after).toLowerCase());
}
