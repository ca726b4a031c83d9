/**
 * Benchmark (prints figures; not a test): the task round trip of a `noop` task,
 *   controller → JetStream publish (awaiting the PubAck) → agent's pull consumer → agent
 *   → gRPC report stream → controller (dispatcher.run resolves),
 * next to a bare core-NATS request/reply round trip through the same nats-server to a responder
 * in another process. The ratio of the two is the figure: it is Berth's own overhead with the
 * machine, the loopback and nats-server itself divided out.
 *
 * Run: npx tsc -p . && npx tsc -p tsconfig.bench.json && node dist-bench/bench/task-round-trip.js   (or: npm run bench)
 * Tunables: BENCH_N (500), BENCH_WARMUP (50), BENCH_CONCURRENCY (16), BENCH_ROUNDS (5).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { loggerOptions } from '../shared/logger.js';
import { parseControllerConfig } from '../controller/config.js';
import { startController, type Controller } from '../controller/controller.js';
import { encodeTask } from '../shared/task.js';
import { AgentProcess, CLI, removeAgentContainers, uniqueSuffix } from '../test/helpers/cluster.js';
import { startNatsServer, type NatsServer } from '../test/helpers/nats-server.js';
import { intEnv, measure, stats } from './measure.js';

const ECHO_SUBJECT = 'bench.echo';

/**
 * Measures Berth and bare NATS in alternating blocks (`rounds` of each), so that both see the
 * same background noise on a shared machine rather than one getting the quiet minute.
 */
async function compare(berth: () => Promise<void>, bare: () => Promise<void>, n: number, concurrency: number, rounds: number) {
  const result = { berth: [] as number[], bare: [] as number[], berthWallMs: 0, bareWallMs: 0 };
  for (let r = 0; r < rounds; r++) {
    const count = Math.floor(n / rounds) + (r < n % rounds ? 1 : 0);
    let t0 = performance.now();
    result.berth.push(...(await measure(berth, count, concurrency)));
    result.berthWallMs += performance.now() - t0;
    t0 = performance.now();
    result.bare.push(...(await measure(bare, count, concurrency)));
    result.bareWallMs += performance.now() - t0;
  }
  return result;
}

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

const fmt = (ms: number) => ms.toFixed(3).padStart(8);

