/**
 * The nats-server Berth's JetStream state store (`--state-store nats`), its leader lease and the
 * tests of both run on: a current release built from the Go module proxy by scripts/ensure-deps.sh
 * into .berth/tools/nats-server-VERSION (never system-wide). Debian's 2.9 lacks atomic batch
 * publishing, which a state write larger than one message needs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from './errors.js';

/** Pinned; scripts/ensure-deps.sh reads it from this line. */
export const NATS_SERVER_VERSION = '2.14.10';

/** The binary under the project's tools directory; a clear error when it is not installed. */
export function natsServerBinary(projectRoot: string): string {
  const path = join(projectRoot, '.berth', 'tools', `nats-server-${NATS_SERVER_VERSION}`, 'nats-server');
  if (!existsSync(path)) {
    throw new BerthError(
      'INVALID_CONFIG',
      `nats-server ${NATS_SERVER_VERSION} is not installed at ${path}: run 'bash scripts/ensure-deps.sh' (it builds github.com/nats-io/nats-server/v2@v${NATS_SERVER_VERSION} there with go install)`,
    );
  }
  return path;
}
