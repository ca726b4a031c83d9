/**
 * Benchmark (prints figures; not a test): redeployment hooks answered per second on the coalescing
 * path, next to a bare Node.js HTTP server answering 202 in the same run. The figure is Berth
 * requests/s / bare requests/s (target >= 0.5), with the benchmark process's memory flat over the run.
 *
 * Berth: a test cluster (real nats-server, the controller in this process, one `berth agent` child
 * process from dist/). One app with one git service, `web` (a local repository, file://, branch
 * main, Dockerfile `FROM berth-test/busybox:2`, no port), a webhook secret and `postdeploy: sleep
 * 3600`. One signed push starts a deployment, which then stays in `postdeploy` for the whole run;
 * a second push queues a deployment. From then on every request is a valid signed GitHub push
 * (bench/fixtures/github-push-delivery.json, a push of the size GitHub delivers, ~8 KB, pointed
 * at the local repository, with X-Hub-Signature-256) with a unique X-GitHub-Delivery, so none is a
 * redelivery: token check,
 * signature check, parse, decision `deploy`, merged into the queued deployment (a store update),
 * the decision recorded in the hook log (a store update), two log lines, 202 with JSON. The store
 * writes behind (whole state.json, fsync, rename, fsync of the directory) as in production.
 *
 * Baseline: a bare `node:http` server in this same process (the controller's HTTP server runs in
 * this process too, so both share one event loop with the same neighbours: NATS client, gRPC
 * server, timers). It reads the whole body and answers 202 with a JSON body of the same shape and
 * size as Berth's answer.
 *
 * Load: one client for both, in a child process (so its CPU is not charged to the server's event
 * loop): node:http with a keep-alive Agent, C requests in flight, each a POST with the same body
 * bytes and headers (a fresh X-GitHub-Delivery each), for a fixed time per round. One warm-up round
 * each, then Berth and bare rounds alternate (the order flips every round).
 *
 * Memory: RSS and heapUsed of this process after a full GC (V8's gc exposed at run time), at the
 * start, after the warm-up (Berth's runs until its delivery memory is full), after every round and
 * at the end. The test cluster logs into an in-memory sink (test/helpers/cluster.ts, LogSink);
 * production logs to stdout. The sink is emptied before every
 * sample, so the figure is the controller's memory, not the test harness's log copy.
 *
 * With BENCH_HOOK_PROFILE=1, one more Berth round runs after the timed ones under V8's CPU profiler
 * (node:inspector, this process only; not counted in the figures), then one more bare round, and the
 * self time per request is printed by area (HTTP, crypto, JSON, pino, the store, the hook code, GC)
 * for both, with what Berth adds, and Berth's top functions.
 *
 * Run: npx tsc -p . && npx tsc -p tsconfig.bench.json && node dist-bench/bench/hooks-throughput.js   (or: npm run bench)
 * Tunables: BENCH_HOOK_SECONDS (5, per round), BENCH_HOOK_ROUNDS (3 per side),
 * BENCH_HOOK_CONCURRENCY (16), BENCH_HOOK_WARMUP_SECONDS (2), BENCH_HOOK_PROFILE (0).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HOOK_LOG_ENTRIES, REMEMBERED_DELIVERIES } from '../controller/pipeline/hook-receiver.js';
import { hmacSha256Hex } from '../controller/core/hook-signature.js';
import { startCluster, uniqueSuffix, type Cluster } from '../test/helpers/cluster.js';
import { REPO_ROOT } from '../test/helpers/repo-root.js';
import { applySpec, removeAppContainers } from '../test/helpers/deployments.js';
import { docker, run } from '../test/helpers/exec.js';
import { ensureTestImage, TEST_IMAGE } from '../test/helpers/test-image.js';
import { waitFor } from '../test/helpers/wait-for.js';
import { intEnv } from './measure.js';

const TARGET_RATIO = 0.5;
/** Heap still held per Berth request (after a full GC) below which memory counts as flat: tens of
 * thousands of requests then move heapUsed by a few MiB at most. */
