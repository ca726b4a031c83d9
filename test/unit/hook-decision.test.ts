import { describe, expect, it } from 'vitest';
import { parseAppSpec } from '../../shared/app-spec.js';
import { decideHook, parseServicesModifier } from '../../controller/core/hook-decision.js';
import type { HookEvent } from '../../controller/core/hook-event.js';

const spec = parseAppSpec(`
name: shop
services:
  web: { git: { repo: "https://github.com/acme/shop.git", branch: main }, port: 8080 }
  worker: { git: { repo: "git@github.com:acme/shop.git", branch: main } }
  docs: { git: { repo: "https://github.com/acme/docs", branch: gh-pages } }
  cache: { image: "redis:7" }
`);
const SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
const push = (repositoryUrls: string[], branch: string | null, commit: string | null = SHA): HookEvent => ({
  kind: 'push',
  source: 'github',
  deliveryId: null,
  repositoryUrls,
  branch,
  commit,
});
const shop = ['https://github.com/acme/shop.git', 'git@github.com:acme/shop.git', 'https://github.com/acme/shop'];
const short = (d: ReturnType<typeof decideHook>) => [d.decision, d.services, d.refs, d.reason];

describe('decideHook', () => {
  it.each([
    [
      'a push to the tracked branch deploys the matching git services at the commit',
      push(shop, 'main'),
      null,
      ['deploy', ['web', 'worker'], { web: SHA, worker: SHA }, `push to github.com/acme/shop@main: web, worker at ${SHA}`],
    ],
    ['a push to another branch deploys nothing', push(shop, 'feature-x'), null, ['ignored', [], {}, 'no service tracks github.com/acme/shop@feature-x']],
    [
      'a push of another repository deploys nothing',
      push(['https://github.com/acme/blog.git'], 'main'),
      null,
      ['ignored', [], {}, 'no service tracks github.com/acme/blog@main'],
    ],
    [
      'ssh and https forms, .git and case match',
      push(['git@GitHub.com:ACME/shop'], 'main'),
      null,
      ['deploy', ['web', 'worker'], { web: SHA, worker: SHA }, `push to github.com/acme/shop@main: web, worker at ${SHA}`],
    ],
    // GitHub's payloads carry the canonical case; the app was set up with another.
    [
      'the repository name in another case is the same repository',
      push(['https://github.com/Acme/Shop.git', 'git@github.com:Acme/Shop.git'], 'main'),
      null,
      ['deploy', ['web', 'worker'], { web: SHA, worker: SHA }, `push to github.com/acme/shop@main: web, worker at ${SHA}`],
    ],
    [
      'a repository without a branch matches on the repository alone',
      push(['https://github.com/acme/docs'], null),
      null,
      ['deploy', ['docs'], { docs: SHA }, `push to github.com/acme/docs: docs at ${SHA}`],
    ],
    [
      'a modifier restricts the matching services',
      push(shop, 'main'),
      ['web'],
      ['deploy', ['web'], { web: SHA }, `push to github.com/acme/shop@main: web at ${SHA}`],
    ],
    [
      'a modifier deploys every service it names: matching at the commit, others as configured',
      push(shop, 'main'),
      ['cache', 'web'],
      ['deploy', ['cache', 'web'], { web: SHA }, `push to github.com/acme/shop@main: web at ${SHA}; also cache as asked`],
    ],
    [
      'a modifier with no matching service deploys nothing',
      push(shop, 'main'),
      ['cache', 'docs'],
      ['ignored', [], {}, 'no service among cache, docs tracks github.com/acme/shop@main'],
    ],
    [
      'no git information redeploys every service',
      { kind: 'no-git-info', source: 'generic', deliveryId: null } as HookEvent,
      null,
      ['deploy', ['cache', 'docs', 'web', 'worker'], {}, 'no git information in the request: redeploying cache, docs, web, worker'],
    ],
    [
      'no git information with a modifier redeploys those',
      { kind: 'no-git-info', source: 'generic', deliveryId: null } as HookEvent,
      ['cache'],
      ['deploy', ['cache'], {}, 'no git information in the request: redeploying cache'],
    ],
    [
      'a push without a commit builds the branch head',
      push(shop, 'main', null),
      null,
      ['deploy', ['web', 'worker'], { web: 'main', worker: 'main' }, 'push to github.com/acme/shop@main: web, worker at main'],
    ],
    [
      'a tag push is ignored with its reason',
      { kind: 'ignored', source: 'github', deliveryId: 'd', reason: 'tag push (refs/tags/v1.0)' } as HookEvent,
      null,
      ['ignored', [], {}, 'tag push (refs/tags/v1.0)'],
    ],
    ['a ping deploys nothing', { kind: 'ping', source: 'github', deliveryId: 'd' } as HookEvent, null, ['ping', [], {}, 'ping: the hook is set up']],
  ] as Array<[string, HookEvent, string[] | null, unknown[]]>)('%s', (_name, event, modifier, expected) => {
    expect(short(decideHook(spec, event, modifier))).toEqual(expected);
  });
});

