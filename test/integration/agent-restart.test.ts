/**
 * A rolling upgrade of an agent: stopped cleanly (SIGTERM, as systemctl restart does) for 30 s,
 * ten heartbeat TTLs, and started again. Its containers keep running, the controller keeps routing
 * them and replaces nothing, and not one request through Traefik fails, though this agent is the
 * only one the app runs on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specText } from '../helpers/app-specs.js';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type AgentProcess, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { ensureTestImage, TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const app = `upgrade-${suffix}`;
const domain = `${app}.example.test`;
let cluster: Cluster;
let agent: AgentProcess;

beforeAll(async () => {
  await ensureTestImage();
  cluster = await startCluster({ stabilityWindow: '0s', heartbeatTtl: '3s' });
  agent = await cluster.startAgent(`upgrade-${suffix}`);
  applySpec(
    cluster.controller,
    specText({
      name: app,
      domains: [domain],
      drain: '0s',
      services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 2, health: { path: '/index.html' } } },
    }),
  );
  expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
  await waitFor('Traefik to route the app', async () => (await cluster.traefik.get(domain, '/index.html')).status === 200, 15_000, 100);
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

describe('an agent stopped cleanly and started again', { timeout: 120_000 }, () => {
  it('keeps every request through Traefik answered and replaces nothing', async () => {
    const id = `upgrade-${suffix}`;
    const deploymentsBefore = Object.keys(cluster.controller.store.data.deployments).length;
    const routedBefore = cluster.controller.store.data.apps[app]?.routed?.instanceIds;
    let sent = 0;
    const failures: string[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        sent++;
        const answer = await cluster.traefik.get(domain, '/index.html', 2000).catch((err: Error) => ({ status: 0, body: err.message }));
        if (answer.status !== 200) failures.push(`${answer.status} ${String((answer as { body?: string }).body ?? '').slice(0, 80)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    try {
      await agent.kill('SIGTERM');
      await waitFor('the controller to know it restarts', () => (cluster.controller.store.data.agents[id]?.restartingUntilMs ?? 0) > Date.now(), 5_000);
      const agents = JSON.parse(
        (await runBerth(['agents', '--json'], { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken })).stdout,
      ) as Array<{ id: string; status: string }>;
      expect(agents.find((a) => a.id === id)?.status).toBe('restarting');
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      // Ten TTLs later: never taken for lost.
      expect(cluster.controller.store.data.agents[id]?.alive).toBe(true);
      agent.start();
      await waitFor('the agent to say hello again', () => cluster.controller.store.data.agents[id]?.restartingUntilMs === null, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    } finally {
      probing = false;
      await probe;
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
    // Nothing was replaced: the same deployment history, the same routed instances.
    expect(Object.keys(cluster.controller.store.data.deployments)).toHaveLength(deploymentsBefore);
    expect(cluster.controller.store.data.apps[app]?.routed?.instanceIds).toEqual(routedBefore);
  });

  it('berth agents --json prints each agent with its status', async () => {
    const res = await runBerth(['agents', '--json'], { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as Array<{ status: string }>)[0]?.status).toBe('ready');
  });
});
