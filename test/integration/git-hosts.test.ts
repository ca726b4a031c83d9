/**
 * Every git host's own published push (test/fixtures/hooks/published) through a running
 * controller's hook URL: each deploys exactly the service that tracks its repository and branch,
 * at the pushed commit, answered through Traefik; its tag pushes and deletions are ignored with the
 * reason; every request is authenticated the host's way. The app's services track the published
 * repositories as a user would paste them (another case, another URL form); the agent's git is
 * told (url.<local>.insteadOf) to fetch them all from one local repository. The only edit to a
 * published body is its pushed commit, replaced by a commit of that repository.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../controller/core/hook-signature.js';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, removeAppContainers, removeAppImages, routedAnswers, waitForEnd } from '../helpers/deployments.js';
import { run } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `hosts-${suffix}`;
const SECRET = 'the-app-webhook-secret-0123456789';
const FIXTURES = resolve(import.meta.dirname, '../fixtures/hooks/published');

type Sign = (headers: Record<string, string>, body: string) => Record<string, string>;
const hmac =
  (name: string, prefix = ''): Sign =>
  (headers, body) => ({ ...headers, [name]: `${prefix}${hmacSha256Hex(SECRET, Buffer.from(body))}` });
const basicAuth: Sign = (headers) => ({ ...headers, Authorization: `Basic ${Buffer.from(`azure:${SECRET}`).toString('base64')}` });

interface Host {
  /** The service that tracks this host's published repository. */
  service: string;
  fixture: string;
  /** The repository as the app was set up with it: another case or URL form than the payload's. */
  repo: string;
  branch: string;
  /** The commit the published payload pushes (replaced by a local one). */
  publishedCommit: string;
  event: string;
  sign: Sign;
}

const HOSTS: Host[] = [
  {
    service: 'github',
    fixture: 'github-push.json',
    repo: 'https://github.com/codertocat/hello-world',
    branch: 'master',
    publishedCommit: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
    event: 'push',
    sign: hmac('X-Hub-Signature-256', 'sha256='),
  },
  {
    service: 'gitlab',
    fixture: 'gitlab-push.json',
    repo: 'git@example.com:Mike/Diaspora.git',
    branch: 'master',
    publishedCommit: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    event: 'Push Hook',
    sign: (h) => ({ ...h, 'X-Gitlab-Token': SECRET }),
  },
  {
    service: 'bitbucket',
    fixture: 'bitbucket-push.json',
    repo: 'git@bitbucket.org:Team_Name/Repo_Name.git',
    branch: 'name-of-branch',
    publishedCommit: '709d658dc5b6d6afcd46049c2f332ee3f515a67d',
    event: 'repo:push',
    sign: hmac('X-Hub-Signature', 'sha256='),
  },
  {
    service: 'bitbucket-server',
    fixture: 'bitbucket-server-push.json',
    repo: 'ssh://git@bitbucket.example.com:7999/proj/repository.git',
    branch: 'master',
    publishedCommit: '178864a7d521b6f5e720b386b2c2b0ef8563e0dc',
    event: 'repo:refs_changed',
    sign: hmac('X-Hub-Signature', 'sha256='),
  },
  {
    service: 'gitea',
    fixture: 'gitea-push.json',
    repo: 'ssh://gitea@localhost:2222/Gitea/Webhooks.git',
    branch: 'develop',
    publishedCommit: 'bffeb74224043ba2feb48d137756c8a9331c449a',
    event: 'push',
    sign: hmac('X-Gitea-Signature'),
  },
  {
    service: 'forgejo',
    fixture: 'forgejo-push.json',
    repo: 'http://localhost:3000/forgejo/webhooks',
    branch: 'develop',
    publishedCommit: 'bffeb74224043ba2feb48d137756c8a9331c449a',
    event: 'push',
    sign: hmac('X-Forgejo-Signature'),
  },
  {
    service: 'gogs',
    fixture: 'gogs-push.json',
    repo: 'https://gogs.example.com/Alice/MoonLanding.git',
    branch: 'main',
    publishedCommit: 'bffeb74224043ba2feb48d137756c8a9331c449a',
    event: 'push',
    sign: hmac('X-Gogs-Signature'),
  },
  {
    service: 'azure-devops',
    fixture: 'azure-devops-push.json',
    repo: 'https://fabrikam-fiber-inc@dev.azure.com/Fabrikam-Fiber-Inc/DefaultCollection/_git/Fabrikam-Fiber-Git',
    branch: 'master',
    publishedCommit: '33b55f7cb7e7e245323987634f960cf4a6e6bc74',
    event: 'git.push',
    sign: basicAuth,
  },
];

