/**
 * Benchmark (prints figures; not a test): the cost of one durable write to the controller's state
 * with 10,000 apps and their deployment history. Target: under 10 ms per write at that size.
 *
 * The state: BENCH_STATE_APPS apps, each with a spec, 3 releases, 6 instances on 20 agents and
 * BENCH_STATE_HISTORY ended deployments (history is bounded per app: --deployment-history), each
 * with its transitions, plan and 20 lines of output — built in memory, written once.
 *
 * The write measured is the commonest one: a deployment moves to its next state (one record
 * changes), then the caller waits until it is on disk (`persisted()`, as every acknowledged admin
 * change and the routing stage do). For each --state-store in the same run: json (the whole file
 * rewritten) and journal (the changed record appended; state.json rewritten when the
 * journal has outgrown it, which is counted in the figures as it happens). Baseline: appending
 * the same record's bytes to a file with one fdatasync, the disk's own floor for a durable write.
 * The journal's mean over the first and the last quarter of the writes shows whether the cost
 * grows with time.
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/state-store.js   (or: npm run bench)
 * Tunables: BENCH_STATE_APPS (10000), BENCH_STATE_HISTORY (20), BENCH_STATE_N (400 journal writes;
 * json gets a fortieth of that, at least 3).
 */
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../controller/state/store.js';
import type { StateStoreKind } from '../controller/config.js';
import type { DeploymentRecord } from '../controller/core/deployment-record.js';
import { parseAppSpec } from '../shared/app-spec.js';
import { intEnv, stats } from './measure.js';

const APPS = intEnv('BENCH_STATE_APPS', 10_000);
const HISTORY = intEnv('BENCH_STATE_HISTORY', 20);
const N = intEnv('BENCH_STATE_N', 400);
const now = Date.now();

function deployment(app: string, i: number): DeploymentRecord {
  const instances = (k: number) =>
    Array.from({ length: 3 }, (_, r) => ({ instanceId: `${app}-web-${k}-${r}`, service: 'web', agentId: `agent-${r}`, container: `web-${r + 1}` }));
  return {
    id: `${app}-d${i}`,
    app,
    release: `v${i}`,
    state: 'succeeded',
    hasPostdeploy: true,
    history: ['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining', 'succeeded'].map((state, k) => ({
      state,
      atMs: now + k * 1000,
    })),
    failure: null,
    request: { kind: 'deploy', services: [], refs: {}, withPostdeploy: true },
    createdAtMs: now - i * 60_000,
    plan: { start: instances(i), keep: [], retire: instances(i - 1) },
    progress: { healthy: 3, wanted: 3 },
    postdeploy: { agentId: 'agent-0', exitCode: 0 },
    output: Array.from({ length: 20 }, (_, k) => `migrate: step ${k} of 20 applied to ${app}`),
  } as unknown as DeploymentRecord;
}

async function fill(store: Store): Promise<void> {
  store.update((s) => {
    for (let a = 0; a < 20; a++)
      s.agents[`agent-${a}`] = {
        id: `agent-${a}`,
        hostname: `h${a}`,
        advertiseAddr: `10.0.0.${a}`,
        labels: {},
        cpus: 4,
        memoryBytes: 8 << 30,
        version: 'bench',
        sessionId: 's',
        alive: true,
        draining: false,
        lastHeartbeatMs: now,
        connectedAtMs: now,
        downSinceMs: null,
        instances: {},
      };
    for (let i = 0; i < APPS; i++) {
      const app = `app-${i}`;
      const spec = parseAppSpec(
        JSON.stringify({
          name: app,
          domains: [`${app}.example.test`],
          env: { DATABASE_URL: `postgres://db/${app}` },
          services: {
            web: { image: 'registry.example.test/web:1', port: 8080, scale: 3, health: { path: '/healthz' } },
            worker: { git: { repo: 'https://git.example.test/x.git' } },
          },
        }),
      );
      s.apps[app] = {
        spec,
        createdAtMs: now,
        updatedAtMs: now,
        routed: { release: 'v3', instanceIds: [0, 1, 2].map((r) => `${app}-web-3-${r}`) },
        nextReleaseNumber: 4,
        hook: { token: 't'.repeat(32), secret: null },
        notify: { urls: [], secret: 's'.repeat(32) },
        github: null,
      };
      for (let r = 1; r <= 3; r++)
        s.releases[`${app}/v${r}`] = {
          app,
          name: `v${r}`,
          number: r,
          createdAtMs: now,
          deploymentId: `${app}-d${r}`,
          spec,
          services: { web: { source: 'image', image: 'registry.example.test/web:1', imageId: `sha256:${'a'.repeat(64)}`, commitSha: null, command: null } },
          postdeploy: { command: 'migrate', service: 'web', timeoutMs: 1_200_000 },
        };
      for (let r = 0; r < 6; r++) {
        const instanceId = `${app}-web-${r < 3 ? 3 : 2}-${r % 3}`;
        s.instances[instanceId] = {
          instanceId,
          agentId: `agent-${(i + r) % 20}`,
          app,
          service: 'web',
          release: 'v3',
          deploymentId: `${app}-d3`,
          container: `web-${(r % 3) + 1}`,
          createdAtMs: now,
        };
      }
      for (let d = 0; d < HISTORY; d++) s.deployments[`${app}-d${d}`] = deployment(app, d);
    }
  });
  await store.flush();
}

