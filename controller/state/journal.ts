/**
 * The journal of the controller's state (`--state-store journal`): DATA_DIR/state.journal next to
 * the snapshot DATA_DIR/state.snapshot (state-snapshot.ts). A write appends one line per changed
 * record — `{"t":TABLE,"k":KEY,"v":VALUE}`, `{"t":TABLE,"k":KEY,"d":1}` for a removal,
 * `{"t":TABLE,"v":VALUE}` for a table kept whole — and fsyncs, so its cost follows the change, not
 * the size of the state. Once the journal outgrows the snapshot (and 1 MiB), it is set aside
 * (state.journal.prev), a new one takes the appends, and the whole state is written as a new
 * snapshot beside them; once that is on disk the set-aside journal goes. Rewriting is paid once
 * per snapshot's worth of changes, and no write waits for it.
 *
 * Loading replays the set-aside journal and then the current one over the snapshot, in order.
 * Every entry is a whole record and the journals hold every change since the snapshot began, so
 * replaying entries a snapshot already holds (it was written while changes went on, or a crash
 * came before the set-aside journal was removed) ends in the same state. A last line without its
 * newline is a write a crash cut short (never acknowledged) and is dropped; anything else that
 * does not parse is refused.
 */
import { access, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { Changes } from './change-tracking.js';
import type { ControllerState } from './schema.js';

export type JournalEntry = { t: string; k: string; v: unknown } | { t: string; k: string; d: 1 } | { t: string; v: unknown };

/** The journal grows to at least this before a snapshot replaces it. */
export const JOURNAL_MIN_COMPACT_BYTES = 1024 * 1024;

/** Applies one journal or snapshot entry to a state object. */
export function applyEntry(state: Record<string, unknown>, e: JournalEntry): void {
  if (!('k' in e)) {
    state[e.t] = e.v;
    return;
  }
  const table = (state[e.t] ??= {}) as Record<string, unknown>;
  if ('d' in e) delete table[e.k];
  else table[e.k] = e.v;
}

/** One message of entries (a state write in NATS); throws unless it is an array of entries. */
export function parseEntries(text: string): JournalEntry[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed) || !parsed.every((e) => typeof e === 'object' && e !== null && typeof (e as { t?: unknown }).t === 'string'))
    throw new Error('not an array of state entries');
  return parsed as JournalEntry[];
}

/**
 * Reads entries from a file of JSON lines, one at a time (a journal or snapshot may be larger than
 * the longest string V8 allows). `allowCutLast`: a last line without its newline is a write a
 * crash cut short (never acknowledged) and is dropped; otherwise, like any bad line, it is refused.
 * Returns false when there is no such file.
 */
export async function readEntries(path: string, onEntry: (entry: JournalEntry) => void, allowCutLast: boolean): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    let line = 0;
    let rest = '';
    const decoder = new StringDecoder('utf8');
    const parse = (text: string) => {
      line++;
      let entry: JournalEntry;
      try {
        entry = JSON.parse(text) as JournalEntry;
        if (typeof entry !== 'object' || entry === null || typeof entry.t !== 'string') throw new Error('not an entry');
      } catch (err) {
        throw new BerthError(
          'STORE_CORRUPT',
          `state file ${path} line ${line} is not a valid entry (${errorMessage(err)}); restore the data directory from a backup`,
          { path, line },
        );
      }
      onEntry(entry);
    };
    for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop() as string;
      for (const text of lines) parse(text);
    }
    rest += decoder.end();
    if (rest && !allowCutLast) parse(rest);
    return true;
  } finally {
    await handle.close();
  }
}

export class StateJournal {
  private handle: FileHandle | null = null;
  private size = 0;

  constructor(readonly path: string) {}

  /** Where a journal set aside for a snapshot in the making waits (kept until the snapshot is on disk). */
  get previousPath(): string {
    return `${this.path}.prev`;
  }

  /** Applies the entries on disk to `state`, in order: a set-aside journal, then the current one. */
  async replayInto(state: Record<string, unknown>): Promise<void> {
    await readEntries(this.previousPath, (e) => applyEntry(state, e), true);
    await readEntries(this.path, (e) => applyEntry(state, e), true);
  }

  /** Appends entries durably (one write, one fsync); returns the journal's size after. */
  async append(entries: JournalEntry[]): Promise<number> {
    if (entries.length === 0) return this.size;
    this.handle ??= await open(this.path, 'a', 0o600);
    const text = `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`;
    await this.handle.write(text);
    await this.handle.datasync();
    this.size += Buffer.byteLength(text);
    return this.size;
  }

  /**
   * Sets the journal aside for a snapshot about to be written, and starts a new one: appends go
   * on meanwhile. A journal still set aside (the last snapshot failed) stays: it holds changes
   * no snapshot has yet, so the current one simply keeps growing until a snapshot succeeds.
   */
  async setAside(): Promise<void> {
    if (await exists(this.previousPath)) return;
    await this.close();
    await rename(this.path, this.previousPath).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    this.size = 0;
  }

  /** A snapshot holds everything set aside: it goes. */
  async dropSetAside(): Promise<void> {
    await rm(this.previousPath, { force: true });
  }

  /** A snapshot holds everything (nothing appends meanwhile): both journals start over. */
  async truncate(): Promise<void> {
    this.handle ??= await open(this.path, 'a', 0o600);
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.size = 0;
    await this.dropSetAside();
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The journal entries for what changed: the records as they are now. */
export function changedEntries(state: ControllerState, changes: Changes): JournalEntry[] {
  const tables = state as unknown as Record<string, Record<string, unknown>>;
  const entries: JournalEntry[] = [];
  for (const [table, keys] of changes.tables) {
    if (table === '') {
      for (const whole of keys) entries.push({ t: whole, v: tables[whole] });
      continue;
    }
    const records = tables[table] ?? {};
    for (const key of keys) {
      const value = Object.hasOwn(records, key) ? records[key] : undefined;
      entries.push(value === undefined ? { t: table, k: key, d: 1 } : { t: table, k: key, v: value });
    }
  }
  return entries;
}

/** The whole state as entries: each table (so an empty one exists after loading), then its records. */
export function* snapshotEntries(state: Record<string, unknown>): Generator<JournalEntry> {
  for (const [table, value] of Object.entries(state)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { t: table, v: value };
      continue;
    }
    yield { t: table, v: {} };
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) yield { t: table, k, v };
  }
}
