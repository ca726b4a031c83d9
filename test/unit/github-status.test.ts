import { describe, expect, it } from 'vitest';
import { githubStatusFor } from '../../controller/core/github-status.js';
import type { DeploymentRecord } from '../../controller/core/deployment-record.js';

const d = (state: DeploymentRecord['state'], extra: Partial<DeploymentRecord> = {}) =>
  ({ id: 'd1', app: 'shop', release: 'v3', state, failure: null, postdeploy: null, ...extra }) as DeploymentRecord;

describe('githubStatusFor', () => {
  it.each([
    ['queued', d('queued'), { state: 'queued' }],
    ['building', d('building'), { state: 'in_progress', description: 'Berth deployment d1 is building' }],
    ['verifying changes nothing on GitHub', d('verifying'), null],
    [
      'succeeded with postdeploy',
      d('succeeded', { postdeploy: { agentId: 'a', exitCode: 0 } }),
      { state: 'success', description: 'v3 is live; postdeploy succeeded' },
    ],
    ['succeeded without postdeploy', d('succeeded'), { state: 'success', description: 'v3 is live' }],
    [
      'failed in postdeploy',
      d('failed', { failure: { phase: 'postdeploy', reason: 'the postdeploy command exited with status 1', exitCode: 1 } }),
      { state: 'failure', description: 'failed in postdeploy: the postdeploy command exited with status 1' },
    ],
    [
      'cancelled',
      d('cancelled', { failure: { phase: 'verifying', reason: 'cancelled by an operator' } }),
      { state: 'error', description: 'cancelled in verifying' },
    ],
  ])('%s', (_name, deployment, status) => {
    const got = githubStatusFor(deployment);
    if (status === null) expect(got).toBeNull();
    else expect(got).toMatchObject(status);
  });

  it("keeps descriptions within GitHub's 140 characters", () => {
    const long = githubStatusFor(d('failed', { failure: { phase: 'building', reason: 'x'.repeat(500) } }));
    expect(long?.description.length).toBe(140);
  });
});
