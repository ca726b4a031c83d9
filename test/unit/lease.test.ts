import { describe, expect, it } from 'vitest';
import { actUntil, leaseMargin, nextLeaseStep, renewEvery } from '../../controller/core/lease.js';

describe('the leader lease', () => {
  it.each([
    [3000, 300, 1000, 2700],
    [1000, 100, 333, 900],
    [500, 100, 166, 400],
    [60_000, 6000, 20_000, 54_000],
  ])('a lease of %i ms: margin %i, renewed every %i, a renewal sent at 0 lets the leader act until %i', (leaseMs, margin, every, until) => {
    expect(leaseMargin(leaseMs)).toBe(margin);
    expect(renewEvery(leaseMs)).toBe(every);
    expect(actUntil(0, leaseMs)).toBe(until);
    // Never past the lease itself: the server removed it no earlier than leaseMs after the send.
    expect(actUntil(0, leaseMs)).toBeLessThan(leaseMs);
  });

  it.each([
    ['a follower asks for the lease', { leading: false, now: 5000, actUntil: 0, renewalRefused: false }, { kind: 'campaign' }],
    ['a leader in time renews', { leading: true, now: 1000, actUntil: 2700, renewalRefused: false }, { kind: 'renew' }],
    [
      'a leader paused past its lease steps down',
      { leading: true, now: 9000, actUntil: 2700, renewalRefused: false },
      { kind: 'step-down', reason: 'the lease ran out before it could be renewed' },
    ],
    [
      'a leader at the very end of its time steps down',
      { leading: true, now: 2700, actUntil: 2700, renewalRefused: false },
      { kind: 'step-down', reason: 'the lease ran out before it could be renewed' },
    ],
    [
      'a leader whose renewal was refused steps down, even in time',
      { leading: true, now: 1000, actUntil: 2700, renewalRefused: true },
      { kind: 'step-down', reason: 'another controller holds the lease now' },
    ],
  ])('%s', (_, input, step) => {
    expect(nextLeaseStep(input)).toEqual(step);
  });
});
