import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../controller/core/deployment-record.js';
import { planRecovery, type RecoveryState } from '../../controller/core/recovery-plan.js';

const deployment = (id: string, app: string, state: string, createdAtMs: number, start: string[] = []) =>
  ({
    id,
    app,
    state,
    createdAtMs,
    plan: { start: start.map((instanceId) => ({ instanceId, service: 'web', container: 'web-1', agentId: 'a' })), keep: [], retire: [] },
  }) as unknown as DeploymentRecord;

function state(...deployments: DeploymentRecord[]): RecoveryState {
  return {
    apps: { shop: { routed: { instanceIds: ['routed'] } }, blog: { routed: null } },
    instances: { routed: {}, leftover: {} },
    deployments: Object.fromEntries(deployments.map((d) => [d.id, d])),
  };
}

describe('planRecovery', () => {
  it.each(['building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining'])('a deployment found %s is carried on', (phase) => {
    expect(planRecovery(state(deployment('d1', 'shop', phase, 1)))).toEqual({ cleanUp: [], resume: ['d1'], start: [] });
  });

  it.each(['queued', 'succeeded', 'failed', 'cancelled'])('a deployment found %s is not carried on', (phase) => {
    expect(planRecovery(state(deployment('d1', 'shop', phase, 1))).resume).toEqual([]);
  });

  it('starts the oldest queued deployment of an app with nothing running, one per app', () => {
    const plan = planRecovery(state(deployment('q2', 'shop', 'queued', 2), deployment('q1', 'shop', 'queued', 1), deployment('b1', 'blog', 'queued', 3)));
    expect(plan.start).toEqual(['q1', 'b1']);
  });

  it('a queued deployment waits behind one of its app that is carried on', () => {
    const plan = planRecovery(
      state(
        deployment('r', 'shop', 'routing', 1),
        deployment('q', 'shop', 'queued', 2),
        deployment('v', 'blog', 'verifying', 3),
        deployment('qb', 'blog', 'queued', 4),
      ),
    );
    expect(plan).toEqual({ cleanUp: [], resume: ['r', 'v'], start: [] });
  });

  it.each([
    ['failed', ['leftover'], ['d1']],
    ['cancelled', ['leftover'], ['d1']],
    ['failed', ['routed'], []],
    ['failed', ['gone'], []],
    ['succeeded', ['leftover'], []],
  ])('an ended deployment (%s) that started %j is cleaned up: %j', (phase, start, cleanUp) => {
    expect(planRecovery(state(deployment('d1', 'shop', phase, 1, start))).cleanUp).toEqual(cleanUp);
  });
});
