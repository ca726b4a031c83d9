/**
 * The leader lease in JetStream: the key `leader` of the KV bucket `berth-leader`, whose entries
 * the server removes `leaseMs` after they were written. Taking it is a create (granted only when
 * nobody holds it); keeping it, an update that expects the revision its holder last wrote
 * (compare-and-set), so a controller that lost it finds out at its next renewal. The term is the
 * revision the lease was created at: a later leader always has a larger one.
 */
import { Kvm, type KV, type KvEntry } from '@nats-io/kv';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import { BerthError, errorMessage } from '../../shared/errors.js';
import type { LeaseRecord } from '../core/lease.js';

export const LEASE_BUCKET = 'berth-leader';
const LEASE_KEY = 'leader';
/** Every controller says here that it runs, every third of a lease; gone three leases after it stops. */
export const PRESENCE_BUCKET = 'berth-controllers';

/** What `berth controller status` lists. */
export interface ControllerPresence {
  controllerId: string;
  role: 'leader' | 'follower';
  term: number;
  grpcAddress: string;
  httpAddress: string;
  version: string;
  seenAtMs: number;
}

// What other controllers wrote, checked before it is used: a controller of another version (or
// anything with access to the bucket) may have written something else.
const LeaseRecordSchema = z.object({
  holder: z.string().min(1).max(128),
  grpcAddress: z.string().max(300),
  httpAddress: z.string().max(300),
  publicUrl: z.string().max(2048).optional(),
  term: z.number().int().nonnegative(),
});

const ControllerPresenceSchema = z.object({
  controllerId: z.string().min(1).max(128),
  role: z.enum(['leader', 'follower']),
  term: z.number().int().nonnegative(),
  grpcAddress: z.string().max(300),
  httpAddress: z.string().max(300),
  version: z.string().max(64),
  seenAtMs: z.number().int().nonnegative(),
});

function parseRecord<T>(schema: z.ZodType<T>, entry: Pick<KvEntry, 'key' | 'bucket' | 'json'>, what: string): T {
  let json: unknown;
  try {
    json = entry.json();
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new BerthError(
      'INVALID_MESSAGE',
      `${what} (key ${entry.key} in the bucket ${entry.bucket}) is not what Berth writes: ${parsed.error.issues[0]?.message ?? 'not JSON'} at ${parsed.error.issues[0]?.path.join('.') || 'the top'}; a controller of another Berth version may have written it`,
    );
  return parsed.data;
}

/** The lease record an entry of the lease bucket holds; INVALID_MESSAGE when it is not one. */
export function leaseRecordOf(entry: Pick<KvEntry, 'key' | 'bucket' | 'json'>): LeaseRecord {
  return parseRecord(LeaseRecordSchema, entry, 'the leader lease');
}

/** The presence an entry of the presence bucket holds; INVALID_MESSAGE when it is not one. */
export function presenceOf(entry: Pick<KvEntry, 'key' | 'bucket' | 'json'>): ControllerPresence {
  return parseRecord(ControllerPresenceSchema, entry, "a controller's presence");
}

export class NatsLease {
  /** The revision this controller last wrote the lease at; 0: it does not hold it. */
  private revision = 0;

  private constructor(
    private readonly kv: KV,
    private readonly presence: KV,
    readonly leaseMs: number,
  ) {}

  static async open(nc: NatsConnection, leaseMs: number, replicas: number): Promise<NatsLease> {
    try {
      const kvm = new Kvm(nc);
      const kv = await kvm.create(LEASE_BUCKET, { history: 1, ttl: leaseMs, replicas });
      const presence = await kvm.create(PRESENCE_BUCKET, { history: 1, ttl: 3 * leaseMs, replicas });
      const status = await kv.status();
      if (status.ttl !== leaseMs)
        throw new BerthError(
          'INVALID_CONFIG',
          `--lease ${leaseMs}ms differs from the ${status.ttl}ms the other controllers use (the bucket ${LEASE_BUCKET}): give every controller the same --lease`,
        );
      return new NatsLease(kv, presence, leaseMs);
    } catch (err) {
      if (err instanceof BerthError) throw err;
      throw new BerthError('NATS_UNAVAILABLE', `cannot open the leader lease (${LEASE_BUCKET}) in JetStream: ${errorMessage(err)}`, {}, { cause: err });
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

  /** Says that this controller runs, and as what. */
  async announce(presence: ControllerPresence): Promise<void> {
    await this.presence.put(presence.controllerId, JSON.stringify(presence));
  }

  /** Who holds the lease now; null: nobody. */
  async holder(): Promise<LeaseRecord | null> {
    const entry = await this.kv.get(LEASE_KEY);
    if (entry?.operation !== 'PUT') return null;
    return leaseRecordOf(entry);
  }
}

/** A create of a key that exists, or an update that expected another revision. */
function isRefusedWrite(err: unknown): boolean {
  return (
    err instanceof JetStreamApiError &&
    (err.code === JetStreamApiCodes.StreamWrongLastSequence || err.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}

/** The controllers that said they run, and the lease with how long ago it was last renewed. */
export async function readControllerStatus(
  nc: NatsConnection,
): Promise<{ controllers: ControllerPresence[]; lease: (LeaseRecord & { ageMs: number }) | null }> {
  const kvm = new Kvm(nc);
  const controllers: ControllerPresence[] = [];
  let lease: (LeaseRecord & { ageMs: number }) | null = null;
  try {
    const presence = await kvm.open(PRESENCE_BUCKET);
    for await (const key of await presence.keys()) {
      const entry = await presence.get(key);
      if (entry?.operation === 'PUT') controllers.push(presenceOf(entry));
    }
    const entry = await (await kvm.open(LEASE_BUCKET)).get(LEASE_KEY);
    if (entry?.operation === 'PUT') lease = { ...leaseRecordOf(entry), ageMs: Math.max(0, Date.now() - entry.created.getTime()) };
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound) return { controllers, lease };
    throw err;
  }
  return { controllers: controllers.sort((a, b) => a.controllerId.localeCompare(b.controllerId)), lease };
}
