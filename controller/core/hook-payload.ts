/**
 * Parses a redeployment hook request from a git host (or a person, or CI) into the HookEvent of
 * hook-event.ts. Pure: headers and body bytes in, an event out; no I/O, no clock. Which host sent
 * it is hook-headers.ts' answer; reading the body is hook-body.ts'.
 *
 * Payloads are untrusted. Unknown fields are ignored. Wrong types: the fields that decide what
 * deploys (ref, after, before, deleted, created, the generic repository/branch/commit, Bitbucket's
 * changes, Azure DevOps' refUpdates) are a 400 naming the path, because guessing would deploy the
 * wrong thing or everything; the repository URLs are only candidates for matching, so a URL field
 * of the wrong type is treated as missing. Branch names and commits are checked (no option-like or
 * control characters, commits are hex) before anything downstream passes them to git.
 */
import { z } from 'zod';
import { BerthError } from '../../shared/errors.js';
import { hostJson, invalid, readHookBody, type HookBody as Body } from './hook-body.js';
import type { HookEvent, HookRequest, HookSource, IgnoredCode } from './hook-event.js';
import { identifyHook, type HookHeaders } from './hook-headers.js';

type Base = { source: HookSource; deliveryId: string | null };

const ZERO_SHA = /^0+$/;
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** Generic hooks may name an abbreviated commit. */
const SHORT_SHA = /^[0-9a-f]{7,64}$/i;

// ---------------------------------------------------------------------------------------------
// Validation helpers

/**
 * The string at `path` inside an untrusted value, or undefined when anything on the way is missing
 * or of another type: repository URLs are only candidates for matching, so a wrong type loses one.
 */
function textAt(value: unknown, ...path: string[]): string | undefined {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'string' && at.trim() !== '' && at.length <= 2048 ? at.trim() : undefined;
}

const sha = z.string().regex(SHA, 'expected a 40 or 64 character hex commit SHA');

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}

function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(`${what} is invalid: ${describe(parsed.error)}`);
  return parsed.data;
}

/** Whether git would accept `name` as a branch name (the subset of check-ref-format rules that matter here). */
function isBranchName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    !name.startsWith('-') &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock') &&
    !name.includes('..') &&
    !name.includes('//') &&
    !name.includes('@{') &&
    name !== '@' &&
    !/[\x00-\x20\x7f~^:?*[\\]/.test(name)
  );
}

function branchName(name: string, path: string, what: string): string {
  if (!isBranchName(name)) throw invalid(`${what} is invalid: ${path}: ${JSON.stringify(name.slice(0, 100))} is not a branch name`);
  return name;
}

type RefKind = { kind: 'branch'; name: string } | { kind: 'tag'; name: string } | { kind: 'other'; name: string };

/** Sorts a full ref (refs/heads/x, refs/tags/v1) into a branch, a tag or something else. */
function classifyRef(ref: string, path: string, what: string): RefKind {
  if (ref.startsWith('refs/heads/')) return { kind: 'branch', name: branchName(ref.slice('refs/heads/'.length), path, what) };
  if (ref.startsWith('refs/tags/')) return { kind: 'tag', name: ref.slice('refs/tags/'.length) };
  if (ref.startsWith('refs/')) return { kind: 'other', name: ref };
  // Not a full ref: a bare branch name.
  return { kind: 'branch', name: branchName(ref, path, what) };
}

function urls(...candidates: (string | undefined)[]): string[] {
  return [...new Set(candidates.filter((u): u is string => u !== undefined))];
}

const ignored = (base: Base, code: IgnoredCode, reason: string): HookEvent => ({ kind: 'ignored', ...base, code, reason });
const noGitInfo = (base: Base): HookEvent => ({ kind: 'no-git-info', ...base });
const pushed = (base: Base, repositoryUrls: string[], branch: string | null, commit: string | null): Extract<HookEvent, { kind: 'push' }> => ({
  kind: 'push',
  ...base,
  repositoryUrls,
  branch,
  commit,
});

// ---------------------------------------------------------------------------------------------
// GitHub, Gitea, Forgejo

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

