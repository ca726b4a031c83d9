/**
 * The controller's state in NATS JetStream (`--state-store nats`): one stream, BERTH_STATE, with
 * two subjects.
 * - berth.state.journal: one write of the store, the records it changed (the file journal's
 *   entries, state/journal.ts), in one message or, when larger, one atomic batch. Every write
 *   expects the journal's last sequence to be the one this controller last saw: a controller whose
 *   view is stale (another wrote meanwhile) is refused with STATE_FENCED, and never writes again.
 * - berth.state.snapshot: the whole state, in one atomic batch whose messages each name the
 *   journal sequence it holds, ended by an empty journal message (so a controller that read the
 *   journal before it is fenced too). Once it is stored, older snapshots and the journal before
 *   it are purged (the journal's last message stays: the next write expects it).
 * Acknowledged means stored by the stream's replicas (1 on one server, 3 on a cluster); run the
 * servers with `sync_interval: always` so an acknowledged write survives a power cut
 * (docs/high-availability.md).
 */
import { randomBytes } from 'node:crypto';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import {
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { publishWhileBusy } from './nats-jetstream.js';
import { parseEntries, type JournalEntry } from '../state/journal.js';

export const STATE_STREAM = 'BERTH_STATE';
export const JOURNAL_SUBJECT = 'berth.state.journal';
export const SNAPSHOT_SUBJECT = 'berth.state.snapshot';
export const SNAPSHOT_ID = 'Berth-Snapshot';
export const SNAPSHOT_PARTS = 'Berth-Snapshot-Parts';
const SNAPSHOT_JOURNAL_SEQ = 'Berth-Journal-Seq';
const WRITER = 'Berth-Writer';
/** Room left in a message for its headers and the JSON array around the entries. */
const HEADROOM_BYTES = 4096;
/** How long a journal write is retried while NATS does not answer. */
const WRITE_RETRY_MS = 30_000;
/** The server refuses an atomic batch of more messages. */
const MAX_BATCH_MESSAGES = 1000;

export interface StoredState {
  /** The entries of the latest snapshot, then every journal entry after it, in order. */
  entries: JournalEntry[];
}

export class NatsStateStream {
  /** The journal's last sequence as this controller knows it: what its next write expects. */
  private journalSeq = 0;
  /** The stream's last sequence the last load() read: a follower's mirror follows on from it. */
  private loadedSeq = 0;
  private fenced: BerthError | null = null;
  private fencedListeners: Array<(fence: BerthError) => void> = [];
  /**
   * Names this controller's journal messages (Berth-Writer): the controller, and this start of it.
   * It knows its own write by it when the answer was lost, and a fence names who wrote.
   */
  private readonly writerId: string;
  /** Throws when this controller may not write (it no longer leads: pipeline/leadership.ts). */
  private mayWrite: () => void = () => undefined;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly description: string,
    writer: string,
  ) {
    this.writerId = `${writer}/${randomBytes(6).toString('hex')}`;
  }

  /**
   * Makes sure of the stream (`replicas`: 1 on one server, 3 on a three-node cluster). The
   * connection stays its owner's. `writer` names the controller in its journal messages.
   */
  static async open(nc: NatsConnection, replicas: number, writer = 'controller'): Promise<NatsStateStream> {
    const url = nc.getServer();
    try {
      const jsm = await jetstreamManager(nc);
      await ensureStateStream(jsm, replicas);
      return new NatsStateStream(nc, jetstream(nc), jsm, `nats ${url} stream ${STATE_STREAM}`, writer);
    } catch (err) {
      throw new BerthError('NATS_UNAVAILABLE', `cannot use JetStream at ${url} for the state store: ${errorMessage(err)}`, { url }, { cause: err });
    }
  }

  /** Reads the stream as it is, creating and changing nothing (berth controller migrate-state). */
  static async attach(nc: NatsConnection): Promise<NatsStateStream> {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.info(STATE_STREAM);
    return new NatsStateStream(nc, jetstream(nc), jsm, `nats ${nc.getServer()} stream ${STATE_STREAM}`, 'migrate-state');
  }

  /** The largest message the server takes. */
  private get maxPayload(): number {
    return this.nc.info?.max_payload ?? 1024 * 1024;
  }

  /** The state stored: the latest snapshot and the journal after it; null when nothing is stored. */
  async load(): Promise<StoredState | null> {
    const lastJournal = await this.lastSequence(JOURNAL_SUBJECT);
    const lastSnapshot = await this.lastSequence(SNAPSHOT_SUBJECT);
    this.journalSeq = lastJournal;
    this.loadedSeq = Math.max(lastJournal, lastSnapshot);
    if (lastJournal === 0 && lastSnapshot === 0) return null;
    const entries: JournalEntry[] = [];
    let after = 0;
    if (lastSnapshot > 0) {
      const snapshot = await this.readSnapshot(lastSnapshot);
      entries.push(...snapshot.entries);
      after = snapshot.journalSeq;
    }
    if (lastJournal > after) {
      await this.read(JOURNAL_SUBJECT, after + 1, lastJournal, (data) => entries.push(...parseEntries(data)));
    }
    return { entries };
  }

  /** The stream's last sequence the last load() read. */
  get loadedThrough(): number {
    return this.loadedSeq;
  }

  /** Appends one write's entries atomically; refused (STATE_FENCED) when another controller wrote since. */
  async append(entries: JournalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const parts = splitEntries(entries, this.maxPayload - HEADROOM_BYTES);
    await this.fencedWrite(async () => {
      const expect = { lastSubjectSequence: this.journalSeq };
      this.journalSeq =
        parts.length === 1
          ? await this.publishOnce(parts[0] as Uint8Array, expect)
          : await this.publishBatch(
              parts.map((data) => ({ subject: JOURNAL_SUBJECT, data, headers: this.writerHeaders() })),
              expect,
            );
    });
  }

  /**
   * Stores the whole state as one atomic batch naming the journal sequence it holds, then purges
   * older snapshots and the journal it holds.
   */
  async writeSnapshot(entries: JournalEntry[]): Promise<void> {
    const id = randomBytes(8).toString('hex');
    const parts = splitEntries(entries, this.maxPayload - HEADROOM_BYTES);
    let firstSeq = 0;
    await this.fencedWrite(async () => {
      const heldJournalSeq = this.journalSeq;
      const messages = parts.map((data) => {
        const h = headers();
        h.set(SNAPSHOT_ID, id);
        h.set(SNAPSHOT_PARTS, String(parts.length));
        h.set(SNAPSHOT_JOURNAL_SEQ, String(heldJournalSeq));
        return { subject: SNAPSHOT_SUBJECT, data, headers: h };
      });
      // Fenced like a journal write, and ended, in the same batch, by an empty journal message:
      // a controller that read the journal before this snapshot can no longer append to it.
      const end = { subject: JOURNAL_SUBJECT, data: new TextEncoder().encode('[]'), headers: this.writerHeaders() };
      const lastSeq = await this.publishBatch([...messages, end], { lastSubjectSequence: heldJournalSeq, lastSubjectSequenceSubject: JOURNAL_SUBJECT });
      this.journalSeq = lastSeq;
      firstSeq = lastSeq - parts.length;
    });
    await this.jsm.streams.purge(STATE_STREAM, { filter: SNAPSHOT_SUBJECT, seq: firstSeq });
    await this.jsm.streams.purge(STATE_STREAM, { filter: JOURNAL_SUBJECT, seq: this.journalSeq });
  }

  /**
   * Runs a write that expects the journal's last sequence. Refused, it may be that an earlier write
   * of this controller landed after all though its answer was lost (a timeout under load): when
   * the journal's last message is this controller's, the write goes again after it. Otherwise
   * another controller wrote: this one is fenced for good.
   */
  private async fencedWrite(write: () => Promise<void>): Promise<void> {
    this.assertNotFenced();
    try {
      await write();
      return;
    } catch (err) {
      if (!isWrongLastSequence(err)) throw new BerthError('STORE_WRITE_FAILED', `cannot write the state to ${STATE_STREAM}: ${errorMessage(err)}`);
    }
    // A failed read (a timeout under load) decides nothing: the write fails and may be tried again.
    // Only a journal whose last message is another controller's fences this one.
    const last = await this.jsm.streams.getMessage(STATE_STREAM, { last_by_subj: JOURNAL_SUBJECT }).catch((err: unknown) => {
      throw new BerthError('STORE_WRITE_FAILED', `cannot read the state's journal in ${STATE_STREAM} after a refused write: ${errorMessage(err)}`);
    });
    if (last && last.seq !== this.journalSeq && last.header?.get(WRITER) === this.writerId) {
      this.journalSeq = last.seq;
      try {
        await write();
        return;
      } catch (err) {
        if (!isWrongLastSequence(err)) throw new BerthError('STORE_WRITE_FAILED', `cannot write the state to ${STATE_STREAM}: ${errorMessage(err)}`);
      }
    }
    const fence = new BerthError(
      'STATE_FENCED',
      `another controller has written the state in ${STATE_STREAM} since this one last read it (journal sequence ${this.journalSeq}; ` +
        `the last, ${last?.seq ?? '?'}, is ${last?.header?.get(WRITER) ?? 'unnamed'}'s; this one is ${this.writerId}): this controller no longer writes`,
      { writer: this.writerId, lastWriter: last?.header?.get(WRITER) ?? '', expectedSeq: this.journalSeq, lastSeq: last?.seq ?? 0 },
    );
    this.fenced = fence;
    for (const listener of this.fencedListeners.splice(0)) listener(fence);
    throw fence;
  }

  /** Called once when this stream fences this controller (another controller wrote): it must not lead on. */
  onFenced(listener: (fence: BerthError) => void): void {
    if (this.fenced) listener(this.fenced);
    else this.fencedListeners.push(listener);
  }

  /** Headers of a journal message: which stream user wrote it. */
  private writerHeaders(): ReturnType<typeof headers> {
    const h = headers();
    h.set(WRITER, this.writerId);
    return h;
  }

  /** Every later write asks `check` first. */
  guardWrites(check: () => void): void {
    this.mayWrite = check;
  }

  /** Why this stream refuses writes for good (another controller wrote); null: it does not. */
  fencedBy(): BerthError | null {
    return this.fenced;
  }

  /** Nothing to release: the connection is its owner's. */
  async close(): Promise<void> {}

  private assertNotFenced(): void {
    if (this.fenced) throw this.fenced;
    this.mayWrite();
  }

  /**
   * Publishes one journal message, again and again while NATS does not answer (a node lost, a
   * reconnect) for up to WRITE_RETRY_MS: the same message id makes JetStream take a retry of a
   * write that did land as that write, not as a second one its expectation would refuse.
   */
  private async publishOnce(data: Uint8Array, expect: { lastSubjectSequence: number }): Promise<number> {
    const msgID = randomBytes(12).toString('hex');
    const ack = await publishWhileBusy(() => this.js.publish(JOURNAL_SUBJECT, data, { expect, msgID, timeout: 2000, headers: this.writerHeaders() }), {
      forMs: WRITE_RETRY_MS,
      pauseMs: 200,
      // A leader cut off from NATS past its lease gives up: the new leader writes now.
      beforeRetry: () => this.mayWrite(),
    });
    return ack.seq;
  }

  /** Publishes messages as one atomic batch (the first carries `expect`); returns the last one's sequence. */
  private async publishBatch(
    messages: Array<{ subject: string; data: Uint8Array; headers?: ReturnType<typeof headers> }>,
    expect: { lastSubjectSequence: number; lastSubjectSequenceSubject?: string },
  ): Promise<number> {
    if (messages.length > MAX_BATCH_MESSAGES)
      throw new BerthError('STORE_WRITE_FAILED', `a state write of ${messages.length} messages is more than one atomic batch holds (${MAX_BATCH_MESSAGES})`);
    const [first, ...rest] = messages as [(typeof messages)[number], ...typeof messages];
    if (rest.length === 0) return (await this.js.publish(first.subject, first.data, { expect, ...(first.headers ? { headers: first.headers } : {}) })).seq;
    const batch = await this.js.startBatch(first.subject, first.data, { expect, ...(first.headers ? { headers: first.headers } : {}) });
    const last = rest.pop() as (typeof messages)[number];
    for (const m of rest) batch.add(m.subject, m.data, m.headers ? { headers: m.headers } : {});
    return (await batch.commit(last.subject, last.data, last.headers ? { headers: last.headers } : {})).seq;
  }

  private async lastSequence(subject: string): Promise<number> {
    const info = await this.jsm.streams.info(STATE_STREAM, { subjects_filter: subject });
    if (!info.state.subjects?.[subject]) return 0;
    const last = await this.jsm.streams.getMessage(STATE_STREAM, { last_by_subj: subject });
    return last?.seq ?? 0;
  }

  /** The snapshot whose last message is `lastSeq`: its parts, read back in order. */
  private async readSnapshot(lastSeq: number): Promise<{ entries: JournalEntry[]; journalSeq: number }> {
    const last = await this.jsm.streams.getMessage(STATE_STREAM, { seq: lastSeq });
    const parts = Number(last?.header.get(SNAPSHOT_PARTS) ?? 0);
    const journalSeq = Number(last?.header.get(SNAPSHOT_JOURNAL_SEQ) ?? Number.NaN);
    if (!last || !(parts > 0) || !Number.isInteger(journalSeq))
      throw new BerthError('STORE_CORRUPT', `the snapshot at ${STATE_STREAM} sequence ${lastSeq} has no ${SNAPSHOT_PARTS} or ${SNAPSHOT_JOURNAL_SEQ} header`);
    const id = last.header.get(SNAPSHOT_ID);
    const entries: JournalEntry[] = [];
    let seen = 0;
    await this.read(SNAPSHOT_SUBJECT, lastSeq - parts + 1, lastSeq, (data, h) => {
      if (h?.get(SNAPSHOT_ID) !== id) return;
      seen++;
      entries.push(...parseEntries(data));
    });
    if (seen !== parts) throw new BerthError('STORE_CORRUPT', `the snapshot ${id} in ${STATE_STREAM} has ${seen} of its ${parts} parts`);
    return { entries, journalSeq };
  }

  /** Reads the messages of `subject` from sequence `from` through `to`, in order, in batches. */
  private async read(subject: string, from: number, to: number, onMessage: (data: string, h: { get(k: string): string } | undefined) => void): Promise<void> {
    const consumer = await this.js.consumers.get(STATE_STREAM, { filter_subjects: subject, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
    const messages = await consumer.consume({ max_messages: 1000, expires: 5000 });
    let last = 0;
    let seenAtLastCheck = -1;
    // Nothing new for 10 s while messages are still due: the stream lost them; stop waiting.
    const stalled = setInterval(() => {
      if (last === seenAtLastCheck) void messages.close();
      seenAtLastCheck = last;
    }, 10_000);
    try {
      for await (const m of messages) {
        onMessage(m.string(), m.headers);
        last = m.seq;
        if (m.seq >= to) break;
      }
    } finally {
      clearInterval(stalled);
      await messages.close();
      await consumer.delete().catch(() => undefined);
    }
    if (last < to) throw new BerthError('STORE_CORRUPT', `${STATE_STREAM} ended before sequence ${to} of ${subject} was read (at ${last})`);
  }
}

async function ensureStateStream(jsm: JetStreamManager, replicas: number): Promise<void> {
  const config = {
    name: STATE_STREAM,
    subjects: [JOURNAL_SUBJECT, SNAPSHOT_SUBJECT],
    storage: StorageType.File,
    num_replicas: replicas,
    allow_atomic: true,
    allow_direct: true,
    deny_delete: false,
  };
  try {
    const info = await jsm.streams.info(STATE_STREAM);
    if (info.config.num_replicas !== replicas || !info.config.allow_atomic) await jsm.streams.update(STATE_STREAM, { ...info.config, ...config });
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) await jsm.streams.add(config);
    else throw err;
  }
}

/** Entries as JSON arrays of at most `maxBytes` each (a single larger entry gets a message of its own). */
export function splitEntries(entries: JournalEntry[], maxBytes: number): Uint8Array[] {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let current: string[] = [];
  let size = 2;
  for (const entry of entries) {
    const text = JSON.stringify(entry);
    const bytes = Buffer.byteLength(text) + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      parts.push(encoder.encode(`[${current.join(',')}]`));
      current = [];
      size = 2;
    }
    current.push(text);
    size += bytes;
  }
  if (current.length > 0 || parts.length === 0) parts.push(encoder.encode(`[${current.join(',')}]`));
  return parts;
}

function isWrongLastSequence(err: unknown): boolean {
  return (
    err instanceof JetStreamApiError &&
    (err.code === JetStreamApiCodes.StreamWrongLastSequence || err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}
