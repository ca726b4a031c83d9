/**
 * The state files of a data dir: state.json (json), state.snapshot with state.journal (journal),
 * and, once the state has moved into NATS (`--state-store nats`), state.in-nats saying where it
 * went, with the files it came from set aside beside it (*.moved-to-nats).
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { applyEntry, type JournalEntry, type StateJournal } from './journal.js';
import { readJsonState } from './json-file-backend.js';
import { emptyState } from './schema.js';
import { readSnapshot } from './snapshot.js';

export interface StateFiles {
  json: string;
  snapshot: string;
  journal: string;
  /** Written when the state moved into NATS: where it went and when. */
  inNats: string;
}

export function stateFiles(dataDir: string): StateFiles {
  return {
    json: join(dataDir, 'state.json'),
    snapshot: join(dataDir, 'state.snapshot'),
    journal: join(dataDir, 'state.journal'),
    inNats: join(dataDir, 'state.in-nats'),
  };
}

/** Whatever the data dir holds: a snapshot and journal (the newest), else state.json, else an empty state. */
export async function readDataDir(files: StateFiles, journal: StateJournal): Promise<{ loaded: Record<string, unknown>; from: string }> {
  const snapshot = await readSnapshot(files.snapshot);
  const loaded = snapshot ?? (await readJsonState(files.json)) ?? (emptyState() as unknown as Record<string, unknown>);
  await journal.replayInto(loaded);
  return { loaded, from: snapshot ? files.snapshot : files.json };
}

export function stateOfEntries(entries: JournalEntry[]): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const e of entries) applyEntry(state, e);
  return state;
}

/** After the data dir's state was written to NATS: its files are set aside and the move recorded. */
export async function setAsideForNats(files: StateFiles, journal: StateJournal, natsUrl: string): Promise<void> {
  await journal.close();
  await journal.dropSetAside();
  for (const path of [files.json, files.snapshot, files.journal]) {
    await rename(path, `${path}.moved-to-nats`).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  await writeFile(files.inNats, `${JSON.stringify({ natsUrl, movedAtMs: Date.now() })}\n`, { mode: 0o600 });
}

/** Starting a data dir whose state moved into NATS with json or journal would run on nothing: refused. */
export async function refuseIfMovedToNats(files: StateFiles): Promise<void> {
  let text: string;
  try {
    text = await readFile(files.inNats, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new BerthError('STORE_CORRUPT', `cannot read ${files.inNats}: ${errorMessage(err)}`);
  }
  const natsUrl = (JSON.parse(text) as { natsUrl?: string }).natsUrl ?? 'NATS';
  throw new BerthError(
    'INVALID_CONFIG',
    `the state of this data dir moved into NATS (${natsUrl}): start with --state-store nats, or bring it back first with 'berth controller migrate-state --to json'`,
  );
}

/** Once the state is back from NATS: the record of the move and the set-aside files go. */
export async function clearMovedToNats(files: StateFiles): Promise<void> {
  for (const path of [files.inNats, `${files.json}.moved-to-nats`, `${files.snapshot}.moved-to-nats`, `${files.journal}.moved-to-nats`])
    await rm(path, { force: true });
}
