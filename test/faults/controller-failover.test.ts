/**
 * Faults: three controllers share their state in NATS (--state-store nats), and their leader is
 * killed, paused or cut off from NATS in each phase of a deployment; or a NATS node dies under
 * them. Real processes: a three-node nats-server cluster (R3, sync_interval: always), three
 * `berth controller` processes (--lease 2s), each reaching every NATS node through a TCP proxy of
 * its own that can be cut, one `berth agent` given every controller, Docker behind a socket proxy
 * that can hold container starts, and a git repository built on the agent. Each phase is made to
 * last seconds so the fault lands in it: the build sleeps after copying a file every commit
 * changes, starts are held by the socket proxy, the instances take 4 s to serve, postdeploy sleeps
 * 3 s, the leader's routes file write is held (its temp file is a FIFO nobody reads), drain is 3 s.
 * A storm of signed GitHub pushes goes to every controller through each fault (each delivery sent
 * twice, to two controllers). Each row checks:
 * - the fault landed in its phase (the deployment's state read from the leader right before);
 * - another controller leads with a larger term (faults of the leader), and the deployment succeeds;
 * - at most one term acts at a time: the terms of the tasks the agent accepted never go down;
 * - postdeploy ran exactly once (the agent logs every one-off container it starts);
 * - the routes file of the leader at the end routes exactly the new release's instances, and no
 *   other instance container of the app runs;
 * - every push answered 2xx is in the hook log exactly once: none lost, none decided twice;
 * - a paused or cut-off leader does nothing more: it exits 75 (lease lost).
 * BERTH_KEEP_FAULT_LOGS=1 keeps each controller's log (DATA_DIR/controller.log) and the agent's.
 */
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { callUnary, createAdminClient } from '../../cli/admin-client.js';
import { tempDir } from '../../controller/adapters/traefik-files.js';
import { hmacSha256Hex } from '../../controller/core/hook-signature.js';
import { postdeployOneOffId } from '../../controller/core/release.js';
import { AgentProcess, uniqueSuffix } from '../helpers/cluster.js';
import { stopChild } from '../helpers/child-process.js';
import { docker, run } from '../helpers/exec.js';
import { startNatsCluster, type NatsCluster } from '../helpers/nats-cluster.js';
import { controllerHealth, sharedStateController, spawnSharedStateController, type SharedStateController } from '../helpers/shared-state-controller.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { startDockerProxy, type DockerProxy } from './docker-proxy.js';
import { recordFault } from './fault-report.js';
import { fileServers } from './route-probe.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const suffix = uniqueSuffix();
const LEASE = '2s';
const HOLD_STARTS_MS = 6000;
const HOOK_SECRET = 'failover-storm-secret';

interface ControllerProcess extends SharedStateController {
  exited: Promise<number | null>;
  /** Its way to each NATS node. */
  proxies: TcpProxy[];
}

let cluster: NatsCluster;
let agent: AgentProcess;
let dockerProxy: DockerProxy;
let repo: string;
const controllers: ControllerProcess[] = [];
const apps: string[] = [];

