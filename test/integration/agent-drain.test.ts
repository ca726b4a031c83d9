/**
 * `berth agents drain`: the agent takes no new instances and the ones it runs move to the other
 * agent, while the app keeps serving; a drain with nowhere to go fails its move and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers, routedAnswers, waitForEnd } from '../helpers/deployments.js';
import { ensureTestImage, TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `drain-${suffix}`;
const [agentA, agentB] = [`drain-a-${suffix}`, `drain-b-${suffix}`];
let cluster: Cluster;

beforeAll(async () => {
  await ensureTestImage();
  cluster = await startCluster({ stabilityWindow: '0s' });
  await cluster.startAgent(agentA);
  await cluster.startAgent(agentB);
  const web = 'mkdir -p /w && echo "$CONTAINER" > /w/index.html && exec httpd -f -p $PORT -h /w';
  applySpec(
    cluster.controller,
    specText({
      name: app,
      domains: [`${app}.example.test`],
      drain: '0s',
      services: { web: { image: TEST_IMAGE, command: web, port: 8080, scale: 2, health: { path: '/index.html' } } },
    }),
  );
  await deploy(cluster.controller, app);
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });
const routedAgents = () =>
  (cluster.controller.store.data.apps[app]?.routed?.instanceIds ?? []).map((id) => cluster.controller.store.data.instances[id]?.agentId);

describe('draining an agent', { timeout: 120_000 }, () => {
  it('moves its instances to the other agent while the app keeps serving', async () => {
    // Spread: one instance on each agent.
    expect(new Set(routedAgents())).toEqual(new Set([agentA, agentB]));
    const before = Object.keys(cluster.controller.store.data.deployments).length;
    const res = await berth(['agents', 'drain', agentA]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/draining: no new instances; 1 instance\(s\) on it move elsewhere/);
    // The move is a scale deployment.
    await waitFor('the move to start', () => Object.keys(cluster.controller.store.data.deployments).length > before);
    const move = Object.values(cluster.controller.store.data.deployments).find((d) => d.app === app && d.request.kind === 'scale');
    expect((await waitForEnd(cluster.controller, move?.id as string)).state).toBe('succeeded');
    expect(routedAgents()).toEqual([agentB, agentB]);
    expect((await routedAnswers(cluster, app)).sort()).toEqual(['web-1', 'web-2']);
  });

  it('with both drained, the move fails and what serves stays as it was', async () => {
    const serving = cluster.controller.store.data.apps[app]?.routed?.instanceIds;
    const before = Object.keys(cluster.controller.store.data.deployments).length;
    expect((await berth(['agents', 'drain', agentB])).code).toBe(0);
    await waitFor('the move to start', () => Object.keys(cluster.controller.store.data.deployments).length > before);
    const move = Object.values(cluster.controller.store.data.deployments)
      .filter((d) => d.app === app && d.request.kind === 'scale')
      .sort((a, b) => b.createdAtMs - a.createdAtMs)[0];
    const ended = await waitForEnd(cluster.controller, move?.id as string);
    expect(ended.state).toBe('failed');
    expect(ended.failure?.reason).toMatch(/draining/);
    expect(cluster.controller.store.data.apps[app]?.routed?.instanceIds).toEqual(serving);
    expect(await routedAnswers(cluster, app)).toHaveLength(2);
    // Undrained, B takes instances again.
    expect((await berth(['agents', 'undrain', agentB])).stdout).toMatch(/ready: it takes new instances again/);
  });
});