describe('parseServicesModifier', () => {
  it.each([
    [null, null],
    ['web', ['web']],
    ['worker,web', ['web', 'worker']],
    [' web , web ', ['web']],
  ])('%s → %s', (value, services) => {
    expect(parseServicesModifier(spec, value)).toEqual(services);
  });

  it.each([
    ['api', /unknown service api; shop has: web, worker, docs, cache/],
    ['web,api,db', /unknown services api, db; shop has/],
    ['', /names no service/],
  ])('%s is refused with the list of services', (value, message) => {
    expect(() => parseServicesModifier(spec, value)).toThrowError(message);
  });
});

describe('decideHook for Bitbucket Server', () => {
  it('a push names the repository by its clone links; an app set up with either, in any case, deploys', () => {
    const bitbucket = parseAppSpec(`
name: shop
services:
  web: { git: { repo: "https://bitbucket.example.com/scm/PROJ/shop.git", branch: main }, port: 8080 }
  worker: { git: { repo: "ssh://git@bitbucket.example.com:7999/PROJ/Shop.git", branch: main } }
`);
    const event: HookEvent = {
      kind: 'push',
      source: 'bitbucket-server',
      deliveryId: 'r1',
      repositoryUrls: ['ssh://git@bitbucket.example.com:7999/proj/shop.git', 'https://bitbucket.example.com/scm/proj/shop.git'],
      branch: 'main',
      commit: SHA,
    };
    expect(short(decideHook(bitbucket, event, null))).toEqual([
      'deploy',
      ['web', 'worker'],
      { web: SHA, worker: SHA },
      `push to bitbucket.example.com/proj/shop@main: web, worker at ${SHA}`,
    ]);
  });

  it('a push without clone links matches by project key and slug, on any host and in any case; a URL in the payload wins', () => {
    const spec = parseAppSpec(`
name: shop
services:
  web: { git: { repo: "https://bitbucket.example.com/scm/PROJ/shop.git", branch: main }, port: 8080 }
  worker: { git: { repo: "ssh://git@bitbucket.example.com:7999/proj/shop.git", branch: main } }
  other: { git: { repo: "https://bitbucket.example.com/scm/PROJ/shop-api.git", branch: main } }
`);
    const byPath: HookEvent = {
      kind: 'push',
      source: 'bitbucket-server',
      deliveryId: 'r1',
      repositoryUrls: [],
      repositoryPath: 'proj/Shop',
      branch: 'main',
      commit: SHA,
    };
    expect(short(decideHook(spec, byPath, null))).toEqual([
      'deploy',
      ['web', 'worker'],
      { web: SHA, worker: SHA },
      `push to proj/Shop@main: web, worker at ${SHA}`,
    ]);
    expect(decideHook(spec, { ...byPath, repositoryPath: 'proj/shop-ap' }, null)).toMatchObject({
      decision: 'ignored',
      reason: 'no service tracks proj/shop-ap@main',
    });
    const withUrl: HookEvent = { ...byPath, repositoryUrls: ['https://bitbucket.example.com/scm/proj/shop-api.git'] };
    expect(decideHook(spec, withUrl, null)).toMatchObject({ decision: 'deploy', services: ['other'] });
  });
});

describe('decideHook reason codes', () => {
  // The code is the decision's own, not read back from its text: rewording a reason cannot move it.
  it.each<[string, HookEvent]>([
    ['matched', push(shop, 'main')],
    ['branch-not-tracked', push(shop, 'feature-x')],
    ['branch-not-tracked', push(['https://github.com/acme/blog.git'], 'main')],
    ['no-git-info', { kind: 'no-git-info', source: 'generic', deliveryId: null }],
    ['ping', { kind: 'ping', source: 'github', deliveryId: null }],
    ['tag', { kind: 'ignored', source: 'github', deliveryId: null, code: 'tag', reason: 'worded any way at all' }],
    ['event-not-deploying', { kind: 'ignored', source: 'azure-devops', deliveryId: null, code: 'event-not-deploying', reason: 'x' }],
  ])('%s', (code, event) => {
    expect(decideHook(spec, event, null).code).toBe(code);
  });
});
