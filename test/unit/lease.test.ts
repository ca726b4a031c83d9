import { describe, expect, it } from 'vitest';
import { leaseRecordOf, presenceOf } from '../../controller/adapters/nats-lease.js';
import { actUntil, leaderDashboardUrl, leaseMargin, nextLeaseStep, renewEvery } from '../../controller/core/lease.js';

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

describe("the leader's dashboard URL", () => {
  const lease = { holder: 'c1', grpcAddress: '10.0.0.1:7001', httpAddress: '10.0.0.1:8081', term: 3 };
  it.each([
    ['the HTTP address when no public URL is set', lease, 'http://10.0.0.1:8081/ui/'],
    ['under the public URL', { ...lease, publicUrl: 'https://berth.example.com' }, 'https://berth.example.com/ui/'],
    ['a public URL with a trailing slash', { ...lease, publicUrl: 'https://berth.example.com/' }, 'https://berth.example.com/ui/'],
    ['a public URL with a path', { ...lease, publicUrl: 'https://example.com/berth' }, 'https://example.com/berth/ui/'],
  ])('%s', (_name, record, url) => {
    expect(leaderDashboardUrl(record)).toBe(url);
  });
});

describe('lease and presence records read from NATS are checked', () => {
  const entry = (value: unknown) => ({ key: 'leader', bucket: 'berth-leader', json: <T>() => value as T });
  const good = { holder: 'c1', grpcAddress: '10.0.0.1:7001', httpAddress: '10.0.0.1:8081', term: 3 };

  it('takes a record Berth writes, with or without a public URL', () => {
    expect(leaseRecordOf(entry(good))).toEqual(good);
    expect(leaseRecordOf(entry({ ...good, publicUrl: 'https://b.example' }))).toEqual({ ...good, publicUrl: 'https://b.example' });
  });

  it.each([
    ['no holder', { ...good, holder: '' }, /the leader lease \(key leader in the bucket berth-leader\) is not what Berth writes: .* at holder/],
    ['a term that is not a number', { ...good, term: 'x' }, /at term/],
    ['not an object', 'garbage', /at the top/],
  ])('refuses %s with INVALID_MESSAGE', (_name, value, message) => {
    expect(() => leaseRecordOf(entry(value))).toThrow(message);
    try {
      leaseRecordOf(entry(value));
    } catch (err) {
      expect((err as { code: string }).code).toBe('INVALID_MESSAGE');
    }
  });

  it('refuses a presence with an unknown role', () => {
    const presence = { controllerId: 'c2', role: 'boss', term: 1, grpcAddress: 'a:1', httpAddress: 'a:2', version: '0.2.0', seenAtMs: 1 };
    expect(() => presenceOf({ ...entry(presence), key: 'c2', bucket: 'berth-controllers' })).toThrow(
      /a controller's presence \(key c2 in the bucket berth-controllers\).* at role/,
    );
  });
});
