/**
 * Fault: the controller killed with SIGKILL in each phase of a deployment, then started again.
 * Real processes: nats-server, `berth controller`, two `berth agent`s, Docker, a git repository
 * built on the agents. After each restart must hold: the deployment reaches a terminal state within
 * 60 s; no container of a deployment that did not succeed is left running; the app's Traefik file parses
 * and routes to exactly one release; the app kept answering on its old or new instances
 * (probed continuously over loopback; failures only at the moment of the switch); and the next
 * deployment on the restarted controller succeeds.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { callUnary } from '../../cli/admin-client.js';
import type { DeploymentUpdate__Output } from '../../proto/gen/berth/v1/DeploymentUpdate.js';
import { uniqueSuffix } from '../helpers/cluster.js';
import { docker, run } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { recordFault } from './fault-report.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import { startRouteProbe } from './route-probe.js';

const suffix = uniqueSuffix();
/** Each phase's fault hits its own app, so one scenario's aftermath cannot leak into the next. */
let app = `fkill-${suffix}`;
const apps: string[] = [];
const PHASES = ['building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining'] as const;
const ORDER = ['queued', ...PHASES, 'succeeded', 'failed', 'cancelled'];
let stack: ProcessStack;
let repo: string;

const git = (...args: string[]) => run('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args]).then((s) => s.trim());

beforeAll(async () => {
  stack = await startProcessStack({ stabilityWindow: '1s' });
  await Promise.all([stack.startAgent(`fkill-a-${suffix}`), stack.startAgent(`fkill-b-${suffix}`)]);
  repo = await mkdtemp(join(tmpdir(), 'berth-fkill-'));
  await run('git', ['init', '-q', '-b', 'main', repo]);
  // The build takes a moment (RUN sleep), so there is a building phase to kill the controller in.
  await writeFile(join(repo, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN sleep 2\nCOPY VERSION /www/VERSION\n`);
  await writeFile(join(repo, 'VERSION'), 'v0\n');
  await git('add', '.');
  await git('commit', '-q', '-m', 'v0');
}, 180_000);

afterAll(async () => {
  await stack?.close();
  for (const name of apps) await stack?.removeAppContainers(name);
  await rm(repo, { recursive: true, force: true });
}, 60_000);

/** A new app on the test repository, with a first release serving before the fault. */
async function startApp(name: string): Promise<void> {
  app = name;
  apps.push(name);
  const spec = {
    name: app,
    domains: [`${app}.example.test`],
    drain: '2s',
    postdeploy: 'sleep 2',
    services: { web: { git: { repo: `file://${repo}`, branch: 'main' }, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 2, health: { path: '/VERSION', bootTimeout: '20s' } } },
  };
  const admin = stack.admin();
  await callUnary(admin.ApplyApp.bind(admin) as never, { specText: JSON.stringify(spec), source: 'fault suite' });
  // A first release to serve while the faults happen.
  const first = await deploy();
  await waitForEnd(first.id, 90_000);
}

const deploy = () => stack.deploy(app);
const waitForEnd = (id: string, timeoutMs: number) => stack.waitForEnd(id, timeoutMs);

/** Resolves once the deployment is in `phase` (or past it), as the controller reports it; 60 s at most. */
function reach(id: string, phase: string): Promise<string> {
  const admin = stack.admin();
  const call = (admin.WatchDeployment as unknown as (req: { id: string }) => grpc.ClientReadableStream<DeploymentUpdate__Output>)({ id });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      call.cancel();
      console.log(stack.controllerOutput().split('\n').slice(-40).map((l) => l.slice(0, 300)).join('\n'));
      reject(new Error(`deployment ${id} did not reach ${phase} within 60 s`));
    }, 60_000);
    call.on('data', (u: DeploymentUpdate__Output) => {
      const state = u.deployment?.state ?? '';
      if (ORDER.indexOf(state) >= ORDER.indexOf(phase)) {
        clearTimeout(timer);
        call.cancel();
        resolve(state);
      }
    });
    call.on('error', (err: grpc.ServiceError) => {
      if (err.code !== 1) reject(err); // 1: CANCELLED, ours
    });
  });
}

