/**
 * Zero failed requests, measured where clients are: a load generator keeps requesting an app of 3
 * instances on 2 agents through a real Traefik (keep-alive and fresh connections, requests that
 * take 2 s, one websocket) while the app is deployed, fails to deploy in every way, is rolled
 * back, scaled, moved off a drained agent, and while the controller is stopped mid-deployment.
 * For each: no request fails (connection error, timeout or non-2xx), the slow requests and the
 * websocket are not cut by the drain, the new release answers nothing before its postdeploy has
 * succeeded, and nothing is answered by the old release once the switch was confirmed plus the
 * drain window. An agent lost with its instances is counted, not promised: Traefik's retry
 * middleware sends a refused request to another server.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../controller/core/deployment-record.js';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type AgentProcess, type Cluster } from '../helpers/cluster.js';
import { applySpec, containersWith, deploy, removeAppContainers, waitForEnd } from '../helpers/deployments.js';
import { ECHO_IMAGE, ensureEchoImage } from '../helpers/echo-image.js';
import { docker } from '../helpers/exec.js';
import { startLoad } from '../helpers/load-generator.js';
import { waitFor } from '../helpers/wait-for.js';
import { recordFault } from './fault-report.js';
import { judgeLoad, type LoadVerdict } from './load-verdict.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `zd-${suffix}`;
const domain = `${app}.example.test`;
const DRAIN_MS = 3000;
let cluster: Cluster;
let agentA: AgentProcess;
let agentB: AgentProcess;

function spec(extra: { env?: Record<string, string>; postdeploy?: string; postdeployTimeout?: string; scale?: number } = {}): string {
  return specText({
    name: app,
    domains: [domain],
    drain: `${DRAIN_MS}ms`,
    ...(extra.env ? { env: extra.env } : {}),
    ...(extra.postdeploy ? { postdeploy: extra.postdeploy } : {}),
    ...(extra.postdeployTimeout ? { postdeployTimeout: extra.postdeployTimeout } : {}),
    services: { web: { image: ECHO_IMAGE, port: 8080, scale: extra.scale ?? 3, health: { path: '/healthz', bootTimeout: '8s' } } },
  });
}

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });
const routedRelease = () => cluster.controller.store.data.apps[app]?.routed?.release ?? '';
const latest = (kind?: string) =>
  Object.values(cluster.controller.store.data.deployments)
    .filter((d) => d.app === app && (!kind || d.request.kind === kind))
    .sort((a, b) => b.createdAtMs - a.createdAtMs)[0] as DeploymentRecord;

beforeAll(async () => {
  await ensureEchoImage();
  cluster = await startCluster({ stabilityWindow: '500ms' });
  [agentA, agentB] = await Promise.all([cluster.startAgent(`zd-a-${suffix}`), cluster.startAgent(`zd-b-${suffix}`)]);
  applySpec(cluster.controller, spec());
  expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
}, 180_000);

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
}, 60_000);

const atOf = (d: DeploymentRecord, state: string) => d.history.find((h) => h.state === state)?.atMs;

/**
 * Runs `act` under load and checks what clients saw (judgeLoad). `act` returns the deployments it
 * made; the load goes on until what they retired has stopped, plus a moment.
 */
async function underLoad(name: string, act: () => Promise<DeploymentRecord[]>, hostLost?: () => { atMs: number; windowMs: number }): Promise<LoadVerdict> {
  const before = routedRelease();
  const load = startLoad({ port: cluster.traefik.webPort, host: domain });
  await sleep(1000);
  const deployments = await act();
  // What was retired stops `drain` after the confirmation; keep the load on past that.
  const retireAt = Math.max(0, ...deployments.filter((d) => d.state === 'succeeded').map((d) => (atOf(d, 'draining') ?? 0) + DRAIN_MS));
  await waitFor('retired instances to stop', async () => Date.now() > retireAt + 1500 && (await containersWith(`berth.app=${app}`)).length >= 3, 30_000, 200);
  const report = await load.stop();
  const verdict = judgeLoad(report.records, report.startedAtMs, {
    before,
    after: routedRelease(),
    deployments,
    drainMs: DRAIN_MS,
    ...(hostLost ? { hostLost: hostLost() } : {}),
  });
  recordFault({
    fault: `${name}, under load through Traefik`,
    injected: 1,
    held: verdict.lost.length ? 0 : 1,
    lost: verdict.lost,
    requests: verdict.requests,
    failedRequests: verdict.failed,
  });
  console.log(
    `zero-downtime ${name}: ${JSON.stringify({ requests: verdict.requests, failed: verdict.failed, kinds: verdict.summary.kinds, releases: verdict.summary.releases })}`,
  );
  return verdict;
}

