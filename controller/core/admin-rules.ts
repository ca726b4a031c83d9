/**
 * The decisions behind the admin API's changes: which release a rollback goes back to, which refs
 * a deploy builds at, what a scale may set, whether an agent may be removed and what goes with it,
 * token names, env changes, hook secrets, notification URLs and GitHub settings. Pure: plain values
 * in, a decision out, or a BerthError with a stable code (the handlers in controller/api/admin/ do
 * the reading and the writing).
 */
import type { AgentStatus } from '../../shared/agent.js';
import { ENV_NAME } from '../../shared/app-spec.js';
import { BerthError } from '../../shared/errors.js';
import { HOOK_SOURCES } from './hook-event.js';
import { EVENT_HEADERS, hostHeaders } from './hook-headers.js';

// --- deployments ---

/** A release as far as choosing one goes. */
export interface NumberedRelease {
  name: string;
  number: number;
}

/**
 * The release a rollback goes back to: the one named, else the newest one older than the routed
 * release. FAILED_PRECONDITION when there is none.
 */
export function rollbackTarget(app: string, to: string, releases: readonly NumberedRelease[], routed: string | null): string {
  if (to) return to;
  const current = releases.find((r) => r.name === routed);
  const earlier = [...releases].sort((a, b) => b.number - a.number).find((r) => current !== undefined && r.number < current.number);
  if (!earlier) throw new BerthError('FAILED_PRECONDITION', `${app} has no release before ${routed ?? 'the first deploy'} to roll back to; name one with --to`);
  return earlier.name;
}

/** What a deploy asks the runner for: the services (sorted, once each; empty: all) and each git service's ref. */
export interface DeployChoice {
  services: string[];
  refs: Record<string, string>;
}

/**
 * The services and refs of a deploy. The ref goes to the git services asked for (all of them when
 * none are named); a ref for an app without such a service is INVALID_ARGUMENT.
 */
export function deployChoice(app: string, services: Readonly<Record<string, { git?: unknown }>>, asked: readonly string[], ref: string): DeployChoice {
  const chosen = [...new Set(asked)].sort();
  const gitServices = Object.entries(services)
    .filter(([name, s]) => s.git && (chosen.length === 0 || chosen.includes(name)))
    .map(([name]) => name);
  if (ref && gitServices.length === 0) throw new BerthError('INVALID_ARGUMENT', `--ref ${ref}: ${app} has no git service to build at a ref`);
  return { services: chosen, refs: ref ? Object.fromEntries(gitServices.map((name) => [name, ref])) : {} };
}

/** The largest scale a service may be given. */
export const MAX_SCALE = 100;

/**
 * The scale changes of a Scale call, checked: at least one, each a service of the app, each a whole
 * number from 0 to MAX_SCALE (INVALID_ARGUMENT otherwise).
 */
export function scaleChanges(app: string, services: readonly string[], scale: Readonly<Record<string, number>>): Array<[service: string, scale: number]> {
  const entries = Object.entries(scale);
  if (entries.length === 0) throw new BerthError('INVALID_ARGUMENT', 'name at least one service and its scale (web=3)');
  for (const [service, n] of entries) {
    if (!services.includes(service)) throw new BerthError('INVALID_ARGUMENT', `${app} has no service ${service} (services: ${services.join(', ')})`);
    if (!Number.isInteger(n) || n < 0 || n > MAX_SCALE)
      throw new BerthError('INVALID_ARGUMENT', `${service}=${n}: scale must be a whole number from 0 to ${MAX_SCALE}`);
  }
  return entries;
}

// --- agents ---

/** What removing an agent takes with it: its instances, except those a route still names. */
export interface AgentRemoval {
  forgetInstanceIds: string[];
}

/**
 * Whether an agent may be removed, and what goes with it. `status` is null when the controller
 * knows no such agent (AGENT_NOT_FOUND); only a down agent may go (FAILED_PRECONDITION). Its
 * instances are forgotten, except those a route still names (a scale deployment replaces them).
 */
export function agentRemoval(
  id: string,
  status: AgentStatus | null,
  instances: Readonly<Record<string, { agentId: string }>>,
  routedInstanceIds: ReadonlySet<string>,
): AgentRemoval {
  if (status === null) throw agentNotFound(id);
  if (status !== 'down')
    throw new BerthError(
      'FAILED_PRECONDITION',
      `agent ${id} is ${status}: only a down agent can be removed (stop berth agent on that host first; berth agents drain ${id} moves its instances)`,
    );
  return {
    forgetInstanceIds: Object.entries(instances)
      .filter(([instanceId, instance]) => instance.agentId === id && !routedInstanceIds.has(instanceId))
      .map(([instanceId]) => instanceId),
  };
}

export function agentNotFound(id: string): BerthError {
  return new BerthError('AGENT_NOT_FOUND', `no agent "${id}"; berth agents lists them`, { agentId: id });
}

// --- tokens ---

