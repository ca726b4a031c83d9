/**
 * The leader lease in JetStream: the key `leader` of the KV bucket `berth-leader`, whose entries
 * the server removes `leaseMs` after they were written. Taking it is a create (granted only when
 * nobody holds it); keeping it, an update that expects the revision its holder last wrote
 * (compare-and-set), so a controller that lost it finds out at its next renewal. The term is the
 * revision the lease was created at: a later leader always has a larger one.
 */
import { Kvm, type KV } from '@nats-io/kv';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { LeaseRecord } from '../core/lease.js';

export const LEASE_BUCKET = 'berth-leader';
const LEASE_KEY = 'leader';

export class NatsLease {
  /** The revision this controller last wrote the lease at; 0: it does not hold it. */
  private revision = 0;

  private constructor(
    private readonly kv: KV,
    readonly leaseMs: number,
  ) {}

  static async open(nc: NatsConnection, leaseMs: number, replicas: number): Promise<NatsLease> {
    try {
      const kv = await new Kvm(nc).create(LEASE_BUCKET, { history: 1, ttl: leaseMs, replicas });
      const status = await kv.status();
      if (status.ttl !== leaseMs)
        throw new BerthError(
          'INVALID_CONFIG',
          `--lease ${leaseMs}ms differs from the ${status.ttl}ms the other controllers use (the bucket ${LEASE_BUCKET}): give every controller the same --lease`,
        );
      return new NatsLease(kv, leaseMs);
    } catch (err) {
      if (err instanceof BerthError) throw err;
      throw new BerthError('NATS_UNAVAILABLE', `cannot open the leader lease (${LEASE_BUCKET}) in JetStream: ${errorMessage(err)}`);
    }
  }

  /** Takes the lease if nobody holds it: the term, or null when it is held. */
  async acquire(record: Omit<LeaseRecord, 'term'>): Promise<number | null> {
    try {
      // The term is the revision the create lands at; written once more so the record names it.
      const created = await this.kv.create(LEASE_KEY, JSON.stringify({ ...record, term: 0 }));
      this.revision = await this.kv.update(LEASE_KEY, JSON.stringify({ ...record, term: created }), created);
      return created;
    } catch (err) {
      if (isRefusedWrite(err)) return null;
      throw err;
    }
  }

  /** Keeps the lease: false when it is no longer this controller's (expired, or taken since). */
  async renew(record: LeaseRecord): Promise<boolean> {
    try {
      this.revision = await this.kv.update(LEASE_KEY, JSON.stringify(record), this.revision);
      return true;
    } catch (err) {
      if (isRefusedWrite(err)) {
        this.revision = 0;
        return false;
      }
      throw err;
    }
  }

  /** Gives the lease up (a clean stop), so a follower need not wait for it to expire. */
  async release(): Promise<void> {
    if (this.revision === 0) return;
    await this.kv.delete(LEASE_KEY, { previousSeq: this.revision }).catch(() => undefined);
    this.revision = 0;
  }

  /** Who holds the lease now; null: nobody. */
  async holder(): Promise<LeaseRecord | null> {
    const entry = await this.kv.get(LEASE_KEY);
    if (entry?.operation !== 'PUT') return null;
    return entry.json<LeaseRecord>();
  }
}

/** A create of a key that exists, or an update that expected another revision. */
function isRefusedWrite(err: unknown): boolean {
  return (
    err instanceof JetStreamApiError &&
    (err.code === JetStreamApiCodes.StreamWrongLastSequence || err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}
