/**
 * Abuse: app specs chosen to break things. Names, domains and service names with backticks,
 * quotes, `{{`, newlines, path separators or absurd lengths must be refused before they reach a
 * Traefik file, a container name or a label (nothing stored, no file written); env values with
 * newlines, quotes and shell characters must reach the container byte for byte.
 */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers, routedServers } from '../helpers/deployments.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { recordFault } from './fault-report.js';

const suffix = uniqueSuffix();
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms' });
  await cluster.startAgent(`hostile-${suffix}`);
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(`weird-${suffix}`);
});

const web = { image: TEST_IMAGE, port: 8080 };
const HOSTILE: Array<[string, unknown]> = [
  ['a name with a backtick', { name: 'shop`', services: { web } }],
  ['a name with a quote', { name: 'sh"op', services: { web } }],
  ['a name with {{', { name: 'shop{{.x}}', services: { web } }],
  ['a name with a newline', { name: 'shop\nx', services: { web } }],
  ['a name with a path separator', { name: '../shop', services: { web } }],
  ['a 300-character name', { name: 'a'.repeat(300), services: { web } }],
  ['a domain with a backtick', { name: 'hostile-a', domains: ['shop`) || Host(`evil.com'], services: { web } }],
  ['a domain with {{', { name: 'hostile-b', domains: ['{{ .Env.SECRET }}.example.com'], services: { web } }],
  ['a domain with a newline', { name: 'hostile-c', domains: ['shop.example.com\n  evil: true'], services: { web } }],
  ['a domain with a quote', { name: 'hostile-d', domains: ['shop".example.com'], services: { web } }],
  ['a domain with a path', { name: 'hostile-e', domains: ['shop.example.com/../x'], services: { web } }],
  ['a 300-character domain', { name: 'hostile-f', domains: [`${'a'.repeat(300)}.com`], services: { web } }],
  ['a service name with a path separator', { name: 'hostile-g', services: { 'we/b': web } }],
  ['a service name with a backtick', { name: 'hostile-h', services: { 'web`': web } }],
  ['an env name with a newline', { name: 'hostile-i', env: { 'A\nB': 'x' }, services: { web } }],
  ['an env name with =', { name: 'hostile-j', env: { 'A=B': 'x' }, services: { web } }],
  ['a label value with a newline', { name: 'hostile-k', services: { web: { ...web, placement: { labels: { region: 'eu\nx' } } } } }],
];

describe('abuse: hostile app specs', { timeout: 120_000 }, () => {
  it('every hostile name, domain or service is refused before it reaches a file, a container or a label', async () => {
    const lost: string[] = [];
    const traefikBefore = await readdir(cluster.controller.config.traefikDir).catch(() => []);
    const appsBefore = Object.keys(cluster.controller.store.data.apps).sort();
    const dir = await mkdtemp(join(tmpdir(), 'berth-hostile-'));
    for (const [n, [what, spec]] of HOSTILE.entries()) {
      const file = join(dir, `spec-${n}.json`);
      await writeFile(file, JSON.stringify(spec));
      const res = await runBerth(['apps', 'apply', '-f', file], {
        BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`,
        BERTH_TOKEN: cluster.controller.adminToken,
      });
      if (res.code !== 1 || !/INVALID_ARGUMENT/.test(res.stderr)) lost.push(`${what}: exit ${res.code} ${res.stderr.trim().slice(0, 120)}`);
    }
    if (JSON.stringify(Object.keys(cluster.controller.store.data.apps).sort()) !== JSON.stringify(appsBefore)) lost.push('an app was stored');
    if (JSON.stringify(await readdir(cluster.controller.config.traefikDir).catch(() => [])) !== JSON.stringify(traefikBefore))
      lost.push('a Traefik file was written');
    recordFault({ fault: 'hostile names, domains and service names in app specs', injected: HOSTILE.length, held: HOSTILE.length - lost.length, lost });
    expect(lost).toEqual([]);
  });

  it('env values with newlines, quotes and shell characters reach the container byte for byte', async () => {
    const app = `weird-${suffix}`;
    const value = 'line one\nline "two" \'three\' $HOME `id` \\ {{.x}} ; rm -rf / # ünï';
    applySpec(
      cluster.controller,
      JSON.stringify({
        name: app,
        domains: [`${app}.example.test`],
        drain: '0s',
        env: { WEIRD: value },
        services: {
          web: {
            image: TEST_IMAGE,
            command: 'mkdir -p /tmp/www && printf %s "$WEIRD" > /tmp/www/weird && exec httpd -f -p $PORT -h /tmp/www',
            port: 8080,
            health: { path: '/weird' },
          },
        },
      }),
    );
    const d = await deploy(cluster.controller, app);
    const servers = (await routedServers(cluster.controller, app))[`${app}-web`] ?? [];
    const body = d.state === 'succeeded' && servers[0] ? Buffer.from(await (await fetch(`${servers[0]}/weird`)).arrayBuffer()) : Buffer.alloc(0);
    const same = body.equals(Buffer.from(value));
    recordFault({
      fault: 'env values with newlines, quotes and shell characters',
      injected: 1,
      held: same ? 1 : 0,
      lost: same ? [] : [`the container saw ${JSON.stringify(body.toString())}`],
    });
    expect(body.toString()).toBe(value);
  });
});