/** Published examples that must deploy nothing, with what Berth answers. */
const IGNORED: Array<{ fixture: string; sign: Sign; status: number; source: string; reason: string }> = [
  { fixture: 'github-push-tag-delete.json', sign: hmac('X-Hub-Signature-256', 'sha256='), status: 202, source: 'github', reason: 'tag push: simple-tag' },
  { fixture: 'github-ping.json', sign: hmac('X-Hub-Signature-256', 'sha256='), status: 200, source: 'github', reason: 'ping: the hook is set up' },
  { fixture: 'gitlab-tag-push.json', sign: (h) => ({ ...h, 'X-Gitlab-Token': SECRET }), status: 202, source: 'gitlab', reason: 'tag push' },
  { fixture: 'bitbucket-server-delete.json', sign: basicAuth, status: 202, source: 'bitbucket-server', reason: 'branch deleted: feature/wip' },
];

let cluster: Cluster;
let repo: string;
let hookUrl: string;

const git = (...args: string[]) => run('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args]).then((s) => s.trim());
const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });
const domainOf = (service: string) => `${service}.${app}.example.test`;

async function published(fixture: string): Promise<{ headers: Record<string, string>; body: string }> {
  const { headers, body } = JSON.parse(await readFile(join(FIXTURES, fixture), 'utf8')) as { headers: Record<string, string>; body: unknown };
  return { headers, body: JSON.stringify(body) };
}

async function post(headers: Record<string, string>, body: string, query = ''): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${hookUrl}${query}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const deploymentCount = () => Object.values(cluster.controller.store.data.deployments).filter((d) => d.app === app).length;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms' });
  repo = await mkdtemp(join(tmpdir(), 'berth-hosts-repo-'));
  await run('git', ['init', '-q', '-b', 'main', repo]);
  await writeFile(join(repo, 'Dockerfile'), `FROM ${TEST_IMAGE}\n`);
  // Stops at once on SIGTERM (httpd as PID 1 would wait out the 10 s grace before its SIGKILL).
  const serve = `trap 'exit 0' TERM; mkdir -p /tmp/w && echo "$CONTAINER_VERSION" > /tmp/w/index.html && httpd -f -p $PORT -h /tmp/w & wait`;
  await writeFile(join(repo, 'Procfile'), HOSTS.map((h) => `${h.service}: ${serve}\n`).join(''));
  await git('add', '.');
  await git('commit', '-q', '-m', 'first');
  // Every branch the published pushes name; the commits pushed later go on main.
  for (const branch of new Set(HOSTS.map((h) => h.branch))) if (branch !== 'main') await git('branch', branch);
  // The agent's git fetches every published repository, in the form the app names it, from here.
  const rewrites = HOSTS.map((h, i) => ({ [`GIT_CONFIG_KEY_${i}`]: `url.file://${repo}.insteadOf`, [`GIT_CONFIG_VALUE_${i}`]: h.repo }));
  await cluster.startAgent(`hosts-${suffix}`, [], Object.assign({ GIT_CONFIG_COUNT: String(HOSTS.length) }, ...rewrites));
  applySpec(
    cluster.controller,
    specText({
      name: app,
      drain: '0s',
      services: Object.fromEntries(
        HOSTS.map((h) => [h.service, { git: { repo: h.repo, branch: h.branch }, port: 8080, domains: [domainOf(h.service)], health: { path: '/index.html' } }]),
      ),
    }),
  );
  hookUrl = (await berth(['hooks', 'url', app])).stdout.trim();
  await berth(['hooks', 'secret', app, '--value', SECRET]);
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
  await removeAppImages(app);
  if (repo) await rm(repo, { recursive: true, force: true });
});