describe('zero failed requests through Traefik', { timeout: 180_000 }, () => {
  it('a deploy', async () => {
    const v = await underLoad('a deploy', async () => [await deploy(cluster.controller, app)]);
    expect(v.lost).toEqual([]);
    expect(latest().state).toBe('succeeded');
  });

  it('a deploy whose new instances never become healthy', async () => {
    applySpec(cluster.controller, spec({ env: { UNHEALTHY: '1' } }));
    const v = await underLoad('a deploy whose new instances never become healthy', async () => [await deploy(cluster.controller, app)]);
    applySpec(cluster.controller, spec());
    expect(latest().failure?.phase).toBe('verifying');
    expect(v.lost).toEqual([]);
  });

  it('a deploy whose postdeploy fails', async () => {
    applySpec(cluster.controller, spec({ postdeploy: 'echo migrating; exit 1' }));
    const v = await underLoad('a deploy whose postdeploy fails', async () => [await deploy(cluster.controller, app)]);
    applySpec(cluster.controller, spec());
    expect(latest().failure).toMatchObject({ phase: 'postdeploy', exitCode: 1 });
    expect(v.lost).toEqual([]);
  });

  it('a postdeploy that times out', async () => {
    applySpec(cluster.controller, spec({ postdeploy: 'sleep 30', postdeployTimeout: '2s' }));
    const v = await underLoad('a postdeploy that times out', async () => [await deploy(cluster.controller, app)]);
    applySpec(cluster.controller, spec());
    expect(latest().failure).toMatchObject({ phase: 'postdeploy', exitCode: -128 });
    expect(v.lost).toEqual([]);
  });

  it('a deploy with a postdeploy, then a rollback', async () => {
    applySpec(cluster.controller, spec({ postdeploy: 'sleep 1; echo migrated' }));
    const good = await underLoad('a deploy with a postdeploy', async () => [await deploy(cluster.controller, app)]);
    expect(good.lost).toEqual([]);
    const previous = Object.values(cluster.controller.store.data.deployments)
      .filter((d) => d.app === app && d.state === 'succeeded' && d.release !== routedRelease())
      .sort((a, b) => b.createdAtMs - a.createdAtMs)[0]?.release as string;
    const v = await underLoad('a rollback', async () => {
      expect((await berth(['rollback', app, '--to', previous, '--wait'])).code).toBe(0);
      return [latest('rollback')];
    });
    expect(routedRelease()).toBe(previous);
    expect(v.lost).toEqual([]);
  });

  it('a scale up and a scale down', async () => {
    const v = await underLoad('a scale up and a scale down', async () => {
      expect((await berth(['scale', app, 'web=5', '--wait'])).code).toBe(0);
      const up = latest('scale');
      expect((await berth(['scale', app, 'web=3', '--wait'])).code).toBe(0);
      return [up, latest('scale')];
    });
    expect(cluster.controller.store.data.apps[app]?.routed?.instanceIds).toHaveLength(3);
    expect(v.lost).toEqual([]);
  });

  it('draining an agent', async () => {
    const v = await underLoad('draining an agent', async () => {
      const before = latest('scale')?.id;
      expect((await berth(['agents', 'drain', agentA.id])).code).toBe(0);
      await waitFor('the move off the drained agent', () => latest('scale')?.id !== before, 10_000);
      return [await waitForEnd(cluster.controller, latest('scale').id)];
    });
    const agents = (cluster.controller.store.data.apps[app]?.routed?.instanceIds ?? []).map((id) => cluster.controller.store.data.instances[id]?.agentId);
    expect(agents).toEqual([agentB.id, agentB.id, agentB.id]);
    expect((await berth(['agents', 'undrain', agentA.id])).code).toBe(0);
    expect(v.lost).toEqual([]);
    // Spread over both agents again for what follows.
    expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
  });

  // SIGKILL of a controller process mid-deployment: zero-downtime-kill.test.ts.
  it('the controller stopped and started again mid-deployment', async () => {
    applySpec(cluster.controller, spec({ postdeploy: 'sleep 3' }));
    let state = '';
    const v = await underLoad('the controller restarted in postdeploy', async () => {
      const d = cluster.controller.runner.request(app, { kind: 'deploy', services: [], refs: {}, withPostdeploy: true });
      await waitFor('postdeploy', () => cluster.controller.store.data.deployments[d.id]?.state === 'postdeploy', 60_000, 50);
      await cluster.stopController();
      await cluster.startController();
      const end = await waitForEnd(cluster.controller, d.id);
      state = end.state;
      return [end];
    });
    applySpec(cluster.controller, spec());
    expect(v.lost).toEqual([]);
    // Carried on after the restart: the postdeploy that was running is waited for, not killed.
    expect(state).toBe('succeeded');
  });

  it('an agent lost with its instances (its process and containers killed): failures only while Traefik finds out', async () => {
    let killedAt = 0;
    const v = await underLoad(
      'an agent lost with its instances (failures counted within 3 s of the loss)',
      async () => {
        const before = latest('scale')?.id;
        // Its running instances, killed with it: the host is gone.
        const onB = (await docker('ps', '-q', '--filter', `label=berth.agent=${agentB.id}`)).split('\n').filter(Boolean);
        expect(onB.length).toBeGreaterThan(0);
        killedAt = Date.now();
        await agentB.kill('SIGKILL');
        // One may have stopped on its own meanwhile: it is dead either way.
        await Promise.all(onB.map((id) => docker('kill', id).catch(() => undefined)));
        await waitFor('the replacement deployment', () => latest('scale')?.id !== before, 30_000, 100);
        return [await waitForEnd(cluster.controller, latest('scale').id)];
      },
      // Not promised: requests in flight on the dead host fail, and Docker's proxy on its ports
      // accepts and closes (a 502 that retry cannot safely redo) until Traefik's health check
      // (every 2 s, 1 s timeout) takes the servers out. A refused connection is retried.
      () => ({ atMs: killedAt, windowMs: 3000 }),
    );
    expect(latest('scale').state).toBe('succeeded');
    console.log(`an agent lost with its instances: ${v.failed} of ${v.requests} requests failed`);
    expect(v.lost).toEqual([]);
  });
});
