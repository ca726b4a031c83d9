/**
 * Benchmark (prints figures; not a test): admin API latency of `GetApp` and `ListApps` with 1,000
 * apps stored, next to a bare grpc-js unary echo in the same run. Targets: ListApps p50 within 10×
 * the bare call's p50, and p99 under 50 ms (both Berth calls).
 *
 * Berth: a test cluster (real nats-server, the controller in this process at its production log
 * level, no agents: get and list read the store only). BENCH_ADMIN_APPS apps are stored through
 * the controller's own apply path (`applyApp`: zod validation, defaults filled in), each a small
 * realistic spec: a domain, an env variable, an image service `web` with a port and a health path,
 * and a git service `worker`. The client is the CLI's own (`createAdminClient`: the bearer token
 * as metadata and a 15 s deadline on every call), over a real gRPC connection to 127.0.0.1.
 *
 * Baseline: a bare `grpc.Server` in this same process (so it shares the event loop with the
 * controller, as the admin service does), with a unary method whose handler answers with the
 * request, and Buffers passed through as they are (no protobuf at all). A plain `grpc.Client`
 * calls it the way the admin client calls Berth: the same metadata (an authorization header of the
 * same length) and the same deadline. Its request and answer are the size of an encoded GetApp
 * request. So bare p50 is what one unary call through grpc-js, HTTP/2 and the loopback costs here;
 * Berth / bare is what the admin service adds (auth, the handler, protobuf both ways).
 *
 * A second bare method, for reference only, answers every call with the bytes of a ListApps answer
 * encoded once up front (so again no protobuf on either side): ListApps / that is what building,
 * encoding and decoding the 1,000 apps costs on top of moving the same bytes through grpc-js.
 *
 * The four calls are measured in alternating blocks (5 of each) so background noise on a shared
 * machine spreads over all of them. Sequential keeps one call in flight (latency); concurrent
 * keeps C in flight (on 2 cores mostly CPU per call). After the timed part, each step of a
 * ListApps answer is timed alone in this process (the real handler called without gRPC, protobuf
 * encode of every row, the server's encode from rows kept encoded, protobuf decode) to show where
 * the time goes. The controller encodes each row once and keeps its bytes while the app's summary
 * is unchanged (controller/api/app-list-encoding.ts), so in the timed calls, as for a dashboard
 * polling the list, the server's encoding is a concatenation; the client still decodes all of it.
 *
 * With BENCH_ADMIN_PROFILE=1, 100 more sequential ListApps calls run under V8's sampling profiler
 * (node:inspector; client and controller share this process, so it sees both) after the timed
 * part, and the CPU time per call is printed by area.
 *
 * Run: npx tsc -p . && npx tsc -p tsconfig.bench.json && node dist-bench/bench/admin-latency.js   (or: npm run bench)
 * Tunables: BENCH_ADMIN_APPS (1000), BENCH_ADMIN_N (300 per call and mode), BENCH_ADMIN_WARMUP (50),
 * BENCH_ADMIN_CONCURRENCY (16), BENCH_ADMIN_PROFILE (0).
 */
import * as grpc from '@grpc/grpc-js';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { callUnary, createAdminClient } from '../cli/admin-client.js';
import { createAdminHandlers, type AdminContext } from '../controller/api/admin-service.js';
import { createAppListSerializer } from '../controller/api/app-list-encoding.js';
import { Authenticator } from '../controller/api/auth.js';
import type { AdminServiceClient } from '../proto/gen/berth/v1/AdminService.js';
import type { ListAppsRequest__Output } from '../proto/gen/berth/v1/ListAppsRequest.js';
import type { ListAppsResponse } from '../proto/gen/berth/v1/ListAppsResponse.js';
import { loadBerthProto } from '../proto/load.js';
import { startCluster, type Cluster } from '../test/helpers/cluster.js';
import { applySpec } from '../test/helpers/deployments.js';
import { intEnv, measure, stats, type Stats } from './measure.js';

const ROUNDS = 5;
const ECHO_PATH = '/bench.Echo/Echo';
const BIG_PATH = '/bench.Echo/Big';
const P50_TARGET_RATIO = 10;
const P99_TARGET_MS = 50;

const KEYS = ['list', 'get', 'bare', 'bareBig'] as const;
type Ops = Record<(typeof KEYS)[number], () => Promise<unknown>>;
type Samples = Record<keyof Ops, { latencies: number[]; wallMs: number }>;