function startController(c: ControllerProcess): void {
  const log = openSync(join(c.dataDir, 'controller.log'), 'a');
  const natsUrls = c.proxies.map((p) => `nats://127.0.0.1:${p.port}`).join(',');
  const child = spawnSharedStateController(
    c,
    natsUrls,
    LEASE,
    ['--stability-window', '500ms', '--heartbeat-ttl', '3s', '--traefik-settle', '0s', '--log-level', 'info'],
    ['ignore', log, log],
  );
  c.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const health = controllerHealth;

/** The controller that says it leads with the highest term (a cut-off one may say so a moment longer). */
async function leader(timeoutMs = 30_000, not?: ControllerProcess): Promise<ControllerProcess> {
  return waitFor(
    not ? `a controller other than ${not.id} to lead` : 'a controller to lead',
    async () => {
      let best: { c: ControllerProcess; term: number } | null = null;
      for (const c of controllers) {
        if (c === not) continue;
        const h = await health(c);
        if (h?.role === 'leader' && (!best || (h.term ?? 0) > best.term)) best = { c, term: h.term ?? 0 };
      }
      return best?.c;
    },
    timeoutMs,
    50,
  );
}

/** The admin token all three share (it is in the state), read from the first leader's data dir. */
let token = '';

/** One admin call on the leader of the moment. */
async function onLeader<T>(call: (client: ReturnType<typeof createAdminClient>) => Promise<T>): Promise<T> {
  const c = await leader();
  const client = createAdminClient({ addr: `127.0.0.1:${c.grpc}`, token });
  try {
    return await call(client);
  } finally {
    client.close();
  }
}

const git = (...args: string[]) => run('git', ['-C', repo, ...args]);

beforeAll(async () => {
  // Clients learn no node addresses beyond their own proxies', so cutting those cuts them off.
  cluster = await startNatsCluster({ noAdvertise: true });
  dockerProxy = await startDockerProxy();
  repo = await mkdtemp(join(tmpdir(), 'berth-fo-repo-'));
  await run('git', ['init', '-q', '-b', 'main', repo]);
  // The build sleeps after copying a file every commit changes (never cached): a building phase.
  await writeFile(join(repo, 'Dockerfile'), `FROM ${TEST_IMAGE}\nCOPY VERSION /www/VERSION\nRUN sleep 3\n`);
  await writeFile(join(repo, 'VERSION'), 'v0\n');
  await git('add', '.');
  await git('commit', '-q', '-m', 'v0');
  for (const id of [`fo-a-${suffix}`, `fo-b-${suffix}`, `fo-c-${suffix}`]) {
    const proxies = await Promise.all(cluster.nodes.map((n) => startTcpProxy(n.port)));
    const c: ControllerProcess = { ...(await sharedStateController(id)), exited: Promise.resolve(null), proxies };
    controllers.push(c);
    startController(c);
  }
  token = (await readFile(join((await leader()).dataDir, 'admin-token'), 'utf8')).trim();
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
    '--docker-host',
    dockerProxy.host,
    '--heartbeat',
    '500ms',
    '--log-level',
    'debug',
  ]).start();
  await agent.waitForLog(/"msg":"agent started"/, 30_000);
}, 180_000);

afterAll(async () => {
  await agent?.kill('SIGTERM');
  if (process.env.BERTH_KEEP_FAULT_LOGS === '1' && agent) writeFileSync(join(controllers[0]?.dataDir ?? tmpdir(), 'agent.log'), agent.output);
  for (const c of controllers) await stopChild(c.child, 'SIGKILL').catch(() => undefined);
  for (const c of controllers) for (const p of c.proxies) await p.close();
  await dockerProxy?.close();
  for (const app of apps) {
    const ids = (await docker('ps', '-aq', '--filter', `label=berth.app=${app}`)).split('\n').filter(Boolean);
    if (ids.length) await docker('rm', '-f', ...ids).catch(() => undefined);
  }
  await cluster?.close();
  if (repo) await rm(repo, { recursive: true, force: true });
  if (process.env.BERTH_KEEP_FAULT_LOGS !== '1') for (const c of controllers) await rm(c.dataDir, { recursive: true, force: true });
}, 60_000);

type Phase = 'building' | 'starting' | 'verifying' | 'postdeploy' | 'routing' | 'draining';
/** SIGKILL/SIGSTOP/cut-off: of the leader; nats-node: one NATS node killed, the controllers untouched. */
type Fault = 'SIGKILL' | 'SIGSTOP' | 'cut-off' | 'nats-node';
type Stretch = 'none' | 'hold-starts' | 'slow-boot' | 'hold-write';
const ROWS: Array<{ name: string; phase: Phase; fault: Fault; stretch: Stretch }> = [
  { name: 'leader SIGKILL in building', phase: 'building', fault: 'SIGKILL', stretch: 'none' },
  { name: 'leader SIGKILL in starting', phase: 'starting', fault: 'SIGKILL', stretch: 'hold-starts' },
  { name: 'leader SIGKILL in verifying', phase: 'verifying', fault: 'SIGKILL', stretch: 'slow-boot' },
  { name: 'leader SIGKILL in postdeploy', phase: 'postdeploy', fault: 'SIGKILL', stretch: 'none' },
  { name: 'leader SIGKILL in routing, its routes file write held', phase: 'routing', fault: 'SIGKILL', stretch: 'hold-write' },
  { name: 'leader SIGKILL in draining', phase: 'draining', fault: 'SIGKILL', stretch: 'none' },
  { name: 'leader SIGSTOP past its lease in postdeploy, then SIGCONT', phase: 'postdeploy', fault: 'SIGSTOP', stretch: 'none' },
  { name: 'leader cut off from every NATS node in postdeploy', phase: 'postdeploy', fault: 'cut-off', stretch: 'none' },
  { name: 'one NATS node SIGKILLed in verifying', phase: 'verifying', fault: 'nats-node', stretch: 'slow-boot' },
];

