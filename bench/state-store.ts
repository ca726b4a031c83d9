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
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../controller/state/store.js';
import type { StateStoreKind } from '../controller/config.js';
import { bareAppendLatencies, deploymentWriteLatencies, fill } from './fixtures/state.js';
import { intEnv, stats } from './measure.js';

const APPS = intEnv('BENCH_STATE_APPS', 10_000);
const HISTORY = intEnv('BENCH_STATE_HISTORY', 20);
const N = intEnv('BENCH_STATE_N', 400);

const fmt = (x: number) => x.toFixed(2);

async function measureKind(kind: StateStoreKind, writes: number): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), `berth-bench-state-${kind}-`));
  const t0 = performance.now();
  const store = await Store.open(dir, kind);
  await fill(store, APPS, HISTORY);
  const size = (await stat(join(dir, kind === 'json' ? 'state.json' : 'state.snapshot'))).size;
  console.log(
    `  ${kind}: ${kind === 'json' ? 'state.json' : 'state.snapshot'} ${(size / 1024 / 1024).toFixed(0)} MiB written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const samples = await deploymentWriteLatencies(store, APPS, writes);
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return samples;
}

console.log(`state store: one deployment record changed and made durable, ${APPS.toLocaleString('en-US')} apps with ${HISTORY} deployments of history each`);

// Baseline: the record's bytes appended with one fdatasync.
const { record, latencies: bare } = await bareAppendLatencies(N);

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
