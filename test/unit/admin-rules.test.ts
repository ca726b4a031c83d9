import { describe, expect, it } from 'vitest';
import {
  agentRemoval,
  checkRevocable,
  deployChoice,
  envAfterSet,
  envAfterUnset,
  githubSettings,
  hookSecret,
  newTokenName,
  notificationUrls,
  rollbackTarget,
  scaleChanges,
  testHookHeaders,
  tokenScope,
} from '../../controller/core/admin-rules.js';
import { BerthError, type ErrorCode } from '../../shared/errors.js';

/** What `fn` threw: its BerthError code and message (the rules throw nothing else). */
function refusal(fn: () => unknown): { code: ErrorCode; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof BerthError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

const releases = [
  { name: 'v1', number: 1 },
  { name: 'v3', number: 3 },
  { name: 'v2', number: 2 },
];

describe('rollbackTarget', () => {
  it.each([
    ['the release named', 'v1', 'v3', 'v1'],
    ['a release named even when nothing is routed', 'v2', null, 'v2'],
    ['without --to, the newest release before the routed one', '', 'v3', 'v2'],
    ['without --to, from v2 back to v1', '', 'v2', 'v1'],
  ])('takes %s', (_, to, routed, want) => {
    expect(rollbackTarget('shop', to, releases, routed)).toBe(want);
  });

  it.each([
    ['the first release is routed', 'v1', 'shop has no release before v1 to roll back to; name one with --to'],
    ['nothing is routed yet', null, 'shop has no release before the first deploy to roll back to; name one with --to'],
    ['the routed release is not among the releases', 'v9', 'shop has no release before v9 to roll back to; name one with --to'],
  ])('refuses when %s', (_, routed, message) => {
    expect(refusal(() => rollbackTarget('shop', '', releases, routed))).toEqual({ code: 'FAILED_PRECONDITION', message });
  });
});

describe('deployChoice', () => {
  const services = { web: { git: { repo: 'file:///srv/shop' } }, api: { git: { repo: 'file:///srv/api' } }, cache: {} };

  it.each([
    ['all services, no ref', [], '', { services: [], refs: {} }],
    ['a ref goes to every git service when none is named', [], 'main', { services: [], refs: { web: 'main', api: 'main' } }],
    ['a ref goes to the git services named', ['web', 'cache'], 'abc123', { services: ['cache', 'web'], refs: { web: 'abc123' } }],
    ['services named twice count once, sorted', ['web', 'api', 'web'], '', { services: ['api', 'web'], refs: {} }],
  ])('%s', (_, asked, ref, want) => {
    expect(deployChoice('shop', services, asked, ref)).toEqual(want);
  });

  it.each([
    ['the app has no git service', { cache: {} }, []],
    ['none of the services named is built from git', services, ['cache']],
  ])('refuses a ref when %s', (_, appServices, asked) => {
    expect(refusal(() => deployChoice('shop', appServices, asked, 'main'))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: '--ref main: shop has no git service to build at a ref',
    });
  });
});

describe('scaleChanges', () => {
  it.each([
    ['one service', { web: 3 }, [['web', 3]]],
    ['to zero', { worker: 0 }, [['worker', 0]]],
    [
      'several, up to 100',
      { web: 100, worker: 1 },
      [
        ['web', 100],
        ['worker', 1],
      ],
    ],
  ])('accepts %s', (_, scale, want) => {
    expect(scaleChanges('shop', ['web', 'worker'], scale)).toEqual(want);
  });

  it.each([
    ['nothing', {}, 'name at least one service and its scale (web=3)'],
    ['a service the app does not have', { db: 1 }, 'shop has no service db (services: web, worker)'],
    ['more than 100', { web: 101 }, 'web=101: scale must be a whole number from 0 to 100'],
    ['a fraction', { web: 1.5 }, 'web=1.5: scale must be a whole number from 0 to 100'],
    ['a negative number', { web: -1 }, 'web=-1: scale must be a whole number from 0 to 100'],
  ])('refuses %s', (_, scale, message) => {
    expect(refusal(() => scaleChanges('shop', ['web', 'worker'], scale))).toEqual({ code: 'INVALID_ARGUMENT', message });
  });
});

