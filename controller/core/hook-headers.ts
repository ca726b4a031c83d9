/**
 * What a hook request's headers say: which git host sent it, its delivery id and its event name.
 * Gitea and Forgejo also send GitHub's and Gogs' headers for compatibility, and Forgejo also sends
 * Gitea's, so the most specific header wins: Forgejo, then Gitea, then Gogs (whose payload Gitea's
 * copies), GitLab, GitHub, then Bitbucket: Cloud identifies its deliveries with X-Request-UUID,
 * Server and Data Center with X-Request-Id. Azure DevOps sends no header of its own: a JSON body
 * with its eventType and publisherId names it (identifyHook). Anything else is generic. Pure.
 */
import { isJsonType, mediaType } from './hook-body.js';
import type { HookRequest, HookSource } from './hook-event.js';

type Headers = HookRequest['headers'];

const MAX_DELIVERY_ID = 200;

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
  // Azure DevOps names its deliveries in the body (identifyHook).
  'azure-devops': [],
  generic: ['idempotency-key'],
};

/** The host's id of this delivery (the same on a redelivery), or null; absurd values (too long, control characters) are null. */
export function deliveryIdOf(source: HookSource, headers: Headers): string | null {
  for (const name of DELIVERY_HEADERS[source]) {
    const value = header(headers, name);
    if (value !== undefined) return saneId(value);
  }
  return null;
}

function saneId(value: string): string | null {
  return value.length <= MAX_DELIVERY_ID && /^[\x21-\x7e]+$/.test(value) ? value : null;
}

/** The header each git host names its event in (Azure DevOps names it in the body). */
export const EVENT_HEADERS: Record<Exclude<HookSource, 'generic' | 'azure-devops'>, string> = {
  github: 'x-github-event',
  gitea: 'x-gitea-event',
  forgejo: 'x-forgejo-event',
  gogs: 'x-gogs-event',
  gitlab: 'x-gitlab-event',
  bitbucket: 'x-event-key',
  'bitbucket-server': 'x-event-key',
};

/** The headers `source` sends with an `event` that hookSourceOf needs to recognise it (berth hooks test). */
export function hostHeaders(source: keyof typeof EVENT_HEADERS, event: string): Record<string, string> {
  // Bitbucket Server and Data Center are told from Bitbucket Cloud by their delivery header.
  return { [EVENT_HEADERS[source]]: event, ...(source === 'bitbucket-server' ? { 'x-request-id': 'berth-hooks-test' } : {}) };
}

/** The event the host named (push, Push Hook, repo:push, ...); "post" for a generic caller. */
export function hookEventNameOf(source: HookSource, headers: Headers): string {
  return source === 'generic' || source === 'azure-devops' ? 'post' : (header(headers, EVENT_HEADERS[source]) ?? '').slice(0, 100);
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
 * Azure DevOps' service hooks send no header of their own (only the ones the user adds): its JSON
 * body names the event (eventType, e.g. git.push), the publisher (publisherId, e.g. tfs) and the
 * event's id, which a retry repeats. Only bodies that mention eventType are parsed here.
 */
function azureDevopsHeaders(request: HookRequest): HookHeaders | null {
  if (!isJsonType(mediaType(request.contentType)) || !request.body.includes('"eventType"')) return null;
  let json: unknown;
  try {
    json = JSON.parse(request.body.toString('utf8'));
  } catch {
    return null; // not JSON: the generic parser says what is wrong with it
  }
  if (typeof json !== 'object' || json === null) return null;
  const { eventType, publisherId, id } = json as Record<string, unknown>;
  if (typeof eventType !== 'string' || typeof publisherId !== 'string') return null;
  return { source: 'azure-devops', deliveryId: typeof id === 'string' ? saneId(id.trim()) : null, event: eventType.slice(0, 100) };
}

/** What the request says about its sender: readHookHeaders, or Azure DevOps' body when no host header names one. */
export function identifyHook(request: HookRequest): HookHeaders {
  const meta = readHookHeaders(request.headers);
  return meta.source === 'generic' ? (azureDevopsHeaders(request) ?? meta) : meta;
}
