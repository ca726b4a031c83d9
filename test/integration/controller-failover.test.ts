/**
 * Several controllers on one state in NATS (--state-store nats) on a real three-node nats-server
 * cluster: one leads, the others follow, say who leads and serve reads from a copy of the state
 * (over gRPC and the dashboard's gateway); a leader that stops hands over at once and the
 * follower takes over with the whole state and the dashboard sessions opened on it; a leader
 * whose lease was taken stops acting (its writes are refused) and stops; a leader the state stream
 * fences gives up its lease and stops, and a follower takes over.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { connect, headers } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEASE_BUCKET } from '../../controller/adapters/nats-lease.js';
import { JOURNAL_SUBJECT, STATE_STREAM } from '../../controller/adapters/nats-state.js';
import { parseControllerConfig } from '../../controller/config.js';
import { startController, type Controller } from '../../controller/controller.js';
import { specText } from '../helpers/app-specs.js';
import { runBerth } from '../helpers/berth-cli.js';
import { AgentProcess } from '../helpers/cluster.js';
import { applySpec, removeAppContainers, waitForEnd } from '../helpers/deployments.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { freePort } from '../helpers/free-port.js';
import { startNatsCluster, type NatsCluster } from '../helpers/nats-cluster.js';
import { waitFor } from '../helpers/wait-for.js';

let cluster: NatsCluster;
const running: Controller[] = [];

// A cluster of its own for each test: a controller a failed test left waiting as a follower
// cannot take the next test's lease.
beforeEach(async () => {
  cluster = await startNatsCluster();
}, 60_000);

afterEach(async () => {
  for (const c of running.splice(0)) await c.stop().catch(() => undefined);
  await cluster?.close();
}, 60_000);

async function controllerConfig(id: string) {
  const httpPort = await freePort();
  const grpcPort = await freePort();
  const config = parseControllerConfig({
    dataDir: await mkdtemp(join(tmpdir(), `berth-failover-${id}-`)),
    grpcAddr: `127.0.0.1:${grpcPort}`,
    httpAddr: `127.0.0.1:${httpPort}`,
    nats: cluster.urls,
    stateStore: 'nats',
    stateReplicas: '3',
    // Long enough that a handover by release is told apart from one by expiry.
    lease: '4s',
    controllerId: id,
    traefikSettle: '0s',
    stabilityWindow: '500ms',
    heartbeatTtl: '3s',
  });
  return { config, httpPort, grpcPort };
}

/** Starts a controller; resolves once it leads (a follower's start waits). */
function start(config: Awaited<ReturnType<typeof controllerConfig>>['config'], onLost: (reason: string) => void = () => undefined): Promise<Controller> {
  return startController(config, pino({ level: 'warn' }), onLost).then((c) => {
    running.push(c);
    return c;
  });
}

/** Stops a controller this file started, once. */
async function stopRunning(c: Controller | undefined): Promise<void> {
  if (!c || !running.includes(c)) return;
  running.splice(running.indexOf(c), 1);
  await c.stop();
}

async function health(port: number): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return (await res.json()) as Record<string, unknown>;
}

/** A dashboard session on one controller's HTTP port, signed in as a browser would (ui-gateway.test.ts). */
interface UiSession {
  port: number;
  cookie: string;
  csrf: string;
}