describe("each git host's published push through the hook URL", { timeout: 300_000 }, () => {
  it('the first deployment (an empty signed POST) builds every service at its branch', async () => {
    const first = await git('rev-parse', 'HEAD');
    const res = await post({ 'X-Hub-Signature-256': `sha256=${hmacSha256Hex(SECRET, Buffer.alloc(0))}` }, '');
    expect(res.json).toMatchObject({ source: 'generic', decision: 'deploy' });
    expect((await waitForEnd(cluster.controller, res.json.deployment as string)).state).toBe('succeeded');
    for (const h of HOSTS) expect(await routedAnswers(cluster, app, { service: h.service, domain: domainOf(h.service) })).toEqual([first]);
  });

  it.each(HOSTS)('$service: deploys only $service, at the pushed commit', async (host) => {
    await git('commit', '-q', '--allow-empty', '-m', `a push from ${host.service}`);
    const sha = await git('rev-parse', 'HEAD');
    const before = Object.fromEntries(
      await Promise.all(HOSTS.map(async (h) => [h.service, await routedAnswers(cluster, app, { service: h.service, domain: domainOf(h.service) })])),
    );
    const { headers, body: publishedBody } = await published(host.fixture);
    expect(publishedBody).toContain(host.publishedCommit);
    const body = publishedBody.split(host.publishedCommit).join(sha);

    // Unauthenticated, it changes nothing.
    const refused = await post(headers, body);
    expect(refused.status).toBe(401);

    const res = await post(host.sign(headers, body), body);
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({
      source: host.fixture.replace(/-push\.json$/, ''),
      event: host.event,
      decision: 'deploy',
      services: [host.service],
      ref: sha,
    });
    const d = await waitForEnd(cluster.controller, res.json.deployment as string);
    expect(d.state).toBe('succeeded');
    for (const h of HOSTS) {
      const answers = await routedAnswers(cluster, app, { service: h.service, domain: domainOf(h.service) });
      expect(answers).toEqual(h === host ? [sha] : before[h.service]);
    }
    const logged = cluster.controller.store.data.hookLog[app]?.at(-1);
    expect(logged).toMatchObject({ source: res.json.source, event: host.event, decision: 'deploy', deploymentId: d.id });
  });

  it.each(IGNORED)('$fixture: answered $status, deploys nothing, says why', async (example) => {
    const count = deploymentCount();
    const { headers, body } = await published(example.fixture);
    const res = await post(example.sign(headers, body), body);
    expect(res.status).toBe(example.status);
    expect(res.json).toMatchObject({ source: example.source, decision: 'ignored', deployment: null, reason: example.reason });
    expect(deploymentCount()).toBe(count);
  });

  it('a dry run names the host and event it recognised and deploys nothing; berth hooks test says the same', async () => {
    const count = deploymentCount();
    const { headers, body } = await published('azure-devops-push.json');
    const res = await post(basicAuth(headers, body), body, '?dry_run=1');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      source: 'azure-devops',
      event: 'git.push',
      decision: 'deploy',
      services: ['azure-devops'],
      ref: '33b55f7cb7e7e245323987634f960cf4a6e6bc74',
      dryRun: true,
    });
    expect(deploymentCount()).toBe(count);

    const payload = join(repo, 'gitlab-push.json');
    await writeFile(payload, (await published('gitlab-push.json')).body);
    const tested = await berth(['hooks', 'test', app, '--payload', payload, '--source', 'gitlab', '--event', 'Push Hook', '--json']);
    expect(JSON.parse(tested.stdout)).toMatchObject({
      source: 'gitlab',
      event: 'Push Hook',
      decision: 'deploy',
      services: ['gitlab'],
      ref: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    });
    expect(deploymentCount()).toBe(count);
  });
});