function parseGithub(base: Base, event: string, body: Body): HookEvent {
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

function parseGiteaLike(base: Base, event: string, body: Body): HookEvent {
  if (event !== 'push') return ignored(base, 'event-not-deploying', `${base.source} event "${event}" does not deploy`);
  if (body.kind === 'empty') return noGitInfo(base);
  return githubLikePush(base, hostJson(body, base.source));
}

// ---------------------------------------------------------------------------------------------
// GitLab

const GitlabPush = z.object({
  object_kind: z.string().optional(),
  ref: z.string().min(1),
  before: z.string().nullish(),
  after: sha,
  checkout_sha: sha.nullish(),
});

function parseGitlab(base: Base, event: string, body: Body): HookEvent {
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

// ---------------------------------------------------------------------------------------------
// Bitbucket Cloud

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

function parseBitbucket(base: Base, event: string, body: Body): HookEvent {
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

// ---------------------------------------------------------------------------------------------
// Bitbucket Server and Data Center

const BitbucketServerPush = z.object({
  changes: z.array(
    z.object({
      ref: z.object({ id: z.string().min(1) }),
      toHash: z.string(),
      type: z.string(),
    }),
  ),
});

function parseBitbucketServer(base: Base, event: string, body: Body): HookEvent {
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

/** A ref a push moved, as Bitbucket Server and Azure DevOps list them; the paths name the fields in errors. */
interface RefUpdate {
  ref: string;
  commit: string;
  deleted: boolean;
  refPath: string;
  commitPath: string;
}

/**
 * One push can move several refs: the last branch that now points at a commit is the one deployed;
 * otherwise a deleted branch, tags, or nothing new, each ignored with the reason.
 */
function pushOfRefUpdates(base: Base, updates: RefUpdate[], repositoryUrls: string[], what: string): HookEvent {
  const refs = updates.map((u) => ({ ...u, kind: classifyRef(u.ref, u.refPath, what) }));
  const moved = refs.filter((r) => r.kind.kind === 'branch' && !r.deleted).at(-1);
  if (moved) {
    if (!SHA.test(moved.commit) || ZERO_SHA.test(moved.commit))
      throw invalid(`${what} is invalid: ${moved.commitPath}: expected a 40 or 64 character hex commit SHA`);
    return pushed(base, repositoryUrls, moved.kind.name, moved.commit.toLowerCase());
  }
  const deleted = refs.find((r) => r.kind.kind === 'branch');
  if (deleted) return ignored(base, 'branch-deleted', `branch deleted: ${deleted.kind.name}`);
  const tags = refs.filter((r) => r.kind.kind === 'tag');
  if (tags.length > 0) return ignored(base, 'tag', `tag push: ${tags.map((t) => t.kind.name).join(', ')}`);
  return ignored(base, 'no-new-commit', 'push without a new commit');
}

// ---------------------------------------------------------------------------------------------
// Azure DevOps

const AzureDevopsPush = z.object({
  resource: z.object({
    refUpdates: z.array(z.object({ name: z.string().min(1), newObjectId: z.string() })),
  }),
});

function parseAzureDevops(base: Base, event: string, body: Body): HookEvent {
  if (event !== 'git.push') return ignored(base, 'event-not-deploying', `azure-devops event "${event}" does not deploy`);
  if (body.kind !== 'json') throw invalid('azure-devops sends JSON', 415);
  const what = 'azure-devops git.push payload';
  const resource = body.value.resource;
  if (typeof resource !== 'object' || resource === null || !('refUpdates' in resource)) {
    // The subscription's "Resource details to send" is Minimal or None: nothing says what moved.
    throw invalid(`${what} has no resource.refUpdates: set the service hook's "Resource details to send" to All`);
  }
  const { refUpdates } = validate(AzureDevopsPush, body.value, what).resource;
  // A deleted branch's newObjectId is all zeros.
  const updates = refUpdates.map((u, i) => ({
    ref: u.name,
    commit: u.newObjectId,
    deleted: ZERO_SHA.test(u.newObjectId),
    refPath: `resource.refUpdates.${i}.name`,
    commitPath: `resource.refUpdates.${i}.newObjectId`,
  }));
  return pushOfRefUpdates(base, updates, urls(...['remoteUrl', 'sshUrl', 'webUrl'].map((key) => textAt(resource, 'repository', key))), what);
}

// ---------------------------------------------------------------------------------------------
// Generic

const optionalText = (label: string) =>
  z
    .string({ error: `expected ${label} as a string` })
    .max(2048)
    .nullish()
    .transform((v) => (v === null || v === undefined || v.trim() === '' ? undefined : v.trim()));

const GenericFields = z.object({
  repository: optionalText('a repository URL'),
  branch: optionalText('a branch name'),
  commit: optionalText('a commit SHA').refine((v) => v === undefined || SHORT_SHA.test(v), 'expected a hex commit SHA'),
});

function parseGeneric(base: Base, body: Body): HookEvent {
  if (body.kind === 'empty') return noGitInfo(base);
  const raw = body.kind === 'json' ? body.value : Object.fromEntries(['repository', 'branch', 'commit'].map((k) => [k, body.fields.get(k)]));
  const what = body.kind === 'json' ? 'hook body' : 'hook form';
  const fields = validate(GenericFields, raw, what);
  if (fields.repository === undefined && fields.branch === undefined && fields.commit === undefined) return noGitInfo(base);
  let branch: string | null = null;
  if (fields.branch !== undefined) {
    const ref = classifyRef(fields.branch, 'branch', what);
    if (ref.kind === 'tag') return ignored(base, 'tag', `tag push: ${ref.name}`);
    if (ref.kind === 'other') throw invalid(`${what} is invalid: branch: ${JSON.stringify(ref.name.slice(0, 100))} is not a branch`);
    branch = ref.name;
  }
  return pushed(base, fields.repository === undefined ? [] : [fields.repository], branch, fields.commit?.toLowerCase() ?? null);
}
/**
 * The HookEvent a hook request describes; throws BerthError('INVALID_ARGUMENT', details.status 400
 * or 415) for a body it cannot read. `meta` is identifyHook(request), when the caller has it.
 */
export function parseHookRequest(request: HookRequest, meta: HookHeaders = identifyHook(request)): HookEvent {
  try {
    const { source, event } = meta;
    const base: Base = { source, deliveryId: meta.deliveryId };
    const body = readHookBody(request);
    if (source === 'generic') return parseGeneric(base, body);
    switch (source) {
      case 'github':
        return parseGithub(base, event, body);
      case 'gitea':
      case 'forgejo':
      case 'gogs':
        return parseGiteaLike(base, event, body);
      case 'gitlab':
        return parseGitlab(base, event, body);
      case 'bitbucket':
        return parseBitbucket(base, event, body);
      case 'bitbucket-server':
        return parseBitbucketServer(base, event, body);
      case 'azure-devops':
        return parseAzureDevops(base, event, body);
    }
  } catch (err) {
    if (err instanceof BerthError) throw err;
    // Nothing above should throw anything else; if it does, it is still the request that is at fault.
    throw new BerthError(
      'INVALID_ARGUMENT',
      `hook request could not be read: ${err instanceof Error ? err.message : String(err)}`,
      { status: 400 },
      { cause: err },
    );
  }
}
