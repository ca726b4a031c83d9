/**
 * Benchmark (prints figures; not a test): resident memory (VmRSS) of an idle `berth agent` and an
 * idle `berth controller`, both real processes from dist/ as an operator runs them, next to a bare
 * Node.js process that does nothing (the floor every Node.js daemon starts from). Target: the
 * agent under 80 MiB.
 *
 * Run: npx tsc -p . && npx tsc -p tsconfig.bench.json && node dist-bench/bench/memory.js   (or: npm run bench)
 * Tunables: BENCH_IDLE_SECONDS (10).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBerth } from '../test/helpers/berth-cli.js';
import { AgentProcess, CLI, removeAgentContainers, uniqueSuffix } from '../test/helpers/cluster.js';
import { freePort } from '../test/helpers/free-port.js';
import { startNatsServer, type NatsServer } from '../test/helpers/nats-server.js';
import { waitFor } from '../test/helpers/wait-for.js';

const AGENT_TARGET_MIB = 80;

/** VmRSS and VmHWM (peak RSS) of a process, in KiB, from /proc. */
function memoryKiB(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Spawns a process whose output is kept (and drained, so a full pipe never blocks it). */
function spawnKept(args: string[]): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with npx tsc -p tsconfig.json`);
  const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
  let nats: NatsServer | null = null;
  let controller: ReturnType<typeof spawnKept> | null = null;
  let agent: AgentProcess | null = null;
  let baseline: ChildProcess | undefined;
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-'));
  const agentId = `bench-${uniqueSuffix()}`;
  try {
    nats = await startNatsServer();
    const grpcPort = await freePort();
    const httpPort = await freePort();
    // Default flags otherwise (log level info, heartbeat 5 s, TTL 15 s): what an operator runs.
    controller = spawnKept([
      CLI,
      'controller',
      '--data-dir',
      dataDir,
      '--grpc-addr',
      `127.0.0.1:${grpcPort}`,
      '--http-addr',
      `127.0.0.1:${httpPort}`,
      '--nats',
      nats.url,
    ]);
    const c = controller;
    await waitFor('the controller to start', () => /"msg":"controller started"/.test(c.output()), 20_000);
    // A join token from the controller's admin API, as an operator gets one (berth agents join-token).
    const adminToken = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    const joinToken = (await runBerth(['agents', 'join-token'], { BERTH_ADDR: `127.0.0.1:${grpcPort}`, BERTH_TOKEN: adminToken })).stdout.trim();
    agent = new AgentProcess(agentId, [
      '--controller',
      `127.0.0.1:${grpcPort}`,
      '--nats',
      nats.url,
      '--data-dir',
      join(dataDir, 'agent'),
      '--join-token',
      joinToken,
    ]).start();
    // Connected means the controller counts its report stream, not just that the agent logged.
    await waitFor(
      'the agent to connect',
      async () => {
        const health = (await (await fetch(`http://127.0.0.1:${httpPort}/healthz`)).json()) as { agents: { connected: number } };
        return health.agents.connected === 1;
      },
      20_000,
    );
    // A Node.js process doing nothing, started now so it idles as long as the daemons do.
    baseline = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });

    console.log(`memory: agent ${agentId} connected; idling ${idleSeconds} s before reading /proc/<pid>/status`);
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));

    const mib = (kib: number) => kib / 1024;
    const rows = [
      { name: 'berth agent (idle, connected)', pid: agent.pid as number },
      { name: 'berth controller (idle, 1 agent)', pid: c.child.pid as number },
      { name: 'bare node -e setInterval', pid: baseline.pid as number },
    ].map((r) => ({ ...r, ...memoryKiB(r.pid) }));
    console.log(`  ${'process'.padEnd(34)} ${'RSS MiB'.padStart(8)} ${'peak MiB'.padStart(9)}`);
    for (const r of rows) console.log(`  ${r.name.padEnd(34)} ${mib(r.rss).toFixed(1).padStart(8)} ${mib(r.hwm).toFixed(1).padStart(9)}`);
    const [agentRow, controllerRow, baselineRow] = rows as [(typeof rows)[number], (typeof rows)[number], (typeof rows)[number]];
    const met = mib(agentRow.rss) < AGENT_TARGET_MIB;
    console.log(
      `  agent target < ${AGENT_TARGET_MIB} MiB: ${met ? 'met' : 'NOT met'} (${mib(agentRow.rss).toFixed(1)} MiB; ${mib(agentRow.rss - baselineRow.rss).toFixed(1)} MiB above bare Node.js)`,
    );
    console.log(
      JSON.stringify({
        bench: 'memory',
        idleSeconds,
        agentRssMiB: mib(agentRow.rss),
        agentPeakMiB: mib(agentRow.hwm),
        controllerRssMiB: mib(controllerRow.rss),
        controllerPeakMiB: mib(controllerRow.hwm),
        bareNodeRssMiB: mib(baselineRow.rss),
        agentTargetMiB: AGENT_TARGET_MIB,
        agentTargetMet: met,
      }),
    );
  } catch (err) {
    if (controller) console.error(`controller output (last 2000 chars):\n${controller.output().slice(-2000)}`);
    if (agent) console.error(`agent output (last 2000 chars):\n${agent.output.slice(-2000)}`);
    throw err;
  } finally {
    await stop(baseline);
    await agent?.kill('SIGTERM');
    await stop(controller?.child);
    await nats?.close();
    await removeAgentContainers(agentId).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
