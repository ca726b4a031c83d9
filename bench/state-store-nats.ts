/**
 * Benchmark (prints figures; not a test): one durable write to the controller's state in NATS
 * JetStream (--state-store nats) with three replicas on a three-node nats-server cluster, every
 * node storing with sync_interval: always, against the journal store on this machine's disk in the
 * same run, and the disk's own floor (the record's bytes appended with one fdatasync).
 *
 * The write measured is the commonest one: a deployment moves to its next state (one record
 * changes), then the caller waits until it is durable (`persisted()`). The state: BENCH_STATE_NATS_APPS
 * apps (1,000) with BENCH_STATE_HISTORY (20) deployments of history each (bench/fixtures/state.ts).
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/state-store-nats.js   (or: npm run bench)
 * Tunables: BENCH_STATE_NATS_APPS (1000), BENCH_STATE_HISTORY (20), BENCH_STATE_NATS_N (300 writes each).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectJetStream } from '../controller/adapters/nats-jetstream.js';
import { NatsStateStream } from '../controller/adapters/nats-state.js';
import { Store } from '../controller/state/store.js';
import { startNatsCluster } from '../test/helpers/nats-cluster.js';
import { bareAppendLatencies, deploymentWriteLatencies, fill } from './fixtures/state.js';
import { intEnv, stats } from './measure.js';

const APPS = intEnv('BENCH_STATE_NATS_APPS', 1000);
const HISTORY = intEnv('BENCH_STATE_HISTORY', 20);
const N = intEnv('BENCH_STATE_NATS_N', 300);
const fmt = (x: number) => x.toFixed(2);

async function measure(store: Store): Promise<number[]> {
  await fill(store, APPS, HISTORY);
  return deploymentWriteLatencies(store, APPS, N);
}

console.log(`state store in NATS: one deployment record changed and made durable, ${APPS.toLocaleString('en-US')} apps with ${HISTORY} deployments each`);

// Baseline: the record's bytes appended with one fdatasync.
const { record, latencies: bare } = await bareAppendLatencies(N);

const journalDir = await mkdtemp(join(tmpdir(), 'berth-bench-nats-journal-'));
const journalStore = await Store.open(journalDir, 'journal');
const journal = await measure(journalStore);
await journalStore.close();

const cluster = await startNatsCluster();
const nc = await connectJetStream({ url: cluster.urls, creds: null }, 'berth-bench');
let nats: number[];
try {
  const natsStore = await Store.open(await mkdtemp(join(tmpdir(), 'berth-bench-nats-')), 'nats', await NatsStateStream.open(nc, 3));
  nats = await measure(natsStore);
  await natsStore.close();
} finally {
  await nc.close();
  await cluster.close();
  await rm(journalDir, { recursive: true, force: true });
}

const n = stats(nats);
const j = stats(journal);
const b = stats(bare);
console.log(`  nats (R3, sync always): p50 ${fmt(n.p50)} ms, p99 ${fmt(n.p99)} ms, mean ${fmt(n.mean)} ms over ${n.n} writes`);
console.log(`  journal (local disk):   p50 ${fmt(j.p50)} ms, p99 ${fmt(j.p99)} ms, mean ${fmt(j.mean)} ms over ${j.n} writes`);
console.log(`  baseline (${record.length} bytes appended + fdatasync): p50 ${fmt(b.p50)} ms`);
console.log(`  nats / journal p50: ${(n.p50 / j.p50).toFixed(2)}x, p99: ${(n.p99 / j.p99).toFixed(2)}x; nats / baseline p50: ${(n.p50 / b.p50).toFixed(2)}x`);
