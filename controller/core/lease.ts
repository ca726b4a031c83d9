/**
 * Leadership among controllers that share their state in NATS: a lease in JetStream, held by
 * renewing it before it expires. These are the decisions, over values: until when a leader may
 * act, and what a controller does next. A leader acts only while its own clock says the lease
 * it last renewed cannot have expired: the lease was renewed no earlier than the renewal was
 * sent, so `sentAt + leaseMs` bounds it, less a margin for clocks that run at different rates.
 * Pure: monotonic times in, decisions out.
 */

/** What the lease key holds. `term` is the revision its holder created it at, so terms only grow. */
export interface LeaseRecord {
  holder: string;
  /** Where the holder takes gRPC (agents, admin API) and HTTP (hooks). */
  grpcAddress: string;
  httpAddress: string;
  /** The holder's --public-url, where set: its dashboard is under it. */
  publicUrl?: string;
  term: number;
}

/** A tenth of the lease, at least 100 ms: the renewal may be late by this much and still count. */
export function leaseMargin(leaseMs: number): number {
  return Math.max(100, Math.floor(leaseMs / 10));
}

/** Until when (monotonic) a leader whose renewal was sent at `sentAtMs` may act. */
export function actUntil(sentAtMs: number, leaseMs: number): number {
  return sentAtMs + leaseMs - leaseMargin(leaseMs);
}

/** How often a leader renews and a follower asks for the lease: three tries inside one lease. */
export function renewEvery(leaseMs: number): number {
  return Math.max(50, Math.floor(leaseMs / 3));
}

export type LeaseStep = { kind: 'campaign' } | { kind: 'renew' } | { kind: 'step-down'; reason: string };

/**
 * What to do at a tick. A follower asks for the lease (it is granted only when nobody holds it);
 * a leader renews it, and steps down when its time to act has run out (it was paused, or cut
 * off from NATS, longer than the lease) or a renewal was refused.
 */
export function nextLeaseStep(input: { leading: boolean; now: number; actUntil: number; renewalRefused: boolean }): LeaseStep {
  if (!input.leading) return { kind: 'campaign' };
  if (input.renewalRefused) return { kind: 'step-down', reason: 'another controller holds the lease now' };
  if (input.now >= input.actUntil) return { kind: 'step-down', reason: 'the lease ran out before it could be renewed' };
  return { kind: 'renew' };
}

/** The leader's web dashboard: under its public URL, else on the HTTP address its lease names. */
export function leaderDashboardUrl(leader: LeaseRecord): string {
  return leader.publicUrl ? `${leader.publicUrl.replace(/\/+$/, '')}/ui/` : `http://${leader.httpAddress}/ui/`;
}
