/**
 * Where the state is kept. The Store (store.ts) holds the state in memory and hands every write to
 * one backend: `json` (json-file-backend.ts) or `journal` (journal-backend.ts), chosen with
 * `--state-store`. A second kind of backend (state in NATS JetStream) implements this interface.
 */
import type { Changes } from './change-tracking.js';
import type { ControllerState } from './schema.js';

export interface StateBackend {
  /** What it writes to, for messages. */
  readonly path: string;
  /** True when write() needs the records that changed (the store then tracks them). */
  readonly tracksRecords: boolean;
  /**
   * Makes `state` durable; with `tracksRecords`, `changes` says which records changed since the
   * last write that succeeded (`all`: write everything). Rejects when nothing was written.
   */
  write(state: ControllerState, changes: Changes): Promise<void>;
  /** A failure found after write() resolved (work it goes on with in the background); null: none. */
  failure(): unknown;
  close(): Promise<void>;
}
