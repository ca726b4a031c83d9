import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deliveryIdOf, hookSourceOf, identifyHook, readHookHeaders } from '../../controller/core/hook-headers.js';
import { parseHookRequest } from '../../controller/core/hook-payload.js';
import type { HookEvent, HookRequest } from '../../controller/core/hook-event.js';
import { BerthError } from '../../shared/errors.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/hooks/', import.meta.url));
const SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';

interface Fixture {
  headers: Record<string, string>;
  body: unknown;
}

function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(`${FIXTURES}${name}`, 'utf8')) as Fixture;
}

/** Builds the request the HTTP edge hands over: header names lower-cased, the body as bytes. */
function request(headers: Record<string, string>, body: unknown): HookRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    headers: lower,
    contentType: lower['content-type'] ?? '',
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

function fixtureRequest(name: string, edit?: (body: Record<string, unknown>) => void): HookRequest {
  const { headers, body } = loadFixture(name);
  if (edit) edit(body as Record<string, unknown>);
  return request(headers, body);
}

function thrown(fn: () => unknown): BerthError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(BerthError);
    return err as BerthError;
  }
  throw new Error('expected a BerthError');
}

// Berth's own generic format (a person, CI): these are Berth's to define, so they are written here.
const EXPECTED: Record<string, HookEvent> = {
  'generic-json.json': {
    kind: 'push',
    source: 'generic',
    deliveryId: 'ci-run-8812-attempt-1',
    repositoryUrls: ['https://github.com/acme/shop.git'],
    branch: 'main',
    commit: SHA,
  },
  'generic-repository-only.json': {
    kind: 'push',
    source: 'generic',
    deliveryId: null,
    repositoryUrls: ['git@github.com:acme/shop.git'],
    branch: null,
    commit: null,
  },
  'generic-form.json': { kind: 'push', source: 'generic', deliveryId: null, repositoryUrls: ['https://github.com/acme/shop'], branch: 'main', commit: SHA },
  'generic-empty.json': { kind: 'no-git-info', source: 'generic', deliveryId: null },
  'generic-other-json.json': { kind: 'no-git-info', source: 'generic', deliveryId: null },
};

