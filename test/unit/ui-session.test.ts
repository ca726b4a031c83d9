/** The dashboard's sessions and cross-site guard (core/ui-session.ts), as tables. */
import { describe, expect, it } from 'vitest';
import {
  clearedSessionCookie,
  crossSiteVerdict,
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  sessionVerdict,
  type RequestOrigin,
} from '../../controller/core/ui-session.js';

const HOUR = 60 * 60 * 1000;

describe('sessionVerdict', () => {
  const limits = { idleMs: 8 * HOUR, maxMs: 7 * 24 * HOUR };
  it.each([
    ['just signed in', { createdAtMs: 0, lastSeenAtMs: 0 }, 1, { kind: 'valid' }],
    ['used an hour ago', { createdAtMs: 0, lastSeenAtMs: 10 * HOUR }, 11 * HOUR, { kind: 'valid' }],
    ['idle for 8 hours', { createdAtMs: 0, lastSeenAtMs: HOUR }, 9 * HOUR, { kind: 'expired', reason: 'idle' }],
    ['in use, but a week old', { createdAtMs: 0, lastSeenAtMs: 7 * 24 * HOUR - 1 }, 7 * 24 * HOUR, { kind: 'expired', reason: 'max-age' }],
  ])('%s', (_name, times, now, want) => {
    expect(sessionVerdict({ ...times, csrf: 'c' }, now, limits)).toEqual(want);
  });
});

describe('cookies', () => {
  it('the session cookie is HttpOnly and SameSite=Strict, Secure only under TLS', () => {
    expect(sessionCookie('abc', false, 3_600_000)).toBe(`${SESSION_COOKIE}=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600`);
    expect(sessionCookie('abc', true, 3_600_000)).toBe(`${SESSION_COOKIE}=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure`);
    expect(clearedSessionCookie(false)).toContain('Max-Age=0');
  });

  it.each([
    [undefined, null],
    ['', null],
    [`${SESSION_COOKIE}=abc`, 'abc'],
    [`theme=dark; ${SESSION_COOKIE}=abc; other=1`, 'abc'],
    [`x${SESSION_COOKIE}=evil`, null],
    ['garbage without equals', null],
  ])('reads %s', (header, want) => {
    expect(readCookie(header, SESSION_COOKIE)).toBe(want);
  });
});

describe('crossSiteVerdict', () => {
  const same: RequestOrigin = { method: 'POST', host: 'ctl:8080', origin: 'http://ctl:8080', secFetchSite: 'same-origin', csrf: 'tok' };
  it.each<[string, RequestOrigin, 'allow' | 'refuse']>([
    ['a read from anywhere', { ...same, method: 'GET', origin: 'https://evil.test', secFetchSite: 'cross-site', csrf: undefined }, 'allow'],
    ['an action from the dashboard', same, 'allow'],
    ['an action from an older browser (no Origin, no Sec-Fetch-Site) with the token', { ...same, origin: undefined, secFetchSite: undefined }, 'allow'],
    ['a forged form post from another site', { ...same, origin: 'https://evil.test', secFetchSite: 'cross-site', csrf: undefined }, 'refuse'],
    ['another site that somehow has the token', { ...same, origin: 'https://evil.test', secFetchSite: 'cross-site' }, 'refuse'],
    ['a sibling subdomain', { ...same, origin: 'http://other.ctl:8080', secFetchSite: 'same-site' }, 'refuse'],
    ['a same-origin request without the token', { ...same, csrf: undefined }, 'refuse'],
    ['a same-origin request with the wrong token', { ...same, csrf: 'tok2' }, 'refuse'],
    ['an opaque origin (sandboxed frame, file://)', { ...same, origin: 'null', secFetchSite: undefined }, 'refuse'],
    ['an Origin that is no URL', { ...same, origin: '::::', secFetchSite: undefined }, 'refuse'],
    ['another port on the same host', { ...same, origin: 'http://ctl:9999', secFetchSite: undefined }, 'refuse'],
  ])('%s', (_name, request, want) => {
    expect(crossSiteVerdict(request, 'tok').kind).toBe(want);
  });

  it('signing in (no session yet) needs the same origin, not a token', () => {
    expect(crossSiteVerdict({ ...same, csrf: undefined }, null).kind).toBe('allow');
    expect(crossSiteVerdict({ ...same, origin: 'https://evil.test', secFetchSite: 'cross-site', csrf: undefined }, null).kind).toBe('refuse');
  });
});
