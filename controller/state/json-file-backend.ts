/**
 * `--state-store json`: the whole state in DATA_DIR/state.json, rewritten on every write (simple,
 * and fine for small installations). Each write is atomic and durable (temp file in the same
 * directory, fsync, rename, fsync of the directory), so a crash mid-write leaves the old file or
 * the new one, never a torn one.
 */
import { readFile } from 'node:fs/promises';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { replaceFile } from '../../shared/replace-file.js';
import type { StateBackend } from './backend.js';
import type { ControllerState } from './schema.js';

export class JsonFileBackend implements StateBackend {
  readonly tracksRecords = false;

  constructor(readonly path: string) {}

  async write(state: ControllerState): Promise<void> {
    await replaceFile(this.path, { temp: `${this.path}.tmp-${process.pid}`, mode: 0o600 }, (file) => file.writeFile(JSON.stringify(state)));
  }

  failure(): unknown {
    return null;
  }

  async close(): Promise<void> {}
}

/**
 * The state in a state.json, or null when there is none. A file that does not parse is refused
 * with a clear error: silently starting empty would forget the whole fleet.
 */
export async function readJsonState(path: string): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new BerthError(
      'STORE_CORRUPT',
      `state file ${path} is not valid JSON (${errorMessage(err)}); restore it from a backup or move it aside to start with an empty state`,
      { path },
    );
  }
}
