/**
 * Fault: the controller killed with SIGKILL in each phase of a deployment, then started again.
 * Real processes: nats-server, `berth controller`, two `berth agent`s, Docker, a git repository
 * built on the agents, and a real Traefik on the controller's Traefik directory that the controller
 * confirms every switch with and the probe requests the app through. Each phase is made to last
 * seconds, deterministically, so the kill lands in it: the build sleeps after copying the changed
 * file (never cached), container starts are held by the agents' Docker socket proxy, the new
 * instances take seconds to serve, postdeploy sleeps, routing is held either before its file is
 * written (its temp file is a FIFO nobody reads) or after, while it waits for Traefik to confirm
 * (the gate before Traefik's API answers 503, and the kill waits until the controller has asked
 * it), and drain is 2 s. Each row checks the kill landed in its phase: the phase streamed, the
 * phase in the state file (what the restart loads: the kill waits for it), the state read right
 * before the kill, and, after the restart, the last state the history records before the kill; a
 * kill that landed anywhere else fails the row.
 * After each restart must hold: the deployment is carried on and succeeds within 60 s, each of its
 * instance containers created once and its postdeploy container started once (the agents' logs say
 * so); the app's Traefik file parses and routes to exactly one release; the app kept answering
 * through Traefik (every request that failed counts); and the next deployment on the restarted
 * controller succeeds.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { callUnary } from '../../cli/admin-client.js';
import { tempDir } from '../../controller/adapters/traefik-files.js';
import { postdeployOneOffId } from '../../controller/core/release.js';
import { uniqueSuffix, type AgentProcess } from '../helpers/cluster.js';
import { docker, run } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { startDockerProxy, type DockerProxy } from './docker-proxy.js';
import { recordFault } from './fault-report.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import { probeFigures, probeLost, startRouteProbe } from './route-probe.js';

const suffix = uniqueSuffix();
/** Each row's fault hits its own app, so one scenario's aftermath cannot leak into the next. */
let app = `fkill-${suffix}`;
const apps: string[] = [];
const PHASES = ['building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining'] as const;
const ORDER = ['queued', ...PHASES, 'succeeded', 'failed', 'cancelled'];

/** How a row makes its phase last long enough to kill the controller in it. */
type Stretch = 'build' | 'hold-starts' | 'slow-boot' | 'postdeploy' | 'hold-write' | 'hold-confirm' | 'drain';
interface Row {
  /** The row's name in the report: "controller SIGKILL in NAME". */
  name: string;
  phase: (typeof PHASES)[number];
  stretch: Stretch;
}
const ROWS: Row[] = [
  // The build sleeps 2 s after copying VERSION, which every deployment changes: never cached.
  { name: 'building', phase: 'building', stretch: 'build' },
  // Each container start is held 4 s by the agents' Docker socket proxy.
  { name: 'starting', phase: 'starting', stretch: 'hold-starts' },
  // The new instances sleep 4 s before they serve: verifying waits for their health check.
  { name: 'verifying', phase: 'verifying', stretch: 'slow-boot' },
  // postdeploy: sleep 2.
  { name: 'postdeploy', phase: 'postdeploy', stretch: 'postdeploy' },
  // Routing entered (and persisted), its write of the app's file held: its temp file is a FIFO.
  { name: 'routing, before its file is written', phase: 'routing', stretch: 'hold-write' },
  // The file written and loaded by Traefik, the controller waiting for Traefik's API to confirm:
  // the gate in front of the API answers 503 until the kill.
  { name: 'routing, waiting for Traefik to confirm', phase: 'routing', stretch: 'hold-confirm' },
  // drain: 2s.
  { name: 'draining', phase: 'draining', stretch: 'drain' },
];
const BOOT_DELAY_S = 4;
const HOLD_STARTS_MS = 4000;

let stack: ProcessStack;
let repo: string;
const proxies: DockerProxy[] = [];
let agents: AgentProcess[] = [];