/** Releases of the running containers behind the file's servers (by published port). */
async function routedReleases(file: string): Promise<{ releases: Set<string>; servers: number }> {
  const config = parseYaml(await readFile(file, 'utf8')) as { http: { services: Record<string, { loadBalancer: { servers: Array<{ url: string }> } }> } };
  const urls = config.http.services[`${app}-web`]?.loadBalancer.servers.map((s) => s.url) ?? [];
  const rows = (await docker('ps', '--filter', `label=berth.app=${app}`, '--format', '{{.Label "berth.release"}} {{.Ports}}')).split('\n').filter(Boolean);
  const releases = new Set<string>();
  for (const url of urls) {
    const port = new URL(url).port;
    const row = rows.find((r) => r.includes(`:${port}->`));
    releases.add(row ? (row.split(' ')[0] as string) : `nothing on port ${port}`);
  }
  return { releases, servers: urls.length };
}

describe('fault: the controller is killed (SIGKILL) in each phase of a deployment', { timeout: 600_000 }, () => {
  it.each(PHASES)('in %s', async (phase) => {
    await startApp(`fkill-${phase.slice(0, 5)}-${suffix}`);
    const file = join(stack.dataDir, 'traefik', `${app}.yml`);
    const probe = startRouteProbe(file, `${app}-web`, '/VERSION');
    const lost: string[] = [];
    let held = true;
    try {
      await writeFile(join(repo, 'VERSION'), `${phase}\n`);
      await git('commit', '-q', '-am', phase);
      const d = await deploy();
      const seen = await reach(d.id, phase);
      await stack.killController();
      await stack.startController();
      const restartedAt = Date.now();
      const end = await waitForEnd(d.id, 60_000).catch((err: unknown) => {
        console.log(stack.controllerOutput().split('\n').filter((l) => l.includes(d.id) || l.includes('recover')).slice(-25).map((l) => l.slice(0, 300)).join('\n'));
        throw err;
      });
      expect(Date.now() - restartedAt).toBeLessThan(60_000);

      if (end.state !== 'succeeded') {
        // Its new instances are removed after the end, or, if the restarted controller never
        // learnt of them, stopped as strays when their agent says hello; give it a stop's time.
        const stopped = await waitFor(`the containers of ${d.id} to stop`, async () => ((await docker('ps', '-q', '--filter', `label=berth.deployment=${d.id}`)) === '' ? true : undefined), 30_000, 500).catch(() => false);
        if (!stopped) {
          held = false;
          lost.push(`containers of ${end.state} deployment ${d.id} left running`);
        }
      }
      const { releases, servers } = await routedReleases(file);
      if (releases.size !== 1 || servers < 1) {
        held = false;
        lost.push(`the file routes to ${[...releases].join(', ') || 'nothing'}`);
      }
      // The restarted controller deploys again: a resumed deployment once emptied the effects
      // every later deployment needs, which then stayed in routing for good.
      await writeFile(join(repo, 'VERSION'), `${phase}-after\n`);
      await git('commit', '-q', '-am', `${phase} after`);
      const after = await waitForEnd((await deploy()).id, 90_000);
      if (after.state !== 'succeeded') {
        held = false;
        lost.push(`the next deployment after the restart ${after.state} in ${after.failure?.phase ?? '?'}: ${after.failure?.reason ?? ''}`);
      }
      const result = await probe.stop();
      if (result.failed > 0 || result.unreadableFiles > 0) {
        held = false;
        lost.push(`${result.failed} requests failed outside the switch, ${result.unreadableFiles} unreadable files (${result.failures.join(', ')})`);
      }
      recordFault({ fault: `controller SIGKILL in ${phase}`, injected: 1, held: held ? 1 : 0, lost });
      expect(lost).toEqual([]);
      expect(result.ok).toBeGreaterThan(0);
    } finally {
      await probe.stop();
    }
  });
});
