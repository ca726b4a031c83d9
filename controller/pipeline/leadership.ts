/**
 * This controller's part in the leader election (core/lease.ts decides, adapters/nats-lease.ts
 * holds the lease): as a follower it asks for the lease every third of a lease; once it holds it,
 * it renews it as often, and may act only until its own clock says the lease could have expired.
 * Every act of a leader (a state write, a task, a routes file) asks `assertLeading` first, so a
 * leader that was paused or cut off past its lease does nothing more, even before it notices.
 */
import { performance } from 'node:perf_hooks';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { BERTH_VERSION } from '../../shared/version.js';
import type { Logger } from '../../shared/logger.js';
import type { NatsLease } from '../adapters/nats-lease.js';
import { actUntil, nextLeaseStep, renewEvery, type LeaseRecord } from '../core/lease.js';

export class Leadership {
  private term = 0;
  /** Monotonic time until which this controller may act as the leader; 0: it is a follower. */
  private until = 0;
  private renewalRefused = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Why the lease was lost; null while it is held (or never was). */
  private lostReason: string | null = null;
  private lostListeners: Array<(reason: string) => void> = [];
  /** Who leads, as a follower last read it (null: nobody, or not read yet). */
  private knownLeader: LeaseRecord | null = null;

  constructor(
    private readonly lease: NatsLease,
    private readonly self: Omit<LeaseRecord, 'term'>,
    private readonly log: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves with the term once this controller holds the lease; asks again every third of a lease. */
  async elected(): Promise<number> {
    let logged = false;
    while (!this.stopped) {
      this.announce('follower');
      const sent = this.now();
      const term = await this.lease.acquire(this.self).catch((err: unknown) => {
        this.log.warn({ err: errorMessage(err) }, 'cannot ask for the leader lease');
        return null;
      });
      if (term !== null) {
        this.term = term;
        this.until = actUntil(sent, this.lease.leaseMs);
        this.knownLeader = { ...this.self, term };
        this.log.info({ term, holder: this.self.holder }, 'this controller leads now');
        return term;
      }
      this.knownLeader = await this.lease.holder().catch(() => null);
      if (!logged) {
        this.log.info({ leader: this.knownLeader?.holder, term: this.knownLeader?.term }, 'another controller leads; this one waits as a follower');
        logged = true;
      }
      await new Promise((r) => setTimeout(r, renewEvery(this.lease.leaseMs)));
    }
    throw new BerthError('CANCELLED', 'the controller stopped before it was elected');
  }

  /** Called once when the lease is lost (at once if it already is). */
  onLost(listener: (reason: string) => void): void {
    if (this.lostReason !== null) listener(this.lostReason);
    else this.lostListeners.push(listener);
  }

  /** Renews the lease from now on, while leading; onLost listeners hear when it is gone. */
  keep(): void {
    const tick = async () => {
      if (this.stopped) return;
      const step = nextLeaseStep({ leading: this.until > 0, now: this.now(), actUntil: this.until, renewalRefused: this.renewalRefused });
      if (step.kind === 'step-down') {
        this.log.error({ term: this.term, reason: step.reason }, 'this controller lost the leader lease: it stops acting');
        this.lose(step.reason);
        return;
      }
      if (step.kind === 'renew') {
        this.announce('leader');
        const sent = this.now();
        // Waited for a third of a lease at most: cut off from NATS, a request may hang for
        // seconds, and the deadline must be checked meanwhile. A late answer still counts.
        const renewal = this.lease.renew({ ...this.self, term: this.term }).then(
          (renewed) => {
            if (this.stopped) return;
            if (renewed) this.until = Math.max(this.until, actUntil(sent, this.lease.leaseMs));
            else this.renewalRefused = true;
          },
          // NATS unreachable: the lease may still hold; the deadline decides.
          (err: unknown) => this.log.warn({ err: errorMessage(err) }, 'cannot renew the leader lease'),
        );
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([renewal, new Promise((r) => (timer = setTimeout(r, renewEvery(this.lease.leaseMs))))]);
        clearTimeout(timer);
      }
      this.timer = setTimeout(() => void tick(), renewEvery(this.lease.leaseMs));
    };
    this.timer = setTimeout(() => void tick(), renewEvery(this.lease.leaseMs));
  }

  /**
   * Stops leading at once, though the lease is still held: the state stream fenced this controller
   * (another controller wrote), so its view of the state is no longer the state. Its lease is
   * given up at stop(), so a follower takes over, reading the state afresh.
   */
  giveUp(reason: string): void {
    if (this.lostReason !== null || this.until === 0) return;
    this.log.error({ term: this.term, reason }, 'this controller gives up leading: it stops acting');
    this.lose(reason);
  }

  private lose(reason: string): void {
    this.until = 0;
    this.stopped = true;
    clearTimeout(this.timer);
    this.lostReason = reason;
    for (const listener of this.lostListeners.splice(0)) listener(reason);
  }

  /** Tells `berth controller status` this controller runs; a failure only leaves it unlisted. */
  private announce(role: 'leader' | 'follower'): void {
    this.lease
      .announce({
        controllerId: this.self.holder,
        role,
        term: role === 'leader' ? this.term : (this.knownLeader?.term ?? 0),
        grpcAddress: this.self.grpcAddress,
        httpAddress: this.self.httpAddress,
        version: BERTH_VERSION,
        seenAtMs: Date.now(),
      })
      .catch(() => undefined);
  }

  isLeading(): boolean {
    return this.until > 0 && this.now() < this.until;
  }

  currentTerm(): number {
    return this.term;
  }

  /** While following: who leads, as last read. */
  leader(): LeaseRecord | null {
    return this.knownLeader;
  }

  /** Throws unless this controller may act as the leader right now. */
  assertLeading(): void {
    if (!this.isLeading())
      throw new BerthError('STATE_FENCED', `this controller no longer holds the leader lease (term ${this.term}): it does not act, the new leader does`);
  }

  /** Stops renewing and gives the lease up, so a follower takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // After a loss too: a lease this controller still holds (it gave up) goes; one another
    // controller holds now is left alone (the release compares revisions).
    if (this.until > 0 || this.lostReason !== null) await this.lease.release();
    this.until = 0;
  }
}
