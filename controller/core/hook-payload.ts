/**
 * Parses a redeployment hook request from a git host (or a person, or CI) into the HookEvent of
 * hook-event.ts. Pure: headers and body bytes in, an event out; no I/O, no clock. Which host sent
 * it is hook-headers.ts' answer; reading the body is hook-body.ts'; each host's payload is its
 * parser's (hook-payload-HOST.ts), and a generic hook's (repository, branch, commit) is here.
 *
 * Payloads are untrusted. Unknown fields are ignored. Wrong types: the fields that decide what
 * deploys (ref, after, before, deleted, created, the generic repository/branch/commit, Bitbucket's
 * changes, Azure DevOps' refUpdates) are a 400 naming the path, because guessing would deploy the
 * wrong thing or everything; the repository URLs are only candidates for matching, so a URL field
 * of the wrong type is treated as missing (hook-fields.ts).
 */
import { z } from 'zod';
import { BerthError } from '../../shared/errors.js';
import { invalid, readHookBody, type HookBody as Body } from './hook-body.js';
import type { HookEvent, HookRequest } from './hook-event.js';
import { type Base, classifyRef, ignored, noGitInfo, pushed, SHORT_SHA, validate } from './hook-fields.js';
import { identifyHook, type HookHeaders } from './hook-headers.js';
import { parseAzureDevops } from './hook-payload-azure-devops.js';
import { parseBitbucket, parseBitbucketServer } from './hook-payload-bitbucket.js';
import { parseGiteaLike, parseGithub } from './hook-payload-github.js';
import { parseGitlab } from './hook-payload-gitlab.js';

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
