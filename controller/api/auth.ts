/**
 * Who is calling the admin API, and may they: bearer tokens in the `authorization` metadata. The
 * admin token (DATA_DIR/admin-token) may do everything; named tokens (berth tokens create) are
 * admin or read-only, stored as SHA-256 hashes, and revocable. Read-only tokens may list, get and
 * watch, nothing that changes state.
 */
import { createHash } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { BerthError } from '../../shared/errors.js';
import type { Store } from '../state/store.js';
import type { TokenRecord } from '../state/schema.js';
import { constantTimeEqual, fixedLengthEqual } from '../core/hook-signature.js';

/** What a call needs: to read (list, get, watch) or to change something. */
export type Access = 'read' | 'write';

export interface Caller {
  /** "admin" for the admin token, else the token's name. */
  name: string;
  scope: TokenRecord['scope'];
}

/** The token of an `authorization: Bearer TOKEN` header value (gRPC metadata or HTTP). */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Authenticator {
  /**
   * `adminToken`: the admin token, or how to read it (a follower finds the one its controllers
   * share in its copy of the state; an empty one matches no token).
   */
  constructor(
    private readonly adminToken: string | (() => string),
    private readonly store: Store,
  ) {}

  /** The caller the metadata names; throws UNAUTHENTICATED or PERMISSION_DENIED. */
  authorize(metadata: grpc.Metadata, access: Access, method: string): Caller {
    const token = bearerToken(metadata.get('authorization')[0]);
    if (token === null) {
      throw new BerthError(
        'UNAUTHENTICATED',
        'missing token: pass --token, set BERTH_TOKEN or run berth login (berth controller token --data-dir DIR prints the admin token)',
      );
    }
    const caller = this.callerOf(token);
    if (!caller) throw new BerthError('UNAUTHENTICATED', 'the token is not valid for this controller (revoked, or from another controller)');
    if (access === 'write' && caller.scope !== 'admin') {
      throw new BerthError('PERMISSION_DENIED', `token "${caller.name}" is read-only: it may list, get and watch, not call ${method}`);
    }
    return caller;
  }

  /** The caller a token names (the dashboard's sign-in); throws UNAUTHENTICATED. */
  authenticate(token: string): Caller {
    const caller = this.callerOf(token);
    if (!caller) throw new BerthError('UNAUTHENTICATED', 'the token is not valid for this controller (revoked, or from another controller)');
    return caller;
  }

  private callerOf(token: string): Caller | null {
    const admin = typeof this.adminToken === 'function' ? this.adminToken() : this.adminToken;
    if (admin !== '' && constantTimeEqual(token, admin)) return { name: 'admin', scope: 'admin' };
    // Hashes have one length, so comparing them leaks nothing about the token.
    const hash = hashToken(token);
    const record = Object.values(this.store.data.tokens).find((t) => fixedLengthEqual(hash, t.hash));
    return record ? { name: record.name, scope: record.scope } : null;
  }
}