const FLAT_BYTES_PER_REQUEST = 50;
const SECRET = 'a-webhook-secret-of-some-length';

// ---------------------------------------------------------------------------------------------
// The load generator: this same file, forked with --client. It keeps C requests in flight on a
// keep-alive Agent for the round's duration and reports counts, statuses and latencies.

interface LoadJob {
  port: number;
  path: string;
  headers: Record<string, string>;
  body: string;
  deliveryPrefix: string;
  concurrency: number;
  durationMs: number;
}

interface LoadResult {
  requests: number;
  elapsedMs: number;
  perSecond: number;
  statuses: Record<string, number>;
  errors: number;
  firstError: string | null;
  p50: number;
  p99: number;
  max: number;
  /** Distinct "deployment" values in the answers (at most 5 kept). */
  deployments: string[];
  sampleAnswer: string;
}

function quantile(sorted: Float64Array | number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

async function runLoad(job: LoadJob, agent: Agent): Promise<LoadResult> {
  const body = Buffer.from(job.body);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const deployments = new Set<string>();
  let errors = 0;
  let firstError: string | null = null;
  let sampleAnswer = '';
  let seq = 0;
  const t0 = performance.now();
  const deadline = t0 + job.durationMs;
  const one = () =>
    new Promise<void>((done) => {
      const start = performance.now();
      const req = httpRequest(
        {
          agent,
          host: '127.0.0.1',
          port: job.port,
          path: job.path,
          method: 'POST',
          headers: { ...job.headers, 'X-GitHub-Delivery': `${job.deliveryPrefix}-${seq++}`, 'Content-Length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            latencies.push(performance.now() - start);
            const status = String(res.statusCode);
            statuses[status] = (statuses[status] ?? 0) + 1;
            const text = Buffer.concat(chunks).toString('utf8');
            if (!sampleAnswer) sampleAnswer = text;
            const m = /"deployment":"([^"]*)"/.exec(text);
            if (m && deployments.size < 5) deployments.add(m[1] as string);
            done();
          });
          res.on('error', (err) => {
            errors++;
            firstError ??= err.message;
            done();
          });
        },
      );
      req.on('error', (err) => {
        errors++;
        firstError ??= err.message;
        done();
      });
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const elapsedMs = performance.now() - t0;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    elapsedMs,
    perSecond: (latencies.length / elapsedMs) * 1000,
    statuses,
    errors,
    firstError,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : NaN,
    deployments: [...deployments],
    sampleAnswer,
  };
}

function clientMain(): void {
  let agent: Agent | null = null;
  process.on('message', (job: LoadJob) => {
    agent ??= new Agent({ keepAlive: true, maxSockets: job.concurrency });
    void runLoad(job, agent).then((result) => process.send?.(result));
  });
  process.on('disconnect', () => {
    agent?.destroy();
    process.exit(0);
  });
}

