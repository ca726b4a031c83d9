/**
 * The `berth` CLI as a user runs it: spawned processes against a real controller (and a real
 * agent), checking what they print, their JSON, their exit codes, tokens, the settings file,
 * events and shell completion.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { CLI, startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec } from '../helpers/deployments.js';
import { run } from '../helpers/exec.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const app = `cli-${suffix}`;
const agentId = `cli-${suffix}`;
let cluster: Cluster;
let dir: string;

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.startAgent(agentId);
  await waitFor('agent ready', () => cluster.controller.store.data.agents[agentId]?.alive);
  applySpec(cluster.controller, `name: ${app}\nenv: { RAILS_ENV: production }\nservices:\n  web: { image: berth-test/none:1, port: 8080 }\n`);
  dir = await mkdtemp(join(tmpdir(), 'berth-cli-'));
});

afterAll(async () => {
  await cluster?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const addr = () => `127.0.0.1:${cluster.controller.grpcPort}`;
const as = (token: string) => (args: string[]) => runBerth(args, { BERTH_ADDR: addr(), BERTH_TOKEN: token });
const admin = (args: string[]) => as(cluster.controller.adminToken)(args);

describe('berth exit codes and errors', () => {
  it.each([
    ['an unknown command', ['nosuch'], /unknown command 'nosuch'/],
    ['a missing argument', ['env', 'set'], /missing required argument 'app'/],
    ['an unknown option', ['apps', 'list', '--nope'], /unknown option '--nope'/],
    ['a malformed NAME=value', ['env', 'set', 'shop', 'novalue'], /"novalue": write NAME=value/],
  ])('%s is a usage error: exit 2', async (_name, args, message) => {
    const res = await admin(args);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
  });

  it('an unreachable controller: exit 3 and a message saying what to check', async () => {
    const res = await runBerth(['apps', 'list'], { BERTH_ADDR: '127.0.0.1:1', BERTH_TOKEN: 'x' });
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/^berth: cannot reach the controller at 127\.0\.0\.1:1: connection refused — is `berth controller` running\?/);
  });

  it('help shows examples; --help and --version exit 0', async () => {
    const root = await admin(['--help']);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/Examples:\n\s+berth login/);
    expect(root.stdout).toMatch(/Exit codes: 0 ok, 1 the operation failed, 2 usage error, 3 cannot reach/);
    const env = await admin(['env', 'set', '--help']);
    expect(env.code).toBe(0);
    expect(env.stdout).toMatch(/Examples:\n\s+berth env set shop DATABASE_URL=/);
    expect((await admin(['--version'])).code).toBe(0);
  });
});

describe('berth tokens', () => {
  it('a read-only token lists and gets but changes nothing; revoking it stops it at once', async () => {
    const created = await admin(['tokens', 'create', 'dashboard', '--read-only']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/token dashboard \(read-only\) created; it is not shown again/);
    // Stored as a hash only: the record is on disk, the token is not.
    await cluster.controller.store.flush(true);
    const stored = await readFile(join(cluster.dataDir, 'state.json'), 'utf8');
    expect(stored).toContain('"dashboard"');
    expect(stored).not.toContain(token);

    const reader = as(token);
    const list = await reader(['apps', 'list', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((a) => a.name)).toContain(app);
    expect((await reader(['agents'])).code).toBe(0);

    const spec = join(dir, 'other.yml');
    await writeFile(spec, 'name: other\nservices:\n  web: { image: x:1 }\n');
    const write = await reader(['apps', 'apply', '-f', spec]);
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/token "dashboard" is read-only: it may list, get and watch, not call ApplyApp \[PERMISSION_DENIED\]/);
    expect(cluster.controller.store.data.apps.other).toBeUndefined();
    // The hook URL carries a secret: not for read-only tokens.
    expect((await reader(['hooks', 'url', app])).code).toBe(1);
    expect((await reader(['env', 'list', app])).code).toBe(0);
    // Env values may be secrets: not for read-only tokens.
    const reveal = await reader(['env', 'list', app, '--reveal']);
    expect(reveal.code).toBe(1);
    expect(reveal.stderr).toMatch(/may not reveal env values \(ListEnv with reveal\) \[PERMISSION_DENIED\]/);
    expect((await reader(['apps', 'show', app, '--reveal'])).code).toBe(1);

    const listed = await admin(['tokens', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ name: 'dashboard', scope: 'read' }));

    expect((await admin(['tokens', 'revoke', 'dashboard'])).code).toBe(0);
    const after = await reader(['apps', 'list']);
    expect(after.code).toBe(3);
    expect(after.stderr).toMatch(/the token is not valid for this controller/);
    expect((await admin(['tokens', 'revoke', 'admin'])).stderr).toMatch(/the admin token cannot be revoked/);
  });

  it('a named admin token may change things', async () => {
    const token = (await admin(['tokens', 'create', `ci-${suffix}`])).stdout.trim();
    const spec = join(dir, 'ci.yml');
    await writeFile(spec, `name: ci-app-${suffix}\nservices:\n  web: { image: x:1 }\n`);
    const res = await as(token)(['apps', 'apply', '-f', spec]);
    expect(res.code).toBe(0);
    expect(cluster.controller.store.data.apps[`ci-app-${suffix}`]).toBeDefined();
    expect((await admin(['tokens', 'create', `ci-${suffix}`])).stderr).toMatch(/exists; berth tokens revoke/);
  });
});

describe('berth env', () => {
  it('sets, hides, reveals and unsets variables; apps show hides them too', async () => {
    const set = await admin(['env', 'set', app, 'DATABASE_URL=postgres://db/shop?a=b', 'LOG_LEVEL=info']);
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/set DATABASE_URL, LOG_LEVEL; berth deploy .* applies them/);
    expect(cluster.controller.store.data.apps[app]?.spec.env).toEqual({ RAILS_ENV: 'production', DATABASE_URL: 'postgres://db/shop?a=b', LOG_LEVEL: 'info' });

    const hidden = await admin(['env', 'list', app]);
    expect(hidden.stdout).toMatch(/^DATABASE_URL\s+\*\*\*$/m);
    expect(hidden.stdout).not.toContain('postgres');
    const revealed = await admin(['env', 'list', app, '--reveal', '--json']);
    expect(JSON.parse(revealed.stdout)).toEqual({
      app,
      values: { RAILS_ENV: 'production', DATABASE_URL: 'postgres://db/shop?a=b', LOG_LEVEL: 'info' },
      revealed: true,
    });

    expect((await admin(['apps', 'show', app, '--json'])).stdout).not.toContain('postgres');
    expect(JSON.parse((await admin(['apps', 'show', app, '--json', '--reveal'])).stdout).env.DATABASE_URL).toBe('postgres://db/shop?a=b');

    expect((await admin(['env', 'unset', app, 'LOG_LEVEL'])).code).toBe(0);
    expect(cluster.controller.store.data.apps[app]?.spec.env).not.toHaveProperty('LOG_LEVEL');
    const unknown = await admin(['env', 'unset', app, 'NOPE']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/has no variable NOPE \[INVALID_ARGUMENT\]/);
    const bad = await admin(['env', 'set', app, '1X=y']);
    expect(bad.stderr).toMatch(/1X: a variable name is letters, digits and _/);
  });
});

describe('berth login', () => {
  it('checks the token, then saves address and token in a 0600 file later commands use', async () => {
    const config = join(dir, 'config', 'berth.json');
    const wrong = await runBerth(['login', addr(), '--token', 'wrong'], { BERTH_CONFIG: config, BERTH_ADDR: '', BERTH_TOKEN: '' });
    expect(wrong.code).toBe(3);
    await expect(stat(config)).rejects.toThrow();

    const ok = await runBerth(['login', addr(), '--token', cluster.controller.adminToken], { BERTH_CONFIG: config });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^logged in to 127\.0\.0\.1:\d+; saved in .*berth\.json$/m);
    expect((await stat(config)).mode & 0o777).toBe(0o600);
    // No address or token given: both come from the file.
    const env: NodeJS.ProcessEnv = { BERTH_CONFIG: config };
    delete process.env.BERTH_ADDR;
    delete process.env.BERTH_TOKEN;
    const list = await runBerth(['apps', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(app);
  });
});

describe('berth agents drain, undrain, remove', () => {
  it('drains and undrains an agent; removes it only once it is down', async () => {
    const drained = await admin(['agents', 'drain', agentId, '--json']);
    expect(drained.code).toBe(0);
    expect(JSON.parse(drained.stdout)).toMatchObject({ id: agentId, status: 'draining' });
    expect(cluster.controller.store.data.agents[agentId]?.draining).toBe(true);
    expect((await admin(['agents'])).stdout).toMatch(new RegExp(`^${agentId}\\s+draining`, 'm'));

    const undrained = await admin(['agents', 'undrain', agentId]);
    expect(undrained.stdout).toMatch(/ready: it takes new instances again/);

    const refused = await admin(['agents', 'remove', agentId]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is ready: only a down agent can be removed .* \[FAILED_PRECONDITION\]/);
    expect((await admin(['agents', 'drain', 'nope'])).stderr).toMatch(/no agent "nope"; berth agents lists them \[AGENT_NOT_FOUND\]/);

    await cluster.agents.find((a) => a.id === agentId)?.kill('SIGKILL');
    await waitFor('the agent to be down', async () => (await admin(['agents', '--json'])).stdout.includes('"status": "down"'), 20_000);
    const removed = await admin(['agents', 'remove', agentId]);
    expect(removed.code).toBe(0);
    expect(cluster.controller.store.data.agents[agentId]).toBeUndefined();
  });
});

describe('berth events', () => {
  it('streams hook decisions as JSON lines until Ctrl-C', async () => {
    const child = spawn(process.execPath, [CLI, 'events', '--app', app, '--json'], {
      env: { ...process.env, BERTH_CONFIG: '/nonexistent/berth.json', BERTH_ADDR: addr(), BERTH_TOKEN: cluster.controller.adminToken },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const hookUrl = `http://127.0.0.1:${cluster.controller.httpPort}/hooks/redeploy/${app}/${cluster.controller.store.data.apps[app]?.hook.token}?dry_run=1`;
    // The stream is open once the controller holds the subscription; post until an event arrives.
    await waitFor(
      'a hook event',
      async () => {
        await fetch(hookUrl, { method: 'POST', headers: { 'Idempotency-Key': `events-${Date.now()}` } });
        return out.includes('"kind":"hook"');
      },
      15_000,
    );
    const event = JSON.parse(out.split('\n').find((l) => l.includes('"kind":"hook"')) as string) as Record<string, unknown>;
    expect(event).toMatchObject({ kind: 'hook', app, state: 'deploy' });
    expect(event.message).toMatch(/^generic post: no git information/);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

describe('berth completion', () => {
  it('prints a bash script that completes commands and subcommands', async () => {
    const script = await admin(['completion', 'bash']);
    expect(script.code).toBe(0);
    const file = join(dir, 'berth-completion.bash');
    await writeFile(file, script.stdout);
    // Load it and ask what completes "berth agents d" and "berth to".
    const complete = async (...words: string[]) => {
      const probe = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _berth; echo "\${COMPREPLY[*]}"`;
      return (await run('bash', ['-c', probe, 'probe', file, ...words])).trim();
    };
    expect(await complete('berth', 'agents', 'd')).toBe('drain');
    expect(await complete('berth', 'to')).toBe('tokens');
    expect((await complete('berth', 'env', 'set', 'shop', '--')).split(' ')).toEqual(expect.arrayContaining(['--addr', '--token', '--json']));
    const zsh = await admin(['completion', 'zsh']);
    expect(zsh.stdout).toMatch(/^#compdef berth/);
  });
});
