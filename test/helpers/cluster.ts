/**
 * A whole Berth on loopback for integration tests: a real nats-server, a real Traefik watching the
 * controller's Traefik directory (and, when asked, a second one polling its HTTP provider), the
 * controller in this process (so tests can dispatch tasks and read its registry; it confirms every
 * switch with the Traefiks' APIs) and agents as real `berth agent` child processes that can be
 * killed with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startController, type Controller } from '../../controller/controller.js';
import { parseControllerConfig, type ControllerConfig } from '../../controller/config.js';
import { LABELS } from '../../shared/instance.js';
import { loggerOptions } from '../../shared/logger.js';
import { stopChild } from './child-process.js';
import { docker } from './exec.js';
import { ensureNatsAuth } from '../../controller/adapters/nats-auth.js';
import { freePort } from './free-port.js';
import { startNatsServer, type NatsServer } from './nats-server.js';
import { startTraefik, type Traefik } from './traefik.js';
import { REPO_ROOT } from './repo-root.js';
import { waitFor } from './wait-for.js';

export const CLI = join(REPO_ROOT, 'dist/cli/main.js');

/** Log lines kept in memory so tests can assert what was logged. */
export class LogSink extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export class AgentProcess {
  private child: ChildProcess | null = null;
  output = '';
  exited: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly id: string,
    private readonly args: string[],
    /** Added to the agent's environment (e.g. BERTH_JOIN_TOKEN). */
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  start(): this {
    this.output = '';
    const child = spawn(process.execPath, [CLI, 'agent', '--id', this.id, ...this.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.env },
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    return this;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async waitForLog(pattern: RegExp, timeoutMs = 15_000): Promise<void> {
    await waitFor(`agent ${this.id} to log ${pattern}`, () => pattern.test(this.output), timeoutMs);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await stopChild(this.child, signal);
  }
}

export interface Cluster {
  nats: NatsServer;
  /** Traefik with the file provider on the controller's Traefik directory. */
  traefik: Traefik;
  /** Every Traefik of the cluster (the file provider's first; the HTTP provider's when asked for). */
  traefiks: Traefik[];
  controller: Controller;
  controllerLogs: LogSink;
  dataDir: string;
  agents: AgentProcess[];
  /** `env` is added to the agent's environment (e.g. GIT_CONFIG_* for the git it runs). */
  startAgent(id: string, extraArgs?: string[], env?: NodeJS.ProcessEnv): Promise<AgentProcess>;
  /** Stops the controller; `startController` brings it back on the same ports and data dir. */
  stopController(): Promise<void>;
  /** `changes`: settings that differ from the first start's (e.g. other Traefik APIs). */
  startController(changes?: Partial<ControllerConfig>): Promise<Controller>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** The controller's --state-store (json when not given). */
  stateStore?: 'json' | 'journal';
  deploymentHistory?: number;
  heartbeatTtl?: string;
  agentHeartbeat?: string;
  stabilityWindow?: string;
  traefikToken?: string;
  hookBodyLimit?: string;
  /** PEM files of the gRPC port's certificate and key: the controller then serves TLS. */
  tls?: { cert: string; key: string };
  /** The controller's log level (default debug, so tests can assert what was logged). */
  logLevel?: 'debug' | 'info';
  /** NATS with authorization, configured as `berth controller nats-config` writes it. */
  natsAuth?: boolean;
  /** A second Traefik on the HTTP provider, polling GET /traefik/dynamic at this interval. */
  httpProviderTraefik?: { pollInterval: string };
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-controller-'));
  const nats = await startNatsServer(
    options.natsAuth ? async (port, storeDir) => (await ensureNatsAuth(dataDir)).auth.serverConfig({ host: '127.0.0.1', port, storeDir }) : undefined,
  );
  const controllerLogs = new LogSink();
  // The HTTP port is chosen before the controller starts: the HTTP provider's Traefik polls it.
  const httpPort = await freePort();
  await mkdir(join(dataDir, 'traefik'), { recursive: true });
  const traefiks = [await startTraefik({ fileDirectory: join(dataDir, 'traefik') })];
  if (options.httpProviderTraefik) {
    const http = {
      endpoint: `http://127.0.0.1:${httpPort}/traefik/dynamic`,
      pollInterval: options.httpProviderTraefik.pollInterval,
      ...(options.traefikToken ? { token: options.traefikToken } : {}),
    };
    traefiks.push(await startTraefik({ http }));
  }
  const config = parseControllerConfig({
    dataDir,
    grpcAddr: '127.0.0.1:0',
    httpAddr: `127.0.0.1:${httpPort}`,
    traefikApi: traefiks.map((t) => t.api),
    nats: nats.url,
    heartbeatTtl: options.heartbeatTtl ?? '3s',
    logLevel: options.logLevel ?? 'debug',
    ...(options.stabilityWindow ? { stabilityWindow: options.stabilityWindow } : {}),
    ...(options.stateStore ? { stateStore: options.stateStore } : {}),
    ...(options.deploymentHistory ? { deploymentHistory: String(options.deploymentHistory) } : {}),
    ...(options.traefikToken ? { traefikToken: options.traefikToken } : {}),
    ...(options.hookBodyLimit ? { hookBodyLimit: options.hookBodyLimit } : {}),
    ...(options.tls ? { tlsCert: options.tls.cert, tlsKey: options.tls.key } : {}),
  });
  // The production logger's options (redaction included), into memory.
  const logger = pino(loggerOptions('controller', options.logLevel ?? 'debug'), controllerLogs);
  let controller = await startController(config, logger);
  let controllerRunning = true;
  const fixedPorts = {
    ...config,
    grpcAddr: { host: '127.0.0.1', port: controller.grpcPort },
    httpAddr: { host: '127.0.0.1', port: controller.httpPort },
  };
  const agents: AgentProcess[] = [];
  const agentDirs: string[] = [];
  return {
    nats,
    traefik: traefiks[0] as Traefik,
    traefiks,
    get controller() {
      return controller;
    },
    controllerLogs,
    dataDir,
    agents,
    async startAgent(id, extraArgs = [], env = {}) {
      // Each agent joins with a fresh join token and keeps its credentials in its own data dir
      // (a restart of the same AgentProcess finds them there).
      const agentDir = await mkdtemp(join(tmpdir(), `berth-agent-${id}-`));
      agentDirs.push(agentDir);
      const { token } = controller.enrolment.createJoinToken(60 * 60 * 1000);
      const agent = new AgentProcess(
        id,
        [
          '--data-dir',
          agentDir,
          '--join-token',
          token,
          '--controller',
          `127.0.0.1:${controller.grpcPort}`,
          '--nats',
          nats.url,
          '--heartbeat',
          options.agentHeartbeat ?? '500ms',
          '--log-level',
          'debug',
          ...extraArgs,
        ],
        env,
      ).start();
      agents.push(agent);
      await agent.waitForLog(/"msg":"agent started"/, 20_000);
      return agent;
    },
    async stopController() {
      controllerRunning = false;
      await controller.stop();
    },
    async startController(changes = {}) {
      controller = await startController({ ...fixedPorts, ...changes }, logger);
      controllerRunning = true;
      return controller;
    },
    async close() {
      await Promise.all(agents.map((a) => a.kill('SIGTERM')));
      if (controllerRunning) await controller.stop();
      await Promise.all(traefiks.map((t) => t.stop()));
      await nats.close();
      await Promise.all(agents.map((a) => removeAgentContainers(a.id)));
      await rm(dataDir, { recursive: true, force: true });
      await Promise.all(agentDirs.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

/** Removes every container an agent id made, so test runs do not leave containers behind. */
export async function removeAgentContainers(agentId: string): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `label=${LABELS.agent}=${agentId}`)).split('\n').filter(Boolean);
  // A container being removed by its agent right now makes `docker rm` complain; that is fine.
  if (ids.length) await docker('rm', '-f', ...ids).catch(() => undefined);
}

/** A unique suffix per test file, so files running in parallel never share agent ids. */
export function uniqueSuffix(): string {
  return `${process.pid.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