class LoadClient {
  private readonly child: ChildProcess;
  constructor() {
    // The same file under the same loader (tsx's flags are in execArgv).
    this.child = fork(import.meta.filename, ['--client'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }
  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolveRun, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the load client exited (${code})`));
      this.child.once('exit', onExit);
      this.child.once('message', (result) => {
        this.child.off('exit', onExit);
        resolveRun(result as LoadResult);
      });
      this.child.send(job);
    });
  }
  close(): void {
    if (this.child.connected) this.child.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// The baseline: a bare node:http server in this process.

async function startBareServer(answer: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      Buffer.concat(chunks);
      res.writeHead(202, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

// ---------------------------------------------------------------------------------------------
// Memory and CPU of this process.

const gc: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

interface MemorySample {
  at: string;
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
  hookLog: number;
  deployments: number;
  /** Log lines the test cluster's in-memory sink held (dropped before the sample). */
  sinkLines: number;
}

const MiB = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

interface Round {
  side: 'berth' | 'bare';
  index: number;
  load: LoadResult;
  /** CPU time of this process per answered request (user + system), µs. */
  cpuUsPerRequest: number;
  /** Event-loop utilisation of this process during the round (1 = never idle). */
  elu: number;
  /** state.json writes during the round. */
  storeWrites: number;
}

// ---------------------------------------------------------------------------------------------
// Optional: where this process's CPU goes during a Berth round (V8 sampling profiler).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}

const AREAS: Array<[string, RegExp]> = [
  ['GC', /^\(garbage collector\)$/],
  ['idle', /^\(idle\)$/],
  ['program (native, unattributed)', /^\(program\)$/],
  ['socket writes (writev, writeBuffer)', /^native:(writev|writeBuffer|writeUtf8String|writeLatin1String)$/],
  [
    'node:crypto (HMAC, SHA-256, timingSafeEqual)',
    /node:(crypto|internal\/crypto)|^native:(Hash|Hmac|init|update|digest|timingSafeEqual|HashDigest|HmacDigest)$/,
  ],
  ['JSON.parse of the payload (parseJsonObject)', /^fn:parseJsonObject$/],
  ['header lookups (hook-payload header())', /^fn:header$/],
  ['the store (state.json writes)', /controller\/state\//],
  ['pino and the log sink', /pino|sonic-boom|thread-stream|quick-format|fast-redact|test\/helpers\/cluster/],
  ['zod', /zod/],
  ['the rest of controller/ (hook path)', /controller\//],
  ['node:http / net / streams', /node:(_http|http|net|stream|internal\/(http|streams|stream_base|net|timers|process\/task_queues))/],
  ['other node: internals', /^node:/],
];

function areaOf(node: ProfileNode): string {
  const fn = node.callFrame.functionName;
  const keys = [`fn:${fn}`, node.callFrame.url ? node.callFrame.url : `native:${fn}`];
  if (node.callFrame.url && !/controller\/core\/hook-payload/.test(node.callFrame.url)) keys.shift();
  for (const [name, re] of AREAS) if (keys.some((k) => re.test(k)) || re.test(fn)) return name;
  // Other native functions (JSON.stringify, Buffer operations, TextDecoder) have no URL.
  if (!node.callFrame.url) return `native: ${fn || '(anonymous)'}`;
  return 'other';
}

async function profileRound<T>(
  work: () => Promise<T>,
): Promise<{ result: T; byFunction: Array<[string, number]>; byArea: Array<[string, number]>; totalMs: number }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const result = await work();
  const { profile } = (await session.post('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  };
  session.disconnect();
  const totalSamples = profile.samples.length;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPer = totalMs / Math.max(1, totalSamples);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    // The file only: under tsx, line numbers are those of the transpiled code.
    const where = node.callFrame.url ? node.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|controller|shared|test|bench)\//, '$1/') : '';
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits * msPer);
    const area = areaOf(node);
    byArea.set(area, (byArea.get(area) ?? 0) + hits * msPer);
  }
  const sort = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { result, byFunction: sort(byFunction), byArea: sort(byArea), totalMs };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const SECONDS = intEnv('BENCH_HOOK_SECONDS', 5);
  const ROUNDS = intEnv('BENCH_HOOK_ROUNDS', 3);
  const CONCURRENCY = intEnv('BENCH_HOOK_CONCURRENCY', 16);
  const WARMUP_SECONDS = intEnv('BENCH_HOOK_WARMUP_SECONDS', 2, 0);
  const suffix = uniqueSuffix();
  const app = `hookbench-${suffix}`;
  let cluster: Cluster | undefined;
  let repo: string | undefined;
  let bare: Server | undefined;
  let client: LoadClient | undefined;
  try {
    await ensureTestImage();
    repo = await mkdtemp(join(tmpdir(), 'berth-hookbench-repo-'));
    const git = (...args: string[]) =>
      run('git', ['-C', repo as string, '-c', 'user.name=b', '-c', 'user.email=b@example.test', ...args]).then((s) => s.trim());
    await run('git', ['init', '-q', '-b', 'main', repo]);
    await writeFile(join(repo, 'Dockerfile'), `FROM ${TEST_IMAGE}\n`);
    await git('add', '.');
    await git('commit', '-q', '-m', 'first');
    const sha = await git('rev-parse', 'HEAD');

    // The controller's production log level: one line per hook, as `berth controller` logs it.
    cluster = await startCluster({ stabilityWindow: '0s', logLevel: 'info' });
    await cluster.startAgent(`hookbench-${suffix}`);
    const controller = cluster.controller;
    const store = controller.store;
    applySpec(
      controller,
      JSON.stringify({
        name: app,
        drain: '0s',
        postdeploy: 'sleep 3600',
        postdeployTimeout: '2h',
        services: { web: { git: { repo: `file://${repo}`, branch: 'main' } } },
      }),
    );
    store.update((s) => {
      (s.apps[app] as NonNullable<(typeof s.apps)[string]>).hook.secret = SECRET;
    });
    const token = store.data.apps[app]?.hook.token as string;
    const hookPath = `/hooks/redeploy/${app}/${token}`;

    // The signed push, of the size GitHub delivers (the published examples in test/fixtures/hooks are
    // trimmed to what Berth reads, ~1 KB, which would flatter the parse), pointed at the local repository.
    const fixture = JSON.parse(await readFile(join(REPO_ROOT, 'bench/fixtures/github-push-delivery.json'), 'utf8')) as {
      headers: Record<string, string>;
      body: Record<string, unknown>;
    };
    const payload = structuredClone(fixture.body) as Record<string, unknown> & { repository: Record<string, unknown> };
    payload.ref = 'refs/heads/main';
    payload.after = sha;
    for (const field of ['clone_url', 'ssh_url', 'html_url', 'git_url']) payload.repository[field] = `file://${repo}`;
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { ...fixture.headers, 'X-Hub-Signature-256': `sha256=${hmacSha256Hex(SECRET, Buffer.from(body))}` };
    delete headers['X-Hub-Signature'];
    delete headers['X-GitHub-Delivery'];

    const post = async (delivery: string) => {
      const res = await fetch(`http://127.0.0.1:${controller.httpPort}${hookPath}`, {
        method: 'POST',
        headers: { ...headers, 'X-GitHub-Delivery': delivery },
        body,
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };

    // 1. The first push starts a deployment; it builds, starts and then sits in postdeploy.
    const first = await post(`${suffix}-setup-1`);
    if (first.status !== 202 || first.json.decision !== 'deploy') throw new Error(`first push: ${first.status} ${JSON.stringify(first.json)}`);
    const runningId = first.json.deployment as string;
    const t0 = performance.now();
    await waitFor(
      `deployment ${runningId} to reach postdeploy`,
      () => {
        const d = store.data.deployments[runningId];
        if (d && ['failed', 'cancelled', 'succeeded'].includes(d.state))
          throw new Error(`deployment ${runningId} ended ${d.state}: ${d.failure?.reason ?? ''}`);
        return d?.state === 'postdeploy';
      },
      180_000,
    );
    console.log(`setup: deployment ${runningId} built and in postdeploy after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // 2. The second push queues a deployment; every later one merges into it.
    const second = await post(`${suffix}-setup-2`);
    const queuedId = second.json.deployment as string;
    if (second.status !== 202 || !queuedId || queuedId === runningId || store.data.deployments[queuedId]?.state !== 'queued') {
      throw new Error(`second push did not queue a deployment: ${second.status} ${JSON.stringify(second.json)}`);
    }
    const third = await post(`${suffix}-setup-3`);
    if (third.status !== 202 || third.json.deployment !== queuedId)
      throw new Error(`third push was not merged into ${queuedId}: ${JSON.stringify(third.json)}`);
    console.log(`setup: deployment ${queuedId} queued; pushes merge into it. Berth's answer: ${JSON.stringify(third.json)}`);

    // The bare server answers with the same bytes Berth does (same shape and size).
    const bareAnswer = JSON.stringify(third.json);
    bare = await startBareServer(bareAnswer);
    const barePort = (bare.address() as AddressInfo).port;
    client = new LoadClient();

    // Observing only: count state.json writes (the store's backend, wrapped, calls through).
    // biome-ignore lint/complexity/useLiteralKeys: the store keeps its backend private; only the benchmark reaches in
    const backend = store['backend'];
    const write = backend.write.bind(backend);
    let storeWrites = 0;
    backend.write = (state, changes) => {
      storeWrites++;
      return write(state, changes);
    };

    const deploymentsOfApp = () => Object.values(store.data.deployments).filter((d) => d.app === app);
    const memory: MemorySample[] = [];
    const sample = async (at: string) => {
      await sleep(300); // let the store's write-behind finish
      const sinkLines = cluster?.controllerLogs.lines.length ?? 0;
      if (cluster) cluster.controllerLogs.lines.length = 0;
      gc();
      const m = process.memoryUsage();
      const s: MemorySample = {
        at,
        rssMiB: MiB(m.rss),
        heapUsedMiB: MiB(m.heapUsed),
        externalMiB: MiB(m.external),
        hookLog: store.data.hookLog[app]?.length ?? 0,
        deployments: deploymentsOfApp().length,
        sinkLines,
      };
      memory.push(s);
      return s;
    };

    const rounds: Round[] = [];
    const oneRound = async (side: Round['side'], index: number, seconds: number): Promise<Round> => {
      const port = side === 'berth' ? controller.httpPort : barePort;
      const path = side === 'berth' ? hookPath : '/hooks/redeploy/bare';
      const cpu0 = process.cpuUsage();
      const elu0 = performance.eventLoopUtilization();
      const writes0 = storeWrites;
      const load = await client!.run({
        port,
        path,
        headers,
        body,
        deliveryPrefix: `${suffix}-${side}-${index}`,
        concurrency: CONCURRENCY,
        durationMs: seconds * 1000,
      });
      const cpu = process.cpuUsage(cpu0);
      const elu = performance.eventLoopUtilization(elu0).utilization;
      const round: Round = {
        side,
        index,
        load,
        cpuUsPerRequest: (cpu.user + cpu.system) / Math.max(1, load.requests),
        elu,
        storeWrites: storeWrites - writes0,
      };
      const running = store.data.deployments[runningId]?.state;
      const queued = store.data.deployments[queuedId]?.state;
      if (running !== 'postdeploy' || queued !== 'queued')
        throw new Error(`the setup changed during the round: ${runningId} ${running}, ${queuedId} ${queued}`);
      return round;
    };

    const fmt = (n: number, digits = 1) => (Number.isNaN(n) ? '-' : n.toFixed(digits));
    const printRound = (r: Round) =>
      console.log(
        `  ${(r.index < 0 ? 'warm-up' : `round ${r.index + 1}`).padEnd(8)} ${r.side.padEnd(6)} ${fmt(r.load.perSecond, 0).padStart(7)} req/s  ${String(r.load.requests).padStart(6)} req  p50 ${fmt(r.load.p50, 2).padStart(6)} ms  p99 ${fmt(r.load.p99, 2).padStart(6)} ms  ` +
          `max ${fmt(r.load.max, 1).padStart(6)} ms  cpu ${fmt(r.cpuUsPerRequest, 0).padStart(4)} µs/req  loop ${fmt(r.elu * 100, 0).padStart(3)} %  writes ${String(r.storeWrites).padStart(4)}  ` +
          `status ${JSON.stringify(r.load.statuses)}${r.load.errors ? ` errors ${r.load.errors} (${r.load.firstError})` : ''}`,
      );
    const printSample = (s: MemorySample) =>
      console.log(
        `  memory ${s.at.padEnd(16)} rss ${fmt(s.rssMiB).padStart(6)} MiB  heapUsed ${fmt(s.heapUsedMiB).padStart(6)} MiB  external ${fmt(s.externalMiB).padStart(5)} MiB  hook log ${s.hookLog}  deployments ${s.deployments}  (sink held ${s.sinkLines} lines)`,
      );

    console.log(
      `hooks-throughput: ${CONCURRENCY} in flight, ${SECONDS} s per round, ${ROUNDS} rounds per side after a ${WARMUP_SECONDS} s warm-up each; body ${Buffer.byteLength(body)} bytes`,
    );
    printSample(await sample('start'));
    if (WARMUP_SECONDS > 0) {
      // Berth warms up until its bounded memories (deliveries, hook log) are full, so that the
      // memory figure shows growth past their bounds, not them filling.
      let warmed = 0;
      for (let i = 0; i < 20 && warmed <= REMEMBERED_DELIVERIES; i++) {
        const r = await oneRound('berth', -1, WARMUP_SECONDS);
        warmed += r.load.requests;
        printRound(r);
      }
      printRound(await oneRound('bare', -1, WARMUP_SECONDS));
      printSample(await sample('after warm-up'));
    }
    for (let i = 0; i < ROUNDS; i++) {
      const order: Array<Round['side']> = i % 2 === 0 ? ['berth', 'bare'] : ['bare', 'berth'];
      for (const side of order) {
        const r = await oneRound(side, i, SECONDS);
        rounds.push(r);
        printRound(r);
        printSample(await sample(`after ${side} ${i + 1}`));
      }
    }

    // Summary.
    const median = (xs: number[]) =>
      quantile(
        [...xs].sort((a, b) => a - b),
        0.5,
      );
    const side = (name: Round['side']) => {
      const rs = rounds.filter((r) => r.side === name);
      const statuses: Record<string, number> = {};
      for (const r of rs) for (const [k, v] of Object.entries(r.load.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
      return {
        perSecond: rs.map((r) => Math.round(r.load.perSecond)),
        medianPerSecond: median(rs.map((r) => r.load.perSecond)),
        p50: median(rs.map((r) => r.load.p50)),
        p99: median(rs.map((r) => r.load.p99)),
        cpuUsPerRequest: median(rs.map((r) => r.cpuUsPerRequest)),
        elu: median(rs.map((r) => r.elu)),
        storeWrites: rs.reduce((a, r) => a + r.storeWrites, 0),
        requests: rs.reduce((a, r) => a + r.load.requests, 0),
        errors: rs.reduce((a, r) => a + r.load.errors, 0),
        statuses,
        deployments: [...new Set(rs.flatMap((r) => r.load.deployments))],
      };
    };
    const b = side('berth');
    const base = side('bare');
    const ratio = b.medianPerSecond / base.medianPerSecond;
    // Paired: each Berth round against the bare round next to it.
    const paired = median(
      Array.from(
        { length: ROUNDS },
        (_, i) =>
          (rounds.find((r) => r.side === 'berth' && r.index === i) as Round).load.perSecond /
          (rounds.find((r) => r.side === 'bare' && r.index === i) as Round).load.perSecond,
      ),
    );
    const end = await sample('end');
    const allBerth202 = Object.keys(b.statuses).every((s) => s === '202') && b.errors === 0;
    const merged = b.deployments.length === 1 && b.deployments[0] === queuedId;
    const deploymentsAtEnd = deploymentsOfApp().length;
    const afterWarmup = memory.find((s) => s.at === 'after warm-up') ?? (memory[0] as MemorySample);

    console.log(`\nhooks answered per second (${ROUNDS} rounds × ${SECONDS} s each, ${CONCURRENCY} in flight, keep-alive)`);
    console.log(
      `  Berth, signed push, coalescing path: ${b.perSecond.join(', ')} req/s, median ${fmt(b.medianPerSecond, 0)}; p50 ${fmt(b.p50, 2)} ms, p99 ${fmt(b.p99, 2)} ms; ${fmt(b.cpuUsPerRequest, 0)} µs CPU/req in this process; statuses ${JSON.stringify(b.statuses)}`,
    );
    console.log(
      `  bare node:http 202:                  ${base.perSecond.join(', ')} req/s, median ${fmt(base.medianPerSecond, 0)}; p50 ${fmt(base.p50, 2)} ms, p99 ${fmt(base.p99, 2)} ms; ${fmt(base.cpuUsPerRequest, 0)} µs CPU/req in this process; statuses ${JSON.stringify(base.statuses)}`,
    );
    console.log(
      `  ratio Berth / bare (medians): ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}); paired per round, median: ${paired.toFixed(2)}`,
    );
    console.log(
      `  every Berth answer 202: ${allBerth202 ? 'yes' : 'NO'}; every answer merged into ${queuedId}: ${merged ? 'yes' : `NO (${b.deployments.join(', ')})`}`,
    );
    console.log(
      `  state.json writes during the Berth rounds: ${b.storeWrites} for ${b.requests} requests (${fmt(b.requests / Math.max(1, b.storeWrites), 0)} requests per write)`,
    );
    console.log(
      `  hook log entries at the end: ${end.hookLog} (bound ${HOOK_LOG_ENTRIES}: ${end.hookLog <= HOOK_LOG_ENTRIES ? 'held' : 'EXCEEDED'}); deployments of the app: ${deploymentsAtEnd} (at most 2: ${deploymentsAtEnd <= 2 ? 'held' : 'EXCEEDED'})`,
    );
    const growth = { rssMiB: end.rssMiB - afterWarmup.rssMiB, heapUsedMiB: end.heapUsedMiB - afterWarmup.heapUsedMiB };
    const heapPerRequest = (growth.heapUsedMiB * 1048576) / Math.max(1, b.requests);
    const memoryFlat = heapPerRequest < FLAT_BYTES_PER_REQUEST;
    console.log(
      `  memory after warm-up → end: rss ${fmt(afterWarmup.rssMiB)} → ${fmt(end.rssMiB)} MiB (${growth.rssMiB >= 0 ? '+' : ''}${fmt(growth.rssMiB)}), heapUsed ${fmt(afterWarmup.heapUsedMiB)} → ${fmt(end.heapUsedMiB)} MiB (${growth.heapUsedMiB >= 0 ? '+' : ''}${fmt(growth.heapUsedMiB)}); ` +
        `${fmt(heapPerRequest, 0)} bytes of heap per Berth request`,
    );
    console.log(`  memory flat over the run (heap retained per Berth request < ${FLAT_BYTES_PER_REQUEST} bytes after a full GC): ${memoryFlat ? 'yes' : 'NO'}`);

    let profile: {
      berth: { perSecond: number; requests: number };
      bare: { perSecond: number; requests: number };
      byArea: Array<{ area: string; berthUsPerReq: number; bareUsPerReq: number }>;
      berthTop: Array<[string, number]>;
    } | null = null;
    if (process.env.BENCH_HOOK_PROFILE === '1') {
      const pb = await profileRound(() => oneRound('berth', ROUNDS, SECONDS));
      await sample('after profile berth');
      const pn = await profileRound(() => oneRound('bare', ROUNDS, SECONDS));
      await sample('after profile bare');
      const nb = pb.result.load.requests;
      const nn = pn.result.load.requests;
      const perReq = (list: Array<[string, number]>, n: number) => new Map(list.map(([k, ms]) => [k, (ms * 1000) / n]));
      const berthAreas = perReq(pb.byArea, nb);
      const bareAreas = perReq(pn.byArea, nn);
      const areas = [...new Set([...berthAreas.keys(), ...bareAreas.keys()])]
        .map((area) => ({ area, berthUsPerReq: berthAreas.get(area) ?? 0, bareUsPerReq: bareAreas.get(area) ?? 0 }))
        .sort((a, b) => b.berthUsPerReq - b.bareUsPerReq - (a.berthUsPerReq - a.bareUsPerReq));
      console.log(
        `\nCPU profile of one more round each (not counted above; the profiler slows both): Berth ${fmt(pb.result.load.perSecond, 0)} req/s (${nb} req), bare ${fmt(pn.result.load.perSecond, 0)} req/s (${nn} req)`,
      );
      console.log(`  self time of this process per request, by area, sorted by what Berth adds (µs/req):`);
      console.log(`    ${'area'.padEnd(44)} ${'Berth'.padStart(7)} ${'bare'.padStart(7)} ${'extra'.padStart(7)}`);
      for (const a of areas.slice(0, 18))
        console.log(
          `    ${a.area.padEnd(44)} ${fmt(a.berthUsPerReq).padStart(7)} ${fmt(a.bareUsPerReq).padStart(7)} ${fmt(a.berthUsPerReq - a.bareUsPerReq).padStart(7)}`,
        );
      const sum = (m: Map<string, number>) => [...m.entries()].filter(([k]) => k !== 'idle').reduce((acc, [, v]) => acc + v, 0);
      console.log(
        `    ${'total (without idle)'.padEnd(44)} ${fmt(sum(berthAreas)).padStart(7)} ${fmt(sum(bareAreas)).padStart(7)} ${fmt(sum(berthAreas) - sum(bareAreas)).padStart(7)}`,
      );
      console.log(`  Berth's top functions (self time):`);
      for (const [fn, ms] of pb.byFunction.slice(0, 25))
        console.log(`    ${fmt((ms / pb.totalMs) * 100, 1).padStart(5)} %  ${fmt((ms * 1000) / nb, 1).padStart(6)} µs/req  ${fn}`);
      profile = {
        berth: { perSecond: pb.result.load.perSecond, requests: nb },
        bare: { perSecond: pn.result.load.perSecond, requests: nn },
        byArea: areas,
        berthTop: pb.byFunction.slice(0, 120),
      };
    }
    console.log(
      JSON.stringify({
        bench: 'hooks-throughput',
        seconds: SECONDS,
        rounds: ROUNDS,
        concurrency: CONCURRENCY,
        warmupSeconds: WARMUP_SECONDS,
        bodyBytes: Buffer.byteLength(body),
        berth: b,
        bare: base,
        ratio,
        pairedRatio: paired,
        allBerth202,
        merged,
        hookLogAtEnd: end.hookLog,
        heapBytesPerBerthRequest: heapPerRequest,
        memoryFlat,
        deploymentsAtEnd,
        memory,
        profile,
        perRound: rounds.map((r) => ({
          side: r.side,
          round: r.index + 1,
          perSecond: r.load.perSecond,
          requests: r.load.requests,
          p50: r.load.p50,
          p99: r.load.p99,
          cpuUsPerRequest: r.cpuUsPerRequest,
          elu: r.elu,
          storeWrites: r.storeWrites,
          statuses: r.load.statuses,
        })),
      }),
    );
  } catch (err) {
    for (const agent of cluster?.agents ?? []) console.error(`agent ${agent.id} output (last 2000 chars):\n${agent.output.slice(-2000)}`);
    throw err;
  } finally {
    client?.close();
    if (bare) {
      const closed = new Promise<void>((done) => (bare as Server).close(() => done()));
      bare.closeAllConnections();
      await closed;
    }
    await cluster?.close().catch((err: unknown) => console.error(`cluster close: ${String(err)}`));
    await removeAppContainers(app).catch(() => undefined);
    const images = (await docker('images', '-q', `berth/${app}-web`).catch(() => '')).split('\n').filter(Boolean);
    if (images.length) await docker('rmi', '-f', ...new Set(images)).catch(() => undefined);
    if (repo) await rm(repo, { recursive: true, force: true });
  }
}

if (process.argv.includes('--client')) clientMain();
else await main();
