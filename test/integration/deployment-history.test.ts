/** History is bounded: with --deployment-history 2, an app keeps its two newest ended deployments. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `hist-${suffix}`;
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms', deploymentHistory: 2, stateStore: 'journal' });
  await cluster.startAgent(`hist-${suffix}`);
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

describe('deployment history', { timeout: 120_000 }, () => {
  it('keeps the newest ended deployments per app, as many as --deployment-history says, also after a restart', async () => {
    applySpec(
      cluster.controller,
      specText({ name: app, drain: '0s', services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /etc', port: 8080 } } }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await deploy(cluster.controller, app);
      expect(d.state).toBe('succeeded');
      ids.push(d.id);
    }
    const kept = () =>
      Object.values(cluster.controller.store.data.deployments)
        .filter((d) => d.app === app)
        .map((d) => d.id)
        .sort();
    expect(kept()).toEqual(ids.slice(-2).sort());
    // Releases stay for rollback.
    expect(Object.values(cluster.controller.store.data.releases).filter((r) => r.app === app)).toHaveLength(3);
    await cluster.stopController();
    await cluster.startController();
    expect(kept()).toEqual(ids.slice(-2).sort());
  });
});