/** The calls in alternating blocks, so each sees the same background noise. */
async function compare(ops: Ops, n: number, concurrency: number): Promise<Samples> {
  const result = Object.fromEntries(KEYS.map((key) => [key, { latencies: [], wallMs: 0 }])) as unknown as Samples;
  for (let r = 0; r < ROUNDS; r++) {
    const count = Math.floor(n / ROUNDS) + (r < n % ROUNDS ? 1 : 0);
    for (const key of KEYS) {
      const t0 = performance.now();
      result[key].latencies.push(...(await measure(ops[key], count, concurrency)));
      result[key].wallMs += performance.now() - t0;
    }
  }
  return result;
}

const fmt = (ms: number) => ms.toFixed(3).padStart(8);
const LABELS = { list: 'ListApps (all apps)', get: 'GetApp (one app)', bare: 'bare grpc-js unary echo', bareBig: 'bare, ListApps-sized answer' };

function report(label: string, run: Samples) {
  console.log(`\n${label}`);
  console.log(
    `  ${'call'.padEnd(28)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'mean ms'.padStart(8)} ${'max ms'.padStart(8)} ${'per s'.padStart(8)}  ratio vs bare p50 / p99`,
  );
  const bare = stats(run.bare.latencies);
  const out: Record<string, Stats & { perSecond: number; ratioP50: number; ratioP99: number }> = {};
  for (const key of KEYS) {
    const s = stats(run[key].latencies);
    const perSecond = s.n / (run[key].wallMs / 1000);
    const ratioP50 = s.p50 / bare.p50;
    const ratioP99 = s.p99 / bare.p99;
    const ratios = key === 'bare' ? '' : `  ${ratioP50.toFixed(2)}x / ${ratioP99.toFixed(2)}x`;
    console.log(`  ${LABELS[key].padEnd(28)} ${fmt(s.p50)} ${fmt(s.p99)} ${fmt(s.mean)} ${fmt(s.max)} ${perSecond.toFixed(0).padStart(8)}${ratios}`);
    out[key] = { ...s, perSecond, ratioP50, ratioP99 };
  }
  const list = out.list as Stats;
  const big = out.bareBig as Stats;
  console.log(`  ListApps / bare with a ListApps-sized answer: p50 ${(list.p50 / big.p50).toFixed(2)}x, p99 ${(list.p99 / big.p99).toFixed(2)}x`);
  return out;
}

/** A small, realistic app: a routed image service and a git-built worker. */
function appSpec(i: number): string {
  const name = `app-${String(i).padStart(4, '0')}`;
  return JSON.stringify({
    name,
    domains: [`${name}.example.com`],
    env: { NODE_ENV: 'production' },
    services: {
      web: { image: `registry.example.com/team/${name}:1.4.2`, port: 8080, scale: 2, health: { path: '/healthz' } },
      worker: { git: { repo: `https://git.example.com/team/${name}.git`, branch: 'main' }, command: 'node worker.js' },
    },
  });
}

