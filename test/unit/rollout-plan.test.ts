import { describe, expect, it } from 'vitest';
import { parseAppSpec } from '../../shared/app-spec.js';
import type { PlacementAgent } from '../../controller/core/placement.js';
import { makeRelease, type Release } from '../../controller/core/release.js';
import { planRollout, replacementIdFor, type PlannedInstance, type RolloutInput } from '../../controller/core/rollout-plan.js';

const spec = parseAppSpec(`
name: shop
domains: [shop.example.com]
services:
  web: { image: shop:1, port: 8080, scale: 2 }
  worker: { image: shop:1, scale: 1, placement: { labels: { disk: ssd } } }
`);
const prepared = { prepared: { image: 'sha256:1', imageId: 'sha256:1', commitSha: '', procfile: {}, fresh: false } };
const release = (n: number): Release => makeRelease({ app: 'shop', number: n, deploymentId: `d${n}`, spec, images: { web: prepared, worker: prepared } }, 0);
const agent = (id: string, labels: Record<string, string> = {}, status: PlacementAgent['status'] = 'ready'): PlacementAgent => ({
  id,
  status,
  labels,
  load: 0,
});
const agents = [agent('a', { disk: 'ssd' }), agent('b')];
const routedV1: PlannedInstance[] = [
  { instanceId: 'shop-web-1-d1', service: 'web', container: 'web-1', agentId: 'a' },
  { instanceId: 'shop-web-2-d1', service: 'web', container: 'web-2', agentId: 'b' },
  { instanceId: 'shop-worker-1-d1', service: 'worker', container: 'worker-1', agentId: 'a' },
];
const input = (over: Partial<RolloutInput>): RolloutInput => ({
  app: 'shop',
  deploymentId: 'd2',
  release: release(2),
  scale: { web: 2, worker: 1 },
  routed: null,
  leftovers: [],
  agents,
  ...over,
});
const summary = (r: ReturnType<typeof planRollout>) =>
  r.ok ? { start: r.plan.start.map((i) => `${i.container}@${i.agentId}`), keep: r.plan.keep.map((i) => i.container), retire: r.plan.retire } : r.reason;

describe('planRollout', () => {
  it.each([
    ['first deploy: every replica starts, spread, labels honoured', input({}), { start: ['web-1@a', 'web-2@b', 'worker-1@a'], keep: [], retire: [] }],
    [
      'a new release replaces every routed instance',
      input({ routed: { release: 'v1', instances: routedV1 } }),
      { start: ['web-1@a', 'web-2@b', 'worker-1@a'], keep: [], retire: ['shop-web-1-d1', 'shop-web-2-d1', 'shop-worker-1-d1'] },
    ],
    [
      'the same release at a larger scale keeps what runs and starts the difference',
      input({ release: release(1), scale: { web: 3, worker: 1 }, routed: { release: 'v1', instances: routedV1 } }),
      { start: ['web-3@a'], keep: ['web-1', 'web-2', 'worker-1'], retire: [] },
    ],
    [
      'the same release at a smaller scale retires the highest numbers',
      input({ release: release(1), scale: { web: 1, worker: 0 }, routed: { release: 'v1', instances: routedV1 } }),
      { start: [], keep: ['web-1'], retire: ['shop-web-2-d1', 'shop-worker-1-d1'] },
    ],
    [
      'instances on a down agent are replaced, never kept',
      input({ release: release(1), routed: { release: 'v1', instances: routedV1 }, agents: [agent('a', { disk: 'ssd' }), agent('b', {}, 'down')] }),
      { start: ['web-2@a'], keep: ['web-1', 'worker-1'], retire: ['shop-web-2-d1'] },
    ],
    [
      'instances on a draining agent move: replaced elsewhere, never kept (berth agents drain)',
      input({ release: release(1), routed: { release: 'v1', instances: routedV1 }, agents: [agent('a', { disk: 'ssd' }), agent('b', {}, 'draining')] }),
      { start: ['web-2@a'], keep: ['web-1', 'worker-1'], retire: ['shop-web-2-d1'] },
    ],
    [
      'leftovers of failed deployments retire too',
      input({ leftovers: ['shop-web-1-dx'] }),
      { start: ['web-1@a', 'web-2@b', 'worker-1@a'], keep: [], retire: ['shop-web-1-dx'] },
    ],
  ])('%s', (_name, given, expected) => {
    expect(summary(planRollout(given))).toEqual(expected);
  });

  it('fails with the reason per agent when a service fits nowhere', () => {
    expect(planRollout(input({ agents: [agent('b')] }))).toEqual({ ok: false, reason: 'no agent can run shop/worker: b: lacks disk=ssd' });
  });

  it('names new instances after the app, the container and the deployment', () => {
    const r = planRollout(input({}));
    expect(r.ok && r.plan.start.map((i) => i.instanceId)).toEqual(['shop-web-1-d2', 'shop-web-2-d2', 'shop-worker-1-d2']);
  });
});

describe('replacementIdFor', () => {
  it.each([
    ['shop-web-1-d2', 'shop-web-1-d2-r1'],
    ['shop-web-1-d2-r1', 'shop-web-1-d2-r2'],
    ['shop-web-1-d2-r9', 'shop-web-1-d2-r10'],
  ])('%s → %s', (lost, next) => {
    expect(replacementIdFor(lost)).toBe(next);
  });
});
