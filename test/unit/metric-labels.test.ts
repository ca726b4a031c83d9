import { describe, expect, it } from 'vitest';
import { phaseDurations } from '../../controller/core/deployment-record.js';

describe('phaseDurations', () => {
  it.each([
    [[], []],
    [[{ state: 'queued', atMs: 0 }], []],
    [
      [
        { state: 'queued', atMs: 0 },
        { state: 'building', atMs: 5 },
        { state: 'starting', atMs: 105 },
        { state: 'failed', atMs: 110 },
      ],
      [
        { phase: 'queued', ms: 5 },
        { phase: 'building', ms: 100 },
        { phase: 'starting', ms: 5 },
      ],
    ],
    // A clock step back never makes a negative duration.
    [
      [
        { state: 'verifying', atMs: 10 },
        { state: 'postdeploy', atMs: 7 },
      ],
      [{ phase: 'verifying', ms: 0 }],
    ],
  ])('%j', (history, expected) => {
    expect(phaseDurations(history)).toEqual(expected);
  });
});
