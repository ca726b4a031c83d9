/** The CLI's exit codes, for scripts: what kind of trouble a non-zero exit means. */
import { isBerthError } from '../shared/errors.js';

export const EXIT = {
  ok: 0,
  /** The operation failed (a deployment failed, an app spec was refused, …). */
  failed: 1,
  /** The command line was wrong: unknown command or option, a missing or malformed argument. */
  usage: 2,
  /** The controller could not be reached, or did not accept the token. */
  controller: 3,
  /** Stopped with Ctrl-C. */
  interrupted: 130,
} as const;

export function exitCodeOf(err: unknown): number {
  if (!isBerthError(err)) return EXIT.failed;
  if (err.code === 'CONTROLLER_UNAVAILABLE' || err.code === 'UNAUTHENTICATED') return EXIT.controller;
  // Arguments the CLI itself checks (NAME=value, web=3, ...) are usage errors too.
  if (err.details.usage === true) return EXIT.usage;
  return EXIT.failed;
}
