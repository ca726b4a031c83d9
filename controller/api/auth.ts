/** Bearer-token authentication of admin calls, compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { BerthError } from '../../shared/errors.js';

function digest(text: string): Buffer {
  // Hashing first gives equal lengths, so timingSafeEqual never leaks the token's length.
  return createHash('sha256').update(text).digest();
}

export function bearerToken(metadata: grpc.Metadata): string | null {
  const value = metadata.get('authorization')[0];
  if (typeof value !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1] ?? null;
}

export function authenticate(metadata: grpc.Metadata, adminToken: string): void {
  const token = bearerToken(metadata);
  if (token === null) {
    throw new BerthError('UNAUTHENTICATED', 'missing token: pass --token or set BERTH_TOKEN (berth controller token --data-dir DIR prints it)');
  }
  if (!timingSafeEqual(digest(token), digest(adminToken))) {
    throw new BerthError('UNAUTHENTICATED', 'the token is not valid for this controller');
  }
}
