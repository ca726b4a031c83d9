/**
 * A process of simulated agents for bench/fleet.ts: starts `count` real Berth agents (the agent's
 * own code: a NATS connection each, a gRPC report stream each, heartbeats every 5 s, joined with a
 * join token) on the in-memory runtime, then tells its parent it is ready and waits to be stopped.
 * Arguments come as JSON in BERTH_FLEET (this process's index and how many there are, the first
 * agent's number, count, controller, nats, token, dir).
 */
import pino from 'pino';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startAgent, type Agent } from '../agent/agent.js';
import { parseAgentConfig } from '../agent/config.js';
import { MemoryRuntime } from '../test/helpers/memory-runtime.js';

const { index, processes, first, count, controller, nats, token, dir } = JSON.parse(process.env.BERTH_FLEET ?? '{}') as {
  index: number;
  processes: number;
  first: number;
  count: number;
  controller: string;
  nats: string;
  token: string;
  dir: string;
};
const log = pino({ level: 'error' });
// Each process publishes on ports of its own below the kernel's ephemeral range (32768 up).
const PORTS_PER_PROCESS = Math.floor(20_000 / Math.max(1, processes));
const runtime = new MemoryRuntime({ first: 12_000 + index * PORTS_PER_PROCESS, last: 12_000 + (index + 1) * PORTS_PER_PROCESS - 1 });
const agents: Agent[] = [];
// A few at a time: joining and connecting 250 at once would only queue in the controller.
for (let i = first; i < first + count; i += 10) {
  const batch = [];
  for (let k = i; k < Math.min(first + count, i + 10); k++) {
    const id = `sim-${String(k).padStart(4, '0')}`;
    const config = parseAgentConfig({ id, controller, nats, heartbeat: '5s', logLevel: 'error', dataDir: join(dir, id), joinToken: token });
    batch.push(startAgent(config, log.child({ agentId: id }), runtime));
  }
  agents.push(...(await Promise.all(batch)));
}
process.send?.({ ready: agents.length });
process.on('message', (m: { stop?: boolean }) => {
  if (!m.stop) return;
  void Promise.all(agents.map((a) => a.stop())).finally(() => process.exit(0));
});
// BENCH_FLEET_LAG=1: this process's worst event-loop delay every 5 s, to tell a slow fleet from a slow controller.
if (process.env.BENCH_FLEET_LAG) {
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  setInterval(() => {
    process.stderr.write(`fleet process ${first}: event-loop delay max ${(delay.max / 1e6).toFixed(0)} ms\n`);
    delay.reset();
  }, 5000).unref();
}
