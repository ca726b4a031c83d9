/**
 * Parses a redeployment hook request from a git host (or a person, or CI) into the HookEvent of
 * hook-event.ts. Pure: headers and body bytes in, an event out; no I/O, no clock.
 *
 * Which host sent it is read from the headers (hookSourceOf). Gitea and Forgejo also send GitHub's
 * and Gogs' headers for compatibility, and Forgejo also sends Gitea's, so the most specific header
 * wins: Forgejo, then Gitea, then Gogs (whose payload Gitea's copies), GitLab, GitHub, then
 * Bitbucket: Cloud identifies its deliveries with X-Request-UUID, Server and Data Center with
 * X-Request-Id; anything else is generic.
 *
 * Bodies: application/json (also `+json` types and parameters such as charset),
 * application/x-www-form-urlencoded (GitHub, Gitea and Forgejo put the JSON in a `payload` field;
 * a generic hook sends its fields directly), or an empty body with any content type or none.
 * Errors are BerthError('INVALID_ARGUMENT') with details.status for the HTTP edge: 415 for a body
 * of another type, 400 for bytes that are not UTF-8, JSON that does not parse (with the position),
 * a JSON body that is not an object, and fields the decision depends on that have the wrong type.
 *
 * Payloads are untrusted. Unknown fields are ignored. Wrong types: the fields that decide what
 * deploys (ref, after, before, deleted, created, the generic repository/branch/commit, Bitbucket's
 * changes) are a 400 naming the path, because guessing would deploy the wrong thing or everything;
 * the repository URLs are only candidates for matching, so a URL field of the wrong type is treated
 * as missing. Branch names and commits are checked (no option-like or control characters, commits
 * are hex) before anything downstream passes them to git.
 */
import { z } from 'zod';
import { BerthError } from '../../shared/errors.js';
import type { HookEvent, HookRequest, HookSource } from './hook-event.js';

type Headers = HookRequest['headers'];
type Body = { kind: 'empty' } | { kind: 'json'; value: Record<string, unknown> } | { kind: 'form'; fields: URLSearchParams };
type Base = { source: HookSource; deliveryId: string | null };

const ZERO_SHA = /^0+$/;
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** Generic hooks may name an abbreviated commit. */
const SHORT_SHA = /^[0-9a-f]{7,64}$/i;
const MAX_DELIVERY_ID = 200;

// ---------------------------------------------------------------------------------------------
// Headers

/** A header's value, trimmed; `name` and the request's header names are lower-case (HookRequest). */
function header(headers: Headers, name: string): string | undefined {
  const trimmed = headers[name]?.trim();
  return trimmed ? trimmed : undefined;
}

/** Which git host sent the request, from its event header. */
export function hookSourceOf(headers: Headers): HookSource {
  if (header(headers, 'x-forgejo-event')) return 'forgejo';
  if (header(headers, 'x-gitea-event')) return 'gitea';
  if (header(headers, 'x-gogs-event')) return 'gogs';
  if (header(headers, 'x-gitlab-event')) return 'gitlab';
  if (header(headers, 'x-github-event')) return 'github';
  if (header(headers, 'x-event-key')) return header(headers, 'x-request-id') && !header(headers, 'x-request-uuid') ? 'bitbucket-server' : 'bitbucket';
  return 'generic';
}

const DELIVERY_HEADERS: Record<HookSource, string[]> = {
  github: ['x-github-delivery'],
  gitea: ['x-gitea-delivery'],
  forgejo: ['x-forgejo-delivery'],
  gogs: ['x-gogs-delivery'],
  gitlab: ['x-gitlab-event-uuid', 'idempotency-key'],
  bitbucket: ['x-request-uuid'],
  'bitbucket-server': ['x-request-id'],
  generic: ['idempotency-key'],
};

