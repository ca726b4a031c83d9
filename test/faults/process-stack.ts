/**
 * Berth as real processes, for the fault suite: nats-server, the controller (`berth controller`
 * from dist/, so it can be killed with SIGKILL and started again on the same data dir and ports)
 * and agents (`berth agent`, joined with a join token from the admin API). With `traefik`, also a
 * real Traefik watching the controller's Traefik directory (what the route probe requests the app
 * through), whose API the controller confirms every switch with (--traefik-api), through a gate
 * a test can hold (traefik-gate.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callUnary, createAdminClient, required } from '../../cli/admin-client.js';
import type { AdminServiceClient } from '../../proto/gen/berth/v1/AdminService.js';
import type { Deployment__Output } from '../../proto/gen/berth/v1/Deployment.js';
import { AgentProcess, CLI, removeAgentContainers } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { freePort } from '../helpers/free-port.js';
import { startNatsServer, type NatsServer } from '../helpers/nats-server.js';
import { startTraefik, type Traefik } from '../helpers/traefik.js';
import { waitFor } from '../helpers/wait-for.js';
import { startTraefikGate, type TraefikGate } from './traefik-gate.js';
import { stopChild } from '../helpers/child-process.js';

export interface ProcessStack {
  nats: NatsServer;
  dataDir: string;
  /** The controller's Traefik directory (DATA_DIR/traefik). */
  traefikDir: string;
  /** With `traefik`: the Traefik on traefikDir, and the gate the controller reads its API through. */
  traefik: Traefik | null;
  traefikGate: TraefikGate | null;
  grpcAddr: string;
  httpUrl: string;
  /** The controller's admin token (DATA_DIR/admin-token). */
  adminToken: string;
  admin(): AdminServiceClient;
  controllerOutput(): string;
  /** The running controller's process id (null: none running). */
  controllerPid(): number | null;
  /** SIGKILL: no cleanup, no final write. */
  killController(): Promise<void>;
  startController(): Promise<void>;
  /**
   * `via`: reach the controller's gRPC port and NATS through these ports (proxies) instead;
   * `args`: more flags for `berth agent` (e.g. --docker-host).
   */
  startAgent(id: string, via?: { grpcPort: number; natsPort: number } | null, args?: string[]): Promise<AgentProcess>;
  deployment(id: string): Promise<Deployment__Output>;
  /** The deployment's state in the controller's state file (the json store): what a restart loads. */
  persistedState(id: string): Promise<string | null>;
  /** Deploys every service of the app through the admin API, as `berth deploy APP` does. */
  deploy(app: string): Promise<Deployment__Output>;
  /** The deployment once it has ended (succeeded, failed or cancelled). */
  waitForEnd(id: string, timeoutMs: number): Promise<Deployment__Output>;
  /** Removes every container of the app, whatever state it is in. */
  removeAppContainers(app: string): Promise<void>;
  close(): Promise<void>;
}

