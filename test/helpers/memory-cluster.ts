/**
 * Berth without Docker, for the pipeline tests (test/pipeline): the real controller and real
 * agents in this process, talking over a real nats-server and gRPC on loopback, with each agent's
 * containers in a MemoryRuntime. A deployment runs every stage of the real code in well under a
 * second, and tests hold any step of it (MemoryRuntime.hold) to act while it is in a given phase.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startAgent, type Agent } from '../../agent/agent.js';
import { parseAgentConfig } from '../../agent/config.js';
import { parseControllerConfig, type ControllerConfig } from '../../controller/config.js';
import { startController, type Controller } from '../../controller/controller.js';
import type { DeploymentState } from '../../controller/core/deployment-machine.js';
import type { DeploymentRecord } from '../../controller/core/deployment-record.js';
import { loggerOptions } from '../../shared/logger.js';
import { LogSink } from './cluster.js';
import { MemoryRuntime } from './memory-runtime.js';
import { startNatsServer, type NatsServer } from './nats-server.js';
import { waitFor } from './wait-for.js';

export interface MemoryAgent {
  id: string;
  runtime: MemoryRuntime;
  agent: Agent | null;
}

export interface MemoryCluster {
  nats: NatsServer;
  readonly controller: Controller;
  controllerLogs: LogSink;
  agents: Map<string, MemoryAgent>;
  /** Starts an agent (again, with the same runtime and data dir, when it ran before). */
  startAgent(id: string, labels?: Record<string, string>): Promise<MemoryAgent>;
  /** Stops an agent as a lost host would stop: no goodbye, its containers keep running. */
  stopAgent(id: string): Promise<void>;
  stopController(): Promise<void>;
  startController(changes?: Partial<ControllerConfig>): Promise<Controller>;
  /** Waits until the deployment is in (or past) this state; returns it as it is then. */
  waitForState(id: string, state: DeploymentState, timeoutMs?: number): Promise<DeploymentRecord>;
  close(): Promise<void>;
}

export async function startMemoryCluster(options: { stabilityWindow?: string; heartbeatTtl?: string } = {}): Promise<MemoryCluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-memory-'));
  const nats = await startNatsServer();
  const controllerLogs = new LogSink();
  const logger = pino(loggerOptions('controller', 'debug'), controllerLogs);
  const agentLogger = pino({ level: 'warn' });
  const config = parseControllerConfig({
    dataDir,
    grpcAddr: '127.0.0.1:0',
    httpAddr: '127.0.0.1:0',
    nats: nats.url,
    heartbeatTtl: options.heartbeatTtl ?? '1s',
    stabilityWindow: options.stabilityWindow ?? '50ms',
    traefikSettle: '0s',
    logLevel: 'debug',
  });
  let controller = await startController(config, logger);
  let running = true;
  const fixed = { ...config, grpcAddr: { host: '127.0.0.1', port: controller.grpcPort }, httpAddr: { host: '127.0.0.1', port: controller.httpPort } };
  const agents = new Map<string, MemoryAgent>();
  // Memory runtimes publish below the kernel's ephemeral range, 200 ports per agent; a port taken
  // by another file's cluster is skipped (MemoryRuntime binds the next free one).
  let nextPortBlock = 14_000 + Math.floor(Math.random() * 40) * 400;

  const cluster: MemoryCluster = {
    nats,
    get controller() {
      return controller;
    },
    controllerLogs,
    agents,
    async startAgent(id, labels = {}) {
      const known = agents.get(id);
      const first = nextPortBlock;
      if (!known) nextPortBlock += 200;
      const entry = known ?? { id, runtime: new MemoryRuntime({ first, last: first + 199 }), agent: null };
      agents.set(id, entry);
      const agentConfig = parseAgentConfig({
        id,
        controller: `127.0.0.1:${controller.grpcPort}`,
        nats: nats.url,
        heartbeat: '200ms',
        logLevel: 'warn',
        dataDir: join(dataDir, 'agents', id),
        joinToken: controller.enrolment.createJoinToken(60_000).token,
        label: Object.entries(labels).map(([k, v]) => `${k}=${v}`),
      });
      entry.agent = await startAgent(agentConfig, agentLogger.child({ agentId: id }), entry.runtime);
      await waitFor(`agent ${id} to be ready`, () => controller.store.data.agents[id]?.alive === true, 10_000);
      return entry;
    },
    async stopAgent(id) {
      const entry = agents.get(id);
      await entry?.agent?.stop({ goodbye: false });
      if (entry) entry.agent = null;
    },
    async stopController() {
      running = false;
      await controller.stop();
    },
    async startController(changes = {}) {
      controller = await startController({ ...fixed, ...changes }, logger);
      running = true;
      return controller;
    },
    async waitForState(id, state, timeoutMs = 10_000) {
      const order: DeploymentState[] = ['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining'];
      await waitFor(
        `deployment ${id} to reach ${state}`,
        () => {
          const d = controller.store.data.deployments[id];
          if (!d) return false;
          if (d.state === state) return true;
          const at = order.indexOf(d.state);
          return at >= 0 && order.indexOf(state) >= 0 && at > order.indexOf(state);
        },
        timeoutMs,
      );
      return controller.store.data.deployments[id] as DeploymentRecord;
    },
    async close() {
      for (const id of agents.keys()) await cluster.stopAgent(id);
      if (running) await controller.stop();
      await nats.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}
