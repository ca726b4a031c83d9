/**
 * Faults: the leader of two controllers sharing their state in NATS (--state-store nats) killed
 * or paused mid-deployment. Real processes: a three-node nats-server cluster (R3, every node with
 * sync_interval: always), two `berth controller` processes (--lease 2s), one `berth agent` given
 * both controllers, Docker. Each row makes its phase last seconds (instances that take 4 s to
 * serve, postdeploy sleeps 4 s, drain 4 s), kills the leader (SIGKILL) or pauses it past its lease
 * (SIGSTOP, then SIGCONT) in that phase, and checks:
 * - the kill landed in the phase (the deployment's state read from the leader right before);
 * - the other controller leads with a larger term, and the deployment succeeds under it;
 * - postdeploy ran exactly once (the agent logs every one-off container it starts);
 * - the new leader's Traefik file routes to exactly the new release's instances, and no other
 *   instance container of the app runs;
 * - a paused leader does nothing once resumed: it exits 75 (lease lost) and the term that acted
 *   last is the new leader's.
 * BERTH_KEEP_FAULT_LOGS=1 keeps each controller's log (DATA_DIR/controller.log) and the agent's.
 */
import { openSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary, createAdminClient } from '../../cli/admin-client.js';
import { postdeployOneOffId } from '../../controller/core/release.js';
import { AgentProcess, uniqueSuffix } from '../helpers/cluster.js';
import { stopChild } from '../helpers/child-process.js';
import { docker } from '../helpers/exec.js';
import { startNatsCluster, type NatsCluster } from '../helpers/nats-cluster.js';
import { controllerHealth, sharedStateController, spawnSharedStateController, type SharedStateController } from '../helpers/shared-state-controller.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { recordFault } from './fault-report.js';
import { fileServers } from './route-probe.js';

const suffix = uniqueSuffix();
const LEASE = '2s';

interface ControllerProcess extends SharedStateController {
  exited: Promise<number | null>;
}

let cluster: NatsCluster;
let agent: AgentProcess;
const controllers: ControllerProcess[] = [];
const apps: string[] = [];

