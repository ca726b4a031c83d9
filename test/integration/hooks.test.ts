import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../controller/core/hook-signature.js';
import { isTerminal } from '../../controller/core/deployment-machine.js';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, removeAppImages, removeAppContainers, routedAnswers, waitForEnd } from '../helpers/deployments.js';
import { run } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `hooks-${suffix}`;
const SECRET = 'a-webhook-secret-of-some-length';
let cluster: Cluster;
let repo: string;
let sha: string;
let hookUrl: string;

const git = (...args: string[]) => run('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args]).then((s) => s.trim());
const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms', hookBodyLimit: '1MiB' });
  await cluster.startAgent(`hooks-${suffix}`);
  repo = await mkdtemp(join(tmpdir(), 'berth-hook-repo-'));
  await run('git', ['init', '-q', '-b', 'main', repo]);
  await writeFile(join(repo, 'Dockerfile'), `FROM ${TEST_IMAGE}\n`);
  await writeFile(join(repo, 'Procfile'), 'web: mkdir -p /tmp/w && echo "$CONTAINER_VERSION" > /tmp/w/index.html && exec httpd -f -p $PORT -h /tmp/w\n');
  await git('add', '.');
  await git('commit', '-q', '-m', 'first');
  sha = await git('rev-parse', 'HEAD');
  applySpec(
    cluster.controller,
    specText({
      name: app,
      domains: [`${app}.example.test`],
      drain: '0s',
      services: {
        web: { git: { repo: `file://${repo}`, branch: 'main' }, port: 8080, health: { path: '/index.html' } },
        cache: { image: TEST_IMAGE, command: 'sleep 3600' },
      },
    }),
  );
  hookUrl = (await berth(['hooks', 'url', app])).stdout.trim();
  const secret = await berth(['hooks', 'secret', app, '--value', SECRET]);
  expect(secret.stdout.trim()).toBe(SECRET);
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
  await removeAppImages(app);
  await rm(repo, { recursive: true, force: true });
});

/** GitHub's documented push delivery, pointed at the local repository. */
async function githubPush(fields: { branch?: string; commit?: string; delivery?: string } = {}): Promise<{ headers: Record<string, string>; body: string }> {
  const fixture = JSON.parse(await readFile(resolve(import.meta.dirname, '../fixtures/hooks/published/github-push.json'), 'utf8')) as {
    headers: Record<string, string>;
    body: Record<string, unknown>;
  };
  const body = structuredClone(fixture.body) as Record<string, unknown> & { repository: Record<string, unknown> };
  body.ref = `refs/heads/${fields.branch ?? 'main'}`;
  body.after = fields.commit ?? sha;
  body.repository.clone_url = `file://${repo}`;
  body.repository.ssh_url = `file://${repo}`;
  body.repository.html_url = `file://${repo}`;
  body.repository.git_url = `file://${repo}`;
  const text = JSON.stringify(body);
  const headers = {
    ...fixture.headers,
    'X-GitHub-Delivery': fields.delivery ?? `${suffix}-${Math.random()}`,
    'X-Hub-Signature-256': `sha256=${hmacSha256Hex(SECRET, Buffer.from(text))}`,
  };
  delete (headers as Record<string, string>)['X-Hub-Signature'];
  return { headers, body: text };
}

async function post(url: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: init.headers, body: init.body });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const deploymentsOf = () => Object.values(cluster.controller.store.data.deployments).filter((d) => d.app === app);
const emptySigned = () => ({ 'X-Hub-Signature-256': `sha256=${hmacSha256Hex(SECRET, Buffer.alloc(0))}` });