describe('agentRemoval', () => {
  const instances = { i1: { agentId: 'a1' }, i2: { agentId: 'a1' }, i3: { agentId: 'a2' } };

  it.each([
    ['every instance of a down agent', new Set<string>(), ['i1', 'i2']],
    ['but not those a route still names', new Set(['i2']), ['i1']],
  ])('forgets %s', (_, routed, forget) => {
    expect(agentRemoval('a1', 'down', instances, routed)).toEqual({ forgetInstanceIds: forget });
  });

  it.each([
    ['an agent it does not know', null, 'AGENT_NOT_FOUND', 'no agent "a1"; berth agents lists them'],
    [
      'a ready agent',
      'ready' as const,
      'FAILED_PRECONDITION',
      'agent a1 is ready: only a down agent can be removed (stop berth agent on that host first; berth agents drain a1 moves its instances)',
    ],
    [
      'a draining agent',
      'draining' as const,
      'FAILED_PRECONDITION',
      'agent a1 is draining: only a down agent can be removed (stop berth agent on that host first; berth agents drain a1 moves its instances)',
    ],
  ])('refuses %s', (_, status, code, message) => {
    expect(refusal(() => agentRemoval('a1', status, instances, new Set()))).toEqual({ code, message });
  });
});

describe('tokens', () => {
  const taken = (name: string) => name === 'ci';

  it.each([
    ['a plain name', 'deploy-bot', 'deploy-bot'],
    ['a name with spaces around it, trimmed', '  grafana.read_1 ', 'grafana.read_1'],
  ])('takes %s', (_, requested, want) => {
    expect(newTokenName(requested, taken)).toBe(want);
  });

  it.each([
    ['an empty name', '', 'INVALID_ARGUMENT', 'token name "": use 1 to 64 letters, digits, dots, dashes or underscores'],
    ['a name with a slash', 'a/b', 'INVALID_ARGUMENT', 'token name "a/b": use 1 to 64 letters, digits, dots, dashes or underscores'],
    ['65 characters', 'x'.repeat(65), 'INVALID_ARGUMENT', `token name "${'x'.repeat(65)}": use 1 to 64 letters, digits, dots, dashes or underscores`],
    ["the admin token's name", 'admin', 'INVALID_ARGUMENT', 'the name "admin" belongs to the controller\'s own admin token; choose another'],
    ['a name taken', 'ci', 'ALREADY_EXISTS', 'a token named ci exists; berth tokens revoke ci first to replace it'],
  ])('refuses %s', (_, requested, code, message) => {
    expect(refusal(() => newTokenName(requested, taken))).toEqual({ code, message });
  });

  it('gives read-only tokens the read scope, others admin', () => {
    expect([tokenScope(true), tokenScope(false)]).toEqual(['read', 'admin']);
  });

  it.each([
    [
      'the admin token',
      'admin',
      true,
      'FAILED_PRECONDITION',
      'the admin token cannot be revoked; it is DATA_DIR/admin-token (replace that file and restart the controller to change it)',
    ],
    ['a token that does not exist', 'ghost', false, 'NOT_FOUND', 'no token named ghost; berth tokens list shows them'],
  ])('does not revoke %s', (_, name, exists, code, message) => {
    expect(refusal(() => checkRevocable(name, exists))).toEqual({ code, message });
  });

  it('revokes a named token that exists', () => {
    expect(() => checkRevocable('ci', true)).not.toThrow();
  });
});

describe('env changes', () => {
  const env = { A: '1', B: '2' };

  it.each([
    ['adds and overwrites', { B: 'two', C: '3' }, { A: '1', B: 'two', C: '3' }],
    ['keeps a value with = in it', { URL: 'a=b' }, { A: '1', B: '2', URL: 'a=b' }],
  ])('set %s', (_, values, want) => {
    expect(envAfterSet(env, values)).toEqual(want);
  });

  it.each([
    ['nothing', {}, 'name at least one variable: NAME=value'],
    ['a name starting with a digit', { '1X': 'v' }, '1X: a variable name is letters, digits and _, not starting with a digit'],
    ['names with dashes', { 'A-B': 'v', 'C-D': 'w' }, 'A-B, C-D: a variable name is letters, digits and _, not starting with a digit'],
  ])('set refuses %s', (_, values, message) => {
    expect(refusal(() => envAfterSet(env, values))).toEqual({ code: 'INVALID_ARGUMENT', message });
  });

  it('unset removes the names given', () => {
    expect(envAfterUnset('shop', env, ['A'])).toEqual({ B: '2' });
  });

  it.each([
    ['nothing', [], 'name at least one variable'],
    ['a variable the app does not have', ['A', 'Z'], 'shop has no variable Z'],
  ])('unset refuses %s', (_, names, message) => {
    expect(refusal(() => envAfterUnset('shop', env, names))).toEqual({ code: 'INVALID_ARGUMENT', message });
  });

  it('leaves the env it was given as it was', () => {
    envAfterSet(env, { C: '3' });
    envAfterUnset('shop', env, ['A']);
    expect(env).toEqual({ A: '1', B: '2' });
  });
});