function report(label: string, run: { berth: number[]; bare: number[]; berthWallMs: number; bareWallMs: number }) {
  const b = stats(run.berth);
  const n = stats(run.bare);
  console.log(`\n${label}`);
  console.log(
    `  ${'round trip'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'mean ms'.padStart(8)} ${'max ms'.padStart(8)} ${'per s'.padStart(8)}`,
  );
  console.log(
    `  ${'Berth noop task (JetStream+gRPC)'.padEnd(34)} ${fmt(b.p50)} ${fmt(b.p99)} ${fmt(b.mean)} ${fmt(b.max)} ${(b.n / (run.berthWallMs / 1000)).toFixed(0).padStart(8)}`,
  );
  console.log(
    `  ${'bare NATS request/reply'.padEnd(34)} ${fmt(n.p50)} ${fmt(n.p99)} ${fmt(n.mean)} ${fmt(n.max)} ${(n.n / (run.bareWallMs / 1000)).toFixed(0).padStart(8)}`,
  );
  const ratio = { p50: b.p50 / n.p50, p99: b.p99 / n.p99, mean: b.mean / n.mean };
  console.log(`  ratio Berth/bare: p50 ${ratio.p50.toFixed(2)}x, p99 ${ratio.p99.toFixed(2)}x, mean ${ratio.mean.toFixed(2)}x`);
  return {
    berth: { ...b, perSecond: b.n / (run.berthWallMs / 1000) },
    bare: { ...n, perSecond: n.n / (run.bareWallMs / 1000) },
    ratio,
  };
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with npx tsc -p tsconfig.json`);
  const N = intEnv('BENCH_N', 500);
  const WARMUP = intEnv('BENCH_WARMUP', 50);
  const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 16);
  const ROUNDS = intEnv('BENCH_ROUNDS', 5);

  let nats: NatsServer | null = null;
  let controller: Controller | null = null;
  let agent: AgentProcess | null = null;
  let responder: ChildProcess | null = null;
  let nc: NatsConnection | null = null;
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-'));
  const agentId = `bench-${uniqueSuffix()}`;
  try {
    nats = await startNatsServer();
    // The controller in this process with production defaults (info level, 15 s heartbeat TTL);
    // its log goes to /dev/null so it costs what writing to stdout costs without filling the screen.
    const config = parseControllerConfig({ dataDir, grpcAddr: '127.0.0.1:0', httpAddr: '127.0.0.1:0', nats: nats.url, logLevel: 'info' });
    controller = await startController(config, pino(loggerOptions('controller', 'info'), pino.destination({ dest: '/dev/null', sync: true })));
    // The agent is the real `berth agent` binary from dist/, with its default heartbeat and log level.
    const joinToken = controller.enrolment.createJoinToken(10 * 60_000).token;
    agent = new AgentProcess(agentId, [
      '--controller',
      `127.0.0.1:${controller.grpcPort}`,
      '--nats',
      nats.url,
      '--data-dir',
      join(dataDir, 'agent'),
      '--join-token',
      joinToken,
    ]).start();
    await agent.waitForLog(/"msg":"agent started"/, 20_000);

    responder = spawn(process.execPath, [...process.execArgv, import.meta.filename, 'responder', nats.url], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      responder?.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      responder?.once('exit', (code) => reject(new Error(`the NATS responder exited with ${code}`)));
    });
    nc = await connect({ servers: nats.url, name: 'bench-requester' });

    const c = controller;
    const berthOp = async () => {
      const result = await c.dispatcher.run({ kind: 'noop', agentId }, 30_000);
      if (result.status !== 'ok') throw new Error(`noop task ended ${result.status}: ${result.message}`);
    };
    // The bare request carries as many bytes as a noop task does on the wire.
    const now = Date.now();
    const payload = encodeTask({ id: crypto.randomUUID(), kind: 'noop', agentId, deploymentId: null, createdAtMs: now, deadlineMs: now, spec: {} });
    const requester = nc;
    const bareOp = async () => {
      await requester.request(ECHO_SUBJECT, payload, { timeout: 30_000 });
    };

    console.log(
      `task round trip: N=${N} after ${WARMUP} warm-up each, ${ROUNDS} alternating blocks; nats-server ${nats.url}; agent ${agentId} (pid ${agent.pid})`,
    );
    await measure(berthOp, WARMUP, 1);
    await measure(bareOp, WARMUP, 1);
    const sequential = report('sequential (one in flight)', await compare(berthOp, bareOp, N, 1, ROUNDS));

    await measure(berthOp, WARMUP, CONCURRENCY);
    await measure(bareOp, WARMUP, CONCURRENCY);
    const concurrent = report(`concurrent (${CONCURRENCY} in flight)`, await compare(berthOp, bareOp, N, CONCURRENCY, ROUNDS));

    const agentRssAfter = rssMiB(agent.pid as number);
    console.log(`\nagent RSS after ${2 * (N + WARMUP)} tasks: ${agentRssAfter.toFixed(1)} MiB (reference; the idle figure is bench/memory.ts)`);
    console.log(
      JSON.stringify({ bench: 'task-round-trip', n: N, warmup: WARMUP, concurrency: CONCURRENCY, sequential, concurrent, agentRssAfterMiB: agentRssAfter }),
    );
  } catch (err) {
    if (agent) console.error(`agent output (last 2000 chars):\n${agent.output.slice(-2000)}`);
    throw err;
  } finally {
    await nc?.close().catch(() => undefined);
    responder?.kill('SIGTERM');
    await agent?.kill('SIGTERM');
    await controller?.stop().catch(() => undefined);
    await nats?.close();
    await removeAgentContainers(agentId).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}

// Responder mode: this same file, re-run as a child process, answers every request with its
// payload. A separate process because the agent is one too; otherwise the bare figure would
// skip a process hop that Berth pays. (At the end of the file: top-level await before the
// helpers' `const`s would hit them uninitialised.)
if (process.argv[2] === 'responder') {
  const nc = await connect({ servers: process.argv[3] });
  nc.subscribe(ECHO_SUBJECT, {
    callback: (_err, msg) => {
      msg.respond(msg.data);
    },
  });
  await nc.flush();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => void nc.close().then(() => process.exit(0)));
} else {
  await main();
}
