/** The dashboard's session table (controller/pipeline/ui-sessions.ts): sign-in, expiry, and a change of authenticate keeping the open sessions. */
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../controller/api/auth.js';
import { SESSION_IDLE_MS } from '../../controller/core/ui-session.js';
import { UiSessions } from '../../controller/pipeline/ui-sessions.js';
import { BerthError } from '../../shared/errors.js';

const only =
  (valid: string, name: string) =>
  (token: string): Caller => {
    if (token !== valid) throw new BerthError('UNAUTHENTICATED', 'the token is not valid');
    return { name, scope: 'admin' };
  };

describe('UiSessions', () => {
  it('opens a session for a valid token only, and finds it by the cookie id until it expires', () => {
    let now = 1000;
    const sessions = new UiSessions(only('good', 'admin'), () => now);
    expect(() => sessions.signIn('bad')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(() => sessions.signIn('')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    const { id, session } = sessions.signIn('good');
    expect(sessions.find(id)).toBe(session);
    expect(sessions.find('other')).toBeNull();
    now += SESSION_IDLE_MS;
    expect(sessions.find(id)).toBeNull();
  });

  it('authenticateWith checks sign-ins from then on, and keeps the sessions already open', () => {
    const sessions = new UiSessions(only('follower-known', 'follower'));
    const before = sessions.signIn('follower-known');
    sessions.authenticateWith(only('leader-known', 'leader'));
    expect(sessions.find(before.id)).toBe(before.session);
    expect(() => sessions.signIn('follower-known')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(sessions.signIn('leader-known').session.caller.name).toBe('leader');
  });
});