/** Median time (µs) of `fn` over `runs` runs after a few warm-up runs. */
async function timeAlone(fn: () => unknown, runs = 30): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push((performance.now() - t0) * 1000);
  }
  return stats(times).p50;
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const AREAS: Array<[string, (fn: string, url: string) => boolean]> = [
  ['idle', (fn) => fn === '(idle)'],
  ['GC', (fn) => fn === '(garbage collector)'],
  // The handler's own code; JSON.stringify is inlined into appMessage, so it counts here.
  ['the handler and the server encode (controller/, shared/)', (_fn, url) => /\/(controller|shared)\//.test(url)],
  // proto-loader's generated codecs have no URL; Buffer's UTF-8 calls are protobufjs reading and writing strings.
  [
    'protobuf (protobufjs, long, generated codecs, UTF-8)',
    (fn, url) => /protobufjs|\/long\/|proto-loader/.test(url) || /\$(encode|decode|fromObject|toObject)$/.test(fn) || /^utf8(Slice|Write)$/.test(fn),
  ],
  [
    'grpc-js, HTTP/2, sockets, buffers',
    (_fn, url) => /@grpc\/grpc-js|node:(internal\/)?(http2|net|stream|buffer|internal\/streams|internal\/stream_base)/.test(url),
  ],
  ['the benchmark client', (_fn, url) => /\/bench\//.test(url)],
];

/** CPU time per call by area while `work` runs `calls` calls. */
async function profileCalls(work: () => Promise<unknown>, calls: number): Promise<{ byArea: Array<[string, number]>; top: Array<[string, number]> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  await work();
  const { profile } = (await session.post('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[] };
  };
  session.disconnect();
  const msPerSample = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const { functionName: fn, url } = node.callFrame;
    const area = AREAS.find(([, match]) => match(fn, url))?.[0] ?? 'other';
    byArea.set(area, (byArea.get(area) ?? 0) + (node.hitCount * msPerSample) / calls);
  }
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const { functionName: fn, url } = node.callFrame;
    const key = `${fn || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist-bench)\//, '')}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (node.hitCount * msPerSample) / calls);
  }
  const top = [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  return { byArea: [...byArea.entries()].sort((a, b) => b[1] - a[1]), top };
}

async function main(): Promise<void> {
  const APPS = intEnv('BENCH_ADMIN_APPS', 1000);
  const N = intEnv('BENCH_ADMIN_N', 300);
  const WARMUP = intEnv('BENCH_ADMIN_WARMUP', 50);
  const CONCURRENCY = intEnv('BENCH_ADMIN_CONCURRENCY', 16);
  const PROFILE = process.env.BENCH_ADMIN_PROFILE === '1';

  let cluster: Cluster | undefined;
  let admin: AdminServiceClient | undefined;
  let bareServer: grpc.Server | undefined;
  let bareClient: grpc.Client | undefined;
  try {
    // Production log level: GetApp and ListApps log nothing, so this only matters for the set-up.
    cluster = await startCluster({ logLevel: 'info' });
    const controller = cluster.controller;
    for (let i = 0; i < APPS; i++) applySpec(controller, appSpec(i));
    // The store writes behind; wait until the 1,000 applies are on disk so no write runs meanwhile.
    await controller.store.flush();
    const someApp = `app-${String(Math.floor(APPS / 2)).padStart(4, '0')}`;

    const addr = `127.0.0.1:${controller.grpcPort}`;
    admin = createAdminClient({ addr, token: controller.adminToken });
    const client = admin;
    const listApps = () => callUnary(client.ListApps.bind(client), {});
    const getApp = () => callUnary(client.GetApp.bind(client), { name: someApp });

    // What one ListApps answer is: its size on the wire and that it holds every app.
    const adminMethods = loadBerthProto().berth.v1.AdminService.service;
    const sample = await listApps();
    if (sample.apps.length !== APPS) throw new Error(`ListApps answered ${sample.apps.length} apps, expected ${APPS}`);
    const listAnswer = adminMethods.ListApps.responseSerialize(sample);
    const getBytes = adminMethods.GetApp.responseSerialize(await getApp()).length;

    // The bare server: Buffers in and out as they are (identity "serialisation", no protobuf).
    // Echo answers with the request; Big with the ListApps answer's bytes, encoded once above.
    const identity = (b: Buffer) => b;
    const method = (path: string) => ({
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    });
    const echoService: grpc.ServiceDefinition = { Echo: method(ECHO_PATH), Big: method(BIG_PATH) };
    // The controller's server options, so both servers run with the same keepalive settings.
    const server = new grpc.Server({ 'grpc.keepalive_time_ms': 20_000, 'grpc.keepalive_timeout_ms': 10_000, 'grpc.keepalive_permit_without_calls': 1 });
    bareServer = server;
    server.addService(echoService, {
      Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(null, call.request),
      Big: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => callback(null, listAnswer),
    });
    const barePort = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
    );
    // The same bytes a GetApp request carries, and the same metadata and deadline the admin client sends.
    const payload = adminMethods.GetApp.requestSerialize({ name: someApp });
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${controller.adminToken}`);
    const bare = new grpc.Client(`127.0.0.1:${barePort}`, grpc.credentials.createInsecure());
    bareClient = bare;
    const call = (path: string) => () =>
      new Promise<Buffer>((resolve, reject) => {
        bare.makeUnaryRequest(path, identity, identity, payload, metadata, { deadline: Date.now() + 15_000 }, (err, res) =>
          err ? reject(err) : resolve(res as Buffer),
        );
      });
    const ops: Ops = { list: listApps, get: getApp, bare: call(ECHO_PATH), bareBig: call(BIG_PATH) };

    const listBytes = listAnswer.length;
    console.log(
      `admin API latency: ${APPS} apps stored, N=${N} per call after ${WARMUP} warm-up each, ${ROUNDS} alternating blocks; controller gRPC ${addr}, bare echo 127.0.0.1:${barePort}`,
    );
    console.log(
      `response sizes: ListApps ${listBytes} bytes (${(listBytes / 1024).toFixed(1)} KiB, ${(listBytes / APPS).toFixed(0)} per app), GetApp ${getBytes} bytes, bare echo ${payload.length} bytes`,
    );

    for (const op of Object.values(ops)) await measure(op, WARMUP, 1);
    const sequential = report('sequential (one in flight)', await compare(ops, N, 1));
    for (const op of Object.values(ops)) await measure(op, WARMUP, CONCURRENCY);
    const concurrent = report(`concurrent (${CONCURRENCY} in flight)`, await compare(ops, N, CONCURRENCY));

    const list = sequential.list as Stats & { ratioP50: number };
    const get = sequential.get as Stats;
    const targets = {
      listP50Within10xBare: list.ratioP50 <= P50_TARGET_RATIO,
      p99Under50ms: list.p99 < P99_TARGET_MS && get.p99 < P99_TARGET_MS,
    };
    console.log(`\ntargets (sequential):`);
    console.log(`  ListApps p50 within ${P50_TARGET_RATIO}x bare p50: ${targets.listP50Within10xBare ? 'MET' : 'NOT MET'} (${list.ratioP50.toFixed(2)}x)`);
    console.log(
      `  p99 < ${P99_TARGET_MS} ms: ${targets.p99Under50ms ? 'MET' : 'NOT MET'} (ListApps ${list.p99.toFixed(2)} ms, GetApp ${get.p99.toFixed(2)} ms)`,
    );

    // Where a ListApps answer's time goes: each step timed alone, in this process, on the same data.
    // The handler is the real one (auth, then appMessage per app), from a second set of admin
    // handlers over the controller's own store and token, called without gRPC. The other context
    // fields serve other methods only.
    const handlers = createAdminHandlers({
      store: controller.store,
      auth: new Authenticator(controller.adminToken, controller.store),
    } as unknown as AdminContext);
    const listHandler = () =>
      new Promise<ListAppsResponse>((resolve, reject) =>
        handlers.ListApps({ metadata, request: {} } as unknown as grpc.ServerUnaryCall<ListAppsRequest__Output, ListAppsResponse>, (err, res) =>
          err ? reject(err) : resolve(res as ListAppsResponse),
        ),
      );
    const message = await listHandler();
    // The controller's own ListApps encoding (rows encoded once, kept while unchanged).
    const encodeFromKeptRows = createAppListSerializer(loadBerthProto().berth.v1.AppSummary.serialize);
    const specs = Object.values(controller.store.data.apps).map((record) => record.spec);
    const steps = {
      handlerUs: await timeAlone(listHandler),
      specJsonUs: await timeAlone(() => specs.map((spec) => JSON.stringify(spec))),
      encodeUs: await timeAlone(() => adminMethods.ListApps.responseSerialize(message)),
      keptRowsUs: await timeAlone(() => encodeFromKeptRows(message)),
      decodeUs: await timeAlone(() => adminMethods.ListApps.responseDeserialize(listAnswer)),
    };
    console.log(`\nListApps steps timed alone (median µs per answer of ${APPS} apps):`);
    console.log(`  the handler: auth, sort names, ${APPS} rows                 ${steps.handlerUs.toFixed(0).padStart(7)}`);
    console.log(`  (for scale: JSON.stringify of the ${APPS} stored specs)     ${steps.specJsonUs.toFixed(0).padStart(7)}`);
    console.log(`  protobuf encode of every row (proto-loader, protobufjs)   ${steps.encodeUs.toFixed(0).padStart(7)}`);
    console.log(`  the server's encode: rows' kept bytes, concatenated       ${steps.keptRowsUs.toFixed(0).padStart(7)}`);
    console.log(`  protobuf decode (client: longs as strings)                ${steps.decodeUs.toFixed(0).padStart(7)}`);

    let profile: { byArea: Array<[string, number]>; top: Array<[string, number]> } | null = null;
    if (PROFILE) {
      const calls = 100;
      profile = await profileCalls(() => measure(listApps, calls, 1), calls);
      console.log(`\nCPU profile of ${calls} more sequential ListApps calls (client and controller, this process; the profiler slows them), ms per call:`);
      for (const [area, ms] of profile.byArea) console.log(`  ${area.padEnd(72)} ${ms.toFixed(2).padStart(7)}`);
      console.log('  the functions with the most self time:');
      for (const [fn, ms] of profile.top) console.log(`    ${fn.slice(0, 90).padEnd(90)} ${ms.toFixed(2).padStart(7)}`);
    }

    console.log(
      JSON.stringify({
        bench: 'admin-latency',
        apps: APPS,
        n: N,
        warmup: WARMUP,
        concurrency: CONCURRENCY,
        listAppsBytes: listBytes,
        getAppBytes: getBytes,
        echoBytes: payload.length,
        sequential,
        concurrent,
        targets,
        listAppsStepsUs: steps,
        profile,
      }),
    );
  } finally {
    admin?.close();
    bareClient?.close();
    if (bareServer) await new Promise<void>((resolve) => bareServer?.tryShutdown(() => resolve()));
    await cluster?.close();
  }
}

await main();
