/**
 * The controller's state (schema.ts) in memory, written behind to one backend (backend.ts): at
 * most one write runs at a time and any changes made meanwhile go out in the next one, so a burst
 * of updates costs two writes. `--state-store` picks the backend: `json` rewrites DATA_DIR/
 * state.json whole; `journal` appends the changed records (the store then tracks them:
 * change-tracking.ts). A start loads whatever is there (a snapshot and journal, else state.json),
 * brings it up to the schema (migrate.ts) and writes it afresh its own way, so a data dir moves
 * from one kind to the other.
 *
 * No library holds the state: lowdb did, but only kept the object in memory and called our own
 * atomic file adapter, and the journal needed its own writes anyway.
 */
import { mkdir, rm } from 'node:fs/promises';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { StateStoreKind } from '../config.js';
import type { StateBackend } from './backend.js';
import { ChangeTracker } from './change-tracking.js';
import { JournalBackend } from './journal-backend.js';
import { StateJournal } from './journal.js';
import { JsonFileBackend } from './json-file-backend.js';
import { migrateState } from './migrate.js';
import { emptyState, type ControllerState } from './schema.js';
import { applyStateWrite, MirrorBackend, type StateWrite } from './mirror-backend.js';
import type { NatsStateStream } from '../adapters/nats-state.js';
import { NatsBackend } from './nats-backend.js';
import { clearMovedToNats, readDataDir, refuseIfMovedToNats, setAsideForNats, stateFiles, stateOfEntries, type StateFiles } from './data-dir.js';

export class Store {
  private writing: Promise<void> | null = null;
  private dirty = false;
  private lastError: unknown = null;
  /** Changes made so far, and how many of them the last finished write holds. */
  private changeSeq = 0;
  private writtenSeq = 0;
  private persistWaiters: Array<{ seq: number; resolve: () => void; reject: (err: Error) => void }> = [];
  private readonly changes = new ChangeTracker();

  constructor(
    private readonly state: ControllerState,
    private readonly backend: StateBackend,
  ) {}

