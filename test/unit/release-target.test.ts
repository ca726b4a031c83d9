import { describe, expect, it } from 'vitest';
import { parseAppSpec } from '../../shared/app-spec.js';
import type { DeployRequest } from '../../controller/core/deploy-queue.js';
import { makeRelease, type Release } from '../../controller/core/release.js';
import { chooseTarget, runsPostdeploy, servicesToBuild, targetScale } from '../../controller/core/release-target.js';

const specV1 = parseAppSpec(`
name: shop
services:
  web: { git: { repo: "file:///srv/shop" }, port: 8080, scale: 2 }
  worker: { image: shop-worker:1, scale: 1 }
`);
const image = (id: string, procfile: Record<string, string> = {}) => ({ prepared: { image: id, imageId: id, commitSha: '', procfile, fresh: false } });
const v1 = makeRelease(
  { app: 'shop', number: 1, deploymentId: 'd1', spec: specV1, images: { web: image('sha256:w1', { postdeploy: 'migrate' }), worker: image('sha256:k1') } },
  1,
);
const v2 = makeRelease({ app: 'shop', number: 2, deploymentId: 'd2', spec: specV1, images: { web: image('sha256:w2'), worker: image('sha256:k1') } }, 2);

const request = (kind: DeployRequest['kind'], extra: Partial<DeployRequest> = {}): DeployRequest => ({
  kind,
  services: [],
  refs: {},
  withPostdeploy: false,
  ...extra,
});
const choose = (req: DeployRequest, routed: Release | null, rollbackTo: Release | null = null, builtHere: Release | null = null) =>
  chooseTarget({ app: 'shop', deploymentId: 'd9', request: req, spec: specV1, nextReleaseNumber: 9, routed, rollbackTo, builtHere, now: 99 });

describe('the release a deployment targets', () => {
  it.each([
    ['a deploy drafts the next release', request('deploy'), v1, null, { draft: true, name: 'v9' }],
    ['a deploy of a new app drafts v-next too', request('deploy'), null, null, { draft: true, name: 'v9' }],
    ['a rollback takes the release asked for', request('rollback', { release: 'v1' }), v2, v1, { draft: false, name: 'v1' }],
    ['a scale takes the routed release', request('scale'), v2, null, { draft: false, name: 'v2' }],
    ['a deploy carried on after a restart keeps the release it recorded', request('deploy'), v1, null, { draft: false, name: 'v2' }, v2],
    ['a rollback carried on still takes the release asked for', request('rollback', { release: 'v1' }), v2, v1, { draft: false, name: 'v1' }, null],
  ])('%s', (_, req, routed, rollbackTo, want, builtHere: Release | null = null) => {
    const choice = choose(req, routed, rollbackTo, builtHere);
    expect(choice.ok && { draft: choice.draft, name: choice.release.name }).toEqual(want);
  });

  it.each([
    ['a rollback to a release that does not exist', request('rollback', { release: 'v7' }), v1, null, 'shop has no release v7'],
    ['a scale of an app with nothing routed', request('scale'), null, null, 'shop has no routed release to scale; deploy it first'],
  ])('refuses %s', (_, req, routed, rollbackTo, reason) => {
    expect(choose(req, routed, rollbackTo)).toEqual({ ok: false, reason });
  });

  it('drafts carry the deployment, the spec and no images yet', () => {
    const choice = choose(request('deploy'), v1);
    expect(choice.ok && choice.release).toMatchObject({ app: 'shop', number: 9, deploymentId: 'd9', createdAtMs: 99, services: {}, postdeploy: null });
  });
});

describe('what a target needs', () => {
  it("takes each service's scale from the app as it is now", () => {
    const scaled = parseAppSpec(`
name: shop
services:
  web: { git: { repo: "file:///srv/shop" }, port: 8080, scale: 5 }
`);
    // A rollback to v1 runs v1's services at today's scale; a service the app dropped keeps v1's.
    expect(targetScale(v1, scaled)).toEqual({ web: 5, worker: 1 });
  });

  const draft = (choose(request('deploy'), v1) as { release: Release }).release;
  const changedWorker = {
    ...draft,
    spec: parseAppSpec(`
name: shop
services:
  web: { git: { repo: "file:///srv/shop" }, port: 8080, scale: 2 }
  worker: { image: shop-worker:2 }
`),
  };
  it.each([
    ['nothing asked: every service is built', [], draft, null, { web: 'build', worker: 'build' }],
    ['nothing asked means all asked, even with a release routed', [], draft, v1, { web: 'build', worker: 'build' }],
    ['one service asked: the others reuse the routed image', ['web'], draft, v1, { web: 'build', worker: 'reuse' }],
    ['a service whose source changed is built though not asked', ['web'], changedWorker, v1, { web: 'build', worker: 'build' }],
    ['nothing routed: all built', ['web'], draft, null, { web: 'build', worker: 'build' }],
  ])('%s', (_, asked, target, routed, want) => {
    expect(servicesToBuild(target, routed, asked)).toEqual(want);
  });

  it.each([
    ['a deploy runs it', request('deploy'), v1, true],
    ['a rollback does not, unless asked', request('rollback', { release: 'v1' }), v1, false],
    ['a rollback asked to runs it', request('rollback', { release: 'v1', withPostdeploy: true }), v1, true],
    ['a scale never does', request('scale', { withPostdeploy: true }), v1, false],
    ['a release without postdeploy never does', request('deploy'), v2, false],
  ])('postdeploy: %s', (_, req, release, want) => {
    expect(runsPostdeploy(release, req)).toBe(want);
  });
});
