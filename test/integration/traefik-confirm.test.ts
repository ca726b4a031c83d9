/**
 * The confirmed switch, with real Traefiks: one on the file provider, one polling the controller's
 * HTTP provider with its token. Draining starts only once every Traefik API given to the
 * controller lists the new servers; a Traefik that never confirms keeps the old instances running;
 * without any API the controller waits its settle time; and each deployment records what it waited for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { answersThroughTraefik, applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { docker } from '../helpers/exec.js';
import { freePort } from '../helpers/free-port.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `confirm-${suffix}`;
const domain = `${app}.example.test`;
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '300ms', traefikToken: `tok-${suffix}`, httpProviderTraefik: { pollInterval: '1s' } });
  await cluster.startAgent(`confirm-a-${suffix}`);
  applySpec(
    cluster.controller,
    specText({
      name: app,
      domains: [domain],
      drain: '0s',
      services: {
        web: {
          image: TEST_IMAGE,
          command: 'mkdir -p /tmp/www && echo "$BERTH_RELEASE" > /tmp/www/index.html && exec httpd -f -p $PORT -h /tmp/www',
          port: 8080,
          scale: 2,
          health: { path: '/index.html', bootTimeout: '20s' },
        },
      },
    }),
  );
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

/** Running containers of this app's release (other files run apps with the same release names). */
const running = async (release: string) =>
  (await docker('ps', '-q', '--filter', `label=berth.app=${app}`, '--filter', `label=berth.release=${release}`)).split('\n').filter(Boolean).length;

describe('confirmed switch', { timeout: 120_000 }, () => {
  it('both Traefiks (file and HTTP provider) confirm before draining; both route to the new release', async () => {
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('succeeded');
    expect(d.routing?.settleMs).toBeNull();
    expect(d.routing?.traefiks.map((t) => ({ api: t.api, confirmed: t.confirmed }))).toEqual(cluster.traefiks.map((t) => ({ api: t.api, confirmed: true })));
    const routingAt = d.history.find((h) => h.state === 'routing')?.atMs ?? 0;
    const drainingAt = d.history.find((h) => h.state === 'draining')?.atMs ?? 0;
    // The HTTP provider's Traefik polls once a second: draining waited for it.
    expect(drainingAt - routingAt).toBeGreaterThanOrEqual(Math.max(...(d.routing?.traefiks.map((t) => t.ms) ?? [0])));
    for (const traefik of cluster.traefiks) expect(await answersThroughTraefik(traefik, domain, 2)).toEqual(['v1']);
    expect(d.warnings).toEqual([]);
  });

  it('a Traefik that never confirms: the new release serves, the old instances are kept running, and the deployment says why', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    await cluster.stopController();
    await cluster.startController({ traefikApis: [...cluster.traefiks.map((t) => t.api), dead], traefikConfirmTimeoutMs: 5000 });
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('succeeded');
    const unconfirmed = d.routing?.traefiks.find((t) => t.api === dead);
    expect(unconfirmed).toMatchObject({ confirmed: false, detail: expect.stringMatching(/cannot read Traefik's API at http:\/\/127\.0\.0\.1:\d+/) });
    expect(unconfirmed?.ms).toBeGreaterThanOrEqual(5000);
    // The real ones confirmed (the file provider may wait out its 2 s throttle).
    expect(d.routing?.traefiks.filter((t) => t.confirmed).map((t) => t.api)).toEqual(cluster.traefiks.map((t) => t.api));
    expect(d.warnings).toEqual([expect.stringMatching(new RegExp(`^draining: kept 2 old instance\\(s\\) running: ${dead} did not confirm the new routes`))]);
    expect(d.output.join('\n')).toMatch(/routes NOT confirmed: .* did not confirm within/);
    // The Traefiks that did load it route to v2 only; v1 keeps running for the one that may not have.
    for (const traefik of cluster.traefiks) expect(await answersThroughTraefik(traefik, domain, 2)).toEqual(['v2']);
    expect(await running('v1')).toBe(2);
  });

  it('the next deployment confirmed by every Traefik retires what was kept', async () => {
    await cluster.stopController();
    await cluster.startController({ traefikApis: cluster.traefiks.map((t) => t.api) });
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('succeeded');
    expect(d.warnings).toEqual([]);
    expect([await running('v1'), await running('v2'), await running('v3')]).toEqual([0, 0, 2]);
    for (const traefik of cluster.traefiks) expect(await answersThroughTraefik(traefik, domain, 2)).toEqual(['v3']);
  });

  it('without a Traefik API: the settle time is waited before draining, and recorded', async () => {
    await cluster.stopController();
    await cluster.startController({ traefikApis: [], traefikSettleMs: 1500 });
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('succeeded');
    expect(d.routing).toMatchObject({ settleMs: 1500, traefiks: [] });
    const routingAt = d.history.find((h) => h.state === 'routing')?.atMs ?? 0;
    const drainingAt = d.history.find((h) => h.state === 'draining')?.atMs ?? 0;
    expect(drainingAt - routingAt).toBeGreaterThanOrEqual(1500);
    expect(d.output).toContain('--> routes written; waited 1.5s for Traefik to load them (no --traefik-api to confirm with)');
    expect(await answersThroughTraefik(cluster.traefik, domain, 2)).toEqual(['v4']);
  });
});
