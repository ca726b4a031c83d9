import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers, routedAnswers, routedServers, waitForEnd } from '../helpers/deployments.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const [keeperId, lostId] = [`lost-a-${suffix}`, `lost-b-${suffix}`];
const app = `lost-${suffix}`;
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '300ms', heartbeatTtl: '2s', stateStore: 'journal' });
  await cluster.startAgent(keeperId);
  await cluster.startAgent(lostId);
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

describe('an agent lost while it serves', { timeout: 120_000 }, () => {
  it('its instances leave the Traefik file at once and are replaced on another agent', async () => {
    applySpec(
      cluster.controller,
      specText({
        name: app,
        domains: [`${app}.example.test`],
        drain: '0s',
        services: {
          web: {
            image: TEST_IMAGE,
            command: 'mkdir -p /tmp/w && echo "$CONTAINER" > /tmp/w/index.html && exec httpd -f -p $PORT -h /tmp/w',
            port: 8080,
            scale: 2,
            health: { path: '/index.html' },
          },
        },
      }),
    );
    expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
    const servers = async () => (await routedServers(cluster.controller, app))[`${app}-web`] ?? [];
    expect(await servers()).toHaveLength(2);
    const onLost = cluster.controller.store.data.apps[app]?.routed?.instanceIds.find((id) => cluster.controller.store.data.instances[id]?.agentId === lostId);
    const lostPort = cluster.controller.store.data.agents[lostId]?.instances[onLost as string]?.hostPort;

    await cluster.agents.find((a) => a.id === lostId)?.kill('SIGKILL');
    // Down after the TTL; its server leaves the file in the same sweep.
    await waitFor('the lost agent to leave the routes', async () => !(await servers()).some((url) => url.endsWith(`:${lostPort}`)), 10_000);

    // A scale deployment puts the replica back, on the agent that is left.
    await waitFor('two servers again', async () => (await servers()).length === 2, 60_000);
    // The file is visible a moment before the routed set is recorded (the write's directory
    // fsync), and before Traefik confirms: the deployment's end is when both hold.
    const scale = Object.values(cluster.controller.store.data.deployments).find((d) => d.app === app && d.request.kind === 'scale');
    expect((await waitForEnd(cluster.controller, scale?.id as string)).state).toBe('succeeded');
    const replaced = cluster.controller.store.data.apps[app]?.routed?.instanceIds ?? [];
    expect(replaced.map((id) => cluster.controller.store.data.instances[id]?.agentId)).toEqual([keeperId, keeperId]);
    expect((await routedAnswers(cluster, app)).sort()).toEqual(['web-1', 'web-2']);
  });

  it('an agent lost while its new instances are verified: they are placed on another agent and the deployment succeeds', async () => {
    const slowApp = `${app}-slow`;
    const late = await cluster.startAgent(`lost-c-${suffix}`);
    applySpec(
      cluster.controller,
      specText({
        name: slowApp,
        domains: [`${slowApp}.example.test`],
        drain: '0s',
        // Listens only after 6 s: the deployment is still verifying when the agent dies.
        services: {
          web: {
            image: TEST_IMAGE,
            command: 'sleep 6; mkdir -p /tmp/w && echo "$CONTAINER" > /tmp/w/index.html && exec httpd -f -p $PORT -h /tmp/w',
            port: 8080,
            scale: 2,
            health: { path: '/index.html', bootTimeout: '40s' },
          },
        },
      }),
    );
    const d = cluster.controller.runner.request(slowApp, { kind: 'deploy', services: [], refs: {}, withPostdeploy: true });
    await waitFor('verifying', () => cluster.controller.store.data.deployments[d.id]?.state === 'verifying', 30_000);
    expect(cluster.controller.store.data.deployments[d.id]?.plan?.start.map((i) => i.agentId).sort()).toEqual([keeperId, late.id].sort());
    await late.kill('SIGKILL');
    const end = await waitForEnd(cluster.controller, d.id);
    expect(end.failure).toBeNull();
    expect(end.plan?.start.map((i) => i.agentId)).toEqual([keeperId, keeperId]);
    expect(end.output.some((l) => l.includes(`${late.id} went down`))).toBe(true);
    expect((await routedAnswers(cluster, slowApp)).sort()).toEqual(['web-1', 'web-2']);
    await removeAppContainers(slowApp);
  });
});
