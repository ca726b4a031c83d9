/**
 * The pieces of the "zero failed requests" suite, proven against real components without Berth:
 * two containers of the echo image (v1, v2), a real Traefik whose file provider names one of them,
 * and the load generator sending every kind of request through Traefik while the file switches
 * from v1 to v2 and v1 is then stopped with SIGTERM. Nothing may fail: Traefik moves new requests
 * at once, and v1's graceful shutdown lets the slow requests still in flight on it finish.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceFile } from '../../shared/replace-file.js';
import { ensureEchoImage, ECHO_IMAGE } from '../helpers/echo-image.js';
import { docker, run } from '../helpers/exec.js';
import { answeredBy, startLoad, summarizeLoad, type LoadReport } from '../helpers/load-generator.js';
import { startTraefik, type Traefik } from '../helpers/traefik.js';
import { waitFor } from '../helpers/wait-for.js';

const DOMAIN = 'echo.example.test';
const LABEL = 'berth.test.echo-load';
const runId = `${process.pid}-${randomBytes(3).toString('hex')}`;
let dir: string;
let traefik: Traefik | undefined;

interface Echo {
  id: string;
  /** http://127.0.0.1:PORT, the published port. */
  url: string;
}

/** Starts an echo container with these env vars; --rm unless `keep` (to read its exit code). */
async function startEcho(env: Record<string, string>, keep = false): Promise<Echo> {
  const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const id = await docker('run', '-d', ...(keep ? [] : ['--rm']), '--label', `${LABEL}=${runId}`, '-p', '127.0.0.1::8080', ...envArgs, ECHO_IMAGE);
  const port = (await docker('port', id, '8080/tcp')).split('\n')[0]?.split(':').pop();
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `echo ${env.BERTH_RELEASE ?? id} to listen on ${url}`,
    () =>
      fetch(`${url}/`).then(
        (r) => r.status > 0,
        () => false,
      ),
    10_000,
    50,
  );
  return { id, url };
}

/** Routes DOMAIN to `server` only; written whole (temp file, rename) as Berth writes its files. */
async function route(server: string): Promise<void> {
  const yaml = [
    'http:',
    '  routers:',
    '    echo:',
    `      rule: Host(\`${DOMAIN}\`)`,
    '      entryPoints: [web]',
    '      service: echo',
    '  services:',
    '    echo:',
    '      loadBalancer:',
    '        servers:',
    `          - url: ${server}`,
    '',
  ].join('\n');
  await replaceFile(join(dir, 'echo.yml'), { temp: join(dir, '.echo.yml.tmp'), mode: 0o644 }, (file) => file.writeFile(yaml).then(() => undefined));
}

/** `docker wait`, started before the container ends, gives the exit code even of an --rm container. */
function exitCodeOf(id: string): Promise<number> {
  return run('docker', ['wait', id], { timeoutMs: 60_000 }).then((out) => Number(out.trim()));
}

beforeAll(async () => {
  const started = Date.now();
  await ensureEchoImage();
  process.stdout.write(`echo image ready in ${Date.now() - started} ms\n`);
  dir = await mkdtemp(join(tmpdir(), 'berth-echo-load-'));
}, 300_000);