describe('redeployment hooks', { timeout: 120_000 }, () => {
  it('a signed GitHub push to the tracked branch deploys exactly the matching git service at the pushed commit; a redelivery, even after a restart, creates nothing', async () => {
    const push = await githubPush();
    const res = await post(hookUrl, push);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ decision: 'deploy', services: ['web'], ref: sha });
    const d = await waitForEnd(cluster.controller, res.json.deployment as string);
    expect(d.state).toBe('succeeded');
    expect(await routedAnswers(cluster, app)).toEqual([sha]);
    // Only web was asked for; the first release still holds every service.
    expect(d.request.services).toEqual(['web']);

    // A redelivery answers the same and creates nothing new.
    const again = await post(hookUrl, { ...push });
    expect(again.json).toMatchObject({ decision: 'deploy', deployment: res.json.deployment, redelivery: true });
    expect(deploymentsOf()).toHaveLength(1);

    // Also after a controller restart: the stored hook log still holds the delivery.
    await cluster.stopController();
    await cluster.startController();
    const afterRestart = await post(hookUrl, { ...push });
    expect(afterRestart.json).toMatchObject({ decision: 'deploy', deployment: res.json.deployment, redelivery: true });
    expect(deploymentsOf()).toHaveLength(1);
  });

  it('a push to another branch deploys nothing and says why', async () => {
    const res = await post(hookUrl, await githubPush({ branch: 'feature-x' }));
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ decision: 'ignored', deployment: null });
    expect(res.json.reason).toMatch(/no service tracks file:.*@feature-x/);
    expect(deploymentsOf()).toHaveLength(1);
  });

  it('a bad signature gets 401 and changes nothing', async () => {
    const push = await githubPush();
    const res = await post(hookUrl, { ...push, headers: { ...push.headers, 'X-Hub-Signature-256': `sha256=${'0'.repeat(64)}` } });
    expect(res.status).toBe(401);
    const unsigned = await post(hookUrl, { body: push.body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    expect(deploymentsOf()).toHaveLength(1);
  });

  it('an empty POST redeploys every service; ?services= restricts it', async () => {
    const all = await post(hookUrl, { headers: emptySigned() });
    expect(all.status).toBe(202);
    expect(all.json).toMatchObject({ decision: 'deploy', services: ['cache', 'web'] });
    expect((await waitForEnd(cluster.controller, all.json.deployment as string)).state).toBe('succeeded');

    const only = await post(`${hookUrl}?services=cache`, { headers: emptySigned() });
    expect(only.json).toMatchObject({ decision: 'deploy', services: ['cache'] });
    const d = await waitForEnd(cluster.controller, only.json.deployment as string);
    expect(d.request.services).toEqual(['cache']);

    const unknown = await post(`${hookUrl}?services=api`, { headers: emptySigned() });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ error: { services: ['web', 'cache'] } });
  });

  it('dry runs and berth hooks test decide without deploying; berth hooks log lists every decision', async () => {
    const before = deploymentsOf().length;
    const dry = await post(`${hookUrl}?dry_run=1`, await githubPush());
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ decision: 'deploy', deployment: null, dryRun: true });

    const payload = join(repo, '..', `${app}-payload.json`);
    await writeFile(payload, (await githubPush({ branch: 'feature-x' })).body);
    const tested = await berth(['hooks', 'test', app, '--payload', payload, '--event', 'push']);
    expect(tested.stdout).toMatch(/^ignored\nno service tracks .*@feature-x/);
    await rm(payload);
    expect(deploymentsOf()).toHaveLength(before);

    const log = await berth(['hooks', 'log', app]);
    expect(log.stdout).toMatch(/github\s+push\s+deploy \(dry run\)/);
    expect(log.stdout).toMatch(/rejected/);
  });

  it('an unknown app and a wrong token get the same 404; rotating the token retires the old URL', async () => {
    const wrongToken = await post(hookUrl.replace(/[^/]+$/, 'x'.repeat(43)), { headers: emptySigned() });
    const wrongApp = await post(hookUrl.replace(`/${app}/`, '/nope/'), { headers: emptySigned() });
    expect(wrongToken).toEqual(wrongApp);
    expect(wrongToken.status).toBe(404);

    const rotated = (await berth(['hooks', 'rotate', app])).stdout.trim();
    expect(rotated).not.toBe(hookUrl);
    expect((await post(hookUrl, { headers: emptySigned(), body: '' })).status).toBe(404);
    const res = await post(`${rotated}?dry_run=1`, { headers: emptySigned() });
    expect(res.status).toBe(200);
    hookUrl = rotated;
  });

  it('bad bodies get 400, 415 and 413 and the controller keeps answering', async () => {
    const sign = (text: string) => ({ 'X-Hub-Signature-256': `sha256=${hmacSha256Hex(SECRET, Buffer.from(text))}` });
    const malformed = await post(hookUrl, { headers: { ...sign('{"ref": '), 'content-type': 'application/json' }, body: '{"ref": ' });
    expect(malformed.status).toBe(400);
    expect((malformed.json.error as { message: string }).message).toMatch(/not valid JSON/);
    const plain = await post(hookUrl, { headers: { ...sign('hello'), 'content-type': 'text/plain' }, body: 'hello' });
    expect(plain.status).toBe(415);
    const big = 'x'.repeat(2 * 1024 * 1024);
    // The sender gets the answer, not a reset connection (the rest of the body is read and dropped).
    const res = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/the body is over \d+ bytes/);
    const health = await fetch(`http://127.0.0.1:${cluster.controller.httpPort}/healthz`);
    expect(health.status).toBe(200);
    await waitFor('deployments to end', () => deploymentsOf().every((d) => isTerminal(d.state)));
  });
});
