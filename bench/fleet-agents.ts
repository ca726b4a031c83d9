/**
 * A process of simulated agents for bench/fleet.ts: starts `count` real Berth agents (the agent's
 * own code: a NATS connection each, a gRPC report stream each, heartbeats every 5 s, joined with a
 * join token) on the in-memory runtime, then tells its parent it is ready and waits to be stopped.
 * Arguments come as JSON in BERTH_FLEET (first index, count, controller, nats, token, dir).
 */
import pino from 'pino';
import { join } from 'node:path';
import { startAgent, type Agent } from '../agent/agent.js';
import { parseAgentConfig } from '../agent/config.js';
import { MemoryRuntime } from './memory-runtime.js';

const { first, count, controller, nats, token, dir } = JSON.parse(process.env.BERTH_FLEET ?? '{}') as { first: number; count: number; controller: string; nats: string; token: string; dir: string };
const log = pino({ level: 'error' });
const runtime = new MemoryRuntime();
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
