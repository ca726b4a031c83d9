/**
 * Routes follow what happens to routed instances between deployments: one that stops leaves the
 * Traefik file as soon as its agent reports it, and is back in the file once it runs again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { answersThroughTraefik, applySpec, deploy, fetchText, removeAppContainers, routedServers } from '../helpers/deployments.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `follow-${suffix}`;
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '300ms' });
  await cluster.startAgent(`follow-${suffix}`);
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

describe('routes follow routed instances', { timeout: 120_000 }, () => {
  it('an instance stopped outside Berth leaves the file, and is back once it runs again', async () => {
    applySpec(
      cluster.controller,
      specText({
        name: app,
        domains: [`${app}.example.test`],
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
    const [first] = cluster.controller.store.data.apps[app]?.routed?.instanceIds ?? [];
    const container = cluster.controller.store.data.instances[first as string]?.container as string;
    const id = await docker('ps', '-q', '--filter', `label=berth.instance=${first}`);
    const port = (await docker('port', id, '8080')).split(':').at(-1) as string;

    await docker('stop', '-t', '1', id);
    await waitFor(
      'the stopped instance to leave the file',
      async () => ((await servers()).some((url) => url.endsWith(`:${port}`)) ? undefined : true),
      10_000,
      100,
    );
    expect(await servers()).toHaveLength(1);
    // Traefik follows the file: it routes to the one instance left.
    await cluster.traefik.waitForServers(`${app}-web`, await servers());
    expect(await answersThroughTraefik(cluster.traefik, `${app}.example.test`, 2)).toHaveLength(1);

    await docker('start', id);
    await waitFor('both instances in the file again', async () => ((await servers()).length === 2 ? true : undefined), 10_000, 100);
    const answers = await Promise.all((await servers()).map((url) => waitFor(`${url} to answer`, () => fetchText(url).catch(() => undefined), 10_000, 100)));
    expect(answers.sort()).toEqual(['web-1', 'web-2']);
    await cluster.traefik.waitForServers(`${app}-web`, await servers());
    expect(await answersThroughTraefik(cluster.traefik, `${app}.example.test`, 2)).toEqual(['web-1', 'web-2']);
    expect(container).toMatch(/^web-[12]$/);
  });
});
