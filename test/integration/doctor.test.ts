/** `berth doctor` against a real controller, NATS and Docker: all passing, then each failure with its fix. */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, type Cluster } from '../helpers/cluster.js';
import { freePort } from '../helpers/free-port.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

interface Report {
  ok: boolean;
  checks: Array<{ check: string; status: string; detail: string; fix?: string }>;
}

const doctor = async (extra: string[] = [], token = cluster.controller.adminToken) => {
  const res = await runBerth([
    'doctor',
    '--addr',
    `127.0.0.1:${cluster.controller.grpcPort}`,
    '--token',
    token,
    '--nats',
    cluster.nats.url,
    '--http',
    `http://127.0.0.1:${cluster.controller.httpPort}`,
    '--data-dir',
    '/nonexistent/agent',
    '--json',
    ...extra,
  ]);
  return { code: res.code, report: JSON.parse(res.stdout) as Report, stderr: res.stderr };
};
const statusOf = (report: Report) => Object.fromEntries(report.checks.map((c) => [c.check, c.status]));

describe('berth doctor', { timeout: 60_000 }, () => {
  it('passes every check on a healthy host, exit 0', async () => {
    const port = await freePort();
    const { code, report } = await doctor(['--ports', String(port)]);
    expect(statusOf(report)).toEqual({
      node: 'pass',
      docker: 'pass',
      disk: 'pass',
      nats: 'pass',
      controller: 'pass',
      token: 'pass',
      clock: 'pass',
      [`port ${port}`]: 'pass',
    });
    expect(report.ok).toBe(true);
    expect(code).toBe(0);
    expect(report.checks.find((c) => c.check === 'docker')?.detail).toMatch(/^Docker Engine \S+ at unix:\/\/\/var\/run\/docker.sock$/);
  });

  it('says what failed and what to do, exit 1', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '0.0.0.0', resolve));
    const busyPort = (busy.address() as { port: number }).port;
    try {
      const { code, report } = await doctor(['--ports', String(busyPort), '--nats', `nats://127.0.0.1:${await freePort()}`], 'not-a-token');
      expect(code).toBe(1);
      expect(report.ok).toBe(false);
      const byName = Object.fromEntries(report.checks.map((c) => [c.check, c]));
      expect(byName.nats).toMatchObject({
        status: 'fail',
        detail: expect.stringMatching(/^cannot reach NATS at nats:\/\/127.0.0.1:\d+/),
        fix: expect.stringMatching(/nats-server -js/),
      });
      expect(byName.token).toMatchObject({ status: 'fail', fix: expect.stringMatching(/berth controller token/) });
      expect(byName[`port ${busyPort}`]).toMatchObject({ status: 'fail', detail: 'in use', fix: expect.stringMatching(/ss -ltnp/) });
      expect(byName.docker?.status).toBe('pass');
    } finally {
      busy.close();
    }
  });

  it('a controller nobody answers at: that check fails, the ones needing it are skipped; the text report has one line per check', async () => {
    const res = await runBerth(['doctor', '--addr', `127.0.0.1:${await freePort()}`, '--nats', cluster.nats.url, '--data-dir', '/nonexistent/agent']);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^FAIL {2}controller +127\.0\.0\.1:\d+: connection refused$/m);
    expect(res.stdout).toMatch(/^ +→ is berth controller running there\?/m);
    expect(res.stdout).toMatch(/^skip {2}token +needs the controller$/m);
    expect(res.stdout).toMatch(/^ok {4}nats /m);
    expect(res.stdout.trim().split('\n').at(-1)).toBe('1 check failed');
  });
});
