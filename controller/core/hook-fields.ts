/**
 * What each git host's payload parser (hook-payload-*.ts) checks fields with, and the events it
 * answers. Pure. Payloads are untrusted: branch names and commits are checked (no option-like or
 * control characters, commits are hex) before anything downstream passes them to git; a URL field
 * of the wrong type is treated as missing, since URLs are only candidates for matching.
 */
import { z } from 'zod';
import { invalid } from './hook-body.js';
import type { HookEvent, HookSource, IgnoredCode } from './hook-event.js';

export type Base = { source: HookSource; deliveryId: string | null };

export const ZERO_SHA = /^0+$/;
export const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** Generic hooks may name an abbreviated commit. */
export const SHORT_SHA = /^[0-9a-f]{7,64}$/i;

/**
 * The string at `path` inside an untrusted value, or undefined when anything on the way is missing
 * or of another type: repository URLs are only candidates for matching, so a wrong type loses one.
 */
export function textAt(value: unknown, ...path: string[]): string | undefined {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'string' && at.trim() !== '' && at.length <= 2048 ? at.trim() : undefined;
}

export const sha = z.string().regex(SHA, 'expected a 40 or 64 character hex commit SHA');

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}

export function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
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

export function branchName(name: string, path: string, what: string): string {
  if (!isBranchName(name)) throw invalid(`${what} is invalid: ${path}: ${JSON.stringify(name.slice(0, 100))} is not a branch name`);
  return name;
}

type RefKind = { kind: 'branch'; name: string } | { kind: 'tag'; name: string } | { kind: 'other'; name: string };

/** Sorts a full ref (refs/heads/x, refs/tags/v1) into a branch, a tag or something else. */
export function classifyRef(ref: string, path: string, what: string): RefKind {
  if (ref.startsWith('refs/heads/')) return { kind: 'branch', name: branchName(ref.slice('refs/heads/'.length), path, what) };
  if (ref.startsWith('refs/tags/')) return { kind: 'tag', name: ref.slice('refs/tags/'.length) };
  if (ref.startsWith('refs/')) return { kind: 'other', name: ref };
  // Not a full ref: a bare branch name.
  return { kind: 'branch', name: branchName(ref, path, what) };
}

export function urls(...candidates: (string | undefined)[]): string[] {
  return [...new Set(candidates.filter((u): u is string => u !== undefined))];
}

export const ignored = (base: Base, code: IgnoredCode, reason: string): HookEvent => ({ kind: 'ignored', ...base, code, reason });
export const noGitInfo = (base: Base): HookEvent => ({ kind: 'no-git-info', ...base });
export const pushed = (base: Base, repositoryUrls: string[], branch: string | null, commit: string | null): Extract<HookEvent, { kind: 'push' }> => ({
  kind: 'push',
  ...base,
  repositoryUrls,
  branch,
  commit,
});

/** A ref a push moved, as Bitbucket Server and Azure DevOps list them; the paths name the fields in errors. */
export interface RefUpdate {
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
export function pushOfRefUpdates(base: Base, updates: RefUpdate[], repositoryUrls: string[], what: string): HookEvent {
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
