/**
 * A follower's state (several controllers sharing `--state-store nats`): a copy of the leader's,
 * kept current from the state stream (adapters/nats-state-tail.ts), which this controller reads
 * (the admin API's read side, /traefik/dynamic, /metrics) and never writes: only the leader does.
 */
import { BerthError } from '../../shared/errors.js';
import type { StateBackend } from './backend.js';
import { stateOfEntries } from './data-dir.js';
import { applyEntry, type JournalEntry } from './journal.js';
import { migrateState } from './migrate.js';
import type { ControllerState } from './schema.js';

/** One write of the leader's as stored: the records it changed, or the whole state (a snapshot). */
export type StateWrite = { kind: 'journal' | 'snapshot'; entries: JournalEntry[] };

/** Brings a copy of the state up to date with one write of the leader's, in place. */
export function applyStateWrite(state: ControllerState, write: StateWrite, source: string): void {
  const target = state as unknown as Record<string, unknown>;
  if (write.kind === 'journal') {
    for (const e of write.entries) applyEntry(target, e);
    return;
  }
  const whole = migrateState(stateOfEntries(write.entries), source);
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, whole);
}

export class MirrorBackend implements StateBackend {
  readonly tracksRecords = false;

  constructor(
    readonly path: string,
    private readonly stopFollowing: () => Promise<void>,
  ) {}

  async write(): Promise<void> {
    throw new BerthError('NOT_LEADER', `this controller follows: its copy of ${this.path} is read-only, and only the leader writes`);
  }

  failure(): unknown {
    return null;
  }

  async close(): Promise<void> {
    await this.stopFollowing();
  }
}
