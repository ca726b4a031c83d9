/**
 * `--state-store journal`: only the records that changed are appended to DATA_DIR/state.journal
 * (journal.ts); the whole state goes to the snapshot DATA_DIR/state.snapshot (snapshot.ts) only
 * when the journal has outgrown it, so a write costs what changed, whatever the fleet's size.
 */
import type { StateBackend } from './backend.js';
import type { Changes } from './change-tracking.js';
import { changedEntries, JOURNAL_MIN_COMPACT_BYTES, type StateJournal } from './journal.js';
import type { ControllerState } from './schema.js';
import { writeSnapshot } from './snapshot.js';

export class JournalBackend implements StateBackend {
  readonly tracksRecords = true;
  private snapshotBytes = 0;
  /** A snapshot being written beside the appends. */
  private compacting: Promise<void> | null = null;
  /**
   * The last snapshot written beside the appends failed (the set-aside journal stays, is replayed
   * at the next start, and the next compaction tries again); cleared by the next write.
   */
  private compactionError: unknown = null;

  /** `path`: the snapshot. */
  constructor(
    readonly path: string,
    private readonly journal: StateJournal,
  ) {}

  failure(): unknown {
    return this.compactionError;
  }

  async write(state: ControllerState, changes: Changes): Promise<void> {
    this.compactionError = null;
    if (!changes.all) {
      const size = await this.journal.append(changedEntries(state, changes));
      if (size >= Math.max(JOURNAL_MIN_COMPACT_BYTES, this.snapshotBytes) && !this.compacting) {
        // Set aside here, between appends; the snapshot is then written beside the next ones.
        await this.journal.setAside();
        this.compacting = this.compact(state);
      }
      return;
    }
    // Everything at once (at open, or a change that did not say where): nothing appends
    // meanwhile, so the snapshot holds it all and both journals start over.
    await this.compacting;
    this.snapshotBytes = await writeSnapshot(this.path, state as unknown as Record<string, unknown>);
    await this.journal.truncate();
  }

  async close(): Promise<void> {
    await this.compacting;
    await this.journal.close();
  }

  /** A new snapshot beside the appends; the journal set aside before it goes once it is on disk. */
  private compact(state: ControllerState): Promise<void> {
    return (async () => {
      try {
        this.snapshotBytes = await writeSnapshot(this.path, state as unknown as Record<string, unknown>);
        await this.journal.dropSetAside();
      } catch (err) {
        this.compactionError = err;
      } finally {
        this.compacting = null;
      }
    })();
  }
}
