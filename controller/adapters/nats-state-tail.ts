/**
 * A follower's copy of the state, kept current (state/mirror-backend.ts): every message stored in
 * BERTH_STATE after the ones it loaded, in order, handed on as one write each: a journal message's
 * records, or a whole snapshot once all its parts are in. An ordered consumer: nothing to
 * acknowledge, nothing left on the server when it stops, and after a reconnect it carries on from
 * the last message it had. Messages purged before it read them were folded into the snapshot
 * that follows them, which it then reads.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { parseEntries, type JournalEntry } from '../state/journal.js';
import type { StateWrite } from '../state/mirror-backend.js';
import { JOURNAL_SUBJECT, SNAPSHOT_ID, SNAPSHOT_PARTS, STATE_STREAM } from './nats-state.js';

/** What the consumer reports that an operator reading a lagging follower's log should see. */
const WORTH_A_WARNING = new Set([
  'heartbeats_missed',
  'ordered_consumer_recreated',
  'consumer_deleted',
  'consumer_not_found',
  'stream_not_found',
  'no_responders',
]);

/** Hands every write stored after stream sequence `afterSeq` to `onWrite`; returns what stops it. */
export async function tailStateStream(nc: NatsConnection, afterSeq: number, onWrite: (write: StateWrite) => void, log: Logger): Promise<() => Promise<void>> {
  const consumer = await jetstream(nc).consumers.get(STATE_STREAM, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: afterSeq + 1 });
  // A pull that expires after 5 s, with a heartbeat every second: a consumer the server lost
  // (its node restarted, the stream's leader moved) is noticed after two missed heartbeats and
  // made again from the last message had. With the defaults (30 s, 15 s) a follower's copy could
  // fall 30 s behind the leader.
  const messages = await consumer.consume({ max_messages: 100, expires: 5_000, idle_heartbeat: 1_000 });
  void (async () => {
    for await (const s of messages.status()) {
      if (WORTH_A_WARNING.has(s.type)) log.warn({ status: s }, `following ${STATE_STREAM}: ${s.type}`);
    }
  })();
  const done = (async () => {
    // The parts of the snapshot being read.
    const snapshot = { id: '', parts: 0, seen: 0, entries: [] as JournalEntry[] };
    for await (const m of messages) {
      let entries: JournalEntry[];
      try {
        entries = parseEntries(m.string());
      } catch (err) {
        log.error({ seq: m.seq, err: errorMessage(err) }, `${STATE_STREAM} holds a message that is not state entries: the copy of the state skips it`);
        continue;
      }
      if (m.subject === JOURNAL_SUBJECT) {
        onWrite({ kind: 'journal', entries });
        continue;
      }
      const id = m.headers?.get(SNAPSHOT_ID) ?? '';
      if (snapshot.id !== id) Object.assign(snapshot, { id, parts: Number(m.headers?.get(SNAPSHOT_PARTS) ?? 0), seen: 0, entries: [] });
      snapshot.seen++;
      snapshot.entries.push(...entries);
      if (snapshot.seen === snapshot.parts) {
        onWrite({ kind: 'snapshot', entries: snapshot.entries });
        Object.assign(snapshot, { id: '', parts: 0, seen: 0, entries: [] });
      }
    }
  })().catch((err) => log.error({ err: errorMessage(err) }, 'the copy of the state stopped following NATS'));
  return async () => {
    await messages.close();
    await done;
  };
}