const git = (...args: string[]) => run('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args]).then((s) => s.trim());

beforeAll(async () => {
  stack = await startProcessStack({ stabilityWindow: '1s', traefik: true });
  proxies.push(await startDockerProxy(), await startDockerProxy());
  agents = await Promise.all([
    stack.startAgent(`fkill-a-${suffix}`, null, ['--docker-host', proxies[0]!.host]),
    stack.startAgent(`fkill-b-${suffix}`, null, ['--docker-host', proxies[1]!.host]),
  ]);
  repo = await mkdtemp(join(tmpdir(), 'berth-fkill-'));
  await run('git', ['init', '-q', '-b', 'main', repo]);
  // The build takes a moment (RUN sleep after the COPY of a file every commit changes, so never
  // cached), so there is a building phase to kill the controller in.
  await writeFile(join(repo, 'Dockerfile'), `FROM ${TEST_IMAGE}\nCOPY VERSION /www/VERSION\nRUN sleep 2\n`);
  await writeFile(join(repo, 'VERSION'), 'v0\n');
  await git('add', '.');
  await git('commit', '-q', '-m', 'v0');
}, 180_000);

afterAll(async () => {
  await stack?.close();
  for (const p of proxies) await p.close();
  for (const name of apps) await stack?.removeAppContainers(name);
  await rm(repo, { recursive: true, force: true });
}, 60_000);

/** A new app on the test repository, with a first release serving before the fault. */
async function startApp(name: string, bootDelayS: number): Promise<void> {
  app = name;
  apps.push(name);
  const spec = {
    name: app,
    domains: [`${app}.example.test`],
    drain: '2s',
    postdeploy: 'sleep 2',
    services: {
      web: {
        git: { repo: `file://${repo}`, branch: 'main' },
        command: `${bootDelayS ? `sleep ${bootDelayS}; ` : ''}exec httpd -f -p $PORT -h /www`,
        port: 8080,
        scale: 2,
        health: { path: '/VERSION', bootTimeout: '20s' },
      },
    },
  };
  const admin = stack.admin();
  await callUnary(admin.ApplyApp.bind(admin), { specText: JSON.stringify(spec), source: 'fault suite' });
  // A first release to serve while the faults happen.
  const first = await waitForEnd((await deploy()).id, 90_000);
  expect(first.state, JSON.stringify(first.failure)).toBe('succeeded');
}

const deploy = () => stack.deploy(app);
const waitForEnd = (id: string, timeoutMs: number) => stack.waitForEnd(id, timeoutMs);

/**
 * The first state the controller streams for the deployment at or after `phase` (60 s at most):
 * `phase` itself when the deployment is in it; a later state when it went past it unseen.
 */
function reach(id: string, phase: string): Promise<string> {
  const admin = stack.admin();
  const call = admin.WatchDeployment({ id });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      call.cancel();
      console.log(
        stack
          .controllerOutput()
          .split('\n')
          .slice(-40)
          .map((l) => l.slice(0, 300))
          .join('\n'),
      );
      reject(new Error(`deployment ${id} did not reach ${phase} within 60 s`));
    }, 60_000);
    call.on('data', (u) => {
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
  it.each(ROWS)('in $name', async (row) => {
    await startApp(`fkill-${ROWS.indexOf(row)}-${suffix}`, row.stretch === 'slow-boot' ? BOOT_DELAY_S : 0);
    const file = join(stack.traefikDir, `${app}.yml`);
    const probe = await startRouteProbe({
      traefikDir: stack.traefikDir,
      traefik: stack.traefik,
      app,
      host: `${app}.example.test`,
      service: `${app}-web`,
      path: '/VERSION',
    });
    const gate = stack.traefikGate!;
    const lost: string[] = [];
    let fifo: string | null = null;
    try {
      await writeFile(join(repo, 'VERSION'), `${row.stretch}\n`);
      await git('commit', '-q', '-am', row.name);
      const fileBefore = await readFile(file, 'utf8');
      if (row.stretch === 'hold-starts') for (const p of proxies) p.holdStarts(HOLD_STARTS_MS);
      if (row.stretch === 'hold-confirm') gate.hold();
      const d = await deploy();
      if (row.stretch === 'hold-write') {
        // Before routing, the temp file the controller writes the app's file to (in tempDir, named
        // APP.yml.tmp-PID: controller/adapters/traefik-files.ts) becomes a FIFO: its open for
        // writing waits for a reader that never comes. Should the name change, the row fails (the
        // file changes before the kill); it never passes unheld.
        const before = await reach(d.id, 'postdeploy');
        if (before !== 'postdeploy') lost.push(`the deployment went to ${before} before the write could be held`);
        await mkdir(tempDir(stack.traefikDir), { recursive: true });
        fifo = join(tempDir(stack.traefikDir), `${app}.yml.tmp-${stack.controllerPid()}`);
        await run('mkfifo', [fifo]);
      }
      // Where the kill lands: the phase streamed; for the wait for Traefik, the controller asking
      // the held API (its file written); the phase on disk (what a restart loads; the store
      // writes a moment after the change); and the state read right before the kill.
      const seen = await reach(d.id, row.phase);
      if (row.stretch === 'hold-confirm') {
        const asked = await waitFor('the controller to ask the held Traefik API', () => (gate.refused() > 0 ? true : undefined), 15_000, 20).catch(() => false);
        if (!asked) lost.push('the controller never asked the held Traefik API before the kill');
      }
      let onDisk: string | null = null;
      await waitFor(`${row.phase} on disk`, async () => ((onDisk = await stack.persistedState(d.id)) === row.phase ? true : undefined), 5_000, 20).catch(
        () => undefined,
      );
      if (onDisk !== row.phase) lost.push(`the state file held ${onDisk ?? 'nothing'} for the deployment, not ${row.phase}, before the kill`);
      const atKill = (await stack.deployment(d.id)).state;
      const fileAtKill = await readFile(file, 'utf8');
      await stack.killController();
      const killedAt = Date.now();
      for (const p of proxies) p.holdStarts(0);
      gate.release();
      if (fifo) await rm(fifo, { force: true });
      await stack.startController();
      const restartedAt = Date.now();
      const end = await waitForEnd(d.id, 60_000).catch((err: unknown) => {
        console.log(
          stack
            .controllerOutput()
            .split('\n')
            .filter((l) => l.includes(d.id) || l.includes('recover'))
            .slice(-25)
            .map((l) => l.slice(0, 300))
            .join('\n'),
        );
        throw err;
      });
      expect(Date.now() - restartedAt).toBeLessThan(60_000);
      // ... and the last state the killed controller had persisted before it died.
      const persisted = end.history.filter((h) => Number(h.atMs) <= killedAt).at(-1)?.state ?? 'nothing';
      if (seen !== row.phase || atKill !== row.phase || persisted !== row.phase) {
        lost.push(`the kill landed outside ${row.phase}: streamed ${seen}, read ${atKill} right before the kill, last persisted ${persisted}`);
      }
      if (row.stretch === 'hold-write' && fileAtKill !== fileBefore) lost.push('the file had changed before the kill: the write was not held');
      // Carried on, not failed: a deployment never fails only because its controller restarted.
      if (end.state !== 'succeeded') lost.push(`a deployment killed in ${row.phase} ${end.state}: ${end.failure?.reason ?? ''}`);
      // Nothing started twice: the agents log every container they create and every one-off they
      // start (Docker's own event log keeps only the last 256 events, too few here).
      const agentLines = agents.flatMap((a) => a.output.split('\n'));
      const started = `"oneOffId":"${postdeployOneOffId(app, d.id)}"`;
      const starts = agentLines.filter((line) => line.includes(started) && line.includes('one-off container started'));
      if (starts.length !== 1) lost.push(`the postdeploy container was started ${starts.length} times`);
      const made = await docker('ps', '-aq', '--filter', `label=berth.deployment=${d.id}`, '--filter', 'label=berth.instance');
      const planned = end.wanted;
      if (made.split('\n').filter(Boolean).length !== planned)
        lost.push(`${made.split('\n').filter(Boolean).length} instance containers of ${d.id}, planned ${planned}`);
      if (row.stretch === 'hold-confirm' && fileAtKill === fileBefore) lost.push('the file had not changed at the kill: routing was not waiting for Traefik');

      if (end.state !== 'succeeded') {
        // Its new instances are removed after the end, or, if the restarted controller never
        // learnt of them, stopped as strays when their agent says hello; give it a stop's time.
        const stopped = await waitFor(
          `the containers of ${d.id} to stop`,
          async () => ((await docker('ps', '-q', '--filter', `label=berth.deployment=${d.id}`)) === '' ? true : undefined),
          30_000,
          500,
        ).catch(() => false);
        if (!stopped) lost.push(`containers of ${end.state} deployment ${d.id} left running`);
      }
      const { releases, servers } = await routedReleases(file);
      if (releases.size !== 1 || servers < 1) lost.push(`the file routes to ${[...releases].join(', ') || 'nothing'}`);
      // The restarted controller deploys again: a resumed deployment once emptied the effects
      // every later deployment needs, which then stayed in routing for good.
      await writeFile(join(repo, 'VERSION'), `${row.stretch}-after\n`);
      await git('commit', '-q', '-am', `${row.name} after`);
      const after = await waitForEnd((await deploy()).id, 90_000);
      if (after.state !== 'succeeded')
        lost.push(`the next deployment after the restart ${after.state} in ${after.failure?.phase ?? '?'}: ${after.failure?.reason ?? ''}`);
      const result = await probe.stop();
      lost.push(...probeLost(result));
      console.log(
        `controller SIGKILL in ${row.name}: ${end.state} (${end.history.map((h) => h.state).join(' > ')}); probe ${result.sent} requests, ${result.failed} failed`,
      );
      recordFault({ fault: `controller SIGKILL in ${row.name}`, injected: 1, held: lost.length === 0 ? 1 : 0, lost, ...probeFigures(result) });
      expect(lost).toEqual([]);
      expect(result.ok).toBeGreaterThan(0);
    } finally {
      for (const p of proxies) p.holdStarts(0);
      gate.release();
      if (fifo) await rm(fifo, { force: true });
      await probe.stop();
    }
  });
});
