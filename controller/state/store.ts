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
import { join } from 'node:path';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { StateStoreKind } from '../config.js';
import type { StateBackend } from './backend.js';
import { ChangeTracker } from './change-tracking.js';
import { JournalBackend } from './journal-backend.js';
import { StateJournal } from './journal.js';
import { JsonFileBackend, readJsonState } from './json-file-backend.js';
import { migrateState } from './migrate.js';
import { emptyState, type ControllerState } from './schema.js';
import { readSnapshot } from './snapshot.js';

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

  static async open(dataDir: string, kind: StateStoreKind = 'json'): Promise<Store> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const path = join(dataDir, 'state.json');
    const snapshotPath = join(dataDir, 'state.snapshot');
    const journal = new StateJournal(join(dataDir, 'state.journal'));
    // Whatever the kind now, a snapshot and journal left by `journal` hold the newest state.
    const snapshot = await readSnapshot(snapshotPath);
    const loaded = snapshot ?? (await readJsonState(path)) ?? (emptyState() as unknown as Record<string, unknown>);
    await journal.replayInto(loaded);
    const state = migrateState(loaded, snapshot ? snapshotPath : path);
    const store = new Store(state, kind === 'json' ? new JsonFileBackend(path) : new JournalBackend(snapshotPath, journal));
    // Everything written afresh the current way; then the other way's files go, so a later switch
    // back never loads an old copy.
    await store.flush(true);
    if (kind === 'json') {
      await journal.close();
      await rm(journal.path, { force: true });
      await journal.dropSetAside();
      await rm(snapshotPath, { force: true });
    } else {
      await rm(path, { force: true });
    }
    return store;
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
