/**
 * Benchmark (prints figures; not a test): report intake — instance health reports per second that
 * the controller absorbs over agents' gRPC report streams, next to a bare grpc-js streaming echo in
 * the same run. Target: Berth / bare of 0.5 or better.
 *
 * Berth: a controller in this process (real nats-server, the production log level) with
 * BENCH_INTAKE_AGENTS agents joined through the admin API (join token, Join, a secret each). The
 * load (bench/report-load.ts, in a worker thread, so the controller has the other core) opens each
 * agent's report stream with its secret, says hello with 10 instances, then keeps
 * BENCH_INTAKE_WINDOW reports in flight per stream: each a numbered instance event (healthy and
 * unhealthy in turn, as a flapping health check sends), a new one for every acknowledgement. The
 * controller validates each, updates its registry and the state, tells its listeners (routes
 * follow instance changes) and acknowledges it.
 *
 * Baseline: a bare grpc.Server in this same process serving the same AgentReports service
 * definition (so protobuf decoding and encoding are the same), whose Connect handler answers a
 * hello with a welcome and each report with its ack, and does nothing else. Same load, same
 * worker. Rounds alternate between the two.
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/report-intake.js   (or: npm run bench)
 * Tunables: BENCH_INTAKE_AGENTS (50), BENCH_INTAKE_WINDOW (16), BENCH_INTAKE_SECONDS (5),
 * BENCH_INTAKE_ROUNDS (3).
 */
import * as grpc from '@grpc/grpc-js';
import { Worker } from 'node:worker_threads';
import { callUnary, createAdminClient } from '../cli/admin-client.js';
import type { ConnectRequest__Output } from '../proto/gen/berth/v1/ConnectRequest.js';
import type { ConnectResponse } from '../proto/gen/berth/v1/ConnectResponse.js';
import { loadBerthProto } from '../proto/load.js';
import { startCluster } from '../test/helpers/cluster.js';
import { intEnv } from './measure.js';
import type { LoadRequest } from './report-load.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const AGENTS = intEnv('BENCH_INTAKE_AGENTS', 50);
const WINDOW = intEnv('BENCH_INTAKE_WINDOW', 16);
const SECONDS = intEnv('BENCH_INTAKE_SECONDS', 5);
const ROUNDS = intEnv('BENCH_INTAKE_ROUNDS', 3);
const proto = loadBerthProto();

function runLoad(request: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./report-load.js', import.meta.url), { workerData: request });
    worker.once('message', (m: { perSecond: number }) => {
      void worker.terminate();
      resolve(m.perSecond);
    });
    worker.once('error', reject);
  });
}

// The bare echo.
const bare = new grpc.Server();
bare.addService(proto.berth.v1.AgentService.service, {
  Connect(call: grpc.ServerDuplexStream<ConnectRequest__Output, ConnectResponse>) {
    call.on('data', (m: ConnectRequest__Output) => {
      if (m.hello) call.write({ welcome: { controllerVersion: 'bare', heartbeatTtlMs: 15_000 } });
      else if (m.report) call.write({ ack: { seq: m.report.seq } });
    });
    call.on('end', () => call.end());
    call.on('error', () => undefined);
  },
  Join(_call: unknown, callback: grpc.sendUnaryData<unknown>) {
    callback({ code: grpc.status.UNIMPLEMENTED });
  },
});
const barePort = await new Promise<number>((resolve, reject) =>
  bare.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => (err ? reject(err) : resolve(port))),
);

// Berth, with the agents joined.
const cluster = await startCluster({ logLevel: 'info', heartbeatTtl: '60s' });
const adminToken = (await readFile(join(cluster.dataDir, 'admin-token'), 'utf8')).trim();
const admin = createAdminClient({ addr: `127.0.0.1:${cluster.controller.grpcPort}`, token: adminToken });
const { token } = await callUnary(admin.CreateJoinToken.bind(admin), { ttlMs: 600_000 });
const reports = new proto.berth.v1.AgentService(`127.0.0.1:${cluster.controller.grpcPort}`, grpc.credentials.createInsecure());
const agents: LoadRequest['agents'] = [];
for (let i = 0; i < AGENTS; i++) {
  const id = `bench-${i}`;
  const joined = await callUnary(reports.Join.bind(reports), { agentId: id, joinToken: token, hostname: id });
  agents.push({ id, secret: joined.secret });
}
reports.close();

console.log(`report intake: ${AGENTS} agents, ${WINDOW} reports in flight per stream, ${SECONDS} s per round, ${ROUNDS} rounds each, alternating`);
const berthRates: number[] = [];
const bareRates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const load = { agents, window: WINDOW, warmupMs: 1000, measureMs: SECONDS * 1000 };
  bareRates.push(await runLoad({ ...load, address: `127.0.0.1:${barePort}` }));
  berthRates.push(await runLoad({ ...load, address: `127.0.0.1:${cluster.controller.grpcPort}` }));
  console.log(
    `  round ${round + 1}: Berth ${Math.round(berthRates.at(-1) as number).toLocaleString('en-US')}/s, bare ${Math.round(bareRates.at(-1) as number).toLocaleString('en-US')}/s, ratio ${((berthRates.at(-1) as number) / (bareRates.at(-1) as number)).toFixed(2)}`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ratios = berthRates.map((b, i) => b / (bareRates[i] as number));
console.log(
  `  median: Berth ${Math.round(median(berthRates)).toLocaleString('en-US')} reports/s, bare ${Math.round(median(bareRates)).toLocaleString('en-US')}/s; Berth / bare per round ${ratios.map((r) => r.toFixed(2)).join(', ')}, median ${median(ratios).toFixed(2)} (target ≥ 0.5)`,
);
console.log(JSON.stringify({ bench: 'report-intake', agents: AGENTS, window: WINDOW, berth: berthRates, bare: bareRates }));

admin.close();
await cluster.close();
bare.forceShutdown();
