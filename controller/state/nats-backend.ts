/**
 * `--state-store nats`: the state in NATS JetStream (controller/adapters/nats-state.ts). Like the
 * journal, each write appends only the records that changed, as one message (or one atomic batch);
 * the whole state goes out as a snapshot when the journal since the last one has outgrown
 * JOURNAL_MIN_COMPACT_BYTES, so a write costs what changed. A write that another controller's
 * write overtook is refused for good (STATE_FENCED): failure() reports it, and the store is no
 * longer healthy.
 */
import type { NatsStateStream } from '../adapters/nats-state.js';
import type { StateBackend } from './backend.js';
import type { Changes } from './change-tracking.js';
import { changedEntries, JOURNAL_MIN_COMPACT_BYTES, snapshotEntries } from './journal.js';
import type { ControllerState } from './schema.js';

export class NatsBackend implements StateBackend {
  readonly tracksRecords = true;
  private journalBytes = 0;
  /** The last snapshot after an append failed; the next write tries again. */
  private compactionError: unknown = null;

  constructor(
    private readonly stream: NatsStateStream,
    private readonly compactBytes = JOURNAL_MIN_COMPACT_BYTES,
  ) {}

  get path(): string {
    return this.stream.description;
  }

  failure(): unknown {
    return this.stream.fencedBy() ?? this.compactionError;
  }

  async write(state: ControllerState, changes: Changes): Promise<void> {
    if (changes.all) {
      await this.snapshot(state);
      return;
    }
    const entries = changedEntries(state, changes);
    await this.stream.append(entries);
    this.journalBytes += entries.reduce((n, e) => n + JSON.stringify(e).length, 0);
    if (this.journalBytes < this.compactBytes) return;
    // The append is stored: a failed snapshot only leaves a longer journal to read at the next start.
    try {
      await this.snapshot(state);
      this.compactionError = null;
    } catch (err) {
      this.compactionError = err;
    }
  }

  async close(): Promise<void> {
    await this.stream.close();
  }

  private async snapshot(state: ControllerState): Promise<void> {
    await this.stream.writeSnapshot([...snapshotEntries(state as unknown as Record<string, unknown>)]);
    this.journalBytes = 0;
  }
}