function startController(c: ControllerProcess): void {
  const log = openSync(join(c.dataDir, 'controller.log'), 'a');
  // Its log, kept for a failing row's post-mortem (BERTH_KEEP_FAULT_LOGS=1).
  const child = spawnSharedStateController(
    c,
    cluster.urls,
    LEASE,
    ['--stability-window', '500ms', '--heartbeat-ttl', '3s', '--traefik-settle', '0s', '--log-level', 'info'],
    ['ignore', log, log],
  );
  c.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const health = controllerHealth;

async function leader(timeoutMs = 30_000): Promise<ControllerProcess> {
  return waitFor(
    'a controller to lead',
    async () => {
      for (const c of controllers) if ((await health(c))?.role === 'leader') return c;
      return undefined;
    },
    timeoutMs,
    50,
  );
}

async function adminToken(): Promise<string> {
  const c = await leader();
  return (await readFile(join(c.dataDir, 'admin-token'), 'utf8')).trim();
}

/** One admin call on the leader of the moment. */
async function onLeader<T>(call: (client: ReturnType<typeof createAdminClient>) => Promise<T>): Promise<T> {
  const c = await leader();
  const client = createAdminClient({ addr: `127.0.0.1:${c.grpc}`, token: await adminToken() });
  try {
    return await call(client);
  } finally {
    client.close();
  }
}

beforeAll(async () => {
  cluster = await startNatsCluster();
  for (const id of [`fo-a-${suffix}`, `fo-b-${suffix}`]) {
    const c: ControllerProcess = { ...(await sharedStateController(id)), exited: Promise.resolve(null) };
    controllers.push(c);
    startController(c);
  }
  const first = await leader();
  const joinToken = await onLeader(async (client) => (await callUnary(client.CreateJoinToken.bind(client), { ttlMs: '600000' })).token);
  const agentDir = await mkdtemp(join(tmpdir(), 'berth-fo-agent-'));
  agent = new AgentProcess(`fo-agent-${suffix}`, [
    '--data-dir',
    agentDir,
    '--join-token',
    joinToken,
    '--controller',
    controllers.map((c) => `127.0.0.1:${c.grpc}`).join(','),
    '--nats',
    cluster.urls,
    '--heartbeat',
    '500ms',
    '--log-level',
    'debug',
  ]).start();
  await agent.waitForLog(/"msg":"agent started"/, 30_000);
  void first;
}, 120_000);

afterAll(async () => {
  await agent?.kill('SIGTERM');
  if (process.env.BERTH_KEEP_FAULT_LOGS === '1' && agent) writeFileSync(join(controllers[0]?.dataDir ?? tmpdir(), 'agent.log'), agent.output);
  for (const c of controllers) await stopChild(c.child, 'SIGKILL').catch(() => undefined);
  for (const app of apps) {
    const ids = (await docker('ps', '-aq', '--filter', `label=berth.app=${app}`)).split('\n').filter(Boolean);
    if (ids.length) await docker('rm', '-f', ...ids).catch(() => undefined);
  }
  await cluster?.close();
  if (process.env.BERTH_KEEP_FAULT_LOGS !== '1') for (const c of controllers) await rm(c.dataDir, { recursive: true, force: true });
}, 60_000);

type Phase = 'verifying' | 'postdeploy' | 'draining';
const ROWS: Array<{ name: string; phase: Phase; signal: 'SIGKILL' | 'SIGSTOP' }> = [
  { name: 'leader SIGKILL in verifying', phase: 'verifying', signal: 'SIGKILL' },
  { name: 'leader SIGKILL in postdeploy', phase: 'postdeploy', signal: 'SIGKILL' },
  { name: 'leader SIGKILL in draining', phase: 'draining', signal: 'SIGKILL' },
  { name: 'leader SIGSTOP past its lease in postdeploy, then SIGCONT', phase: 'postdeploy', signal: 'SIGSTOP' },
];

describe('fault: the leader of two controllers killed or paused mid-deployment', { timeout: 240_000 }, () => {
  it.each(ROWS)('$name', async ({ name, phase, signal }) => {
    const lost: string[] = [];
    const app = `fo-${phase}-${signal.toLowerCase()}-${suffix}`.slice(0, 50);
    apps.push(app);
    const spec = (version: string) =>
      JSON.stringify({
        name: app,
        domains: [`${app}.example.test`],
        drain: '4s',
        postdeploy: 'sleep 4',
        env: { VERSION: version },
        services: { web: { image: TEST_IMAGE, command: 'sleep 4; exec httpd -f -p $PORT -h /www', port: 8080, scale: 2 } },
      });
    const deploy = async (version: string) =>
      onLeader(async (client) => {
        await callUnary(client.ApplyApp.bind(client), { specText: spec(version), source: 'fault suite' });
        return (await callUnary(client.Deploy.bind(client), { app, services: [], ref: '' })).deployment?.id ?? '';
      });
    const state = (id: string) => onLeader(async (client) => (await callUnary(client.GetDeployment.bind(client), { id })).deployment).catch(() => undefined);
    const waitForEnd = (id: string) =>
      waitFor(
        `${id} to end`,
        async () => {
          const d = await state(id);
          return d && ['succeeded', 'failed', 'cancelled'].includes(d.state) ? d : undefined;
        },
        120_000,
        200,
      );

    const first = await waitForEnd(await deploy('v1'));
    expect(first.state, JSON.stringify(first.failure)).toBe('succeeded');

    const before = await leader();
    const termBefore = (await health(before))?.term ?? 0;
    const id = await deploy('v2');
    const atKill = await waitFor(`${id} to be ${phase}`, async () => ((await state(id))?.state === phase ? phase : undefined), 60_000, 50).catch(
      () => 'another phase',
    );
    if (atKill !== phase) lost.push(`the ${signal} landed in ${atKill}, not ${phase}`);
    before.child?.kill(signal);
    const after = await leader(30_000);
    const termAfter = (await health(after))?.term ?? 0;
    if (after === before) lost.push('the same controller leads after the fault');
    if (!(termAfter > termBefore)) lost.push(`the new term ${termAfter} is not above ${termBefore}`);
    if (signal === 'SIGSTOP') {
      // Resumed past its lease: it must notice before it acts, and stop (75: lease lost).
      await new Promise((r) => setTimeout(r, 1000));
      before.child?.kill('SIGCONT');
      const code = await Promise.race([before.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
      if (code !== 75) lost.push(`the resumed old leader ended with ${String(code)}, not 75 (lease lost)`);
    }
    const end = await waitForEnd(id);
    if (end.state !== 'succeeded') lost.push(`the deployment ${end.state} in ${end.failure?.phase ?? '?'}: ${end.failure?.reason ?? ''}`);
    // The postdeploy one-off ran exactly once for v2.
    const started = `"oneOffId":"${postdeployOneOffId(app, id)}"`;
    const starts = agent.output.split('\n').filter((l) => l.includes(started) && l.includes('one-off container started')).length;
    if (starts !== 1) lost.push(`the postdeploy container was started ${starts} times`);
    // The new leader's routes: exactly the running instances of v2.
    await waitFor(
      'v1 drained',
      async () => ((await docker('ps', '-q', '--filter', `label=berth.app=${app}`, '--filter', 'label=berth.release=v1')) === '' ? true : undefined),
      30_000,
      500,
    ).catch(() => lost.push('instances of v1 still run after the drain'));
    const file = await readFile(join(after.dataDir, 'traefik', `${app}.yml`), 'utf8').catch(() => '');
    const servers = fileServers(file, `${app}-web`) ?? [];
    const running = (
      await docker('ps', '--filter', `label=berth.app=${app}`, '--filter', 'label=berth.instance', '--format', '{{.Label "berth.release"}} {{.Ports}}')
    )
      .split('\n')
      .filter(Boolean);
    if (running.length !== 2 || !running.every((r) => r.startsWith('v2 '))) lost.push(`running instance containers: ${running.join('; ') || 'none'}`);
    const ports = running.map((r) => /:(\d+)->/.exec(r)?.[1] ?? '?').sort();
    const routed = servers.map((u) => new URL(u).port).sort();
    if (JSON.stringify(ports) !== JSON.stringify(routed)) lost.push(`the new leader routes ${routed.join(', ') || 'nothing'}, v2 runs on ${ports.join(', ')}`);
    console.log(`${name}: ${end.state} (${end.history.map((h) => h.state).join(' > ')}); term ${termBefore} -> ${termAfter}; postdeploy started ${starts}x`);
    recordFault({ fault: `controllers: ${name}`, injected: 1, held: lost.length ? 0 : 1, lost });
    // The old leader comes back as a follower for the next row.
    await stopChild(before.child, 'SIGKILL');
    startController(before);
    await waitFor('the old leader to follow', async () => ((await health(before))?.role === 'follower' ? true : undefined), 30_000, 100);
    expect(lost).toEqual([]);
  });
});
