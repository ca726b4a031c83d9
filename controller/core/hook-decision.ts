/**
 * Which services a redeployment hook deploys, and at which commit. Pure: the app spec, the parsed
 * hook event and the `?services=` modifier in; a decision out.
 *
 * S = the services named by ?services=, or all of the app's services.
 * - push with git information: the matching services are the git services in S tracking the
 *   payload's repository and (when the payload names one) its branch. None: ignored. Without a
 *   modifier only they deploy, at the pushed commit; with one, every service in S deploys — the
 *   matching ones at the pushed commit, the others from their own branch head or image.
 * - no git information (an empty POST): every service in S redeploys.
 * - tags, deletions, pushes without a new commit and other events: ignored, with the reason.
 */
import type { AppSpec } from '../../shared/app-spec.js';
import { BerthError } from '../../shared/errors.js';
import type { HookEvent, HookReasonCode } from './hook-event.js';
import { normalizeRepoUrl } from './repo-url.js';

export interface HookDecision {
  decision: 'deploy' | 'ignored' | 'ping';
  /** Services to deploy (empty when ignored). */
  services: string[];
  /** service → ref to build (the pushed commit, or the branch when the payload has no commit). */
  refs: Record<string, string>;
  /** The pushed commit (or branch) the matching services are built at; null without git information. */
  ref: string | null;
  code: HookReasonCode;
  reason: string;
}

/** Parses ?services=web,app; unknown names are an error listing the app's services. */
export function parseServicesModifier(spec: AppSpec, value: string | null | undefined): string[] | null {
  if (value === null || value === undefined) return null;
  const names = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const known = Object.keys(spec.services);
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length === 0 || unknown.length > 0) {
    const what = names.length === 0 ? '?services= names no service' : `?services= names unknown service${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`;
    throw new BerthError('INVALID_ARGUMENT', `${what}; ${spec.name} has: ${known.join(', ')}`, { status: 400, services: known });
  }
  return names.sort();
}

/** `normalize`: how repository URLs are compared (normalizeRepoUrl; the hook receiver passes a memo of it). */
export function decideHook(spec: AppSpec, event: HookEvent, modifier: string[] | null, normalize = normalizeRepoUrl): HookDecision {
  const inScope = modifier ?? Object.keys(spec.services).sort();
  const none = (decision: HookDecision['decision'], code: HookReasonCode, reason: string): HookDecision => ({
    decision,
    services: [],
    refs: {},
    ref: null,
    code,
    reason,
  });
  switch (event.kind) {
    case 'ping':
      return none('ping', 'ping', 'ping: the hook is set up');
    case 'ignored':
      return none('ignored', event.code, event.reason);
    case 'no-git-info':
      return {
        decision: 'deploy',
        services: inScope,
        refs: {},
        ref: null,
        code: 'no-git-info',
        reason: `no git information in the request: redeploying ${inScope.join(', ')}`,
      };
    case 'push':
      break;
  }
  const urls = new Set(event.repositoryUrls.map(normalize).filter((u): u is string => u !== null));
  const pathSuffix = urls.size === 0 && event.repositoryPath ? `/${event.repositoryPath.toLowerCase()}` : null;
  const shown = [...urls][0] ?? event.repositoryUrls[0] ?? event.repositoryPath ?? 'the pushed repository';
  const pushed = event.branch === null ? shown : `${shown}@${event.branch}`;
  const matching = inScope.filter((name) => {
    const git = spec.services[name]?.git;
    if (!git) return false;
    const repo = normalize(git.repo);
    const sameRepository = repo !== null && (urls.has(repo) || (pathSuffix !== null && repo.endsWith(pathSuffix)));
    return sameRepository && (event.branch === null || git.branch === event.branch);
  });
  if (matching.length === 0) {
    const scope = modifier ? ` among ${modifier.join(', ')}` : '';
    return none('ignored', 'branch-not-tracked', `no service${scope} tracks ${pushed}`);
  }
  const ref = event.commit ?? event.branch;
  const refs = ref ? Object.fromEntries(matching.map((name) => [name, ref])) : {};
  const services = modifier ? inScope : matching;
  const at = ref ? ` at ${ref}` : '';
  const others = services.filter((s) => !matching.includes(s));
  const reason = `push to ${pushed}: ${matching.join(', ')}${at}${others.length ? `; also ${others.join(', ')} as asked` : ''}`;
  return { decision: 'deploy', services, refs, ref, code: 'matched', reason };
}
