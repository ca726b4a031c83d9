/**
 * The dashboard's signed-in sessions (core/ui-session.ts decides their life): each holds the API
 * token it was opened with, which never reaches the browser, and is found by the id in its cookie
 * (kept hashed, so the table holds nothing a browser could present). Held in memory: a controller
 * restart signs everyone out. One per controller: made while it follows when several share a
 * state (election.ts), kept once it leads.
 */
import { createHash, randomBytes } from 'node:crypto';
import { BerthError } from '../../shared/errors.js';
import type { Caller } from '../api/auth.js';
import { sessionVerdict, type UiSession } from '../core/ui-session.js';

export interface OpenSession extends UiSession {
  token: string;
  caller: Caller;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

export class UiSessions {
  private readonly sessions = new Map<string, OpenSession>();

  constructor(
    /** The caller a token names; throws UNAUTHENTICATED for one that is not valid. */
    private authenticate: (token: string) => Caller,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Checks sign-ins from now on with `authenticate`, keeping the open sessions: a follower's
   * sessions, checked against its copy of the state, go on once it leads and checks its own.
   */
  authenticateWith(authenticate: (token: string) => Caller): void {
    this.authenticate = authenticate;
  }

  /** Opens a session for a valid API token; returns the id for the cookie. */
  signIn(token: string): { id: string; session: OpenSession } {
    if (!token) throw new BerthError('UNAUTHENTICATED', 'give an API token: berth tokens create NAME makes one, berth controller token prints the admin token');
    const caller = this.authenticate(token);
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: OpenSession = { token, caller, csrf: randomBytes(24).toString('base64url'), createdAtMs: at, lastSeenAtMs: at };
    this.sweep();
    this.sessions.set(hashId(id), session);
    return { id, session };
  }

  /** The session of a cookie's id, its last use now; null when there is none or it expired. */
  find(id: string | null): OpenSession | null {
    if (!id) return null;
    const key = hashId(id);
    const session = this.sessions.get(key);
    if (!session) return null;
    const now = this.now();
    if (sessionVerdict(session, now).kind === 'expired') {
      this.sessions.delete(key);
      return null;
    }
    session.lastSeenAtMs = now;
    return session;
  }

  signOut(id: string | null): void {
    if (id) this.sessions.delete(hashId(id));
  }

  /** Expired sessions go at each sign-in, so the table does not grow with abandoned ones. */
  private sweep(): void {
    const now = this.now();
    for (const [key, session] of this.sessions) if (sessionVerdict(session, now).kind === 'expired') this.sessions.delete(key);
  }
}
