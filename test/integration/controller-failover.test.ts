/**
 * Several controllers on one state in NATS (--state-store nats) on a real three-node nats-server
 * cluster: one leads, the others wait as followers and say who leads; a leader that stops hands
 * over at once and the follower takes over with the whole state; a leader whose lease was taken
 * stops acting (its writes are refused) and stops.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEASE_BUCKET } from '../../controller/adapters/nats-lease.js';
import { parseControllerConfig } from '../../controller/config.js';
import { startController, type Controller } from '../../controller/controller.js';
import { specText } from '../helpers/app-specs.js';
import { applySpec } from '../helpers/deployments.js';
import { freePort } from '../helpers/free-port.js';
import { startNatsCluster, type NatsCluster } from '../helpers/nats-cluster.js';
import { waitFor } from '../helpers/wait-for.js';

let cluster: NatsCluster;
const running: Controller[] = [];

beforeAll(async () => {
  cluster = await startNatsCluster();
}, 60_000);

afterAll(async () => {
  for (const c of running) await c.stop().catch(() => undefined);
  await cluster?.close();
});

async function controllerConfig(id: string) {
  const httpPort = await freePort();
  const config = parseControllerConfig({
    dataDir: await mkdtemp(join(tmpdir(), `berth-failover-${id}-`)),
    grpcAddr: '127.0.0.1:0',
    httpAddr: `127.0.0.1:${httpPort}`,
    nats: cluster.urls,
    stateStore: 'nats',
    stateReplicas: '3',
    lease: '1s',
    controllerId: id,
    traefikSettle: '0s',
  });
  return { config, httpPort };
}

/** Starts a controller; resolves once it leads (a follower's start waits). */
function start(config: Awaited<ReturnType<typeof controllerConfig>>['config'], onLost: (reason: string) => void = () => undefined): Promise<Controller> {
  return startController(config, pino({ level: 'warn' }), onLost).then((c) => {
    running.push(c);
    return c;
  });
}

async function health(port: number): Promise<Record<string, unknown>> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return (await res.json()) as Record<string, unknown>;
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
      return h?.role === 'follower' ? h : undefined;
    });
    expect(followerHealth).toMatchObject({ role: 'follower', controllerId: 'ctl-b', leader: { holder: 'ctl-a', term: termA } });
    // Anything but /healthz is for the leader, and says which it is.
    const hook = await fetch(`http://127.0.0.1:${b.httpPort}/hooks/redeploy/shop/x`, { method: 'POST', body: '{}' });
    expect(hook.status).toBe(503);
    expect(((await hook.json()) as { error: { message: string } }).error.message).toContain('ctl-a leads');
    // Still following after a few leases: the leader renews.
    await new Promise((r) => setTimeout(r, 2500));
    expect(bStarted).toBe(false);

    const stoppedAt = Date.now();
    await leaderA.stop();
    running.splice(running.indexOf(leaderA), 1);
    const leaderB = await startingB;
    // Released on a clean stop: no wait for the lease to run out.
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(leaderB.healthReport()).toMatchObject({ role: 'leader', controllerId: 'ctl-b' });
    expect(leaderB.healthReport().term as number).toBeGreaterThan(termA);
    expect(leaderB.store.data.apps.shop?.spec.services.web?.image).toBe('shop:1');
    await leaderB.stop();
    running.splice(running.indexOf(leaderB), 1);
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
      await waitFor('ctl-c to notice', () => lost !== null, 5000);
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
});
