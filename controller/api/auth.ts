/** Bearer-token authentication of admin calls, compared in constant time. */
import type * as grpc from '@grpc/grpc-js';
import { BerthError } from '../../shared/errors.js';
import { constantTimeEqual } from '../core/hook-signature.js';

/** The token of an `authorization: Bearer TOKEN` header value (gRPC metadata or HTTP). */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

export function authenticate(metadata: grpc.Metadata, adminToken: string): void {
  const token = bearerToken(metadata.get('authorization')[0]);
  if (token === null) {
    throw new BerthError('UNAUTHENTICATED', 'missing token: pass --token or set BERTH_TOKEN (berth controller token --data-dir DIR prints it)');
  }
  if (!constantTimeEqual(token, adminToken)) {
    throw new BerthError('UNAUTHENTICATED', 'the token is not valid for this controller');
  }
}
