/**
 * The web dashboard's sessions and its guard against cross-site requests, as decisions over values
 * (issue 22). A person signs in with an API token; the controller keeps the token and gives the
 * browser only a session id in an HttpOnly, SameSite=Strict cookie (Secure under TLS), plus a
 * CSRF token the page sends back in a header with every action. A session ends at sign-out, after
 * SESSION_IDLE_MS without a request, or SESSION_MAX_MS after sign-in, whichever comes first.
 */
import { constantTimeEqual } from './hook-signature.js';

export const SESSION_COOKIE = 'berth_session';
/** The header every action carries: the session's CSRF token, which a cross-site form cannot know. */
export const CSRF_HEADER = 'x-berth-csrf';
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;

export interface UiSession {
  createdAtMs: number;
  lastSeenAtMs: number;
  csrf: string;
}

export type SessionVerdict = { kind: 'valid' } | { kind: 'expired'; reason: 'idle' | 'max-age' };

export function sessionVerdict(session: UiSession, nowMs: number, limits = { idleMs: SESSION_IDLE_MS, maxMs: SESSION_MAX_MS }): SessionVerdict {
  if (nowMs - session.createdAtMs >= limits.maxMs) return { kind: 'expired', reason: 'max-age' };
  if (nowMs - session.lastSeenAtMs >= limits.idleMs) return { kind: 'expired', reason: 'idle' };
  return { kind: 'valid' };
}

/** The Set-Cookie value that gives the browser its session id; `secure` under TLS. */
export function sessionCookie(id: string, secure: boolean, maxAgeMs = SESSION_MAX_MS): string {
  return [`${SESSION_COOKIE}=${id}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.floor(maxAgeMs / 1000)}`, ...(secure ? ['Secure'] : [])].join(
    '; ',
  );
}

/** The Set-Cookie value that ends it in the browser (sign-out, or an expired session). */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', secure, 0);
}

/** One cookie's value from a Cookie header; null when absent. Values are ids: nothing to decode. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export interface RequestOrigin {
  method: string;
  /** The Host header: where the browser sent the request. */
  host: string | undefined;
  /** The Origin header, when the browser sent one. */
  origin: string | undefined;
  /** Sec-Fetch-Site, when the browser sent one (every current browser does). */
  secFetchSite: string | undefined;
  /** The CSRF header's value, when sent. */
  csrf: string | undefined;
}

export type CrossSiteVerdict = { kind: 'allow' } | { kind: 'refuse'; reason: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request may act with the session's rights. Reads (GET, HEAD) change nothing and are
 * allowed; anything else must come from the dashboard's own pages: same origin by Origin and
 * Sec-Fetch-Site where the browser sends them, and the session's CSRF token in its header
 * (`sessionCsrf` null: no session yet, as at sign-in, where the origin checks alone apply).
 */
export function crossSiteVerdict(request: RequestOrigin, sessionCsrf: string | null): CrossSiteVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { kind: 'allow' };
  if (request.secFetchSite !== undefined && request.secFetchSite !== 'same-origin')
    return { kind: 'refuse', reason: `a ${request.secFetchSite} request may not act (Sec-Fetch-Site)` };
  if (request.origin !== undefined && request.origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(request.origin).host;
    } catch {
      return { kind: 'refuse', reason: `the Origin "${request.origin}" is not a URL` };
    }
    if (originHost !== request.host) return { kind: 'refuse', reason: `a request from ${request.origin} may not act on ${request.host ?? 'this host'}` };
  } else if (request.origin === 'null') {
    return { kind: 'refuse', reason: 'a request from an opaque origin may not act' };
  }
  if (sessionCsrf !== null && (!request.csrf || !constantTimeEqual(request.csrf, sessionCsrf)))
    return { kind: 'refuse', reason: `the ${CSRF_HEADER} header is missing or wrong` };
  return { kind: 'allow' };
}
