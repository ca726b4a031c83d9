/**
 * The snapshot of the controller's state for `--state-store journal`: DATA_DIR/state.snapshot,
 * the whole state as JSON lines in the journal's entry format (a table line, then one line per
 * record). Written and read a record at a time, so neither side ever holds the state as one string
 * (V8 caps a string at about 512 MiB; 10,000 apps with their history come near). Written atomically:
 * temp file, fsync, rename, fsync of the directory.
 */
import { replaceFile } from '../../shared/replace-file.js';
import { applyEntry, readEntries, snapshotEntries, type JournalEntry } from './journal.js';

/** Bytes gathered before each write of the file. */
const CHUNK_BYTES = 1024 * 1024;

/** The state in the snapshot at `path`, or null when there is none. */
export async function readSnapshot(path: string): Promise<Record<string, unknown> | null> {
  const state: Record<string, unknown> = {};
  const found = await readEntries(path, (e) => applyEntry(state, e), false);
  return found ? state : null;
}

/** Writes `state` as the new snapshot; returns its size in bytes. */
export async function writeSnapshot(path: string, state: Record<string, unknown>): Promise<number> {
  let size = 0;
  await replaceFile(path, { temp: `${path}.tmp-${process.pid}`, mode: 0o600 }, async (file) => {
    let chunk: string[] = [];
    let chunkBytes = 0;
    const add = async (entry: JournalEntry) => {
      const line = `${JSON.stringify(entry)}\n`;
      chunk.push(line);
      chunkBytes += line.length;
      if (chunkBytes >= CHUNK_BYTES) await flush();
    };
    const flush = async () => {
      const text = chunk.join('');
      chunk = [];
      chunkBytes = 0;
      await file.write(text);
      size += Buffer.byteLength(text);
    };
    for (const entry of snapshotEntries(state)) await add(entry);
    await flush();
  });
  return size;
}
