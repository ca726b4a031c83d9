/**
 * Abuse: a hook storm. 1,000 signed GitHub pushes for one app within about 10 s, each a new real
 * commit of a git service built on the agent. Must hold: no 5xx; at no moment more than one
 * running and one queued deployment of the app; once it settles, the routed release is built from
 * the last commit pushed; the controller's heap comes back near where it was.
 */
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../../controller/core/hook-signature.js';
import { isTerminal } from '../../controller/core/deployment-machine.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, removeAppContainers, removeAppImages } from '../helpers/deployments.js';
import { run } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { recordFault } from './fault-report.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `storm-${suffix}`;
const PUSHES = 1000;
const SECRET = 'storm-secret';
let cluster: Cluster;
let repo: string;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms', logLevel: 'info' });
  await cluster.startAgent(`storm-${suffix}`);
  repo = await mkdtemp(join(tmpdir(), 'berth-storm-'));
  await run('git', ['init', '-q', '-b', 'main', repo]);
  // 1,000 commits in one `git fast-import` (seconds, not minutes of git commit).
  const stream: string[] = [];
  const dockerfile = `FROM ${TEST_IMAGE}\nCOPY VERSION /www/VERSION\n`;
  for (let i = 1; i <= PUSHES; i++) {
    const version = `${i}\n`;
    stream.push('commit refs/heads/main', `committer t <t@example.test> ${1_700_000_000 + i} +0000`, 'data 1', '.');
    if (i === 1) stream.push(`M 100644 inline Dockerfile`, `data ${Buffer.byteLength(dockerfile)}`, dockerfile.slice(0, -1));
    stream.push(`M 100644 inline VERSION`, `data ${Buffer.byteLength(version)}`, version.slice(0, -1), '');
  }
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn('git', ['-C', repo, 'fast-import', '--quiet'], { stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`git fast-import exited ${code}`))));
    child.stdin.end(`${stream.join('\n')}\n`);
  });
  await run('git', ['-C', repo, 'checkout', '-q', 'main']);
  applySpec(
    cluster.controller,
    specText({
      name: app,
      drain: '0s',
      services: {
        web: { git: { repo: `file://${repo}`, branch: 'main' }, command: 'exec httpd -f -p $PORT -h /www', port: 8080, health: { path: '/VERSION' } },
      },
    }),
  );
  cluster.controller.store.update((s) => {
    const record = s.apps[app];
    if (record) record.hook.secret = SECRET;
  });
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
  await removeAppImages(app);
  await rm(repo, { recursive: true, force: true });
}, 60_000);

describe('abuse: a hook storm', { timeout: 300_000 }, () => {
  it('1,000 signed pushes in about 10 s', async () => {
    const shas = (await run('git', ['-C', repo, 'rev-list', '--reverse', 'main'])).trim().split('\n');
    expect(shas).toHaveLength(PUSHES);
    const fixture = JSON.parse(await readFile(resolve(import.meta.dirname, '../fixtures/hooks/published/github-push.json'), 'utf8')) as {
      headers: Record<string, string>;
      body: Record<string, unknown> & { repository: Record<string, unknown> };
    };
    const token = cluster.controller.store.data.apps[app]?.hook.token as string;
    const url = `http://127.0.0.1:${cluster.controller.httpPort}/hooks/redeploy/${app}/${token}`;
    const deploymentsOfApp = () => Object.values(cluster.controller.store.data.deployments).filter((d) => d.app === app);
    let mostUnfinished = 0;
    const watch = setInterval(() => {
      mostUnfinished = Math.max(mostUnfinished, deploymentsOfApp().filter((d) => !isTerminal(d.state)).length);
    }, 20);
    const heapBefore = process.memoryUsage().heapUsed;
    const statuses: Record<number, number> = {};
    const started = Date.now();
    try {
      // 16 in flight, paced to ~100 a second: pushes in commit order, as a busy repository sends them.
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < PUSHES) {
            const i = next++;
            const wait = started + i * 10 - Date.now();
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            const body = structuredClone(fixture.body);
            body.ref = 'refs/heads/main';
            body.before = i > 0 ? shas[i - 1] : '0'.repeat(40);
            body.after = shas[i];
            body.repository.clone_url = `file://${repo}`;
            const text = JSON.stringify(body);
            const headers = {
              ...fixture.headers,
              'X-GitHub-Delivery': `storm-${suffix}-${i}`,
              'X-Hub-Signature-256': `sha256=${hmacSha256Hex(SECRET, Buffer.from(text))}`,
            };
            delete (headers as Record<string, string>)['X-Hub-Signature'];
            const res = await fetch(url, { method: 'POST', headers, body: text });
            await res.arrayBuffer();
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          }
        }),
      );
      const stormMs = Date.now() - started;
      await waitFor('every deployment of the storm to end', () => deploymentsOfApp().every((d) => isTerminal(d.state)) || undefined, 180_000, 200);
      const lost: string[] = [];
      const fiveHundreds = Object.entries(statuses)
        .filter(([s]) => Number(s) >= 500)
        .reduce((n, [, c]) => n + c, 0);
      if (fiveHundreds) lost.push(`${fiveHundreds} answers were 5xx`);
      if (mostUnfinished > 2) lost.push(`${mostUnfinished} deployments unfinished at once`);
      const routed = cluster.controller.store.data.apps[app]?.routed?.release;
      const release = routed ? cluster.controller.store.data.releases[`${app}/${routed}`] : undefined;
      const builtFrom = release?.services.web?.commitSha;
      if (builtFrom !== shas[PUSHES - 1]) lost.push(`the routed release was built from ${builtFrom ?? 'nothing'}, not the last commit`);
      const heapAfter = process.memoryUsage().heapUsed;
      const grewMiB = (heapAfter - heapBefore) / 2 ** 20;
      if (grewMiB > 64) lost.push(`the heap grew ${grewMiB.toFixed(0)} MiB`);
      recordFault({
        fault: `hook storm: ${PUSHES} signed pushes in ${(stormMs / 1000).toFixed(1)} s (${deploymentsOfApp().length} deployments)`,
        injected: 1,
        held: lost.length === 0 ? 1 : 0,
        lost,
      });
      expect(lost).toEqual([]);
      expect(statuses[202]).toBeGreaterThan(0);
    } finally {
      clearInterval(watch);
    }
  });
});
