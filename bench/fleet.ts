/**
 * Benchmark (prints figures; not a test): a simulated fleet. BENCH_FLEET_AGENTS real Berth agents
 * (the agent's own code: a NATS connection and a gRPC report stream each, heartbeats every 5 s,
 * joined with a join token), several per process (bench/fleet-agents.ts), on an in-memory container
 * runtime instead of Docker (test/helpers/memory-runtime.ts); a real `berth controller` process
 * (--state-store journal) and a real nats-server.
 *
 * Figures: how long the fleet takes to join; the controller's CPU (share of one core) and resident
 * memory at rest with the fleet connected, before and after the wave; the wave: BENCH_FLEET_APPS
 * apps of BENCH_FLEET_SCALE replicas each (10,000 instances by default, 10 per agent) deployed at
 * once through the admin API — time until every deployment has succeeded (every instance routed),
 * and the controller's CPU seconds over that time. Baseline in the same run: bare NATS
 * request/reply round trips through the same nats-server, as many as the tasks the wave sent
 * (counted by the controller's berth_task_round_trip_seconds), 200 in flight.
 *
 * Run: npx tsc -p . && npx tsc -p tsconfig.bench.json && node dist-bench/bench/fleet.js   (or: npm run bench)
 * Tunables: BENCH_FLEET_AGENTS (1000), BENCH_FLEET_PROCESSES (4), BENCH_FLEET_APPS (100),
 * BENCH_FLEET_SCALE (100), BENCH_FLEET_REST_SECONDS (20), BENCH_FLEET_WAVE_TIMEOUT (600 s), BENCH_FLEET_TTL
 * (the controller's --heartbeat-ttl, 15 s), BENCH_FLEET_PROFILE (a directory: the
 * controller's CPU profile is written there when it stops), BENCH_FLEET_LOG (a file for the controller's
 * warnings and errors), BENCH_FLEET_AGENT_PROFILE (a directory for the fleet processes' CPU profiles), BENCH_FLEET_LAG (1: each fleet
 * process prints its worst event-loop delay every 5 s).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { callUnary, createAdminClient } from '../cli/admin-client.js';
import { CLI } from '../test/helpers/cluster.js';
import { freePort } from '../test/helpers/free-port.js';
import { startNatsServer } from '../test/helpers/nats-server.js';
import { waitFor } from '../test/helpers/wait-for.js';
import { intEnv } from './measure.js';

const AGENTS = intEnv('BENCH_FLEET_AGENTS', 1000);
const PROCESSES = intEnv('BENCH_FLEET_PROCESSES', 4);
const APPS = intEnv('BENCH_FLEET_APPS', 100);
const SCALE = intEnv('BENCH_FLEET_SCALE', 100);
const REST_SECONDS = intEnv('BENCH_FLEET_REST_SECONDS', 20);
const WAVE_TIMEOUT_SECONDS = intEnv('BENCH_FLEET_WAVE_TIMEOUT', 600);
const TTL_SECONDS = intEnv('BENCH_FLEET_TTL', 15);
const TICKS = 100; // clock ticks per second in /proc/PID/stat

async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

async function rssMiB(pid: number): Promise<number> {
  const match = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

async function atRest(pid: number, label: string): Promise<{ cpuShare: number; rss: number }> {
  const c0 = await cpuSeconds(pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, REST_SECONDS * 1000));
  const cpuShare = ((await cpuSeconds(pid)) - c0) / ((performance.now() - t0) / 1000);
  const rss = await rssMiB(pid);
  console.log(`  at rest ${label}: controller CPU ${(cpuShare * 100).toFixed(1)} % of a core, RSS ${rss.toFixed(0)} MiB (over ${REST_SECONDS} s)`);
  return { cpuShare, rss };
}

const nats = await startNatsServer();
const dir = await mkdtemp(join(tmpdir(), 'berth-bench-fleet-'));
const grpcPort = await freePort();
const httpPort = await freePort();
const profileDir = process.env.BENCH_FLEET_PROFILE; // a directory: the controller runs under --cpu-prof
const agentProfileDir = process.env.BENCH_FLEET_AGENT_PROFILE; // a directory: the fleet processes run under --cpu-prof
// A file: the controller's log (warnings and errors) goes there.
const logFile = process.env.BENCH_FLEET_LOG ? openSync(process.env.BENCH_FLEET_LOG, 'w') : undefined;
const controller: ChildProcess = spawn(
  process.execPath,
  [
    ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
    CLI,
    'controller',
    '--data-dir',
    join(dir, 'controller'),
    '--grpc-addr',
    `127.0.0.1:${grpcPort}`,
    '--http-addr',
    `127.0.0.1:${httpPort}`,
    '--nats',
    nats.url,
    '--heartbeat-ttl',
    `${TTL_SECONDS}s`,
    '--stability-window',
    '0s',
    '--state-store',
    'journal',
    '--log-level',
    'warn',
  ],
  { stdio: ['ignore', logFile ?? 'ignore', 'inherit'] },
);
const workers: ChildProcess[] = [];
try {
  await waitFor('the controller', async () => ((await fetch(`http://127.0.0.1:${httpPort}/healthz`).catch(() => null))?.ok ? true : undefined), 30_000, 100);
  const token = (await readFile(join(dir, 'controller', 'admin-token'), 'utf8')).trim();
  const admin = createAdminClient({ addr: `127.0.0.1:${grpcPort}`, token });
  const joinToken = (await callUnary(admin.CreateJoinToken.bind(admin), { ttlMs: 3_600_000 })).token;
  const pid = controller.pid as number;
  console.log(`fleet: ${AGENTS} simulated agents in ${PROCESSES} processes (in-memory runtime), a wave of ${APPS} apps × ${SCALE} instances`);

  // The fleet joins.
  let t = performance.now();
  const per = Math.ceil(AGENTS / PROCESSES);
  await Promise.all(
    Array.from({ length: PROCESSES }, (_, w) => {
      const count = Math.max(0, Math.min(per, AGENTS - w * per));
      const child = fork(new URL('./fleet-agents.js', import.meta.url), [], {
        env: {
          ...process.env,
          BERTH_FLEET: JSON.stringify({
            index: w,
            processes: PROCESSES,
            first: w * per,
            count,
            controller: `127.0.0.1:${grpcPort}`,
            nats: nats.url,
            token: joinToken,
            dir: join(dir, 'agents'),
          }),
        },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        ...(agentProfileDir ? { execArgv: ['--cpu-prof', '--cpu-prof-dir', agentProfileDir] } : {}),
      });
      workers.push(child);
      return new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`fleet process ${w} exited ${code}`)));
      });
    }),
  );
  await waitFor(
    'every agent ready',
    async () => {
      const { agents } = await callUnary(admin.ListAgents.bind(admin), {});
      return agents.filter((a) => a.status === 'ready').length >= AGENTS ? true : undefined;
    },
    120_000,
    500,
  );
  console.log(`  joined and connected: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const rest0 = await atRest(pid, 'with no instances');

  // The wave.
  for (let a = 0; a < APPS; a++) {
    const spec = { name: `wave-${a}`, drain: '0s', services: { web: { image: 'bench/app:1', port: 8080, scale: SCALE } } };
    await callUnary(admin.ApplyApp.bind(admin), { specText: JSON.stringify(spec), source: 'bench' });
  }
  const tasksBefore = await taskCount();
  const cpu0 = await cpuSeconds(pid);
  t = performance.now();
  const ids = await Promise.all(
    Array.from({ length: APPS }, async (_, a) => (await callUnary(admin.Deploy.bind(admin), { app: `wave-${a}`, services: [], ref: '' })).deployment?.id ?? ''),
  );
  const pending = new Set(ids);
  const failed: string[] = [];
  await waitFor(
    'the wave to end',
    async () => {
      for (const id of [...pending]) {
        const d = (await callUnary(admin.GetDeployment.bind(admin), { id })).deployment;
        if (!d) continue;
        if (['succeeded', 'failed', 'cancelled'].includes(d.state)) {
          pending.delete(id);
          if (d.state !== 'succeeded') failed.push(`${d.app}: ${d.state} ${(d.failure?.reason ?? '').slice(0, 200)}`);
        }
      }
      return pending.size === 0 ? true : undefined;
    },
    WAVE_TIMEOUT_SECONDS * 1000,
    500,
  );
  const waveSeconds = (performance.now() - t) / 1000;
  const waveCpu = (await cpuSeconds(pid)) - cpu0;
  const tasks = (await taskCount()) - tasksBefore;
  console.log(
    `  wave: ${APPS * SCALE} instances routed in ${waveSeconds.toFixed(1)} s (${failed.length} deployments failed${failed.length ? `: ${failed.slice(0, 3).join('; ')}` : ''}); controller CPU ${waveCpu.toFixed(1)} s (${((waveCpu / waveSeconds) * 100).toFixed(0)} % of a core); ${tasks} tasks`,
  );
  const rest1 = await atRest(pid, `with ${APPS * SCALE} instances`);

  // Baseline: bare request/reply through the same nats-server.
  const responder = await connect({ servers: nats.url });
  responder.subscribe('bench.rr', {
    callback: (_err, msg) => {
      msg.respond(msg.data);
    },
  });
  const requester = await connect({ servers: nats.url });
  await responder.flush();
  const payload = new Uint8Array(300);
  t = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: 200 }, async () => {
      while (sent < tasks) {
        sent++;
        await requester.request('bench.rr', payload, { timeout: 10_000 });
      }
    }),
  );
  const bareSeconds = (performance.now() - t) / 1000;
  await requester.close();
  await responder.close();
  console.log(
    `  baseline: ${tasks} bare NATS request/reply round trips (200 in flight): ${bareSeconds.toFixed(2)} s; wave / baseline ${(waveSeconds / bareSeconds).toFixed(1)}×`,
  );
  console.log(
    JSON.stringify({ bench: 'fleet', agents: AGENTS, instances: APPS * SCALE, rest0, rest1, waveSeconds, waveCpu, tasks, bareSeconds, failed: failed.length }),
  );
  admin.close();

  async function taskCount(): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    let n = 0;
    for (const line of text.split('\n')) if (line.startsWith('berth_task_round_trip_seconds_count')) n += Number(line.split(' ').at(-1));
    return n;
  }
} finally {
  for (const w of workers) w.send({ stop: true });
  await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
  controller.kill('SIGTERM');
  await new Promise((r) => controller.once('exit', r));
  await nats.close();
  await rm(dir, { recursive: true, force: true });
}