afterAll(async () => {
  await traefik?.stop();
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABEL}=${runId}`)).split('\n').filter(Boolean);
  if (ids.length) await docker('rm', '-f', ...ids);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the echo image and the load generator, through a real Traefik', () => {
  it('no request fails while Traefik moves from v1 to v2 and v1 stops gracefully', async () => {
    const [v1, v2] = await Promise.all([startEcho({ BERTH_RELEASE: 'v1', CONTAINER: 'web-1' }), startEcho({ BERTH_RELEASE: 'v2', CONTAINER: 'web-1' })]);
    await route(v1.url);
    traefik = await startTraefik({ fileDirectory: dir }, { throttle: '100ms' });
    await traefik.waitForServers('echo', [v1.url]);
    await waitFor('Traefik to answer for the domain', async () => (await traefik!.get(DOMAIN)).status === 200, 10_000, 50);

    const load = startLoad({ port: traefik.webPort, host: DOMAIN });
    let report: LoadReport;
    let v1Exit: Promise<number>;
    let stopStartedAt: number;
    let stopTookMs: number;
    try {
      // Let every kind get going on v1 (slow ones are in flight), then switch.
      await waitFor(
        'the load to reach v1',
        () => answeredBy(load.records(), 0, ['slow']).has('v1') && answeredBy(load.records(), 0, ['ws']).has('v1'),
        10_000,
        50,
      );
      load.mark('switch');
      await route(v2.url);
      await traefik.waitForServers('echo', [v2.url]);
      const switched = load.mark('switched');
      await new Promise((r) => setTimeout(r, 1000));
      v1Exit = exitCodeOf(v1.id);
      stopStartedAt = load.mark('stop v1').atMs;
      await docker('stop', v1.id);
      stopTookMs = Date.now() - stopStartedAt;
      load.mark('v1 stopped');
      // Some more load on v2 alone (the websocket reopens on it).
      await new Promise((r) => setTimeout(r, 1000));
      report = await load.stop();

      const summary = summarizeLoad(report.records, { originMs: report.startedAtMs, allowGoingAwayAfterMs: stopStartedAt });
      const marks = Object.fromEntries(report.marks.map((m) => [m.label, m.atMs - report.startedAtMs]));
      const keepAliveConnections = new Set(report.records.filter((r) => r.kind === 'keepalive').map((r) => r.connection)).size;
      const wsEvents = report.records
        .filter((r) => r.kind === 'ws' && r.event !== 'message')
        .map((r) => `${r.event}#${r.connection}@${r.doneAtMs - report.startedAtMs}${r.closeCode ? `:${r.closeCode}` : ''}`);
      process.stdout.write(
        `echo-load: ${JSON.stringify({ marks, stopTookMs, keepAliveConnections, wsEvents, kinds: summary.kinds, releases: summary.releases, failures: summary.failures })}\n`,
      );

      // Not one failure, and every kind was exercised.
      expect(summary.failures).toEqual([]);
      for (const kind of ['keepalive', 'fresh', 'slow', 'ws'] as const) {
        expect({ kind, sent: summary.kinds[kind].sent > 0, failed: summary.kinds[kind].failed }).toEqual({ kind, sent: true, failed: 0 });
      }
      // Sent after the switch was confirmed: v2 alone answered.
      expect([...answeredBy(report.records, switched.atMs)]).toEqual(['v2']);
      // One keep-alive connection to Traefik carried v1's answers, then v2's: Traefik routes per request.
      expect(summary.releases.keepalive.v1).toBeGreaterThan(0);
      expect(keepAliveConnections).toBe(1);
      // Slow requests routed to v1 before the switch were still running when it got SIGTERM, and finished there.
      const drained = report.records.filter((r) => r.kind === 'slow' && r.release === 'v1' && r.doneAtMs > stopStartedAt);
      expect(drained.length).toBeGreaterThan(0);
      // v1 exited 0 of its own accord, well within docker stop's 10 s before SIGKILL.
      expect(await v1Exit).toBe(0);
      expect(stopTookMs).toBeLessThan(9000);

      // The websocket opened on v1 stayed on v1 after the switch, got 1001 when v1 stopped, and reopened on v2.
      const ws = report.records.filter((r) => r.kind === 'ws');
      const closes = ws.filter((r) => r.event === 'close');
      expect(closes.map((c) => ({ code: c.closeCode, connection: c.connection, afterStop: c.doneAtMs >= stopStartedAt }))).toEqual([
        { code: 1001, connection: 1, afterStop: true },
      ]);
      const echoes = (connection: number, since = 0) =>
        new Set(ws.filter((r) => r.event === 'message' && r.ok && r.connection === connection && r.sentAtMs >= since).map((r) => r.release));
      expect([...echoes(1, switched.atMs)]).toEqual(['v1']);
      expect([...echoes(2)]).toEqual(['v2']);
    } finally {
      await load.stop().catch(() => undefined);
    }
  }, 60_000);

  it('UNHEALTHY=1: /healthz answers 503, / still answers', async () => {
    const sick = await startEcho({ BERTH_RELEASE: 'v3', UNHEALTHY: '1' });
    const health = await fetch(`${sick.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await fetch(`${sick.url}/`).then((r) => r.json())).toMatchObject({ release: 'v3' });
    const healthy = await startEcho({ BERTH_RELEASE: 'v4', CONTAINER: 'web-2', CONTAINER_VERSION: 'abc123', BERTH_INSTANCE_ID: 'i-7' });
    expect(await fetch(`${healthy.url}/healthz`).then(async (r) => [r.status, await r.text()])).toEqual([200, 'ok']);
    expect(await fetch(`${healthy.url}/slow?ms=50`).then((r) => r.json())).toEqual({ release: 'v4', container: 'web-2', instance: 'i-7', version: 'abc123' });
    expect((await fetch(`${healthy.url}/slow?ms=x`)).status).toBe(400);
  });

  it('EXIT_AFTER_MS: the instance serves, then exits with 3', async () => {
    const started = Date.now();
    const doomed = await startEcho({ BERTH_RELEASE: 'v5', EXIT_AFTER_MS: '1500' }, true);
    const code = exitCodeOf(doomed.id);
    expect((await fetch(`${doomed.url}/healthz`)).status).toBe(200);
    expect(await code).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  });
});