/** GitHub's example push, signed, for a repository no service of the storm app builds: each is decided "ignored". */
async function pushHook(): Promise<(delivery: string) => { headers: Record<string, string>; body: string }> {
  const fixture = JSON.parse(await readFile(resolve(import.meta.dirname, '../fixtures/hooks/published/github-push.json'), 'utf8')) as {
    headers: Record<string, string>;
    body: Record<string, unknown>;
  };
  const body = JSON.stringify(fixture.body);
  const headers = { ...fixture.headers, 'X-Hub-Signature-256': `sha256=${hmacSha256Hex(HOOK_SECRET, Buffer.from(body))}` };
  delete (headers as Record<string, string>)['X-Hub-Signature'];
  return (delivery) => ({ headers: { ...headers, 'X-GitHub-Delivery': delivery }, body });
}

/**
 * Sends signed pushes until stopped, each delivery to one controller and then again to the next
 * (a redelivery through another controller); a delivery answered 2xx by either is accepted.
 */
function startStorm(hookPath: string, hook: (delivery: string) => { headers: Record<string, string>; body: string }, prefix: string) {
  let running = true;
  let sent = 0;
  const accepted: string[] = [];
  /** Why deliveries no controller accepted were refused: each controller's status or error. */
  const refusals: string[] = [];
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const delivery = `${prefix}-${n}`;
      sent++;
      let ok = false;
      const answers: string[] = [];
      for (const c of [controllers[n % controllers.length], controllers[(n + 1) % controllers.length]] as ControllerProcess[]) {
        const { headers, body } = hook(delivery);
        // GitHub waits 10 s for an answer.
        const res = await fetch(`http://127.0.0.1:${c.http}${hookPath}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) }).catch(
          (err: Error) => err,
        );
        if (res instanceof Response && res.ok) ok = true;
        answers.push(`${c.id}: ${res instanceof Response ? `${res.status} ${(await res.text()).slice(0, 120)}` : res.name}`);
      }
      if (ok) accepted.push(delivery);
      else refusals.push(`${delivery} (${answers.join('; ')})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { sent, accepted, refusals };
    },
  };
}

