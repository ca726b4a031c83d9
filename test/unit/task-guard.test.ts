import { describe, expect, it } from 'vitest';
import { decideTask, RecentTaskIds } from '../../agent/core/task-guard.js';

describe('decideTask', () => {
  const seen = new RecentTaskIds();
  seen.add('applied-before');
  it.each([
    ['new, in time', { id: 't1', deadlineMs: 2000, protocol: 1 }, 1000, 'apply'],
    ['new, exactly at the deadline', { id: 't2', deadlineMs: 1000, protocol: 1 }, 1000, 'apply'],
    ['new, past the deadline', { id: 't3', deadlineMs: 999, protocol: 1 }, 1000, 'expired'],
    ['seen before, in time', { id: 'applied-before', deadlineMs: 2000, protocol: 1 }, 1000, 'duplicate'],
    ['seen before, late', { id: 'applied-before', deadlineMs: 1, protocol: 1 }, 1000, 'duplicate'],
    ['written in a newer protocol than the agent speaks', { id: 't4', deadlineMs: 2000, protocol: 2 }, 1000, 'unsupported'],
    ['written in an older protocol', { id: 't5', deadlineMs: 2000, protocol: 0 }, 1000, 'apply'],
  ] as const)('%s → %s', (_name, task, now, decision) => {
    expect(decideTask(task, now, seen, 1)).toBe(decision);
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