  static async open(dataDir: string, kind: StateStoreKind = 'json', nats: NatsStateStream | null = null): Promise<Store> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const files = stateFiles(dataDir);
    if (kind === 'nats') return Store.openInNats(files, nats);
    await refuseIfMovedToNats(files);
    const journal = new StateJournal(files.journal);
    const { loaded, from } = await readDataDir(files, journal);
    const state = migrateState(loaded, from);
    const store = new Store(state, kind === 'json' ? new JsonFileBackend(files.json) : new JournalBackend(files.snapshot, journal));
    // Everything written afresh the current way; then the other way's files go, so a later switch
    // back never loads an old copy.
    await store.flush(true);
    if (kind === 'json') {
      await journal.close();
      await rm(journal.path, { force: true });
      await journal.dropSetAside();
      await rm(files.snapshot, { force: true });
    } else {
      await rm(files.json, { force: true });
    }
    return store;
  }

  /**
   * The state in JetStream. At the first start against an empty stream, the data dir's state
   * moves in: it is written to the stream, then its files are set aside, so that starting this
   * data dir with json or journal again is refused instead of running on an old copy.
   */
  private static async openInNats(files: StateFiles, stream: NatsStateStream | null): Promise<Store> {
    if (!stream) throw new BerthError('INVALID_CONFIG', '--state-store nats needs the NATS server (--nats)');
    try {
      const stored = await stream.load();
      const journal = new StateJournal(files.journal);
      const { loaded, from } = stored ? { loaded: stateOfEntries(stored.entries), from: stream.description } : await readDataDir(files, journal);
      const store = new Store(migrateState(loaded, from), new NatsBackend(stream));
      await store.flush(true);
      if (!stored) await setAsideForNats(files, journal, stream.description);
      else await journal.close();
      return store;
    } catch (err) {
      await stream.close();
      throw err;
    }
  }

  /**
   * A follower's read-only copy of the state in NATS: loaded, then kept current by `follow`, which
   * starts after the last stream sequence loaded and returns what stops it (state/mirror-backend.ts).
   */
  static async openMirror(
    stream: NatsStateStream,
    follow: (afterSeq: number, onWrite: (write: StateWrite) => void) => Promise<() => Promise<void>>,
  ): Promise<Store> {
    const stored = await stream.load();
    const state = stored ? migrateState(stateOfEntries(stored.entries), stream.description) : emptyState();
    const stop = await follow(stream.loadedThrough, (write) => applyStateWrite(state, write, stream.description));
    return new Store(state, new MirrorBackend(stream.description, stop));
  }

  /**
   * Brings the state back from NATS into the data dir, as `kind` (json or journal), and removes the
   * record of its move: `berth controller migrate-state --to json`. No controller may lead meanwhile.
   */
  static async bringBackFromNats(dataDir: string, kind: 'json' | 'journal', stream: NatsStateStream): Promise<{ records: number }> {
    const stored = await stream.load();
    if (!stored) throw new BerthError('NOT_FOUND', `${stream.description} holds no state to bring back`);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const files = stateFiles(dataDir);
    await clearMovedToNats(files);
    const journal = new StateJournal(files.journal);
    const store = new Store(
      migrateState(stateOfEntries(stored.entries), stream.description),
      kind === 'json' ? new JsonFileBackend(files.json) : new JournalBackend(files.snapshot, journal),
    );
    await store.flush(true);
    await store.close();
    return { records: stored.entries.length };
  }

  get path(): string {
    return this.backend.path;
  }

  get data(): ControllerState {
    return this.state;
  }

  /**
   * Applies a change to the state and schedules a write. When the backend writes only what
   * changed, the change sees the state through proxies that note each record it writes.
   */
  update(change: (state: ControllerState) => void): void {
    change(this.backend.tracksRecords ? this.changes.track(this.state) : this.state);
    this.scheduleWrite();
  }

  /**
   * Schedules a write of a change made to `data` directly. `record`: the record that changed;
   * without it every record goes out (with the journal, that is a snapshot).
   */
  markDirty(record?: { table: keyof ControllerState; key: string }): void {
    if (record) this.changes.note(record.table, record.key);
    else this.changes.noteAll();
    this.scheduleWrite();
  }

  /**
   * Resolves once every change made before the call is on disk: the next write that starts after
   * it, shared by every caller waiting meanwhile (a group commit). Unlike flush() it does not wait
   * for changes made later, so a busy store cannot keep it waiting.
   */
  persisted(): Promise<void> {
    const seq = this.changeSeq;
    if (this.writtenSeq >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => this.persistWaiters.push({ seq, resolve, reject }));
  }

  /** Resolves when everything changed so far is on disk; rejects if the last write failed. */
  async flush(force = false): Promise<void> {
    if (force) this.markDirty();
    while (this.writing) await this.writing;
    const failed = this.lastError ?? this.backend.failure();
    if (failed) throw new BerthError('STORE_WRITE_FAILED', `cannot write ${this.path}: ${errorMessage(failed)}`);
  }

  healthy(): boolean {
    return this.lastError === null && this.backend.failure() === null;
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    await this.backend.close();
  }

  private scheduleWrite(): void {
    this.changeSeq++;
    this.dirty = true;
    if (!this.writing) this.writing = this.writeLoop();
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        const seq = this.changeSeq;
        const changes = this.changes.take();
        try {
          await this.backend.write(this.state, changes);
          this.lastError = null;
          this.writtenSeq = seq;
          this.settleWaiters(null);
        } catch (err) {
          // Not written: the next write must carry these records again.
          this.changes.putBack(changes);
          this.lastError = err;
          this.settleWaiters(err);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private settleWaiters(err: unknown): void {
    const waiting = this.persistWaiters;
    this.persistWaiters = [];
    for (const w of waiting) {
      if (err) w.reject(new BerthError('STORE_WRITE_FAILED', `cannot write ${this.path}: ${errorMessage(err)}`));
      else if (w.seq <= this.writtenSeq) w.resolve();
      else this.persistWaiters.push(w);
    }
  }
}