describe('fault: the leader of three controllers killed, paused or cut off mid-deployment; a NATS node killed', { timeout: 300_000 }, () => {
  it.each(ROWS)('$name', async ({ name, phase, fault, stretch }) => {
    const lost: string[] = [];
    // A failed row shows what each controller logged last: the data dirs go at the end of the run.
    onTestFailed(() => {
      for (const c of controllers) {
        const lines = (() => {
          try {
            return readFileSync(join(c.dataDir, 'controller.log'), 'utf8').trimEnd().split('\n');
          } catch {
            return [];
          }
        })();
        console.log(`--- ${c.id}: the last ${Math.min(lines.length, 40)} lines of its log ---\n${lines.slice(-40).join('\n')}`);
      }
    });
    // A controller that stopped by itself since the last row (it gave up leading: exit 75) is
    // started again, as its service manager would, so that every row begins with three.
    for (const c of controllers.filter((c) => c.child?.exitCode !== null && c.child?.exitCode !== undefined)) {
      console.log(`${c.id} had exited with ${c.child?.exitCode}: started again`);
      startController(c);
      await waitFor(`${c.id} to follow`, async () => ((await health(c))?.role === 'follower' ? true : undefined), 30_000, 100);
    }
    const row = ROWS.findIndex((r) => r.name === name);
    const app = `fo-${row}-${suffix}`;
    const stormApp = `fo-storm-${row}-${suffix}`;
    apps.push(app);
    const spec = JSON.stringify({
      name: app,
      domains: [`${app}.example.test`],
      drain: '3s',
      postdeploy: 'sleep 3',
      services: {
        web: {
          git: { repo: `file://${repo}`, branch: 'main' },
          command: `${stretch === 'slow-boot' ? 'sleep 4; ' : ''}exec httpd -f -p $PORT -h /www`,
          port: 8080,
          scale: 2,
          health: { path: '/VERSION', bootTimeout: '20s' },
        },
      },
    });
    const hookPath = await onLeader(async (client) => {
      await callUnary(client.ApplyApp.bind(client), { specText: spec, source: 'fault suite' });
      await callUnary(client.ApplyApp.bind(client), {
        specText: JSON.stringify({ name: stormApp, services: { web: { image: 'fo-storm/none:1', port: 8080 } } }),
        source: 'fault suite',
      });
      await callUnary(client.SetHookSecret.bind(client), { app: stormApp, value: HOOK_SECRET, clear: false });
      return new URL((await callUnary(client.GetHook.bind(client), { app: stormApp })).hook?.url ?? '').pathname;
    });
    const deploy = () => onLeader(async (client) => (await callUnary(client.Deploy.bind(client), { app, services: [], ref: '' })).deployment?.id ?? '');
    const state = (id: string) => onLeader(async (client) => (await callUnary(client.GetDeployment.bind(client), { id })).deployment).catch(() => undefined);
    const waitForEnd = (id: string) =>
      waitFor(
        `${id} to end`,
        async () => {
          const d = await state(id);
          return d && ['succeeded', 'failed', 'cancelled'].includes(d.state) ? d : undefined;
        },
        150_000,
        200,
      );

    const first = await waitForEnd(await deploy());
    expect(first.state, JSON.stringify(first.failure)).toBe('succeeded');
    await writeFile(join(repo, 'VERSION'), `${name}\n`);
    await git('commit', '-q', '-am', name);

    const before = await leader();
    const termBefore = (await health(before))?.term ?? 0;
    const agentLogFrom = agent.output.length;
    let fifo: string | null = null;
    if (stretch === 'hold-starts') dockerProxy.holdStarts(HOLD_STARTS_MS);
    const id = await deploy();
    if (stretch === 'hold-write') {
      // Before routing, the temp file the leader writes the app's routes to (in tempDir, named
      // APP.yml.tmp-PID: controller/adapters/traefik-files.ts) becomes a FIFO: opening it for
      // writing waits for a reader that never comes. Should the name change, the kill lands in
      // draining and the row fails.
      await waitFor(`${id} to be in postdeploy`, async () => ((await state(id))?.state === 'postdeploy' ? true : undefined), 90_000, 50);
      const dir = tempDir(join(before.dataDir, 'traefik'));
      await mkdir(dir, { recursive: true });
      fifo = join(dir, `${app}.yml.tmp-${before.child?.pid}`);
      await run('mkfifo', [fifo]);
    }
    const atFault = await waitFor(`${id} to be ${phase}`, async () => ((await state(id))?.state === phase ? phase : undefined), 90_000, 50).catch(
      async () => (await state(id))?.state ?? 'unknown',
    );
    if (atFault !== phase) lost.push(`the fault landed in ${atFault}, not ${phase}`);

    const hook = await pushHook();
    const storm = startStorm(hookPath, hook, `${stormApp}-d`);
    await new Promise((r) => setTimeout(r, 300));
    const faultAt = Date.now();
    if (fault === 'SIGKILL' || fault === 'SIGSTOP') before.child?.kill(fault);
    if (fault === 'cut-off') for (const p of before.proxies) p.cut();
    if (fault === 'nats-node') await cluster.nodes[0]?.stop('SIGKILL');
    const after = fault === 'nats-node' ? await leader(30_000) : await leader(30_000, before);
    const termAfter = (await health(after))?.term ?? 0;
    if (fault !== 'nats-node' && !(termAfter > termBefore)) lost.push(`the new term ${termAfter} is not above ${termBefore}`);
    if (fault === 'SIGSTOP') {
      // Resumed past its lease: it must notice before it acts, and stop (75: lease lost).
      await new Promise((r) => setTimeout(r, 1000));
      before.child?.kill('SIGCONT');
    }
    if (fault === 'SIGSTOP' || fault === 'cut-off') {
      const code = await Promise.race([before.exited, new Promise((r) => setTimeout(() => r('still running'), 20_000))]);
      if (code !== 75) lost.push(`the old leader ended with ${String(code)}, not 75 (lease lost)`);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const round = await storm.stop();
    if (stretch === 'hold-starts') dockerProxy.holdStarts(0);

    const end = await waitForEnd(id);
    if (end.state !== 'succeeded') lost.push(`the deployment ${end.state} in ${end.failure?.phase ?? '?'}: ${end.failure?.reason ?? ''}`);
    // At most one term acts at a time: the terms of the tasks the agent accepted never go down.
    const lines = agent.output.slice(agentLogFrom).split('\n');
    const terms = lines.filter((l) => l.includes('"msg":"task accepted"')).map((l) => Number(/"term":(\d+)/.exec(l)?.[1] ?? 0));
    const wentDown = terms.findIndex((t, i) => i > 0 && t < (terms[i - 1] ?? 0));
    if (wentDown > 0) lost.push(`the agent accepted a task of term ${terms[wentDown]} after one of term ${terms[wentDown - 1]}`);
    const refusedStale = lines.filter((l) => l.includes('refused a task from a deposed leader')).length;
    // The postdeploy one-off ran exactly once for the new release.
    const started = `"oneOffId":"${postdeployOneOffId(app, id)}"`;
    const starts = agent.output.split('\n').filter((l) => l.includes(started) && l.includes('one-off container started')).length;
    if (starts !== 1) lost.push(`the postdeploy container was started ${starts} times`);
    // The leader's routes at the end: exactly the running instances of v2.
    await waitFor(
      'v1 drained',
      async () => ((await docker('ps', '-q', '--filter', `label=berth.app=${app}`, '--filter', 'label=berth.release=v1')) === '' ? true : undefined),
      30_000,
      500,
    ).catch(() => lost.push('instances of v1 still run after the drain'));
    const routing = await leader();
    const file = await readFile(join(routing.dataDir, 'traefik', `${app}.yml`), 'utf8').catch(() => '');
    const servers = fileServers(file, `${app}-web`) ?? [];
    const running = (
      await docker('ps', '--filter', `label=berth.app=${app}`, '--filter', 'label=berth.instance', '--format', '{{.Label "berth.release"}} {{.Ports}}')
    )
      .split('\n')
      .filter(Boolean);
    if (running.length !== 2 || !running.every((r) => r.startsWith('v2 '))) lost.push(`running instance containers: ${running.join('; ') || 'none'}`);
    const ports = running.map((r) => /:(\d+)->/.exec(r)?.[1] ?? '?').sort();
    const routed = servers.map((u) => new URL(u).port).sort();
    if (JSON.stringify(ports) !== JSON.stringify(routed)) lost.push(`the leader routes ${routed.join(', ') || 'nothing'}, v2 runs on ${ports.join(', ')}`);
    // Every accepted push is in the hook log once: those followers queued are decided once the
    // leader takes them from JetStream (15 s at most).
    const counts = await waitFor(
      'every accepted push decided',
      async () => {
        const log = await onLeader(async (client) => (await callUnary(client.ListHookLog.bind(client), { app: stormApp })).entries).catch(() => []);
        const byDelivery = new Map<string, number>();
        for (const e of log) byDelivery.set(e.deliveryId, (byDelivery.get(e.deliveryId) ?? 0) + 1);
        return round.accepted.every((d) => byDelivery.has(d)) ? byDelivery : undefined;
      },
      15_000,
      200,
    ).catch(() => null);
    if (!counts) lost.push('some accepted pushes never reached the hook log');
    const twice = [...(counts?.entries() ?? [])].filter(([, n]) => n > 1).map(([d]) => d);
    if (twice.length) lost.push(`pushes decided more than once: ${twice.join(', ')}`);
    if (round.accepted.length < round.sent)
      lost.push(
        `${round.sent - round.accepted.length} of ${round.sent} pushes were refused by every controller, e.g. ${round.refusals.slice(0, 2).join(', ')}`,
      );
    console.log(
      `${name}: ${end.state} (${end.history.map((h) => h.state).join(' > ')}) ${((Number(end.history.at(-1)?.atMs ?? 0) - faultAt) / 1000).toFixed(1)} s after the fault; ` +
        `term ${termBefore} -> ${termAfter}; postdeploy started ${starts}x; ` +
        `${round.accepted.length}/${round.sent} pushes accepted; ${refusedStale} stale-term tasks refused by the agent`,
    );
    recordFault({ fault: `controllers: ${name}`, injected: 1, held: lost.length ? 0 : 1, lost });

    // Back to three controllers and three NATS nodes for the next row.
    if (fault === 'nats-node') await cluster.nodes[0]?.start();
    else {
      await stopChild(before.child, 'SIGKILL');
      for (const p of before.proxies) p.heal();
      if (fifo) await rm(fifo, { force: true });
      startController(before);
      await waitFor(`${before.id} to follow`, async () => ((await health(before))?.role === 'follower' ? true : undefined), 30_000, 100);
    }
    expect(lost).toEqual([]);
  });
});