/** Names of API tokens: they appear in logs and `berth tokens list`. */
const TOKEN_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The name of a new token (trimmed), checked against the rules and the names taken. */
export function newTokenName(requested: string, taken: (name: string) => boolean): string {
  const name = requested.trim();
  if (!TOKEN_NAME.test(name)) throw new BerthError('INVALID_ARGUMENT', `token name "${name}": use 1 to 64 letters, digits, dots, dashes or underscores`);
  if (name === 'admin') throw new BerthError('INVALID_ARGUMENT', 'the name "admin" belongs to the controller\'s own admin token; choose another');
  if (taken(name)) throw new BerthError('ALREADY_EXISTS', `a token named ${name} exists; berth tokens revoke ${name} first to replace it`);
  return name;
}

/** The scope a new token gets. */
export function tokenScope(readOnly: boolean): 'admin' | 'read' {
  return readOnly ? 'read' : 'admin';
}

/** Whether a token may be revoked: never the admin token, and only one that exists. */
export function checkRevocable(name: string, exists: boolean): void {
  if (name === 'admin')
    throw new BerthError(
      'FAILED_PRECONDITION',
      'the admin token cannot be revoked; it is DATA_DIR/admin-token (replace that file and restart the controller to change it)',
    );
  if (!exists) throw new BerthError('NOT_FOUND', `no token named ${name}; berth tokens list shows them`);
}

// --- env ---

/** The env after setting `values`: at least one, each a valid variable name. */
export function envAfterSet(env: Readonly<Record<string, string>>, values: Readonly<Record<string, string>>): Record<string, string> {
  const names = Object.keys(values);
  if (names.length === 0) throw new BerthError('INVALID_ARGUMENT', 'name at least one variable: NAME=value');
  const bad = names.filter((n) => !ENV_NAME.test(n));
  if (bad.length)
    throw new BerthError('INVALID_ARGUMENT', `${bad.join(', ')}: a variable name is letters, digits and _, not starting with a digit`, { field: 'values' });
  return { ...env, ...values };
}

/** The env after removing `names`: at least one, each a variable the app has. */
export function envAfterUnset(app: string, env: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
  const unknown = names.filter((n) => !(n in env));
  if (names.length === 0 || unknown.length)
    throw new BerthError('INVALID_ARGUMENT', names.length === 0 ? 'name at least one variable' : `${app} has no variable ${unknown.join(', ')}`);
  return Object.fromEntries(Object.entries(env).filter(([n]) => !names.includes(n)));
}

// --- hooks, notifications, GitHub ---

/** The shortest webhook secret accepted. */
export const MIN_HOOK_SECRET = 16;

/**
 * The webhook secret after a SetHookSecret: none with clear, else the value given, else
 * `generated`. A secret shorter than MIN_HOOK_SECRET is INVALID_ARGUMENT.
 */
export function hookSecret(request: { value: string; clear: boolean }, generated: string): string | null {
  const secret = request.clear ? null : request.value || generated;
  if (secret !== null && secret.length < MIN_HOOK_SECRET)
    throw new BerthError('INVALID_ARGUMENT', `a webhook secret needs at least ${MIN_HOOK_SECRET} characters`);
  return secret;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The notification URLs after adding and removing some: each added one http(s), no duplicates, in order. */
export function notificationUrls(current: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  for (const url of add) if (!isHttpUrl(url)) throw new BerthError('INVALID_ARGUMENT', `"${url}" is not an http:// or https:// URL`);
  return [...new Set([...current.filter((u) => !remove.includes(u)), ...add])];
}

export const DEFAULT_GITHUB_API = 'https://api.github.com';

/** GitHub settings after a SetGithub: null with clear, else a token and an http(s) API URL. */
export function githubSettings(request: { token: string; apiUrl: string; clear: boolean }): { token: string; apiUrl: string } | null {
  if (request.clear) return null;
  const apiUrl = request.apiUrl || DEFAULT_GITHUB_API;
  if (!request.token) throw new BerthError('INVALID_ARGUMENT', 'give --github-token (a GitHub token that may create deployments), or --clear');
  if (!/^https?:\/\/[^\s]+$/.test(apiUrl)) throw new BerthError('INVALID_ARGUMENT', `--api-url "${apiUrl}" is not an http(s) URL`);
  return { token: request.token, apiUrl };
}

function hasEventHeader(source: string): source is keyof typeof EVENT_HEADERS {
  return Object.hasOwn(EVENT_HEADERS, source);
}

/**
 * The headers a TestHook payload is sent with: the named git host's event header (github when an
 * event is given and no source), none for a generic caller or Azure DevOps (whose body names
 * itself and its event). An unknown source is INVALID_ARGUMENT.
 */
export function testHookHeaders(requested: { source: string; event: string }): Record<string, string> {
  const source = requested.source || (requested.event ? 'github' : 'generic');
  if (hasEventHeader(source)) return hostHeaders(source, requested.event || 'push');
  if (source === 'generic' || source === 'azure-devops') return {};
  throw new BerthError('INVALID_ARGUMENT', `--source ${source}: one of ${HOOK_SOURCES.join(', ')}`);
}