describe('parseHookRequest over the generic fixtures', () => {
  it('has an expectation for every fixture and a fixture for every expectation', () => {
    expect(
      readdirSync(FIXTURES)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    expect(parseHookRequest(fixtureRequest(name))).toEqual(expected);
  });
});

// The git hosts' own published examples (test/fixtures/hooks/published/README.md says where each
// came from), as each host sends them.
const PUBLISHED = fileURLToPath(new URL('../fixtures/hooks/published/', import.meta.url));
const GITEA_DELIVERY = 'f6266f16-1bf3-46a5-9ea4-602e06ead473';
const PUBLISHED_EXPECTED: Record<string, HookEvent> = {
  'github-push.json': {
    kind: 'push',
    source: 'github',
    deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    branch: 'master',
    commit: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
    githubRepository: 'Codertocat/Hello-World',
    repositoryUrls: [
      'https://github.com/Codertocat/Hello-World.git',
      'git@github.com:Codertocat/Hello-World.git',
      'https://github.com/Codertocat/Hello-World',
      'git://github.com/Codertocat/Hello-World.git',
    ],
  },
  'github-deployment.json': {
    kind: 'push',
    source: 'github',
    deliveryId: '9b0e8f2c-1d4a-4e7b-a3c6-5f2d8e1b7a90',
    branch: 'master',
    commit: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
    repositoryUrls: [
      'https://github.com/Codertocat/Hello-World.git',
      'git@github.com:Codertocat/Hello-World.git',
      'https://github.com/Codertocat/Hello-World',
      'git://github.com/Codertocat/Hello-World.git',
    ],
  },
  'github-push-tag-delete.json': {
    kind: 'ignored',
    source: 'github',
    deliveryId: 'c5b1a3a2-6f0e-4c0b-9d55-3f2b8e6a1d47',
    code: 'tag',
    reason: 'tag push: simple-tag',
  },
  'github-ping.json': { kind: 'ping', source: 'github', deliveryId: '4f3d2a8e-9b71-4c6e-8a0d-7e2c5b19f6a3' },
  'gitlab-push.json': {
    kind: 'push',
    source: 'gitlab',
    deliveryId: '13792a34-cac6-4fda-95a8-c58e00a3954e',
    branch: 'master',
    commit: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    repositoryUrls: ['http://example.com/mike/diaspora.git', 'git@example.com:mike/diaspora.git', 'http://example.com/mike/diaspora'],
  },
  'gitlab-tag-push.json': { kind: 'ignored', source: 'gitlab', deliveryId: '8c3f1e52-4a7d-4b96-9e21-6d0b7a3c5f18', code: 'tag', reason: 'tag push' },
  'bitbucket-push.json': {
    kind: 'push',
    source: 'bitbucket',
    deliveryId: 'e6a4d2f1-08b9-4c3e-b75a-9f1d3c6e2a84',
    branch: 'name-of-branch',
    commit: '709d658dc5b6d6afcd46049c2f332ee3f515a67d',
    repositoryUrls: ['https://api.bitbucket.org/bitbucket/bitbucket', 'https://bitbucket.org/team_name/repo_name'],
  },
  'bitbucket-server-push.json': {
    kind: 'push',
    source: 'bitbucket-server',
    deliveryId: '9d2f6b7a-41c8-4e05-8a3b-d7e1c0f5b962',
    branch: 'master',
    commit: '178864a7d521b6f5e720b386b2c2b0ef8563e0dc',
    repositoryUrls: [],
    repositoryPath: 'PROJ/repository',
  },
  'bitbucket-server-delete.json': {
    kind: 'ignored',
    source: 'bitbucket-server',
    deliveryId: '2c7e5a19-b3d4-4f60-9e81-a6f0d4b72c35',
    code: 'branch-deleted',
    reason: 'branch deleted: feature/wip',
  },
  'gitea-push.json': {
    kind: 'push',
    source: 'gitea',
    deliveryId: GITEA_DELIVERY,
    branch: 'develop',
    commit: 'bffeb74224043ba2feb48d137756c8a9331c449a',
    repositoryUrls: ['http://localhost:3000/gitea/webhooks.git', 'ssh://gitea@localhost:2222/gitea/webhooks.git', 'http://localhost:3000/gitea/webhooks'],
  },
  'forgejo-push.json': {
    kind: 'push',
    source: 'forgejo',
    deliveryId: GITEA_DELIVERY,
    branch: 'develop',
    commit: 'bffeb74224043ba2feb48d137756c8a9331c449a',
    repositoryUrls: [
      'http://localhost:3000/forgejo/webhooks.git',
      'ssh://forgejo@localhost:2222/forgejo/webhooks.git',
      'http://localhost:3000/forgejo/webhooks',
    ],
  },
  'gogs-push.json': {
    kind: 'push',
    source: 'gogs',
    deliveryId: GITEA_DELIVERY,
    branch: 'main',
    commit: 'bffeb74224043ba2feb48d137756c8a9331c449a',
    repositoryUrls: [
      'https://gogs.example.com/alice/moonlanding.git',
      'ssh://alice@localhost:2222/alice/moonlanding.git',
      'https://gogs.example.com/alice/moonlanding',
    ],
  },
  'azure-devops-push.json': {
    kind: 'push',
    source: 'azure-devops',
    deliveryId: '03c164c2-8912-4d5e-8009-3707d5f83734',
    branch: 'master',
    commit: '33b55f7cb7e7e245323987634f960cf4a6e6bc74',
    repositoryUrls: ['https://dev.azure.com/fabrikam-fiber-inc/DefaultCollection/_git/Fabrikam-Fiber-Git'],
  },
};

describe("parseHookRequest over the hosts' published examples", () => {
  const published = (name: string) => JSON.parse(readFileSync(`${PUBLISHED}${name}`, 'utf8')) as Fixture & { from: string };

  it('has an expectation for every published example, and each says where it was published', () => {
    const files = readdirSync(PUBLISHED)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(Object.keys(PUBLISHED_EXPECTED).sort());
    for (const file of files) expect(published(file).from).toMatch(/^https:\/\//);
  });

  it.each(Object.entries(PUBLISHED_EXPECTED))('%s', (name, expected) => {
    const { headers, body } = published(name);
    expect(parseHookRequest(request(headers, body))).toEqual(expected);
  });
});

describe('parseHookRequest rules', () => {
  // GitHub's published push (a new branch, master, at SHA), edited as each row says.
  const base = { source: 'github', deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958' } as const;
  const github = PUBLISHED_EXPECTED['github-push.json'] as Extract<HookEvent, { kind: 'push' }>;
  const pushedTo = (branch: string, repositoryUrls = github.repositoryUrls): HookEvent => ({
    kind: 'push',
    ...base,
    repositoryUrls,
    branch,
    commit: SHA,
    githubRepository: 'Codertocat/Hello-World',
  });

  it.each<[string, (b: Record<string, unknown>) => void, HookEvent]>([
    [
      'a push whose after equals before has no new commit',
      (b) => {
        b.created = false;
        b.before = b.after;
      },
      { kind: 'ignored', ...base, code: 'no-new-commit', reason: 'push without a new commit: master' },
    ],
    [
      'a push with no commits and head_commit null that creates nothing has no new commit',
      (b) => {
        b.created = false;
        b.commits = [];
        b.head_commit = null;
      },
      { kind: 'ignored', ...base, code: 'no-new-commit', reason: 'push without a new commit: master' },
    ],
    [
      'a new branch at an existing commit deploys',
      (b) => {
        b.commits = [];
        b.created = true;
        b.before = '0'.repeat(40);
      },
      pushedTo('master'),
    ],
    [
      'after all zeros without deleted: true is a deletion',
      (b) => {
        b.after = '0'.repeat(40);
        b.deleted = false;
      },
      { kind: 'ignored', ...base, code: 'branch-deleted', reason: 'branch deleted: master' },
    ],
    [
      'deleted: true is a deletion',
      (b) => {
        b.deleted = true;
      },
      { kind: 'ignored', ...base, code: 'branch-deleted', reason: 'branch deleted: master' },
    ],
    [
      'a tag pushed is ignored',
      (b) => {
        b.ref = 'refs/tags/v1.4.0';
      },
      { kind: 'ignored', ...base, code: 'tag', reason: 'tag push: v1.4.0' },
    ],
    [
      'a branch name with slashes keeps them',
      (b) => {
        b.ref = 'refs/heads/release/2024-05';
      },
      pushedTo('release/2024-05'),
    ],
    [
      'a ref that is neither branch nor tag is ignored',
      (b) => {
        b.ref = 'refs/notes/commits';
      },
      { kind: 'ignored', ...base, code: 'not-a-branch', reason: 'push to refs/notes/commits, which is not a branch' },
    ],
    [
      'repository URL fields of the wrong type are left out',
      (b) => {
        (b.repository as Record<string, unknown>).ssh_url = 42;
        (b.repository as Record<string, unknown>).git_url = null;
      },
      pushedTo('master', ['https://github.com/Codertocat/Hello-World.git', 'https://github.com/Codertocat/Hello-World']),
    ],
  ])('github: %s', (_name, edit, expected) => {
    expect(parseHookRequest(fixtureRequest('published/github-push.json', edit))).toEqual(expected);
  });

  it('github: a push sent as a form (payload=<the JSON>) reads like the JSON one', () => {
    const { headers, body } = loadFixture('published/github-push.json');
    const form = new URLSearchParams({ payload: JSON.stringify(body) }).toString();
    expect(parseHookRequest(request({ ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, form))).toEqual(
      PUBLISHED_EXPECTED['github-push.json'],
    );
  });

  it('github: other events are ignored by name', () => {
    const { headers, body } = loadFixture('published/github-push.json');
    const event = parseHookRequest(request({ ...headers, 'X-GitHub-Event': 'issues' }, body));
    expect(event).toEqual({ kind: 'ignored', ...base, code: 'event-not-deploying', reason: 'github event "issues" does not deploy' });
  });

  it('github: a deployment of a SHA names no branch', () => {
    const event = parseHookRequest(
      fixtureRequest('published/github-deployment.json', (b) => {
        (b.deployment as Record<string, unknown>).ref = SHA;
      }),
    );
    expect(event).toMatchObject({ kind: 'push', branch: null, commit: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e' });
  });

  it('gitea and forgejo win over the GitHub and Gogs compatibility headers', () => {
    expect(hookSourceOf(request(loadFixture('published/gitea-push.json').headers, '').headers)).toBe('gitea');
    expect(hookSourceOf(request(loadFixture('published/forgejo-push.json').headers, '').headers)).toBe('forgejo');
  });

  it('gogs: its own headers alone (Gogs sends no Gitea or GitHub ones) read as a Gogs push, with its delivery id', () => {
    const { headers, body } = loadFixture('published/gitea-push.json');
    const gogsHeaders = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^x-(gitea|github)-/i.test(name)));
    expect(hookSourceOf(request(gogsHeaders, '').headers)).toBe('gogs');
    const event = parseHookRequest(request(gogsHeaders, body));
    expect(event).toEqual({ ...PUBLISHED_EXPECTED['gitea-push.json'], source: 'gogs' });
    expect(parseHookRequest(request({ ...gogsHeaders, 'X-Gogs-Event': 'create' }, body))).toMatchObject({
      kind: 'ignored',
      source: 'gogs',
      code: 'event-not-deploying',
      reason: 'gogs event "create" does not deploy',
    });
  });

  it('gitea: other events are ignored', () => {
    const { headers, body } = loadFixture('published/gitea-push.json');
    expect(parseHookRequest(request({ ...headers, 'X-Gitea-Event': 'create' }, body))).toMatchObject({
      kind: 'ignored',
      code: 'event-not-deploying',
      reason: 'gitea event "create" does not deploy',
    });
  });

  it("gitea: a form body with payload= is read like GitHub's", () => {
    const { headers, body } = loadFixture('published/gitea-push.json');
    const form = new URLSearchParams({ payload: JSON.stringify(body) }).toString();
    const event = parseHookRequest(request({ ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, form));
    expect(event).toEqual(PUBLISHED_EXPECTED['gitea-push.json']);
  });

  it('gitlab: a push with the same before and after has no new commit; other events are ignored', () => {
    expect(
      parseHookRequest(
        fixtureRequest('published/gitlab-push.json', (b) => {
          b.before = b.after;
        }),
      ),
    ).toMatchObject({ kind: 'ignored', code: 'no-new-commit', reason: 'push without a new commit: master' });
    const { headers, body } = loadFixture('published/gitlab-push.json');
    expect(parseHookRequest(request({ ...headers, 'X-Gitlab-Event': 'Merge Request Hook' }, body))).toMatchObject({
      kind: 'ignored',
      code: 'event-not-deploying',
      reason: 'gitlab event "Merge Request Hook" does not deploy',
    });
  });

  it('gitlab: the delivery id falls back to Idempotency-Key', () => {
    expect(deliveryIdOf('gitlab', { 'x-gitlab-event': 'Push Hook', 'idempotency-key': 'abc-123' })).toBe('abc-123');
    expect(deliveryIdOf('gitlab', { 'x-gitlab-event-uuid': 'uuid-1', 'idempotency-key': 'abc-123' })).toBe('uuid-1');
  });

  it('bitbucket: the last change that moves a branch is deployed', () => {
    const event = parseHookRequest(
      fixtureRequest('published/bitbucket-push.json', (b) => {
        const changes = (b.push as { changes: Record<string, unknown>[] }).changes;
        const other = structuredClone(changes[0]) as { new: { name: string; target: { hash: string } } };
        other.new.name = 'staging';
        other.new.target.hash = 'a'.repeat(40);
        const tag = structuredClone(changes[0]) as { new: { type: string; name: string } };
        tag.new.type = 'tag';
        tag.new.name = 'v1.4.0';
        changes.unshift(other as unknown as Record<string, unknown>);
        changes.push(tag as unknown as Record<string, unknown>);
      }),
    );
    expect(event).toMatchObject({ kind: 'push', branch: 'name-of-branch', commit: '709d658dc5b6d6afcd46049c2f332ee3f515a67d' });
  });

  it('bitbucket: a tag alone, or a branch deleted, deploys nothing', () => {
    const edit = (change: (c: { new: { type: string; name: string } | null; old: unknown }) => void) =>
      fixtureRequest('published/bitbucket-push.json', (b) => {
        for (const c of (b.push as { changes: Array<{ new: { type: string; name: string } | null; old: unknown }> }).changes) change(c);
      });
    expect(
      parseHookRequest(
        edit((c) => {
          if (c.new) {
            c.new.type = 'tag';
            c.new.name = 'v1.4.0';
          }
        }),
      ),
    ).toMatchObject({ kind: 'ignored', code: 'tag', reason: 'tag push: v1.4.0' });
    expect(
      parseHookRequest(
        edit((c) => {
          c.old = c.new;
          c.new = null;
        }),
      ),
    ).toMatchObject({ kind: 'ignored', code: 'branch-deleted', reason: 'branch deleted: name-of-branch' });
  });

  it('bitbucket: other event keys are ignored', () => {
    const { headers, body } = loadFixture('published/bitbucket-push.json');
    expect(parseHookRequest(request({ ...headers, 'X-Event-Key': 'pullrequest:created' }, body))).toMatchObject({
      kind: 'ignored',
      code: 'event-not-deploying',
      reason: 'bitbucket event "pullrequest:created" does not deploy',
    });
  });

  it('bitbucket: repository URLs include https://bitbucket.org/FULL_NAME when links are missing', () => {
    const event = parseHookRequest(
      fixtureRequest('published/bitbucket-push.json', (b) => {
        delete (b.repository as Record<string, unknown>).links;
      }),
    );
    expect(event).toMatchObject({ kind: 'push', repositoryUrls: ['https://bitbucket.org/team_name/repo_name'] });
  });

  it('generic: a JSON object with only a commit is a push naming no repository', () => {
    const event = parseHookRequest(request({ 'content-type': 'application/json' }, { commit: SHA.toUpperCase() }));
    expect(event).toEqual({ kind: 'push', source: 'generic', deliveryId: null, repositoryUrls: [], branch: null, commit: SHA });
  });

  it('generic: +json and charset content types are JSON', () => {
    const event = parseHookRequest(request({ 'content-type': 'application/vnd.berth+json; charset=UTF-8' }, { repository: 'https://github.com/acme/shop' }));
    expect(event).toMatchObject({ kind: 'push', repositoryUrls: ['https://github.com/acme/shop'] });
  });

  it('empty bodies carry no git information whatever their content type, or none', () => {
    for (const contentType of ['text/plain', 'application/json', 'application/x-www-form-urlencoded', '']) {
      const req: HookRequest = { headers: contentType ? { 'content-type': contentType } : {}, contentType, body: Buffer.alloc(0) };
      expect(parseHookRequest(req)).toEqual({ kind: 'no-git-info', source: 'generic', deliveryId: null });
    }
    expect(parseHookRequest({ headers: {}, contentType: 'text/plain', body: Buffer.from(' \n') })).toMatchObject({ kind: 'no-git-info' });
  });

  it('delivery ids are trimmed; absurd ones (too long, control characters) are none', () => {
    // Header names arrive lower-case (the HTTP edge lowers them; the integration tests send mixed case).
    expect(hookSourceOf({ 'x-github-event': ' push ' })).toBe('github');
    expect(deliveryIdOf('bitbucket', { 'x-request-uuid': ' r-1 ' })).toBe('r-1');
    expect(deliveryIdOf('generic', { 'idempotency-key': 'x'.repeat(500) })).toBeNull();
    expect(deliveryIdOf('generic', { 'idempotency-key': 'a\u0001b' })).toBeNull();
    expect(readHookHeaders({ 'x-gitlab-event': 'Push Hook', 'x-gitlab-event-uuid': 'u-1', 'idempotency-key': 'k-1' })).toEqual({
      source: 'gitlab',
      deliveryId: 'u-1',
      event: 'Push Hook',
    });
  });
});

describe('parseHookRequest errors', () => {
  const json = { 'content-type': 'application/json' };

  it('malformed JSON is a 400 that says where', () => {
    const err = thrown(() => parseHookRequest(request(json, '{"repository": "https://github.com/acme/shop",}')));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.details.status).toBe(400);
    expect(err.message).toMatch(/^body is not valid JSON: .* at position 46$/);
  });

  it.each([
    ['an unexpected token', 'nope', "body is not valid JSON: Unexpected token 'o' at position 1"],
    ['an unexpected token deep in a long body', `{"a": "${'x'.repeat(100)}", "b": nope}`, "body is not valid JSON: Unexpected token 'o' at position 116"],
    ['a truncated body', '{"repository": "https://github.com/acme/sh', 'body is not valid JSON: Unterminated string in JSON at position 42'],
    ['a body cut inside an array', '{"a": [1,', 'body is not valid JSON: Unexpected end of JSON input at position 9'],
  ])('malformed JSON (%s) says where without echoing the body', (_name, body, message) => {
    const err = thrown(() => parseHookRequest(request(json, body)));
    expect([err.message, err.details.status]).toEqual([message, 400]);
  });

  it.each([
    ['an array', '[1, 2]', 'body must be a JSON object, not an array'],
    ['a string', '"main"', 'body must be a JSON object, not a string'],
    ['null', 'null', 'body must be a JSON object, not null'],
  ])('a JSON body that is %s is a 400', (_name, body, message) => {
    const err = thrown(() => parseHookRequest(request(json, body)));
    expect([err.code, err.message, err.details.status]).toEqual(['INVALID_ARGUMENT', message, 400]);
  });

  it('a body of an unsupported content type is a 415', () => {
    const err = thrown(() => parseHookRequest(request({ 'content-type': 'text/plain' }, 'redeploy please')));
    expect([err.code, err.details.status]).toEqual(['INVALID_ARGUMENT', 415]);
    expect(err.message).toContain('text/plain');
    expect(thrown(() => parseHookRequest(request({}, '{"branch": "main"}'))).details.status).toBe(415);
  });

  it('bytes that are not UTF-8 are a 400', () => {
    const err = thrown(() => parseHookRequest({ headers: json, contentType: 'application/json', body: Buffer.from([0x7b, 0xff, 0x7d]) }));
    expect([err.message, err.details.status]).toEqual(['body is not valid UTF-8', 400]);
  });

  it('a GitHub form body without payload= is a 400; a payload that is not JSON says so', () => {
    const headers = { ...loadFixture('published/github-push.json').headers, 'Content-Type': 'application/x-www-form-urlencoded' };
    expect(thrown(() => parseHookRequest(request(headers, 'ref=refs%2Fheads%2Fmain'))).message).toBe(
      'github form body has no payload field (expected payload=<the JSON payload>)',
    );
    expect(thrown(() => parseHookRequest(request(headers, 'payload=%7Bnope'))).message).toMatch(/^form field payload is not valid JSON: .* at position 1$/);
  });

  it.each<[string, string, (b: Record<string, unknown>) => void, string]>([
    [
      'github',
      'published/github-push.json',
      (b) => {
        b.ref = 7;
      },
      'github push payload is invalid: ref: ',
    ],
    [
      'github',
      'published/github-push.json',
      (b) => {
        b.after = 'HEAD';
      },
      'github push payload is invalid: after: expected a 40 or 64 character hex commit SHA',
    ],
    [
      'github',
      'published/github-push.json',
      (b) => {
        b.ref = 'refs/heads/--upload-pack=evil';
      },
      'github push payload is invalid: ref: "--upload-pack=evil" is not a branch name',
    ],
    [
      'gitlab',
      'published/gitlab-push.json',
      (b) => {
        delete b.ref;
      },
      'gitlab push payload is invalid: ref: ',
    ],
    [
      'bitbucket',
      'published/bitbucket-push.json',
      (b) => {
        (b.push as Record<string, unknown>).changes = 'main';
      },
      'bitbucket push payload is invalid: push.changes: ',
    ],
    [
      'github deployment',
      'published/github-deployment.json',
      (b) => {
        (b.deployment as Record<string, unknown>).sha = null;
      },
      'github deployment payload is invalid: deployment.sha: ',
    ],
  ])('%s: a deciding field of the wrong type is a 400 naming its path', (_host, name, edit, message) => {
    const err = thrown(() => parseHookRequest(fixtureRequest(name, edit)));
    expect(err.details.status).toBe(400);
    expect(err.message.startsWith(message)).toBe(true);
  });

  it.each([
    [{ branch: 42 }, 'hook body is invalid: branch: expected a branch name as a string'],
    [{ commit: 'HEAD~1' }, 'hook body is invalid: commit: expected a hex commit SHA'],
    [{ repository: ['https://github.com/acme/shop'] }, 'hook body is invalid: repository: expected a repository URL as a string'],
    [{ branch: 'main..evil' }, 'hook body is invalid: branch: "main..evil" is not a branch name'],
  ])('generic: %j is a 400 naming the field', (body, message) => {
    const err = thrown(() => parseHookRequest(request(json, body)));
    expect([err.message, err.details.status]).toEqual([message, 400]);
  });

  it('generic: a form with a bad commit is a 400 too', () => {
    const err = thrown(() => parseHookRequest(request({ 'content-type': 'application/x-www-form-urlencoded' }, 'commit=%3Brm+-rf')));
    expect([err.message, err.details.status]).toEqual(['hook form is invalid: commit: expected a hex commit SHA', 400]);
  });
});

describe('GitHub deployment events', () => {
  it('one Berth created itself is ignored, so a deployment status cannot loop back into a deploy', () => {
    const event = parseHookRequest(
      fixtureRequest('published/github-deployment.json', (b) => {
        (b.deployment as Record<string, unknown>).payload = { berth: true, deployment: 'd1' };
      }),
    );
    expect(event).toMatchObject({ kind: 'ignored', source: 'github', code: 'own-deployment', reason: 'a deployment Berth created itself' });
  });
});

// Bitbucket Server / Data Center's repo:refs_changed, in the shape Atlassian documents (event
// payload reference): the repository by its clone links, each moved ref as a change.
describe('bitbucket server and data center', () => {
  const DELIVERY = '4f9d7f27-8c3b-4a1e-9b6e-2a1c9d2f0e11';
  const headers = (event: string) => ({ 'Content-Type': 'application/json; charset=utf-8', 'X-Event-Key': event, 'X-Request-Id': DELIVERY });
  const clone = ['ssh://git@bitbucket.example.com:7999/proj/shop.git', 'https://bitbucket.example.com/scm/proj/shop.git'];
  const body = (changes: unknown[]) => ({
    eventKey: 'repo:refs_changed',
    date: '2026-12-06T10:00:00+0000',
    actor: { name: 'admin', displayName: 'Administrator' },
    repository: {
      slug: 'shop',
      name: 'Shop',
      project: { key: 'PROJ' },
      links: {
        clone: [
          { href: clone[0], name: 'ssh' },
          { href: clone[1], name: 'http' },
        ],
      },
    },
    changes,
  });
  const change = (ref: string, type: string, toHash = SHA) => ({
    ref: { id: ref, displayId: ref.replace(/^refs\/(heads|tags)\//, ''), type: ref.startsWith('refs/tags/') ? 'TAG' : 'BRANCH' },
    refId: ref,
    fromHash: '0'.repeat(40),
    toHash,
    type,
  });

  it('is told from Bitbucket Cloud by its delivery header', () => {
    expect(hookSourceOf(request(headers('repo:refs_changed'), '').headers)).toBe('bitbucket-server');
    expect(hookSourceOf(request({ 'X-Event-Key': 'repo:push', 'X-Request-UUID': '{1}', 'X-Hook-UUID': '{2}' }, '').headers)).toBe('bitbucket');
  });

  it.each<[string, string, unknown[], Partial<HookEvent>]>([
    [
      'a branch moved deploys it at toHash, by its clone links',
      'repo:refs_changed',
      [change('refs/heads/main', 'UPDATE')],
      { kind: 'push', source: 'bitbucket-server', deliveryId: DELIVERY, repositoryUrls: clone, branch: 'main', commit: SHA },
    ],
    ['a new branch deploys too', 'repo:refs_changed', [change('refs/heads/feature-x', 'ADD')], { kind: 'push', branch: 'feature-x', commit: SHA }],
    [
      'of several refs the last branch moved',
      'repo:refs_changed',
      [change('refs/heads/a', 'UPDATE'), change('refs/tags/v1', 'ADD'), change('refs/heads/b', 'UPDATE')],
      { kind: 'push', branch: 'b' },
    ],
    [
      'a branch deleted is ignored',
      'repo:refs_changed',
      [change('refs/heads/old', 'DELETE', '0'.repeat(40))],
      { kind: 'ignored', code: 'branch-deleted', reason: 'branch deleted: old' },
    ],
    ['a tag is ignored', 'repo:refs_changed', [change('refs/tags/v1.2', 'ADD')], { kind: 'ignored', code: 'tag', reason: 'tag push: v1.2' }],
    ['the test button is a ping', 'diagnostics:ping', [], { kind: 'ping', source: 'bitbucket-server' }],
    [
      'other events are ignored with their name',
      'pr:opened',
      [],
      { kind: 'ignored', code: 'event-not-deploying', reason: 'bitbucket-server event "pr:opened" does not deploy' },
    ],
  ])('%s', (_name, event, changes, expected) => {
    expect(parseHookRequest(request(headers(event), body(changes)))).toMatchObject(expected);
  });

  it('a toHash that is not a commit is a 400 naming the field', () => {
    expect(() => parseHookRequest(request(headers('repo:refs_changed'), body([change('refs/heads/main', 'UPDATE', 'main')])))).toThrow(
      /changes\.0\.toHash: expected a 40 or 64 character hex commit SHA/,
    );
  });
});

// Azure DevOps' git.push service hook: no header of its own, the event and its id in the body,
// each moved ref in resource.refUpdates.
describe('azure devops', () => {
  const EVENT_ID = '03c164c2-8912-4d5e-8009-3707d5f83734';
  const headers = { 'Content-Type': 'application/json; charset=utf-8' };
  const remote = 'https://dev.azure.com/acme/Web/_git/Shop';
  const ssh = 'git@ssh.dev.azure.com:v3/acme/Web/Shop';
  const body = (eventType: string, refUpdates: unknown[] | undefined, extra: Record<string, unknown> = {}) => ({
    id: EVENT_ID,
    eventType,
    publisherId: 'tfs',
    scope: 'all',
    resource:
      refUpdates === undefined
        ? { url: 'https://dev.azure.com/acme/_apis/git/repositories/1/pushes/14' }
        : { refUpdates, repository: { name: 'Shop', remoteUrl: remote, sshUrl: ssh }, pushId: 14 },
    ...extra,
  });
  const update = (name: string, newObjectId = SHA) => ({ name, oldObjectId: 'aad331d8d3b131fa9ae03cf5e53965b51942618a', newObjectId });

  it('is recognised by its body, with the event id as the delivery id', () => {
    expect(identifyHook(request(headers, body('git.push', [update('refs/heads/main')])))).toEqual({
      source: 'azure-devops',
      deliveryId: EVENT_ID,
      event: 'git.push',
    });
    // Without publisherId, or not JSON: a generic caller.
    expect(identifyHook(request(headers, { eventType: 'git.push', branch: 'main' }))).toEqual({ source: 'generic', deliveryId: null, event: 'post' });
    expect(identifyHook(request(headers, '{"eventType": oops'))).toMatchObject({ source: 'generic' });
    // A host's own header wins over a body that looks like Azure DevOps'.
    expect(identifyHook(request({ ...headers, 'X-GitHub-Event': 'push' }, body('git.push', [])))).toMatchObject({ source: 'github' });
  });

  it.each<[string, ReturnType<typeof body>, Partial<HookEvent>]>([
    [
      'a branch moved deploys it at newObjectId, by its remote and ssh URLs',
      body('git.push', [update('refs/heads/main')]),
      { kind: 'push', source: 'azure-devops', deliveryId: EVENT_ID, repositoryUrls: [remote, ssh], branch: 'main', commit: SHA },
    ],
    [
      'of several refs the last branch moved',
      body('git.push', [update('refs/heads/a'), update('refs/tags/v1'), update('refs/heads/b')]),
      { kind: 'push', branch: 'b' },
    ],
    [
      'a branch deleted is ignored',
      body('git.push', [update('refs/heads/old', '0'.repeat(40))]),
      { kind: 'ignored', code: 'branch-deleted', reason: 'branch deleted: old' },
    ],
    ['a tag is ignored', body('git.push', [update('refs/tags/v1.2')]), { kind: 'ignored', code: 'tag', reason: 'tag push: v1.2' }],
    [
      'other events are ignored with their name',
      body('git.pullrequest.created', undefined),
      { kind: 'ignored', code: 'event-not-deploying', reason: 'azure-devops event "git.pullrequest.created" does not deploy' },
    ],
  ])('%s', (_name, payload, expected) => {
    expect(parseHookRequest(request(headers, payload))).toMatchObject(expected);
  });

  it('a push sent with "Resource details to send: Minimal" is a 400 saying which setting to change', () => {
    const error = thrown(() => parseHookRequest(request(headers, body('git.push', undefined))));
    expect(error.details.status).toBe(400);
    expect(error.message).toMatch(/no resource\.refUpdates: set the service hook's "Resource details to send" to All/);
  });

  it('a newObjectId that is not a commit is a 400 naming the field', () => {
    expect(() => parseHookRequest(request(headers, body('git.push', [update('refs/heads/main', 'main')])))).toThrow(
      /resource\.refUpdates\.0\.newObjectId: expected a 40 or 64 character hex commit SHA/,
    );
  });
});
