/**
 * A failed Docker Engine call as a BerthError: an engine that cannot be reached (refused, no
 * socket, a connection cut by a restarting engine) is DOCKER_UNAVAILABLE, for a retry later and
 * not a task failure; anything else is DOCKER_ERROR with Docker's own message. Pure: the error in,
 * the typed error out.
 */
import { BerthError, errorMessage } from '../../shared/errors.js';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE']);

/** The HTTP status of a dockerode error (404: no such container or image); undefined for others. */
export function dockerStatusCode(err: unknown): number | undefined {
  return (err as { statusCode?: number } | null)?.statusCode;
}

/** `what`: what could not be done, as "cannot WHAT: …" reads ("start container 3f2a…"). */
export function dockerCallError(what: string, err: unknown): BerthError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (UNREACHABLE.has(code ?? '') || /socket hang up/i.test(errorMessage(err))) {
    return new BerthError('DOCKER_UNAVAILABLE', `cannot ${what}: the Docker Engine is not reachable (${errorMessage(err)})`);
  }
  // Docker's JSON error bodies say what went wrong; keep that text, drop the HTTP framing.
  const json = (err as { json?: { message?: string } } | null)?.json;
  return new BerthError('DOCKER_ERROR', `cannot ${what}: ${json?.message ?? errorMessage(err)}`);
}
