import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, removeAppImages, removeAppContainers, waitForEnd } from '../helpers/deployments.js';
import { run } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `ghdeploy-${suffix}`;
let cluster: Cluster;
let api: Server;
let apiUrl: string;
let repo: string;
let sha: string;
const calls: Array<{ method: string; path: string; auth: string | undefined; body: Record<string, unknown> }> = [];

beforeAll(async () => {
  // Stands in for api.github.com: records calls, answers like the REST API.
  api = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      calls.push({ method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization, body });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url?.endsWith('/deployments') ? { id: 4242, sha: body.ref } : { id: 1, state: body.state }));
    });
  });
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  cluster = await startCluster({ stabilityWindow: '200ms' });
  await cluster.startAgent(`ghdeploy-${suffix}`);
  repo = await mkdtemp(join(tmpdir(), 'berth-gh-repo-'));
  await run('git', ['init', '-q', '-b', 'main', repo]);
  await writeFile(join(repo, 'Dockerfile'), `FROM ${TEST_IMAGE}\n`);
  await writeFile(join(repo, 'Procfile'), 'web: sleep 3600\npostdeploy: echo migrated\n');
  await run('git', ['-C', repo, 'add', '.']);
  await run('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-q', '-m', 'first']);
  sha = (await run('git', ['-C', repo, 'rev-parse', 'HEAD'])).trim();
  applySpec(cluster.controller, specText({ name: app, drain: '0s', services: { web: { git: { repo: `file://${repo}`, branch: 'main' } } } }));
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
  await removeAppImages(app);
  await rm(repo, { recursive: true, force: true });
  await new Promise<void>((r) => api.close(() => r()));
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

describe('GitHub deployments', { timeout: 120_000 }, () => {
  it('a GitHub push that deploys creates a GitHub deployment for the commit and posts its statuses', async () => {
    expect((await berth(['github', app, '--github-token', 'ghp_test', '--api-url', apiUrl])).stdout).toMatch(/via http:\/\/127\.0\.0\.1/);
    const fixture = JSON.parse(await readFile(resolve(import.meta.dirname, '../fixtures/hooks/published/github-push.json'), 'utf8')) as {
      headers: Record<string, string>;
      body: Record<string, unknown> & { repository: Record<string, unknown> };
    };
    // GitHub's published push, pointed at the local repository's main branch and commit.
    const body = fixture.body;
    body.ref = 'refs/heads/main';
    body.after = sha;
    for (const key of ['clone_url', 'ssh_url', 'html_url', 'git_url']) body.repository[key] = `file://${repo}`;
    const headers = { ...fixture.headers };
    delete headers['X-Hub-Signature'];
    delete headers['X-Hub-Signature-256'];
    const url = (await berth(['hooks', 'url', app])).stdout.trim();
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    const answer = (await res.json()) as { deployment: string };
    expect(res.status).toBe(202);
    const d = await waitForEnd(cluster.controller, answer.deployment);
    expect(d.state).toBe('succeeded');

    await waitFor('the success status', () => calls.some((c) => c.body.state === 'success'), 20_000);
    const [create, ...statuses] = calls;
    expect(create).toMatchObject({ method: 'POST', path: '/repos/Codertocat/Hello-World/deployments', auth: 'Bearer ghp_test' });
    expect(create?.body).toMatchObject({ ref: sha, environment: app, payload: { berth: true, deployment: d.id } });
    expect(statuses.map((c) => c.path)).toEqual(statuses.map(() => '/repos/Codertocat/Hello-World/deployments/4242/statuses'));
    expect(statuses.map((c) => c.body.state)).toEqual(['in_progress', 'success']);
    expect(statuses.at(-1)?.body.description).toBe('v1 is live; postdeploy succeeded');
  });
});