export async function startProcessStack(
  options: { stabilityWindow?: string; heartbeatTtl?: string; stateStore?: 'json' | 'journal'; traefik?: boolean } = {},
): Promise<ProcessStack> {
  const nats = await startNatsServer();
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-faults-'));
  const traefikDir = join(dataDir, 'traefik');
  let traefik: Traefik | null = null;
  let traefikGate: TraefikGate | null = null;
  if (options.traefik) {
    await mkdir(traefikDir, { recursive: true });
    traefik = await startTraefik({ fileDirectory: traefikDir });
    traefikGate = await startTraefikGate(traefik.api);
  }
  const grpcPort = await freePort();
  const httpPort = await freePort();
  const grpcAddr = `127.0.0.1:${grpcPort}`;
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const args = [
    CLI,
    'controller',
    '--data-dir',
    dataDir,
    '--grpc-addr',
    grpcAddr,
    '--http-addr',
    `127.0.0.1:${httpPort}`,
    '--nats',
    nats.url,
    '--stability-window',
    options.stabilityWindow ?? '1s',
    '--heartbeat-ttl',
    options.heartbeatTtl ?? '3s',
    '--log-level',
    'debug',
    '--state-store',
    options.stateStore ?? 'json',
    ...(traefikGate ? ['--traefik-api', traefikGate.url] : []),
  ];
  let controller: ChildProcess | null = null;
  let output = '';
  let client: AdminServiceClient | null = null;
  const agents: AgentProcess[] = [];
  const agentDirs: string[] = [];

  const stack: ProcessStack = {
    nats,
    dataDir,
    traefikDir,
    traefik,
    traefikGate,
    grpcAddr,
    httpUrl,
    adminToken: '',
    admin() {
      client ??= createAdminClient({ addr: grpcAddr, token: stack.adminToken });
      return client;
    },
    controllerOutput: () => output,
    controllerPid: () => (controller && controller.exitCode === null ? (controller.pid ?? null) : null),
    async persistedState(id) {
      const text = await readFile(join(dataDir, 'state.json'), 'utf8').catch(() => null);
      try {
        return text === null ? null : ((JSON.parse(text) as { deployments?: Record<string, { state?: string }> }).deployments?.[id]?.state ?? null);
      } catch {
        return null; // read while being replaced: ask again
      }
    },
    async killController() {
      const c = controller;
      controller = null;
      await stopChild(c, 'SIGKILL');
    },
    async startController() {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      controller = child;
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      await waitFor('the controller to answer /healthz', async () => (await fetch(`${httpUrl}/healthz`).catch(() => null))?.ok === true, 30_000, 100);
    },
    async startAgent(id, via, args = []) {
      const dir = await mkdtemp(join(tmpdir(), `berth-agent-${id}-`));
      agentDirs.push(dir);
      const admin = stack.admin();
      const { token } = await callUnary(admin.CreateJoinToken.bind(admin), { ttlMs: 3600_000 });
      const controllerAddr = via ? `127.0.0.1:${via.grpcPort}` : grpcAddr;
      const natsUrl = via ? `nats://127.0.0.1:${via.natsPort}` : nats.url;
      const agent = new AgentProcess(
        id,
        ['--data-dir', dir, '--controller', controllerAddr, '--nats', natsUrl, '--heartbeat', '500ms', '--log-level', 'debug', ...args],
        { BERTH_JOIN_TOKEN: token },
      ).start();
      agents.push(agent);
      await agent.waitForLog(/"msg":"agent started"/, 20_000);
      return agent;
    },
    async deployment(id) {
      const admin = stack.admin();
      return required((await callUnary(admin.GetDeployment.bind(admin), { id })).deployment, 'deployment');
    },
    async deploy(app) {
      const admin = stack.admin();
      return required((await callUnary(admin.Deploy.bind(admin), { app, services: [], ref: '' })).deployment, 'deployment');
    },
    waitForEnd(id, timeoutMs) {
      return waitFor(
        `deployment ${id} to end`,
        async () => {
          const d = await stack.deployment(id);
          return ['succeeded', 'failed', 'cancelled'].includes(d.state) ? d : undefined;
        },
        timeoutMs,
        200,
      );
    },
    async removeAppContainers(app) {
      const leftovers = (await docker('ps', '-aq', '--filter', `label=berth.app=${app}`)).split('\n').filter(Boolean);
      if (leftovers.length) await docker('rm', '-f', ...leftovers);
    },
    async close() {
      client?.close();
      await Promise.all(agents.map((a) => a.kill('SIGTERM')));
      await stopChild(controller);
      await nats.close();
      await traefik?.stop();
      await traefikGate?.close();
      await Promise.all(agents.map((a) => removeAgentContainers(a.id)));
      await rm(dataDir, { recursive: true, force: true });
      await Promise.all(agentDirs.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
  await stack.startController();
  stack.adminToken = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
  return stack;
}