/** The host's id of this delivery (the same on a redelivery), or null; absurd values (too long, control characters) are null. */
export function deliveryIdOf(source: HookSource, headers: Headers): string | null {
  for (const name of DELIVERY_HEADERS[source]) {
    const value = header(headers, name);
    if (value !== undefined) return value.length <= MAX_DELIVERY_ID && /^[\x21-\x7e]+$/.test(value) ? value : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Body

function invalid(message: string, status = 400): BerthError {
  return new BerthError('INVALID_ARGUMENT', message, { status });
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function isJsonType(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Stateless between calls (no `stream` option), so one serves every request. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeUtf8(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw invalid('body is not valid UTF-8');
  }
}

function readBody(request: HookRequest): Body {
  const text = request.body.length === 0 ? '' : decodeUtf8(request.body);
  if (text.trim() === '') return { kind: 'empty' };
  const type = mediaType(request.contentType);
  if (isJsonType(type)) return { kind: 'json', value: parseJsonObject(text, 'body') };
  if (type === FORM_TYPE) return { kind: 'form', fields: new URLSearchParams(text) };
  const given = type ? `Content-Type ${type}` : 'no Content-Type';
  throw invalid(`hook body has ${given}; send application/json, ${FORM_TYPE}, or an empty body`, 415);
}

/** JSON.parse with a message that always says where the text goes wrong, and never echoes the body. */
function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(`${what} is not valid JSON: ${jsonErrorWithPosition(text, err instanceof Error ? err.message : String(err))}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw invalid(`${what} must be a JSON object, not ${kind}`);
  }
  return value as Record<string, unknown>;
}

const POSITION = / at position (\d+)/;

function jsonErrorWithPosition(text: string, message: string): string {
  const at = POSITION.exec(message);
  if (at) return message.slice(0, at.index + at[0].length);
  // V8 says `Unexpected token 'x', "<the input>" is not valid JSON` (no position, and it quotes
  // the body) or `Unexpected end of JSON input`; find the position ourselves.
  let reason = message;
  if (reason.startsWith("Unexpected token '")) {
    const close = reason.indexOf("', ", "Unexpected token '".length + 1);
    reason = close > 0 ? reason.slice(0, close + 1) : 'Unexpected token';
  } else if (reason.endsWith('is not valid JSON')) {
    reason = 'Unexpected token';
  }
  const position = reason.startsWith('Unexpected end of JSON input') ? text.length : errorPosition(text);
  return `${reason} at position ${position}`;
}

/**
 * Where JSON.parse gives up on `text`: the length of its longest prefix that is still a possible
 * beginning of a JSON text. Being such a prefix is closed under taking prefixes, so a binary
 * search finds it with O(log n) parses.
 */
function errorPosition(text: string): number {
  const viable = (n: number): boolean => {
    const prefix = text.slice(0, n);
    try {
      JSON.parse(prefix);
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : '';
      if (message.startsWith('Unexpected end of JSON input')) return true;
      const at = POSITION.exec(message);
      return at !== null && Number(at[1]) >= n;
    }
  };
  let lo = 0; // viable
  let hi = text.length; // not viable (the whole text failed)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (viable(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The JSON a git host sent, from a JSON body or the `payload` field of a form body. */
function hostJson(body: Exclude<Body, { kind: 'empty' }>, source: HookSource): Record<string, unknown> {
  if (body.kind === 'json') return body.value;
  const payload = body.fields.get('payload');
  if (payload === null) throw invalid(`${source} form body has no payload field (expected payload=<the JSON payload>)`);
  return parseJsonObject(payload, 'form field payload');
}

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

const ignored = (base: Base, reason: string): HookEvent => ({ kind: 'ignored', ...base, reason });
const noGitInfo = (base: Base): HookEvent => ({ kind: 'no-git-info', ...base });
const pushed = (base: Base, repositoryUrls: string[], branch: string | null, commit: string | null): HookEvent => ({
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
  if (ref.kind === 'tag') return ignored(base, `tag push: ${ref.name}`);
  if (ref.kind === 'other') return ignored(base, `push to ${ref.name}, which is not a branch`);
  if (push.deleted === true || ZERO_SHA.test(push.after)) return ignored(base, `branch deleted: ${ref.name}`);
  const sameHead = push.before !== null && push.before !== undefined && push.before.toLowerCase() === push.after.toLowerCase();
  // GitHub sends head_commit: null and no commits for a push that moves nothing (and for deletions);
  // a newly created branch also has no new commits but does have a head_commit. Gitea sent
  // head_commit: null alongside commits in older versions, so only the empty list together with a
  // null head_commit counts.
  const nothingNew = base.source === 'github' && push.created !== true && (push.commits?.length ?? 0) === 0 && push.head_commit === null;
  if (sameHead || nothingNew) return ignored(base, `push without a new commit: ${ref.name}`);
  return pushed(base, githubUrls(json), ref.name, push.after.toLowerCase());
}

function parseGithub(base: Base, event: string, body: Body): HookEvent {
  if (event === 'ping') return { kind: 'ping', ...base };
  if (event !== 'push' && event !== 'deployment') return ignored(base, `github event "${event}" does not deploy`);
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
  if (typeof payload === 'object' && payload !== null && (payload as Record<string, unknown>).berth === true) return ignored(base, 'a deployment Berth created itself');
  // deployment.ref is what was asked to be deployed: a branch, a tag or a SHA.
  let branch: string | null = null;
  if (!SHA.test(deployment.ref)) {
    const ref = classifyRef(deployment.ref, 'deployment.ref', what);
    if (ref.kind === 'branch') branch = ref.name;
  }
  return pushed(base, githubUrls(json), branch, deployment.sha.toLowerCase());
}

function parseGiteaLike(base: Base, event: string, body: Body): HookEvent {
  if (event !== 'push') return ignored(base, `${base.source} event "${event}" does not deploy`);
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
  if (event === 'Tag Push Hook') return ignored(base, 'tag push');
  // System hooks carry pushes too, told apart by object_kind/event_name.
  const system = event === 'System Hook';
  if (event !== 'Push Hook' && !system) return ignored(base, `gitlab event "${event}" does not deploy`);
  if (body.kind === 'empty') return noGitInfo(base);
  if (body.kind === 'form') throw invalid('gitlab sends JSON; a form body is not a GitLab hook', 415);
  const json = body.value;
  if (system) {
    const kind = typeof json.event_name === 'string' ? json.event_name : typeof json.object_kind === 'string' ? json.object_kind : 'unknown';
    if (kind === 'tag_push') return ignored(base, 'tag push');
    if (kind !== 'push') return ignored(base, `gitlab system hook "${kind.slice(0, 100)}" does not deploy`);
  }
  const what = 'gitlab push payload';
  const push = validate(GitlabPush, json, what);
  const ref = classifyRef(push.ref, 'ref', what);
  if (push.object_kind === 'tag_push' || ref.kind === 'tag') return ignored(base, `tag push: ${ref.name}`);
  if (ref.kind === 'other') return ignored(base, `push to ${ref.name}, which is not a branch`);
  if (ZERO_SHA.test(push.after) || push.checkout_sha === null) return ignored(base, `branch deleted: ${ref.name}`);
  if (push.before !== null && push.before !== undefined && push.before.toLowerCase() === push.after.toLowerCase()) {
    return ignored(base, `push without a new commit: ${ref.name}`);
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
  if (event !== 'repo:push') return ignored(base, `bitbucket event "${event}" does not deploy`);
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
  if (deleted?.old) return ignored(base, `branch deleted: ${deleted.old.name}`);
  const tags = changes.map((c) => c.new ?? c.old).filter((r) => r?.type === 'tag');
  if (tags.length > 0) return ignored(base, `tag push: ${tags.map((t) => t?.name).join(', ')}`);
  return ignored(base, 'push without a new commit');
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
  if (event !== 'repo:refs_changed') return ignored(base, `bitbucket-server event "${event}" does not deploy`);
  if (body.kind === 'empty') return noGitInfo(base);
  if (body.kind === 'form') throw invalid('bitbucket-server sends JSON; a form body is not a Bitbucket Server hook', 415);
  const what = 'bitbucket-server push payload';
  const { changes } = validate(BitbucketServerPush, body.value, what);
  const refs = changes.map((c, i) => ({ change: c, ref: classifyRef(c.ref.id, `changes.${i}.ref.id`, what), index: i }));
  // One push can move several refs; the last branch that now points somewhere is the one deployed.
  const moved = refs.filter((r) => r.ref.kind === 'branch' && r.change.type !== 'DELETE').at(-1);
  if (moved) {
    if (!SHA.test(moved.change.toHash) || ZERO_SHA.test(moved.change.toHash)) {
      throw invalid(`${what} is invalid: changes.${moved.index}.toHash: expected a 40 or 64 character hex commit SHA`);
    }
    // The repository by its clone links (ssh and http), the forms an app's spec may use.
    const clone = (body.value.repository as { links?: { clone?: unknown } } | undefined)?.links?.clone;
    const links = Array.isArray(clone) ? clone.map((l) => textAt(l, 'href')) : [];
    return pushed(base, urls(...links), moved.ref.name, moved.change.toHash.toLowerCase());
  }
  const deleted = refs.find((r) => r.ref.kind === 'branch' && r.change.type === 'DELETE');
  if (deleted) return ignored(base, `branch deleted: ${deleted.ref.name}`);
  const tags = refs.filter((r) => r.ref.kind === 'tag');
  if (tags.length > 0) return ignored(base, `tag push: ${tags.map((t) => t.ref.name).join(', ')}`);
  return ignored(base, 'push without a new commit');
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
    if (ref.kind === 'tag') return ignored(base, `tag push: ${ref.name}`);
    if (ref.kind === 'other') throw invalid(`${what} is invalid: branch: ${JSON.stringify(ref.name.slice(0, 100))} is not a branch`);
    branch = ref.name;
  }
  return pushed(base, fields.repository === undefined ? [] : [fields.repository], branch, fields.commit?.toLowerCase() ?? null);
}

// ---------------------------------------------------------------------------------------------

/** The header each git host names its event in. */
export const EVENT_HEADERS: Record<Exclude<HookSource, 'generic'>, string> = {
  github: 'x-github-event',
  gitea: 'x-gitea-event',
  forgejo: 'x-forgejo-event',
  gogs: 'x-gogs-event',
  gitlab: 'x-gitlab-event',
  bitbucket: 'x-event-key',
  'bitbucket-server': 'x-event-key',
};

/** The headers `source` sends with an `event` that hookSourceOf needs to recognise it (berth hooks test). */
export function hostHeaders(source: Exclude<HookSource, 'generic'>, event: string): Record<string, string> {
  // Bitbucket Server and Data Center are told from Bitbucket Cloud by their delivery header.
  return { [EVENT_HEADERS[source]]: event, ...(source === 'bitbucket-server' ? { 'x-request-id': 'berth-hooks-test' } : {}) };
}

/** The event the host named (push, Push Hook, repo:push, ...); "post" for a generic caller. */
export function hookEventNameOf(source: HookSource, headers: Headers): string {
  return source === 'generic' ? 'post' : (header(headers, EVENT_HEADERS[source]) ?? '').slice(0, 100);
}

/** What the headers alone say: the sender, its delivery id and its event name. */
export interface HookHeaders {
  source: HookSource;
  deliveryId: string | null;
  event: string;
}

export function readHookHeaders(headers: Headers): HookHeaders {
  const source = hookSourceOf(headers);
  return { source, deliveryId: deliveryIdOf(source, headers), event: hookEventNameOf(source, headers) };
}

/**
 * The HookEvent a hook request describes; throws BerthError('INVALID_ARGUMENT', details.status 400
 * or 415) for a body it cannot read. `meta` is readHookHeaders(request.headers), when the caller has it.
 */
export function parseHookRequest(request: HookRequest, meta: HookHeaders = readHookHeaders(request.headers)): HookEvent {
  try {
    const { source, event } = meta;
    const base: Base = { source, deliveryId: meta.deliveryId };
    const body = readBody(request);
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
    }
  } catch (err) {
    if (err instanceof BerthError) throw err;
    // Nothing above should throw anything else; if it does, it is still the request that is at fault.
    throw new BerthError('INVALID_ARGUMENT', `hook request could not be read: ${err instanceof Error ? err.message : String(err)}`, { status: 400 }, { cause: err });
  }
}
