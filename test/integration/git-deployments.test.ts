import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary, createAdminClient } from '../../cli/admin-client.js';
import { isTerminal } from '../../controller/core/deployment-machine.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, removeAppImages, containersWith, deploy, readTraefikFile, removeAppContainers, routedAnswers } from '../helpers/deployments.js';
import { run } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const agents = [`git-a-${suffix}`, `git-b-${suffix}`];
const apps: string[] = [];
const dirs: string[] = [];
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '300ms' });
  await Promise.all(agents.map((id) => cluster.startAgent(id)));
});

afterAll(async () => {
  await cluster?.close();
  await Promise.all(apps.map(removeAppContainers));
  await Promise.all(apps.map((app) => removeAppImages(app)));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const git = (dir: string, ...args: string[]) => run('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args]).then((s) => s.trim());

const PROCFILE = [
  'web: mkdir -p /tmp/www && echo "$CONTAINER_VERSION $(cat /VERSION)" > /tmp/www/index.html && exec httpd -f -p $PORT -h /tmp/www',
  'postdeploy: echo "migrated at $CONTAINER_VERSION"',
].join('\n');

/** A repo with a Dockerfile, a Procfile and a VERSION file, committed on main; returns its path. */
async function makeRepo(dockerfile = `FROM ${TEST_IMAGE}\nCOPY VERSION /VERSION\n`): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-repo-'));
  dirs.push(dir);
  await run('git', ['init', '-q', '-b', 'main', dir]);
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  await writeFile(join(dir, 'Procfile'), `${PROCFILE}\n`);
  await writeFile(join(dir, 'VERSION'), 'one\n');
  await git(dir, 'add', '.');
  await git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

async function commitVersion(dir: string, version: string): Promise<string> {
  await writeFile(join(dir, 'VERSION'), `${version}\n`);
  await git(dir, 'commit', '-q', '-am', version);
  return git(dir, 'rev-parse', 'HEAD');
}

function gitSpec(app: string, repo: string): string {
  apps.push(app);
  return specText({
    name: app,
    domains: [`${app}.example.test`],
    drain: '0s',
    services: { web: { git: { repo: `file://${repo}`, branch: 'main' }, port: 8080, scale: 2, health: { path: '/index.html', bootTimeout: '20s' } } },
  });
}

/** What the routed web servers answer, the same as the app answers through Traefik. */
async function answers(app: string): Promise<string[]> {
  return routedAnswers(cluster, app);
}

describe('git services', { timeout: 180_000 }, () => {
  it('builds berth/APP-web:SHA on each agent; the Procfile gives the command and the postdeploy; CONTAINER_VERSION is the commit', async () => {
    const app = `gitweb-${suffix}`;
    const repo = await makeRepo();
    const sha = await git(repo, 'rev-parse', 'HEAD');
    applySpec(cluster.controller, gitSpec(app, repo));

    const d = await deploy(cluster.controller, app);
    expect(d.failure).toBeNull();
    expect(d.state).toBe('succeeded');
    const release = cluster.controller.store.data.releases[`${app}/v1`];
    expect(release?.services.web).toMatchObject({
      source: 'git',
      image: `berth/${app}-web:${sha}`,
      commitSha: sha,
      command: PROCFILE.split('\n')[0]?.slice(5),
    });
    expect(release?.postdeploy?.command).toBe('echo "migrated at $CONTAINER_VERSION"');
    expect(d.output).toContain(`migrated at ${sha}`);
    // Build output was streamed into the deployment's log.
    expect(d.output.some((line) => /COPY VERSION/i.test(line))).toBe(true);
    expect((await answers(app)).sort()).toEqual([`${sha} one`, `${sha} one`]);
  });

  it('a Dockerfile that fails fails the deployment in building and changes nothing', async () => {
    const app = `gitbad-${suffix}`;
    const repo = await makeRepo(`FROM ${TEST_IMAGE}\nRUN echo compiling && exit 3\n`);
    applySpec(cluster.controller, gitSpec(app, repo));
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('failed');
    expect(d.failure?.phase).toBe('building');
    expect(d.failure?.reason).toMatch(/web on git-[ab]-.*(build|exit|returned a non-zero code)/i);
    expect(await readTraefikFile(cluster.controller, app)).toBeNull();
    expect(await containersWith(`berth.app=${app}`)).toEqual([]);
    expect(Object.values(cluster.controller.store.data.releases).filter((r) => r.app === app)).toEqual([]);
  });

  it('ten deploy requests fired at once: at most two deployments, and the last ref wins', async () => {
    const app = `gitburst-${suffix}`;
    const repo = await makeRepo();
    const shas: string[] = [];
    for (let i = 1; i <= 10; i++) shas.push(await commitVersion(repo, `c${i}`));
    applySpec(cluster.controller, gitSpec(app, repo));

    const client = createAdminClient({ addr: `127.0.0.1:${cluster.controller.grpcPort}`, token: cluster.controller.adminToken });
    try {
      // One connection keeps the calls in the order they were sent.
      const answered = await Promise.all(shas.map((ref) => callUnary(client.Deploy.bind(client), { app, services: [], ref })));
      const ids = [...new Set(answered.map((res) => res.deployment?.id))];
      expect(ids.length).toBeLessThanOrEqual(2);
    } finally {
      client.close();
    }
    await waitFor(
      'every deployment to end',
      () =>
        Object.values(cluster.controller.store.data.deployments)
          .filter((d) => d.app === app)
          .every((d) => isTerminal(d.state)),
      150_000,
    );
    const deployments = Object.values(cluster.controller.store.data.deployments).filter((d) => d.app === app);
    expect(deployments.length).toBeLessThanOrEqual(2);
    expect(deployments.every((d) => d.state === 'succeeded')).toBe(true);
    const routed = cluster.controller.store.data.apps[app]?.routed?.release as string;
    const last = shas[9] as string;
    expect(cluster.controller.store.data.releases[`${app}/${routed}`]?.services.web?.commitSha).toBe(last);
    expect((await answers(app)).sort()).toEqual([`${last} c10`, `${last} c10`]);
  });
});