const sameOrigin = (port: number) => ({ origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' });

async function uiSignIn(port: number, token: string): Promise<{ session: UiSession; answer: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/ui/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sameOrigin(port) },
    body: JSON.stringify({ token }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const answer = (await res.json()) as Record<string, unknown>;
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  expect(cookie).toMatch(/^berth_session=/);
  return { session: { port, cookie, csrf: answer.csrf as string }, answer };
}

function uiCall(session: UiSession, method: string, request: unknown): Promise<Response> {
  return fetch(`http://127.0.0.1:${session.port}/ui/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-berth-csrf': session.csrf, ...sameOrigin(session.port) },
    body: JSON.stringify(request),
  });
}

describe('several controllers, one leader', () => {
  it('a follower says who leads, and takes over with the whole state when the leader stops', async () => {
    const a = await controllerConfig('ctl-a');
    const leaderA = await start(a.config);
    expect(leaderA.healthReport()).toMatchObject({ role: 'leader', controllerId: 'ctl-a' });
    const termA = leaderA.healthReport().term as number;
    applySpec(leaderA, specText({ name: 'shop', services: { web: { image: 'shop:1', port: 8080 } } }));
    await leaderA.store.persisted();

    const b = await controllerConfig('ctl-b');
    let bStarted = false;
    const startingB = start(b.config).then((c) => {
      bStarted = true;
      return c;
    });
    const followerHealth = await waitFor('ctl-b to answer as a follower', async () => {
      const h = await health(b.httpPort).catch(() => null);
      // Its servers answer from its start; who leads, once it has asked for the lease.
      return h?.role === 'follower' && h.leader ? h : undefined;
    });
    expect(followerHealth).toMatchObject({ role: 'follower', controllerId: 'ctl-b', leader: { holder: 'ctl-a', term: termA } });
    // berth controller status lists both, from JetStream, and the leader with its term.
    const status = await waitFor('both controllers listed', async () => {
      const res = await runBerth(['controller', 'status', '--nats', cluster.urls, '--data-dir', b.config.dataDir, '--json']);
      const parsed = JSON.parse(res.stdout || '{}') as {
        controllers?: Array<{ controllerId: string; role: string }>;
        lease?: { holder: string; term: number; ageMs: number };
      };
      return (parsed.controllers ?? []).filter((c) => c.controllerId === 'ctl-a' || c.controllerId === 'ctl-b').length === 2 ? parsed : undefined;
    });
    expect(status.lease).toMatchObject({ holder: 'ctl-a', term: termA });
    // Renewed every third of the lease.
    expect(status.lease?.ageMs).toBeLessThan(4000);
    expect(status.controllers?.find((c) => c.controllerId === 'ctl-b')?.role).toBe('follower');
    const table = await runBerth(['controller', 'status', '--nats', cluster.urls]);
    expect(table.stdout).toMatch(/^CONTROLLER\s+ROLE\s+TERM/);
    expect(table.stdout).toContain(`leader: ctl-a, term ${termA}`);

    // A hook sent to the follower is stored in JetStream for the leader and answered 202; the
    // routes are the leader's.
    const hookToken = leaderA.store.data.apps.shop?.hook.token ?? '';
    const hook = await fetch(`http://127.0.0.1:${b.httpPort}/hooks/redeploy/shop/${hookToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-delivery-id': 'fo-1' },
      body: '{}',
    });
    expect(hook.status).toBe(202);
    expect(await hook.json()).toMatchObject({ decision: 'queued' });

    // The follower serves reads from its copy of the state: the admin API's read side with the
    // shared tokens, the routes and /metrics; a change sent to it is refused with the leader's
    // address, which the CLI follows, and the follower's copy then shows it.
    const cli = ['--addr', `127.0.0.1:${b.grpcPort}`, '--token', leaderA.adminToken];
    const apps = await runBerth(['apps', 'list', '--json', ...cli]);
    expect(apps.code, apps.stderr).toBe(0);
    expect(JSON.parse(apps.stdout)).toEqual([expect.objectContaining({ name: 'shop', services: ['web'] })]);
    const routesOf = async (port: number) => (await fetch(`http://127.0.0.1:${port}/traefik/dynamic`)).json();
    expect(await routesOf(b.httpPort)).toEqual(await routesOf(a.httpPort));
    const metrics = await (await fetch(`http://127.0.0.1:${b.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/^berth_controller_leading 0$/m);
    expect(await (await fetch(`http://127.0.0.1:${a.httpPort}/metrics`)).text()).toMatch(/^berth_controller_leading 1$/m);
    const set = await runBerth(['env', 'set', 'shop', 'GREETING=hello', ...cli]);
    expect(set.code, set.stderr).toBe(0);
    expect(leaderA.store.data.apps.shop?.spec.env).toEqual({ GREETING: 'hello' });
    await waitFor('the follower to show the change', async () => {
      const env = await runBerth(['env', 'list', 'shop', '--reveal', '--json', ...cli]);
      return env.code === 0 && env.stdout.includes('hello');
    });
    // A token the follower does not know is refused there as on the leader.
    const stranger = await runBerth(['apps', 'list', '--addr', `127.0.0.1:${b.grpcPort}`, '--token', 'not-a-token']);
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toContain('not valid');

    // The dashboard on the follower: signed in with the shared admin token, it says it follows and
    // links to the leader's dashboard; it reads, and a change answers 503 NOT_LEADER.
    const leaderUrl = `http://127.0.0.1:${a.httpPort}/ui/`;
    const { session: ui, answer: signedIn } = await uiSignIn(b.httpPort, leaderA.adminToken);
    expect(signedIn).toMatchObject({ signedIn: true, name: 'admin', role: 'follower', leaderUrl });
    const uiSession = (await (await fetch(`http://127.0.0.1:${b.httpPort}/ui/api/session`, { headers: { cookie: ui.cookie } })).json()) as object;
    expect(uiSession).toMatchObject({ signedIn: true, role: 'follower', leaderUrl });
    const uiApps = await uiCall(ui, 'ListApps', {});
    expect(uiApps.status, await uiApps.clone().text()).toBe(200);
    expect(((await uiApps.json()) as { apps: Array<{ name: string }> }).apps.map((app) => app.name)).toEqual(['shop']);
    const uiDeploy = await uiCall(ui, 'Deploy', { app: 'shop' });
    expect(uiDeploy.status).toBe(503);
    const refusal = ((await uiDeploy.json()) as { error: { code: string; message: string } }).error;
    expect(refusal.code).toBe('NOT_LEADER');
    expect(refusal.message).toContain(`its dashboard at ${leaderUrl}`);
    expect((await (await fetch(`http://127.0.0.1:${a.httpPort}/ui/api/session`)).json()) as object).toEqual({ signedIn: false, role: 'leader' });
    // Still following after more than a lease: the leader renews.
    await new Promise((r) => setTimeout(r, 4500));
    expect(bStarted).toBe(false);

    await stopRunning(leaderA);
    // The lease is given up last in a clean stop: from then on B needs no wait for it to run out
    // (4 s), only its next ask (every third of the lease). B's /healthz names B as the leader as
    // soon as it holds the lease, before its start (which a loaded machine can make slow).
    const releasedAt = Date.now();
    let heldAfterMs = Number.POSITIVE_INFINITY;
    await waitFor(
      'B to hold the lease',
      async () => {
        const health = (await (await fetch(`http://127.0.0.1:${b.httpPort}/healthz`)).json()) as { role?: string; leader?: { holder?: string } };
        if (health.role !== 'leader' && health.leader?.holder !== 'ctl-b') return false;
        heldAfterMs = Date.now() - releasedAt;
        return true;
      },
      20_000,
      50,
    );
    expect(heldAfterMs).toBeLessThan(4000);
    const leaderB = await startingB;
    expect(leaderB.healthReport()).toMatchObject({ role: 'leader', controllerId: 'ctl-b' });
    expect(leaderB.healthReport().term as number).toBeGreaterThan(termA);
    expect(leaderB.store.data.apps.shop?.spec.services.web?.image).toBe('shop:1');
    // The dashboard session opened while B followed goes on now that it leads.
    const uiAfter = await uiCall(ui, 'ListApps', {});
    expect(uiAfter.status, await uiAfter.clone().text()).toBe(200);
    expect((await (await fetch(`http://127.0.0.1:${b.httpPort}/ui/api/session`, { headers: { cookie: ui.cookie } })).json()) as object).toEqual(
      expect.objectContaining({ signedIn: true, role: 'leader' }),
    );
    expect((await uiSignIn(b.httpPort, leaderB.adminToken)).answer).not.toHaveProperty('leaderUrl');
    // The hook the follower queued was decided by a leader (A, still leading then, or B): logged once, deployed once.
    await waitFor('the queued hook to be decided', () => (leaderB.store.data.hookLog.shop?.length ?? 0) > 0, 10_000);
    expect(leaderB.store.data.hookLog.shop?.map((h) => h.decision)).toEqual(['deploy']);
    expect(Object.values(leaderB.store.data.deployments).filter((d) => d.app === 'shop')).toHaveLength(1);
    // One admin token for all: the state's, written to the new leader's data dir too.
    expect(leaderB.adminToken).toBe(leaderA.adminToken);
    expect((await readFile(join(b.config.dataDir, 'admin-token'), 'utf8')).trim()).toBe(leaderA.adminToken);
    await stopRunning(leaderB);
  });

  it('an agent given every controller reports to the leader, moves when it changes, and the new leader deploys through it', async () => {
    const a = await controllerConfig('ctl-e');
    const b = await controllerConfig('ctl-f');
    const leaderA = await start(a.config);
    const startingB = start(b.config);
    let leaderB: Controller | undefined;
    const agentDir = await mkdtemp(join(tmpdir(), 'berth-failover-agent-'));
    const agent = new AgentProcess('fo-agent', [
      '--data-dir',
      agentDir,
      '--join-token',
      leaderA.enrolment.createJoinToken(60_000).token,
      '--controller',
      `127.0.0.1:${a.grpcPort},127.0.0.1:${b.grpcPort}`,
      '--nats',
      cluster.urls,
      '--heartbeat',
      '500ms',
    ]).start();
    try {
      await agent.waitForLog(/"msg":"agent started"/, 20_000);
      expect(leaderA.intake.isConnected('fo-agent')).toBe(true);
      await stopRunning(leaderA);
      leaderB = await startingB;
      const leader = leaderB;
      await waitFor('the agent to report to the new leader', () => leader.intake.isConnected('fo-agent'), 15_000);
      expect(leaderB.store.data.agents['fo-agent']?.alive).toBe(true);
      applySpec(leaderB, specText({ name: 'fo-app', services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080 } } }));
      const d = leaderB.runner.request('fo-app', { kind: 'deploy', services: [], refs: {}, withPostdeploy: true });
      const ended = await waitForEnd(leaderB, d.id, 60_000);
      expect(ended.state, ended.failure?.reason).toBe('succeeded');
      expect(leaderB.store.data.apps['fo-app']?.routed?.release).toBe('v1');
    } finally {
      await stopRunning(leaderB);
      await agent.kill('SIGTERM');
      await removeAppContainers('fo-app');
    }
  });

  it('a leader whose lease was taken stops acting: its writes are refused, and it stops', async () => {
    const a = await controllerConfig('ctl-c');
    let lost: string | null = null;
    const leader = await start(a.config, (reason) => {
      lost = reason;
    });
    // The lease is taken from under it, as after a pause longer than the lease.
    const nc = await connect({ servers: cluster.urls.split(',') });
    try {
      const kv = await new Kvm(nc).open(LEASE_BUCKET);
      await kv.purge('leader');
      const b = await controllerConfig('ctl-d');
      const leaderD = await start(b.config);
      await waitFor('ctl-c to notice', () => lost !== null, 10_000);
      expect(lost).toBe('another controller holds the lease now');
      leader.store.update((s) => {
        s.scheduleMarks['late/write'] = { lastFireMs: 1 };
      });
      await expect(leader.store.persisted()).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED' });
      expect(leaderD.healthReport()).toMatchObject({ role: 'leader', controllerId: 'ctl-d' });
      expect(leaderD.store.data.scheduleMarks['late/write']).toBeUndefined();
    } finally {
      await nc.close();
    }
  });

  it('a leader the state stream fences (another writer wrote) gives up its lease and stops; a follower takes over', async () => {
    const e = await controllerConfig('ctl-e');
    let lost: string | null = null;
    const leaderE = await start(e.config, (reason) => {
      lost = reason;
    });
    applySpec(leaderE, specText({ name: 'before-fence', services: { web: { image: 'shop:1', port: 8080 } } }));
    await leaderE.store.persisted();
    const f = await controllerConfig('ctl-f');
    const startingF = start(f.config);
    await waitFor('ctl-f to follow', async () => ((await health(f.httpPort).catch(() => null))?.role === 'follower' ? true : undefined));
    // Another writer appends to the journal behind ctl-e's back, as a deposed leader's late write
    // would: ctl-e's next write is refused, and it must not lead on a state it no longer has.
    const nc = await connect({ servers: cluster.urls.split(',') });
    try {
      const jsm = await jetstreamManager(nc);
      const last = await jsm.streams.getMessage(STATE_STREAM, { last_by_subj: JOURNAL_SUBJECT });
      const h = headers();
      h.set('Berth-Writer', 'intruder/1');
      await jetstream(nc).publish(JOURNAL_SUBJECT, '[]', { expect: { lastSubjectSequence: last?.seq ?? 0 }, headers: h });
    } finally {
      await nc.close();
    }
    applySpec(leaderE, specText({ name: 'after-fence', services: { web: { image: 'shop:1', port: 8080 } } }));
    await expect(leaderE.store.persisted()).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED', message: expect.stringContaining("is intruder/1's") });
    await waitFor('ctl-e to give up leading', () => lost !== null, 10_000);
    expect(lost).toContain('another controller has written the state');
    expect(leaderE.healthReport()).toMatchObject({ role: 'follower', store: 'failing' });
    const leaderF = await startingF;
    expect(leaderF.healthReport()).toMatchObject({ role: 'leader', controllerId: 'ctl-f' });
    expect(Object.keys(leaderF.store.data.apps)).toEqual(['before-fence']);
  });
});
