import { describe, expect, it } from 'vitest';
import { decideTask, RecentTaskIds } from '../../agent/core/task-guard.js';

describe('decideTask', () => {
  const seen = new RecentTaskIds();
  seen.add('applied-before');
  it.each([
    ['new, in time', 'apply', { id: 't1', deadlineMs: 2000, protocol: 1, term: 0 }, 1000, 0],
    ['new, exactly at the deadline', 'apply', { id: 't2', deadlineMs: 1000, protocol: 1, term: 0 }, 1000, 0],
    ['new, past the deadline', 'expired', { id: 't3', deadlineMs: 999, protocol: 1, term: 0 }, 1000, 0],
    ['seen before, in time', 'duplicate', { id: 'applied-before', deadlineMs: 2000, protocol: 1, term: 0 }, 1000, 0],
    ['seen before, late', 'duplicate', { id: 'applied-before', deadlineMs: 1, protocol: 1, term: 0 }, 1000, 0],
    ['written in a newer protocol than the agent speaks', 'unsupported', { id: 't4', deadlineMs: 2000, protocol: 2, term: 0 }, 1000, 0],
    ['written in an older protocol', 'apply', { id: 't5', deadlineMs: 2000, protocol: 0, term: 0 }, 1000, 0],
    ['from the newest leader seen', 'apply', { id: 't6', deadlineMs: 2000, protocol: 1, term: 7 }, 1000, 7],
    ['from a newer leader', 'apply', { id: 't7', deadlineMs: 2000, protocol: 1, term: 9 }, 1000, 7],
    ['from a deposed leader', 'stale-term', { id: 't8', deadlineMs: 2000, protocol: 1, term: 5 }, 1000, 7],
    ['from a single controller (term 0), none seen', 'apply', { id: 't9', deadlineMs: 2000, protocol: 1, term: 0 }, 1000, 0],
  ] as const)('%s → %s', (_name, decision, task, now, highestTerm) => {
    expect(decideTask(task, now, seen, 1, highestTerm)).toBe(decision);
  });
});

describe('RecentTaskIds', () => {
  it('forgets the oldest id past its capacity', () => {
    const ids = new RecentTaskIds(3);
    for (const id of ['a', 'b', 'c', 'd']) ids.add(id);
    expect(ids.size).toBe(3);
    expect(ids.has('a')).toBe(false);
    expect(['b', 'c', 'd'].every((id) => ids.has(id))).toBe(true);
  });

  it('adding an id twice keeps one entry', () => {
    const ids = new RecentTaskIds(2);
    ids.add('a');
    ids.add('a');
    ids.add('b');
    expect(ids.has('a')).toBe(true);
    expect(ids.size).toBe(2);
  });
});
