import { describe, expect, it } from 'vitest';
import { type InstanceLook, judgeInstance, NOT_UP } from '../../controller/core/instance-verdict.js';
import type { InstanceStatus } from '../../shared/instance.js';

const seen = (fields: Partial<InstanceStatus>): InstanceStatus =>
  ({ state: 'running', health: 'healthy', exitCode: -1, oomKilled: false, startedAtMs: 500, ...fields }) as InstanceStatus;
const look = (fields: Partial<InstanceLook>): InstanceLook => ({
  agentAlive: true,
  seen: seen({}),
  exit: undefined,
  unchecked: false,
  now: 1_000,
  deadline: 10_000,
  stabilityWindowMs: 3_000,
  checkDescription: 'GET /healthz on port 8080',
  bootTimeoutMs: 60_000,
  watch: NOT_UP,
  ...fields,
});

describe('judgeInstance', () => {
  it.each<[string, Partial<InstanceLook>, ReturnType<typeof judgeInstance>]>([
    ['its agent went down: replace it elsewhere', { agentAlive: false }, { kind: 'replace' }],
    [
      'an exit from the events fails it, even if the view shows it running again',
      { exit: { kind: 'exited', exitCode: 3 } },
      { kind: 'failed', how: 'exited with code 3', exitCode: 3 },
    ],
    ['exited in the view', { seen: seen({ state: 'exited', exitCode: 1 }) }, { kind: 'failed', how: 'exited with code 1', exitCode: 1 }],
    ['killed for memory', { exit: { kind: 'oom_killed', exitCode: 137 } }, { kind: 'failed', how: 'was killed: out of memory', exitCode: 137 }],
    [
      'healthy for the first time: the window starts, wake when it ends (or at the poll)',
      {},
      { kind: 'wait', watch: { healthySince: 1_000, startedAt: 500 }, wakeInMs: 100 },
    ],
    ['healthy through the window: stable', { watch: { healthySince: 1_000, startedAt: 500 }, now: 4_000 }, { kind: 'stable' }],
    [
      'near the end of the window: wake exactly then',
      { watch: { healthySince: 1_000, startedAt: 500 }, now: 3_950 },
      { kind: 'wait', watch: { healthySince: 1_000, startedAt: 500 }, wakeInMs: 50 },
    ],
    [
      'restarted within the window',
      { watch: { healthySince: 1_000, startedAt: 400 }, now: 2_000 },
      { kind: 'failed', how: 'restarted during its stability window', exitCode: -1 },
    ],
    ['no window: stable at once', { stabilityWindowMs: 0 }, { kind: 'stable' }],
    [
      'not healthy yet: the window is forgotten, keep looking',
      { seen: seen({ health: 'unknown' }), watch: { healthySince: 900, startedAt: 500 } },
      { kind: 'wait', watch: NOT_UP, wakeInMs: 100 },
    ],
    [
      'without a health check, running is up',
      { unchecked: true, seen: seen({ health: 'unknown' }) },
      { kind: 'wait', watch: { healthySince: 1_000, startedAt: 500 }, wakeInMs: 100 },
    ],
    ['not reported yet', { seen: undefined }, { kind: 'wait', watch: NOT_UP, wakeInMs: 100 }],
    [
      'past its boot deadline without passing the check',
      { seen: seen({ health: 'unhealthy' }), now: 10_001, bootTimeoutMs: 9_000 },
      { kind: 'failed', how: 'did not pass its health check (GET /healthz on port 8080) within 9s', exitCode: undefined },
    ],
  ])('%s', (_name, fields, verdict) => {
    expect(judgeInstance(look(fields), 100)).toEqual(verdict);
  });
});
