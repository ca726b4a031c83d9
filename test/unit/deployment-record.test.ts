import { describe, expect, it } from 'vitest';
import { appendOutput, deploymentsToForget, type DeploymentRecord } from '../../controller/core/deployment-record.js';

const d = (id: string, app: string, state: DeploymentRecord['state'], createdAtMs: number) => ({ id, app, state, createdAtMs }) as DeploymentRecord;

describe('deployment records', () => {
  it.each([
    ['nothing while under the limit', [d('a', 'shop', 'succeeded', 1), d('b', 'shop', 'failed', 2)], 2, []],
    ['the oldest ended ones beyond the limit', [d('a', 'shop', 'succeeded', 1), d('b', 'shop', 'failed', 2), d('c', 'shop', 'cancelled', 3)], 1, ['a', 'b']],
    ['never one still running or queued', [d('a', 'shop', 'queued', 1), d('b', 'shop', 'verifying', 2), d('c', 'shop', 'succeeded', 3)], 0, ['c']],
    ['only the app asked about', [d('a', 'blog', 'succeeded', 1), d('b', 'shop', 'succeeded', 2)], 0, ['b']],
  ])('forgets %s', (_name, deployments, keep, expected) => {
    expect(deploymentsToForget(deployments, 'shop', keep)).toEqual(expected);
  });

  it('keeps the last 500 lines of output', () => {
    const lines = Array.from({ length: 600 }, (_, i) => `line ${i}`);
    const kept = appendOutput(['old'], lines);
    expect(kept).toHaveLength(500);
    expect(kept[0]).toBe('line 100');
    expect(kept.at(-1)).toBe('line 599');
  });
});
