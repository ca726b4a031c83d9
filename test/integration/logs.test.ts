/**
 * `berth logs` end to end: a real app on a real agent prints lines; the CLI reads them back through
 * the controller and the agent (NATS, Docker), by instance, as JSON, and following new lines.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { CLI, startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { ensureTestImage, TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `logs-${suffix}`;
let cluster: Cluster;

beforeAll(async () => {
  await ensureTestImage();
  cluster = await startCluster({ stabilityWindow: '0s' });
  await cluster.startAgent(`logs-${suffix}`);
  // Each web instance says hello, then ticks every 300 ms beside its HTTP server; stderr too.
  const web =
    'echo "hello from $CONTAINER"; echo "warning from $CONTAINER" >&2; (i=0; while true; do i=$((i+1)); echo "tick $i $CONTAINER"; sleep 0.3; done) & mkdir -p /w && echo ok > /w/index.html && exec httpd -f -p $PORT -h /w';
  applySpec(
    cluster.controller,
    specText({ name: app, drain: '0s', services: { web: { image: TEST_IMAGE, command: web, port: 8080, scale: 2, health: { path: '/index.html' } } } }),
  );
  await deploy(cluster.controller, app);
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

const env = () => ({ BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });
const berth = (args: string[]) => runBerth(args, env());

describe('berth logs', { timeout: 60_000 }, () => {
  it("prints every instance's output, named by container, stdout and stderr", async () => {
    const res = await berth(['logs', app]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^web-1 \| hello from web-1$/m);
    expect(res.stdout).toMatch(/^web-2 \| hello from web-2$/m);
    expect(res.stdout).toMatch(/^web-2 \| warning from web-2$/m);
    expect(res.stdout).toMatch(/^web-1 \| tick \d+ web-1$/m);
  });

  it('--instance, --tail and --json narrow and shape it', async () => {
    // The last three lines are ticks once web-2 has ticked three times (every 300 ms after its hello).
    await waitFor('web-2 to tick three times', async () => /tick 3 web-2/.test((await berth(['logs', app, '--instance', 'web-2'])).stdout), 15_000, 200);
    const res = await berth(['logs', app, '--instance', 'web-2', '--tail', '3', '--json']);
    expect(res.code).toBe(0);
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { container: string; service: string; stream: string; atMs: number; text: string });
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line).toMatchObject({ container: 'web-2', service: 'web', stream: 'stdout', text: expect.stringMatching(/^tick \d+ web-2$/) });
    // Docker's own timestamps, within the last minute.
    expect(Math.abs(Date.now() - (lines[0]?.atMs ?? 0))).toBeLessThan(60_000);
  });

  it('-f follows new lines until Ctrl-C, and a read-only token may read', async () => {
    const token = (await berth(['tokens', 'create', `logs-${suffix}`, '--read-only'])).stdout.trim();
    const child = spawn(process.execPath, [CLI, 'logs', app, '--service', 'web', '--tail', '1', '-f'], {
      env: { ...process.env, ...env(), BERTH_TOKEN: token, BERTH_CONFIG: '/nonexistent/berth.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const ticks = () => [...out.matchAll(/^web-1 \| tick (\d+) web-1$/gm)].map((m) => Number(m[1]));
    await waitFor('three new ticks of web-1', () => ticks().length >= 4, 20_000);
    const seen = ticks();
    // Consecutive: nothing was dropped between the first and the last.
    expect(seen.slice(1)).toEqual(seen.slice(1).map((_, i) => (seen[1] as number) + i));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('an unknown service or an app without instances is a clear error', async () => {
    const unknown = await berth(['logs', app, '--service', 'api']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/has no service api \(services: web\) \[INVALID_ARGUMENT\]/);
    applySpec(cluster.controller, specText({ name: `idle-${suffix}`, services: { web: { image: TEST_IMAGE } } }));
    const none = await berth(['logs', `idle-${suffix}`]);
    expect(none.stderr).toMatch(/no instances of idle-.* on any agent; berth deploy idle-.* starts them \[NOT_FOUND\]/);
  });
});