const fmt = (x: number) => x.toFixed(2);

async function measureKind(kind: StateStoreKind, writes: number): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), `berth-bench-state-${kind}-`));
  const t0 = performance.now();
  const store = await Store.open(dir, kind);
  await fill(store);
  const size = (await stat(join(dir, kind === 'json' ? 'state.json' : 'state.snapshot'))).size;
  console.log(
    `  ${kind}: ${kind === 'json' ? 'state.json' : 'state.snapshot'} ${(size / 1024 / 1024).toFixed(0)} MiB written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const samples: number[] = [];
  for (let w = 0; w < writes; w++) {
    const app = `app-${(w * 7919) % APPS}`;
    const id = `${app}-d0`;
    const t = performance.now();
    store.update((s) => {
      const d = s.deployments[id];
      if (d) s.deployments[id] = { ...d, progress: { healthy: w % 4, wanted: 3 } };
    });
    await store.persisted();
    samples.push(performance.now() - t);
  }
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return samples;
}

console.log(`state store: one deployment record changed and made durable, ${APPS.toLocaleString('en-US')} apps with ${HISTORY} deployments of history each`);

// Baseline: the record's bytes appended with one fdatasync.
const baselineDir = await mkdtemp(join(tmpdir(), 'berth-bench-state-bare-'));
const record = `${JSON.stringify({ t: 'deployments', k: 'app-1-d0', v: deployment('app-1', 0) })}\n`;
const file = await open(join(baselineDir, 'append'), 'a');
const bare: number[] = [];
for (let w = 0; w < N; w++) {
  const t = performance.now();
  await file.write(record);
  await file.datasync();
  bare.push(performance.now() - t);
}
await file.close();
await rm(baselineDir, { recursive: true, force: true });

const journal = await measureKind('journal', N);
const json = await measureKind('json', Math.max(3, Math.floor(N / 40)));
const j = stats(journal);
const w = stats(json);
const b = stats(bare);
const quarter = Math.floor(journal.length / 4);
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
console.log(`  journal: p50 ${fmt(j.p50)} ms, p99 ${fmt(j.p99)} ms, mean ${fmt(j.mean)} ms, max ${fmt(j.max)} ms over ${j.n} writes (target < 10 ms)`);
console.log(`  json:    p50 ${fmt(w.p50)} ms, p99 ${fmt(w.p99)} ms, mean ${fmt(w.mean)} ms over ${w.n} writes`);
console.log(`  baseline (${record.length} bytes appended + fdatasync): p50 ${fmt(b.p50)} ms, mean ${fmt(b.mean)} ms`);
console.log(`  journal / baseline p50: ${(j.p50 / b.p50).toFixed(2)}×; json / journal p50: ${(w.p50 / j.p50).toFixed(0)}×`);
console.log(`  journal over time: first quarter mean ${fmt(mean(journal.slice(0, quarter)))} ms, last quarter ${fmt(mean(journal.slice(-quarter)))} ms`);
