import { describe, expect, it } from 'vitest';
import { answeredBy, releaseOf, summarizeLoad, type LoadRecord } from '../helpers/load-generator.js';

/** A record sent at `at` (ms), answered 5 ms later. */
const r = (kind: LoadRecord['kind'], at: number, release: string, extra: Partial<LoadRecord> = {}): LoadRecord => ({
  kind,
  sentAtMs: at,
  doneAtMs: at + 5,
  ok: release !== '',
  status: release ? 200 : 502,
  release,
  error: release ? '' : 'status 502: Bad Gateway',
  ...extra,
});

const wsMessage = (at: number, release: string, extra: Partial<LoadRecord> = {}) =>
  r('ws', at, release, { event: 'message', status: 101, connection: 1, ...extra });
const goingAway = (at: number): Partial<LoadRecord> => ({
  ok: false,
  release: '',
  error: 'closed by the server side: 1001',
  closeCode: 1001,
  doneAtMs: at,
  sentAtMs: at,
  status: 101,
});

describe('load summaries', () => {
  const records: LoadRecord[] = [
    r('keepalive', 1000, 'v1', { connection: 1 }),
    r('keepalive', 1020, 'v1', { connection: 1 }),
    r('keepalive', 2000, 'v2', { connection: 1 }),
    r('fresh', 1010, 'v1'),
    r('fresh', 1500, ''),
    r('fresh', 2100, 'v2'),
    // A slow request sent before the switch, answered by v1 long after it.
    r('slow', 1900, 'v1', { doneAtMs: 3900 }),
    r('slow', 2400, 'v2', { doneAtMs: 4400 }),
    r('slow', 2900, '', { status: 0, error: 'timeout: no full answer within 15000 ms', doneAtMs: 17900 }),
    r('ws', 1000, '', { event: 'open', ok: true, status: 101, error: '' }),
    wsMessage(1200, 'v1'),
    wsMessage(2200, 'v1'),
    // v1 stopped at 3000: a message cut off and the close, both 1001.
    wsMessage(2950, '', { ...goingAway(3005), sentAtMs: 2950, event: 'message', error: 'no echo: the socket closed (1001)' }),
    r('ws', 3005, '', { event: 'close', ...goingAway(3005) }),
    r('ws', 3100, '', { event: 'open', ok: true, status: 101, error: '' }),
    wsMessage(3200, 'v2', { connection: 2 }),
  ];

  it.each([
    {
      name: 'without an allowance, a 1001 close is a failure',
      options: {},
      kinds: { keepalive: [3, 3, 0, 0], fresh: [3, 2, 1, 0], slow: [3, 2, 1, 0], ws: [4, 3, 2, 0] },
      failures: [
        { kind: 'fresh', atMs: 500, status: 502, error: 'status 502: Bad Gateway' },
        { kind: 'slow', atMs: 1900, status: 0, error: 'timeout: no full answer within 15000 ms' },
        { kind: 'ws', atMs: 1950, status: 101, error: 'no echo: the socket closed (1001)', event: 'message' },
        { kind: 'ws', atMs: 2005, status: 101, error: 'closed by the server side: 1001', event: 'close' },
      ],
    },
    {
      name: 'a 1001 close after the instance was retired is allowed',
      options: { allowGoingAwayAfterMs: 3000, firstFailures: 2 },
      kinds: { keepalive: [3, 3, 0, 0], fresh: [3, 2, 1, 0], slow: [3, 2, 1, 0], ws: [4, 3, 0, 2] },
      failures: [
        { kind: 'fresh', atMs: 500, status: 502, error: 'status 502: Bad Gateway' },
        { kind: 'slow', atMs: 1900, status: 0, error: 'timeout: no full answer within 15000 ms' },
      ],
    },
    {
      name: 'a 1001 close before the instance was retired is not',
      options: { allowGoingAwayAfterMs: 3010, firstFailures: 10 },
      kinds: { keepalive: [3, 3, 0, 0], fresh: [3, 2, 1, 0], slow: [3, 2, 1, 0], ws: [4, 3, 2, 0] },
      failures: 4,
    },
  ])('$name', ({ options, kinds, failures }) => {
    const summary = summarizeLoad(records, options);
    const counts = Object.fromEntries(Object.entries(summary.kinds).map(([kind, s]) => [kind, [s.sent, s.ok, s.failed, s.allowed]]));
    expect(counts).toEqual(kinds);
    if (typeof failures === 'number') expect(summary.failures).toHaveLength(failures);
    else expect(summary.failures).toEqual(failures);
  });

  it('counts the releases that answered, per kind', () => {
    expect(summarizeLoad(records).releases).toEqual({ keepalive: { v1: 2, v2: 1 }, fresh: { v1: 1, v2: 1 }, slow: { v1: 1, v2: 1 }, ws: { v1: 2, v2: 1 } });
  });

  it.each([
    { since: 0, kinds: undefined, want: ['v1', 'v2'] },
    // Sent after the switch: v2 only, though the slow one sent before it was answered by v1 later.
    { since: 2000, kinds: undefined, want: ['v2'] },
    // The WebSocket opened on v1 stays on v1 after the switch.
    { since: 2000, kinds: ['ws'] as const, want: ['v1', 'v2'] },
    { since: 5000, kinds: undefined, want: [] },
  ])('answeredBy(since $since, $kinds) = $want', ({ since, kinds, want }) => {
    expect([...answeredBy(records, since, kinds)].sort()).toEqual(want);
  });

  it('reads the release from the JSON body', () => {
    expect(releaseOf('{"release":"v3","container":"web-1","instance":"abc","version":"v3"}\n')).toBe('v3');
    expect(releaseOf('{"release":7}')).toBeUndefined();
    expect(releaseOf('Bad Gateway')).toBeUndefined();
  });
});
