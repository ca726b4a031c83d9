import { describe, expect, it } from 'vitest';
import { decideEnqueue, mergeDeployRequests, nextAfterFinish, type AppQueue, type DeployRequest } from '../../controller/core/deploy-queue.js';

const req = (services: string[], refs: Record<string, string> = {}, withPostdeploy = true): DeployRequest => ({
  kind: 'deploy',
  services,
  refs,
  withPostdeploy,
});

describe('deploy queue', () => {
  it.each([
    ['an idle app starts at once', { runningId: null, queued: null }, req(['web']), { action: 'start', request: req(['web']) }],
    ['a busy app queues', { runningId: 'd1', queued: null }, req(['web']), { action: 'queue', request: req(['web']), merged: false }],
    [
      'a second waiting request merges: union of services, latest ref wins',
      { runningId: 'd1', queued: req(['web'], { web: 'aaa' }) },
      req(['worker', 'web'], { web: 'bbb', worker: 'ccc' }),
      { action: 'queue', request: req(['web', 'worker'], { web: 'bbb', worker: 'ccc' }), merged: true },
    ],
  ] as Array<[string, AppQueue, DeployRequest, unknown]>)('%s', (_name, queue, incoming, decision) => {
    expect(decideEnqueue(queue, incoming)).toEqual(decision);
  });

  it('a burst of ten requests leaves one running and one queued holding the last ref', () => {
    let queue: AppQueue = { runningId: null, queued: null };
    let started = 0;
    for (let i = 0; i < 10; i++) {
      const d = decideEnqueue(queue, req(['web'], { web: `sha${i}` }));
      if (d.action === 'start') {
        started++;
        queue = { runningId: `d${i}`, queued: null };
      } else queue = { ...queue, queued: d.request };
    }
    expect(started).toBe(1);
    expect(queue.queued).toEqual(req(['web'], { web: 'sha9' }));
    const after = nextAfterFinish(queue);
    expect(after.start).toEqual(req(['web'], { web: 'sha9' }));
    expect(after.queue).toEqual({ runningId: null, queued: null });
  });

  it('postdeploy is kept when either request wants it', () => {
    expect(mergeDeployRequests(req(['web'], {}, false), req(['web'], {}, true)).withPostdeploy).toBe(true);
    expect(mergeDeployRequests(req(['web'], {}, false), req(['web'], {}, false)).withPostdeploy).toBe(false);
  });
});

describe('deploy queue with rollbacks and scale changes', () => {
  it('a rollback asked for after a build replaces the waiting build', () => {
    const rollback: DeployRequest = { kind: 'rollback', services: [], refs: {}, withPostdeploy: false, release: 'v1' };
    expect(mergeDeployRequests(req(['web'], { web: 'aaa' }), rollback)).toEqual(rollback);
  });

  it('a scale change asked for after a build leaves the build waiting (it reads the current scale)', () => {
    const scale: DeployRequest = { kind: 'scale', services: [], refs: {}, withPostdeploy: false };
    expect(mergeDeployRequests(req(['web'], { web: 'aaa' }), scale)).toEqual(req(['web'], { web: 'aaa' }));
  });

  it('a build asked for after a scale change replaces it', () => {
    const scale: DeployRequest = { kind: 'scale', services: [], refs: {}, withPostdeploy: false };
    expect(mergeDeployRequests(scale, req(['web']))).toEqual(req(['web']));
  });
});
