/**
 * Scheduled runs against real Docker and NATS, with per-second schedules: runs start on time,
 * each concurrency policy holds, a failure is an event, a metric and a signed notification, and
 * times missed while no controller was up are recorded (the latest still in time starts once).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../controller/core/hook-signature.js';
import type { RunRecord } from '../../controller/core/run.js';
import type { AppSpecInput } from '../../shared/app-spec.js';
import { specText } from '../helpers/app-specs.js';
import { runBerth } from '../helpers/berth-cli.js';
import { CLI, startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { ensureTestImage, TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const apps: string[] = [];
let cluster: Cluster;
let server: Server;
let receiverUrl: string;
const received: Array<{ body: string; event: string | undefined; signature: string | undefined }> = [];

beforeAll(async () => {
  await ensureTestImage();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        event: req.headers['x-berth-event'] as string | undefined,
        signature: req.headers['x-berth-signature-256'] as string | undefined,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/berth`;
  cluster = await startCluster({ stabilityWindow: '0s' });
  await cluster.startAgent(`sched-${suffix}`);
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await Promise.all(apps.map(removeAppContainers));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

type Schedule = NonNullable<AppSpecInput['schedules']>[number];

/** An app with one web instance, deployed, and these schedules. */
async function appWith(name: string, schedules: Schedule[]): Promise<string> {
  const app = `${name}-${suffix}`;
  apps.push(app);
  applySpec(
    cluster.controller,
    specText({ name: app, drain: '0s', services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 1 } } }),
  );
  expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
  applySpec(
    cluster.controller,
    specText({ name: app, drain: '0s', schedules, services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 1 } } }),
  );
  return app;
}

const runsOf = (app: string): RunRecord[] => Object.values(cluster.controller.store.data.runs).filter((r) => r.app === app);
const going = (app: string) => runsOf(app).filter((r) => r.state === 'starting' || r.state === 'running');
const everySecond = '* * * * * *';
const sleeper = ['sh', '-c', 'trap "exit 0" TERM; sleep 30 & wait'];

/** Removes an app's schedules (its runs keep going until they end). */
function unschedule(app: string): void {
  const spec = cluster.controller.store.data.apps[app]?.spec;
  if (spec) applySpec(cluster.controller, specText({ ...spec, schedules: [] } as unknown as AppSpecInput));
}