describe('hookSecret', () => {
  const generated = 'g'.repeat(43);

  it.each([
    ['the value given', { value: 'a-secret-of-16-ch', clear: false }, 'a-secret-of-16-ch'],
    ['a generated one without a value', { value: '', clear: false }, generated],
    ['none with clear', { value: '', clear: true }, null],
    ['none with clear, whatever the value', { value: 'short', clear: true }, null],
  ])('sets %s', (_, request, want) => {
    expect(hookSecret(request, generated)).toBe(want);
  });

  it('refuses a secret shorter than 16 characters', () => {
    expect(refusal(() => hookSecret({ value: 'too-short', clear: false }, generated))).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'a webhook secret needs at least 16 characters',
    });
  });
});

describe('notificationUrls', () => {
  const current = ['https://a.example/hook', 'http://b.example/'];

  it.each([
    ['adds at the end', ['https://c.example/x'], [], [...current, 'https://c.example/x']],
    ['removes', [], ['http://b.example/'], ['https://a.example/hook']],
    ['keeps one of each', ['https://a.example/hook'], [], current],
    ['adds back what it removes', ['http://b.example/'], ['http://b.example/'], current],
  ])('%s', (_, add, remove, want) => {
    expect(notificationUrls(current, add, remove)).toEqual(want);
  });

  it.each([['not a URL'], ['ftp://files.example/'], ['mailto:ops@example.com']])('refuses %s', (url) => {
    expect(refusal(() => notificationUrls(current, [url], []))).toEqual({ code: 'INVALID_ARGUMENT', message: `"${url}" is not an http:// or https:// URL` });
  });
});

describe('githubSettings', () => {
  it.each([
    ['a token, github.com by default', { token: 't', apiUrl: '', clear: false }, { token: 't', apiUrl: 'https://api.github.com' }],
    ['GitHub Enterprise', { token: 't', apiUrl: 'https://ghe.example/api/v3', clear: false }, { token: 't', apiUrl: 'https://ghe.example/api/v3' }],
    ['none with clear', { token: '', apiUrl: 'nonsense', clear: true }, null],
  ])('%s', (_, request, want) => {
    expect(githubSettings(request)).toEqual(want);
  });

  it.each([
    ['no token', { token: '', apiUrl: '', clear: false }, 'give --github-token (a GitHub token that may create deployments), or --clear'],
    ['an API URL that is not http(s)', { token: 't', apiUrl: 'ftp://ghe.example', clear: false }, '--api-url "ftp://ghe.example" is not an http(s) URL'],
  ])('refuses %s', (_, request, message) => {
    expect(refusal(() => githubSettings(request))).toEqual({ code: 'INVALID_ARGUMENT', message });
  });
});

describe('testHookHeaders', () => {
  it.each([
    ['github with an event and no source', { source: '', event: 'push' }, { 'x-github-event': 'push' }],
    ['a named host, push when no event', { source: 'gitlab', event: '' }, { 'x-gitlab-event': 'push' }],
    ['none for a generic caller', { source: '', event: '' }, {}],
    ['none for Azure DevOps (its body names itself)', { source: 'azure-devops', event: 'git.push' }, {}],
  ])('%s', (_, request, want) => {
    expect(testHookHeaders(request)).toEqual(want);
  });

  it('refuses a source it does not know', () => {
    const { code, message } = refusal(() => testHookHeaders({ source: 'svn', event: '' }));
    expect(code).toBe('INVALID_ARGUMENT');
    expect(message).toMatch(/^--source svn: one of github, gitlab, /);
  });
});
