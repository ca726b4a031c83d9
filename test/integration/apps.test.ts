import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const agentId = `apps-${suffix}`;
let cluster: Cluster;
let dir: string;

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.startAgent(agentId);
  dir = await mkdtemp(join(tmpdir(), 'berth-apps-'));
});

afterAll(async () => {
  await cluster?.close();
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

const SPEC = `
name: shop
domains: [shop.example.com]
env: { RAILS_ENV: production }
postdeploy: echo migrated
services:
  web: { image: ${TEST_IMAGE}, port: 8080, scale: 2, health: { path: /index.html } }
  worker: { image: ${TEST_IMAGE}, command: sleep 3600 }
`;

describe('berth apps', () => {
  it('apply creates, then reports unchanged, then updated', async () => {
    const file = join(dir, 'shop.yml');
    await writeFile(file, SPEC);
    const created = await berth(['apps', 'apply', '-f', file]);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('app shop created (services: web, worker; domains: shop.example.com)');
    expect((await berth(['apps', 'apply', '-f', file])).stdout).toMatch(/^app shop unchanged/);
    await writeFile(file, SPEC.replace('scale: 2', 'scale: 3'));
    expect((await berth(['apps', 'apply', '-f', file])).stdout).toMatch(/^app shop updated/);
    expect(cluster.controller.store.data.apps.shop?.spec.services.web?.scale).toBe(3);
  });

  it('an invalid spec changes nothing and lists every problem with its path', async () => {
    const file = join(dir, 'bad.yml');
    await writeFile(file, SPEC.replace('port: 8080', 'port: 70000').replace(`image: ${TEST_IMAGE}, command`, 'command'));
    const res = await berth(['apps', 'apply', '-f', file]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('services.web.port: must be 1-65535');
    expect(res.stderr).toContain('services.worker: give either image or git, not both and not neither');
    expect(res.stderr).toMatch(/\[INVALID_ARGUMENT\]$/m);
    expect(cluster.controller.store.data.apps.shop?.spec.services.web?.port).toBe(8080);
  });

  it('list and show print what was applied, with defaults filled in', async () => {
    const list = await berth(['apps', 'list']);
    expect(list.stdout).toMatch(/^NAME\s+SERVICES\s+DOMAINS\s+RELEASE/m);
    // Not deployed yet: no release.
    expect(list.stdout).toMatch(/^shop\s+web,worker\s+shop\.example\.com\s+-$/m);
    const json = JSON.parse((await berth(['apps', 'list', '--json'])).stdout) as unknown[];
    expect(json).toContainEqual({ name: 'shop', services: ['web', 'worker'], domains: ['shop.example.com'], release: null });
    const show = await berth(['apps', 'show', 'shop', '--json']);
    const spec = JSON.parse(show.stdout) as { drain: number; postdeployTimeout: number; services: Record<string, { health: { bootTimeout: number } }> };
    expect(spec.drain).toBe(10_000);
    expect(spec.postdeployTimeout).toBe(1_200_000);
    expect(spec.services.web?.health.bootTimeout).toBe(60_000);
    const missing = await berth(['apps', 'show', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no app "nope" \(apps: shop\) \[NOT_FOUND\]/);
  });

  it('delete removes the app, its instances and its Traefik file', async () => {
    const instanceId = `shop-web-${suffix}`;
    const started = await cluster.controller.dispatcher.run({
      kind: 'start-instance',
      agentId,
      spec: { instanceId, app: 'shop', service: 'web', release: 'v1', image: TEST_IMAGE, containerPort: 8080 },
    });
    expect(started.status).toBe('ok');
    await writeFile(
      join(cluster.controller.config.traefikDir, 'shop.yml'),
      'http: {routers: {r: {rule: "Host(`shop.example.com`)", service: s}}, services: {s: {loadBalancer: {servers: [{url: "http://127.0.0.1:1"}]}}}}\n',
    );
    const res = await berth(['apps', 'delete', 'shop']);
    expect(res.stdout.trim()).toBe('app shop deleted: 1 instance(s) removed, routes removed');
    expect(cluster.controller.store.data.apps.shop).toBeUndefined();
    await waitFor('the container gone', async () => (await docker('ps', '-aq', '--filter', `label=berth.instance=${instanceId}`)) === '');
    expect((await berth(['apps', 'list'])).stdout).toMatch(/no apps yet/);
  });
});
