import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../controller/core/hook-signature.js';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `notify-${suffix}`;
let cluster: Cluster;
let server: Server;
let receiverUrl: string;
const received: Array<{ body: string; signature: string | undefined }> = [];
/** The receiver fails this many requests before it accepts one, to exercise retries. */
let failNext = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-berth-signature-256'] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/berth`;
  cluster = await startCluster({ stabilityWindow: '200ms' });
  await cluster.startAgent(`notify-${suffix}`);
  applySpec(cluster.controller, specText({ name: app, drain: '0s', services: { web: { image: TEST_IMAGE, port: 8080, scale: 1 } } }));
});

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

describe('deployment notifications', { timeout: 120_000 }, () => {
  it('every state change is POSTed, signed, in order, retried when the receiver fails; a dead URL holds nothing up', async () => {
    // A URL nothing listens on: its deliveries fail and retry beside the deployment.
    const dead = `http://127.0.0.1:1/nothing`;
    const res = await berth(['notify', app, '--add', receiverUrl, '--add', dead]);
    expect(res.code).toBe(0);
    const secret = /signing secret: (\S+)/.exec(res.stdout)?.[1] as string;
    expect(secret).toBeTruthy();

    failNext = 2;
    const started = Date.now();
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('succeeded');
    // The dead URL's retries (1 s, 2 s, 4 s, ...) did not hold the deployment up.
    expect(Date.now() - started).toBeLessThan(15_000);

    await waitFor('every notice to arrive', () => received.some((r) => JSON.parse(r.body).state === 'succeeded'), 30_000);
    const notices = received.map((r) => JSON.parse(r.body) as { deployment: string; state: string; status: string });
    expect(notices.map((n) => n.state)).toEqual(['queued', 'building', 'starting', 'verifying', 'routing', 'draining', 'succeeded']);
    expect(notices.map((n) => n.status)).toEqual(['queued', 'in_progress', 'in_progress', 'in_progress', 'in_progress', 'in_progress', 'succeeded']);
    expect(new Set(notices.map((n) => n.deployment))).toEqual(new Set([d.id]));
    for (const r of received) expect(r.signature).toBe(`sha256=${hmacSha256Hex(secret, Buffer.from(r.body))}`);

    const removed = await berth(['notify', app, '--remove', dead, '--remove', receiverUrl]);
    expect(removed.stdout).toMatch(/no notification URLs/);
  });

  it('a failed deployment is notified with its phase and reason', async () => {
    received.length = 0;
    await berth(['notify', app, '--add', receiverUrl]);
    applySpec(cluster.controller, specText({ name: app, drain: '0s', services: { web: { image: TEST_IMAGE, port: 8080, scale: 1, command: 'exit 4' } } }));
    const d = await deploy(cluster.controller, app);
    expect(d.state).toBe('failed');
    await waitFor('the failure notice', () => received.some((r) => JSON.parse(r.body).state === 'failed'), 30_000);
    const failed = received.map((r) => JSON.parse(r.body)).find((n: { state: string }) => n.state === 'failed');
    expect(failed).toMatchObject({ status: 'failed', phase: 'verifying', exitCode: 4 });
    expect(failed.reason).toMatch(/exited with code 4/);
  });
});
