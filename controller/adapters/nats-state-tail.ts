/**
 * A follower's copy of the state, kept current (state/mirror-backend.ts): every message stored in
 * BERTH_STATE after the ones it loaded, in order, handed on as one write each: a journal message's
 * records, or a whole snapshot once all its parts are in. An ordered consumer: nothing to
 * acknowledge, nothing left on the server when it stops. Messages purged before it read them were
 * folded into the snapshot that follows them, which it then reads.
 *
 * The consumer is the server's, on one node. When that node is lost the client's own recovery can
 * wait on it for as long as it is down, so this watches the consumer's heartbeats itself: after
 * SILENCE_MS without a message or a heartbeat it drops the consumer and makes a new one, from the
 * message after the last it handed on.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { type ConsumerMessages, DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { parseEntries, type JournalEntry } from '../state/journal.js';
import type { StateWrite } from '../state/mirror-backend.js';
import { JOURNAL_SUBJECT, SNAPSHOT_ID, SNAPSHOT_PARTS, STATE_STREAM } from './nats-state.js';

/** The server sends a heartbeat every HEARTBEAT_MS while it has nothing to send. */
const HEARTBEAT_MS = 1_000;
/** Quiet for this long (several heartbeats): the consumer is gone, make a new one. */
const SILENCE_MS = 3_000;
/** How long to wait before making a consumer again after one could not be made. */
const RETRY_MS = 500;

/** Hands every write stored after stream sequence `afterSeq` to `onWrite`; returns what stops it. */
export async function tailStateStream(nc: NatsConnection, afterSeq: number, onWrite: (write: StateWrite) => void, log: Logger): Promise<() => Promise<void>> {
  const tail = { stopped: false, lastSeq: afterSeq, messages: null as ConsumerMessages | null };
  // The parts of the snapshot being read; kept across a new consumer, which starts after the last part had.
  const snapshot = { id: '', parts: 0, seen: 0, entries: [] as JournalEntry[] };
  const handle = (subject: string, seq: number, body: string, header: (name: string) => string | undefined) => {
    tail.lastSeq = seq;
    let entries: JournalEntry[];
    try {
      entries = parseEntries(body);
    } catch (err) {
      log.error({ seq, err: errorMessage(err) }, `${STATE_STREAM} holds a message that is not state entries: the copy of the state skips it`);
      return;
    }
    if (subject === JOURNAL_SUBJECT) {
      onWrite({ kind: 'journal', entries });
      return;
    }
    const id = header(SNAPSHOT_ID) ?? '';
    if (snapshot.id !== id) Object.assign(snapshot, { id, parts: Number(header(SNAPSHOT_PARTS) ?? 0), seen: 0, entries: [] });
    snapshot.seen++;
    snapshot.entries.push(...entries);
    if (snapshot.seen === snapshot.parts) {
      onWrite({ kind: 'snapshot', entries: snapshot.entries });
      Object.assign(snapshot, { id: '', parts: 0, seen: 0, entries: [] });
    }
  };

  /** Follows with one consumer until it goes quiet, fails or is stopped. */
  const followOnce = async () => {
    const consumer = await jetstream(nc).consumers.get(STATE_STREAM, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: tail.lastSeq + 1 });
    const messages = await consumer.consume({ max_messages: 100, expires: 5 * HEARTBEAT_MS, idle_heartbeat: HEARTBEAT_MS });
    tail.messages = messages;
    // Stopped while this consumer was being made: nothing else would stop it. (stop(), not
    // close(): close() waits for the messages to be read to their end, and none will be.)
    if (tail.stopped) {
      messages.stop();
      return;
    }
    let heardAt = Date.now();
    void (async () => {
      for await (const s of messages.status()) {
        if (s.type === 'heartbeat') heardAt = Date.now();
      }
    })();
    const watchdog = setInterval(() => {
      if (Date.now() - heardAt < SILENCE_MS) return;
      log.warn({ afterSeq: tail.lastSeq }, `following ${STATE_STREAM}: nothing heard for ${SILENCE_MS / 1000} s; making a new consumer`);
      messages.stop();
    }, HEARTBEAT_MS);
    try {
      for await (const m of messages) {
        heardAt = Date.now();
        handle(m.subject, m.seq, m.string(), (name) => m.headers?.get(name));
      }
    } finally {
      clearInterval(watchdog);
    }
  };

  const done = (async () => {
    while (!tail.stopped) {
      try {
        await followOnce();
      } catch (err) {
        if (!tail.stopped) log.warn({ err: errorMessage(err), afterSeq: tail.lastSeq }, `following ${STATE_STREAM} failed; trying again`);
      }
      if (!tail.stopped) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  })();
  return async () => {
    tail.stopped = true;
    tail.messages?.stop();
    await done;
  };
}
