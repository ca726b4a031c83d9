import { describe, expect, it } from 'vitest';
import { deploymentNotice, retryDelay } from '../../controller/core/deployment-notice.js';
import type { DeploymentRecord } from '../../controller/core/deployment-record.js';

const record = (state: DeploymentRecord['state'], failure: DeploymentRecord['failure'] = null) =>
  ({
    id: 'd1',
    app: 'shop',
    release: state === 'queued' ? '' : 'v2',
    state,
    history: [{ state, atMs: 7 }],
    failure,
    request: { kind: 'deploy', services: [], refs: {}, withPostdeploy: true },
  }) as unknown as DeploymentRecord;

describe('deployment notices', () => {
  it.each([
    ['queued', 'queued'],
    ['building', 'in_progress'],
    ['postdeploy', 'in_progress'],
    ['draining', 'in_progress'],
    ['succeeded', 'succeeded'],
    ['cancelled', 'cancelled'],
  ] as const)('%s is %s', (state, status) => {
    expect(deploymentNotice(record(state))).toMatchObject({ state, status, atMs: 7, phase: null, reason: null });
  });

  it('a failure carries its phase, reason and exit code', () => {
    expect(deploymentNotice(record('failed', { phase: 'postdeploy', reason: 'the postdeploy command exited with status 1', exitCode: 1 }))).toMatchObject({
      status: 'failed',
      phase: 'postdeploy',
      reason: 'the postdeploy command exited with status 1',
      exitCode: 1,
      release: 'v2',
    });
  });

  it.each([
    [0, 1000],
    [1, 2000],
    [4, 16000],
    [5, null],
  ])('retry %i waits %s ms', (attempt, delay) => {
    expect(retryDelay(attempt)).toBe(delay);
  });
});
