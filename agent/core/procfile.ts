/**
 * Procfiles: the process types of a git service (`name: command` per line), read from the
 * repository root when its image is built and kept on the image in a label, so an agent that
 * already has the image does not need the repository to know them.
 */
import { BerthError } from '../../shared/errors.js';

/** Image label holding the Procfile as JSON ({"web": "command", ...}). */
export const PROCFILE_LABEL = 'berth.procfile';
/** Image label holding the commit an image was built from. */
export const COMMIT_LABEL = 'berth.commit';

const LINE = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(.*)$/;
/** The controller's limits on a PreparedImage's procfile. */
const MAX_NAME = 128;
const MAX_COMMAND = 65_536;

/** Parses a Procfile; throws INVALID_ARGUMENT naming every invalid line. */
export function parseProcfile(text: string): Record<string, string> {
  const procfile: Record<string, string> = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const lineNo = index + 1;
    const match = LINE.exec(line);
    if (!match) {
      errors.push(`line ${lineNo}: expected "name: command" with a name of letters, digits, "_" and "-"`);
      return;
    }
    const [, name, command] = match as unknown as [string, string, string];
    if (name.length > MAX_NAME) errors.push(`line ${lineNo}: the name is longer than ${MAX_NAME} characters`);
    else if (command.trim() === '') errors.push(`line ${lineNo}: "${name}" has no command`);
    else if (command.trim().length > MAX_COMMAND) errors.push(`line ${lineNo}: the command of "${name}" is longer than ${MAX_COMMAND} characters`);
    else if (Object.hasOwn(procfile, name)) errors.push(`line ${lineNo}: "${name}" is defined twice`);
    else procfile[name] = command.trim();
  });
  if (errors.length > 0) throw new BerthError('INVALID_ARGUMENT', `Procfile is invalid: ${errors.join('; ')}`, { errors });
  return procfile;
}

/** Reads the Procfile label of an image; null when it is absent or not a map of strings. */
export function procfileFromLabel(value: string | undefined): Record<string, string> | null {
  if (value === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    const entries = Object.entries(parsed);
    return entries.every(([, v]) => typeof v === 'string') ? (Object.fromEntries(entries) as Record<string, string>) : null;
  } catch {
    return null;
  }
}