describe('scheduled runs', { timeout: 90_000 }, () => {
  it('start on time as runs of the routed release, each in berth runs with its exit status', async () => {
    const app = await appWith('tick', [{ name: 'tick', cron: everySecond, command: 'echo tick $CONTAINER' }]);
    await waitFor('three scheduled runs to succeed', () => runsOf(app).filter((r) => r.state === 'succeeded').length >= 3, 20_000);
    unschedule(app);
    const list = JSON.parse((await berth(['runs', app, '--json'])).stdout) as Array<{ startedBy: string; schedule: string; state: string; exitCode: number }>;
    expect(list.filter((r) => r.state === 'succeeded').length).toBeGreaterThanOrEqual(3);
    expect(list[list.length - 1]).toMatchObject({ startedBy: 'schedule:tick', schedule: 'tick', exitCode: 0 });
    const first = runsOf(app).find((r) => r.state === 'succeeded');
    expect(first?.output).toEqual([{ stream: 'stdout', text: `tick run-${first?.id}` }]);
    // Each due second started one run at most: a run for second k cannot start before k, so two in
    // one wall-clock second would be one time started twice (how late a loaded machine ticks is not
    // asserted: that is a timing, not a behaviour).
    const seconds = runsOf(app).map((r) => Math.floor(r.createdAtMs / 1000));
    expect(new Set(seconds).size).toBe(seconds.length);
  });

  it('concurrency forbid: a run still going makes the next ones skip', async () => {
    const app = await appWith('forbid', [{ name: 'long', cron: everySecond, command: sleeper, concurrency: 'forbid' }]);
    await waitFor('a run to go', () => going(app).length === 1, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(runsOf(app)).toHaveLength(1);
    unschedule(app);
    await berth(['runs', 'stop', runsOf(app)[0]?.id as string]);
  });

  it('concurrency allow: runs overlap', async () => {
    const app = await appWith('allow', [{ name: 'long', cron: everySecond, command: sleeper, concurrency: 'allow' }]);
    await waitFor('three runs at once', () => going(app).length >= 3, 20_000);
    unschedule(app);
    for (const run of going(app)) await berth(['runs', 'stop', run.id]);
  });

  it('concurrency replace: the run going is stopped for the new one', async () => {
    const app = await appWith('replace', [{ name: 'long', cron: everySecond, command: sleeper, concurrency: 'replace' }]);
    await waitFor('two runs replaced', () => runsOf(app).filter((r) => r.state === 'stopped').length >= 2, 30_000);
    unschedule(app);
    // A run replaced a moment ago may still be on its way down (SIGTERM, then its exit report): on a
    // loaded machine two were seen going for that moment. Once it is down, at most one goes.
    await waitFor('at most one run going', () => going(app).length <= 1, 15_000);
    for (const run of going(app)) await berth(['runs', 'stop', run.id]);
  });

  it('a failure is an event, a metric and a signed notification to the app’s URLs', async () => {
    const app = await appWith('fails', [{ name: 'broken', cron: everySecond, command: 'echo oops >&2; exit 3' }]);
    const secret = /signing secret: (\S+)/.exec((await berth(['notify', app, '--add', receiverUrl])).stdout)?.[1] as string;
    const events = spawn(process.execPath, [CLI, 'events', '--app', app, '--json'], {
      env: {
        ...process.env,
        BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`,
        BERTH_TOKEN: cluster.controller.adminToken,
        BERTH_CONFIG: '/nonexistent/berth.json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    events.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor('a run event', () => /"kind":"run"/.test(out), 20_000);
      await waitFor('a run notice', () => received.some((r) => r.event === 'run' && r.body.includes(app)), 20_000);
    } finally {
      events.kill('SIGINT');
      unschedule(app);
    }
    const event = out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { kind: string; state: string; message: string })
      .find((e) => e.kind === 'run');
    expect(event).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/^schedule broken: \/bin\/sh -c echo oops >&2; exit 3 failed: exited with status 3$/),
    });
    const notice = received.find((r) => r.event === 'run' && r.body.includes(app));
    expect(notice?.signature).toBe(`sha256=${hmacSha256Hex(secret, Buffer.from(notice?.body ?? ''))}`);
    expect(JSON.parse(notice?.body ?? '{}')).toMatchObject({
      event: 'run',
      app,
      schedule: 'broken',
      state: 'failed',
      exitCode: 3,
      reason: 'exited with status 3',
    });
    const metrics = await (await fetch(`http://127.0.0.1:${cluster.controller.httpPort}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`berth_runs_total\\{app="${app}",trigger="schedule",result="failed"\\} [1-9]`));
  });

  it('times due while no controller was up: the latest in time starts once, the rest are recorded as missed', async () => {
    // The deadline leaves room for a slow start (a loaded CI machine took over 2 s): the catch-up
    // is decided at the first tick after it, and the schedule is gone soon after.
    // concurrency allow: a run started just before the stop and not yet ended when the controller
    // is back (a loaded machine) would make forbid skip the catch-up, rightly.
    const app = await appWith('missed', [{ name: 'beat', cron: everySecond, command: 'true', startingDeadline: '5s', concurrency: 'allow' }]);
    await waitFor('a first run', () => runsOf(app).some((r) => r.state === 'succeeded'), 20_000);
    await cluster.stopController();
    await new Promise((resolve) => setTimeout(resolve, 9000));
    const restartedAt = Date.now();
    await cluster.startController();
    await waitFor('a missed record', () => runsOf(app).some((r) => r.state === 'missed'), 10_000);
    unschedule(app);
    const missed = runsOf(app).filter((r) => r.state === 'missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]?.reason).toMatch(/^\d+ runs due from \S+ to \S+ while no controller was up; past its starting deadline$/);
    // The catch-up run: started at the restart, for the latest time still within 5 s.
    await waitFor('the catch-up run', () => runsOf(app).some((r) => r.state !== 'missed' && r.createdAtMs >= restartedAt), 10_000);
  });
});
