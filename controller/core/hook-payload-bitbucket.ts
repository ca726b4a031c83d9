/** Pushes as Bitbucket Cloud and Bitbucket Server (and Data Center) describe them. Pure. */
import { z } from 'zod';
import { invalid, type HookBody as Body } from './hook-body.js';
import type { HookEvent } from './hook-event.js';
import { type Base, branchName, ignored, noGitInfo, pushed, pushOfRefUpdates, SHA, textAt, urls, validate } from './hook-fields.js';

const BitbucketRef = z.object({
  type: z.string(),
  name: z.string().min(1),
  target: z.object({ hash: z.string() }).nullish(),
});

const BitbucketPush = z.object({
  push: z.object({
    changes: z.array(z.object({ new: BitbucketRef.nullable().optional(), old: BitbucketRef.nullable().optional() })),
  }),
});

export function parseBitbucket(base: Base, event: string, body: Body): HookEvent {
  if (event !== 'repo:push') return ignored(base, 'event-not-deploying', `bitbucket event "${event}" does not deploy`);
  if (body.kind === 'empty') return noGitInfo(base);
  if (body.kind === 'form') throw invalid('bitbucket sends JSON; a form body is not a Bitbucket hook', 415);
  const what = 'bitbucket push payload';
  const { push } = validate(BitbucketPush, body.value, what);
  const changes = push.changes;
  // One push can move several refs; the last branch that now points somewhere is the one deployed.
  let index = -1;
  changes.forEach((c, i) => {
    if (c.new?.type === 'branch') index = i;
  });
  const change = changes[index];
  if (change?.new) {
    const branch = branchName(change.new.name, `push.changes.${index}.new.name`, what);
    const hash = change.new.target?.hash;
    if (hash === undefined || !SHA.test(hash)) {
      throw invalid(`${what} is invalid: push.changes.${index}.new.target.hash: expected a 40 or 64 character hex commit SHA`);
    }
    const fullName = textAt(body.value, 'repository', 'full_name');
    const built = fullName !== undefined && /^[\w.-]+\/[\w.-]+$/.test(fullName) ? `https://bitbucket.org/${fullName}` : undefined;
    const repositoryUrls = urls(textAt(body.value, 'repository', 'links', 'html', 'href'), built);
    return pushed(base, repositoryUrls, branch, hash.toLowerCase());
  }
  const deleted = changes.find((c) => !c.new && c.old?.type === 'branch');
  if (deleted?.old) return ignored(base, 'branch-deleted', `branch deleted: ${deleted.old.name}`);
  const tags = changes.map((c) => c.new ?? c.old).filter((r) => r?.type === 'tag');
  if (tags.length > 0) return ignored(base, 'tag', `tag push: ${tags.map((t) => t?.name).join(', ')}`);
  return ignored(base, 'no-new-commit', 'push without a new commit');
}

const BitbucketServerPush = z.object({
  changes: z.array(
    z.object({
      ref: z.object({ id: z.string().min(1) }),
      toHash: z.string(),
      type: z.string(),
    }),
  ),
});

export function parseBitbucketServer(base: Base, event: string, body: Body): HookEvent {
  if (event === 'diagnostics:ping') return { kind: 'ping', ...base };
  if (event !== 'repo:refs_changed') return ignored(base, 'event-not-deploying', `bitbucket-server event "${event}" does not deploy`);
  if (body.kind === 'empty') return noGitInfo(base);
  if (body.kind === 'form') throw invalid('bitbucket-server sends JSON; a form body is not a Bitbucket Server hook', 415);
  const what = 'bitbucket-server push payload';
  const { changes } = validate(BitbucketServerPush, body.value, what);
  // The repository by its clone links (ssh and http), the forms an app's spec may use.
  const clone = (body.value.repository as { links?: { clone?: unknown } } | undefined)?.links?.clone;
  const repositoryUrls = urls(...(Array.isArray(clone) ? clone.map((l) => textAt(l, 'href')) : []));
  const updates = changes.map((c, i) => ({
    ref: c.ref.id,
    commit: c.toHash,
    deleted: c.type === 'DELETE',
    refPath: `changes.${i}.ref.id`,
    commitPath: `changes.${i}.toHash`,
  }));
  const decided = pushOfRefUpdates(base, updates, repositoryUrls, what);
  if (decided.kind !== 'push' || repositoryUrls.length > 0) return decided;
  // Without clone links, the project key and repository slug still name it (the URLs end in them).
  const key = textAt(body.value, 'repository', 'project', 'key');
  const slug = textAt(body.value, 'repository', 'slug');
  const path = key && slug ? `${key}/${slug}` : '';
  return /^~?[\w.-]+\/[\w.-]+$/.test(path) ? { ...decided, repositoryPath: path } : decided;
}
