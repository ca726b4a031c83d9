/**
 * A fleet being upgraded: an agent of the previous version (built from git history: the commit
 * before the last version bump) works with this controller and is marked older in berth agents;
 * this agent works with a controller of the previous version; an agent too old to work with is
 * refused with a message that says to upgrade it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectResponse__Output } from '../../proto/gen/berth/v1/ConnectResponse.js';
import { RETIRED_AGENT_SERVICE, retiredAgentServiceMessage } from '../../controller/api/retired-agent-service.js';
import { loadBerthProto } from '../../proto/load.js';
import { BERTH_VERSION } from '../../shared/version.js';
import { runBerth } from '../helpers/berth-cli.js';
import { stopChild } from '../helpers/child-process.js';
import { AgentProcess, startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { freePort } from '../helpers/free-port.js';
import { startNatsServer, type NatsServer } from '../helpers/nats-server.js';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { waitFor } from '../helpers/wait-for.js';

const run = promisify(execFile);
const suffix = uniqueSuffix();
let cluster: Cluster;
/** A checkout of the previous version, built. */
let previous: { dir: string; version: string; cli: string };

/** The commit before the one that set this version: the previous version, as released. */
async function previousVersionCommit(): Promise<string> {
  const { stdout } = await run('git', ['log', '-1', '--format=%H', '-S', `BERTH_VERSION = '${BERTH_VERSION}'`, '--', 'shared/version.ts'], { cwd: REPO_ROOT });
  const bump = stdout.trim();
  if (!bump) throw new Error(`no commit in history sets BERTH_VERSION to ${BERTH_VERSION}`);
  return (await run('git', ['rev-parse', `${bump}^`], { cwd: REPO_ROOT })).stdout.trim();
}

beforeAll(async () => {
  const commit = await previousVersionCommit();
  const dir = await mkdtemp(join(tmpdir(), 'berth-previous-'));
  await run('git', ['worktree', 'add', '--detach', dir, commit], { cwd: REPO_ROOT });
  // Its own dependencies, as its package-lock says (the npm cache makes this quick), and its build.
  await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });
  await run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { cwd: dir, timeout: 300_000 });
  const version = /BERTH_VERSION = '([^']+)'/.exec((await run('git', ['show', `${commit}:shared/version.ts`], { cwd: REPO_ROOT })).stdout)?.[1] as string;
  previous = { dir, version, cli: join(dir, 'dist/cli/main.js') };
  cluster = await startCluster({ heartbeatTtl: '3s' });
}, 600_000);

afterAll(async () => {
  await cluster?.close();
  if (previous) {
    await run('git', ['worktree', 'remove', '--force', previous.dir], { cwd: REPO_ROOT }).catch(() => undefined);
    await rm(previous.dir, { recursive: true, force: true });
  }
});

const admin = () => ({ BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

describe('versions one minor apart work together', { timeout: 120_000 }, () => {
  it('an agent of the previous version with this controller: it works, and berth agents marks it older', async () => {
    expect(previous.version).not.toBe(BERTH_VERSION);
    const id = `prev-${suffix}`;
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-prev-agent-'));
    const joinToken = cluster.controller.enrolment.createJoinToken(60_000).token;
    // The previous version's CLI, started the way cluster.startAgent starts the current one.
    const child = spawn(
      process.execPath,
      [
        previous.cli,
        'agent',
        '--id',
        id,
        '--data-dir',
        dataDir,
        '--join-token',
        joinToken,
        '--controller',
        `127.0.0.1:${cluster.controller.grpcPort}`,
        '--nats',
        cluster.nats.url,
        '--heartbeat',
        '500ms',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await waitFor(`the ${previous.version} agent to be ready`, () => cluster.controller.store.data.agents[id]?.alive === true, 30_000).catch((err: Error) => {
        throw new Error(`${err.message}\n${output.slice(-2000)}`);
      });
      expect(cluster.controller.store.data.agents[id]?.version).toBe(previous.version);
      const result = await cluster.controller.dispatcher.run({ kind: 'noop', agentId: id }, 20_000);
      expect(result.status).toBe('ok');
      const listed = JSON.parse((await runBerth(['agents', '--json'], admin())).stdout) as Array<{ id: string; version: string; versionSkew: string }>;
      expect(listed.find((a) => a.id === id)).toMatchObject({ version: previous.version, versionSkew: 'older' });
      expect((await runBerth(['agents'], admin())).stdout).toMatch(new RegExp(`${id} .*${previous.version.replace(/\./g, '\\.')} \\(older\\)`));
    } finally {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('this agent with a controller of the previous version: it connects, and that controller lists it ready', async () => {
    const nats: NatsServer = await startNatsServer();
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-prev-controller-'));
    const [grpcPort, httpPort] = [await freePort(), await freePort()];
    let controller: ChildProcess | null = null;
    let agent: AgentProcess | null = null;
    try {
      controller = spawn(
        process.execPath,
        [previous.cli, 'controller', '--data-dir', dataDir, '--grpc-addr', `127.0.0.1:${grpcPort}`, '--http-addr', `127.0.0.1:${httpPort}`, '--nats', nats.url],
        { stdio: 'ignore' },
      );
      await waitFor(
        'the previous controller to answer',
        async () => (await fetch(`http://127.0.0.1:${httpPort}/healthz`).catch(() => null))?.ok === true,
        30_000,
        100,
      );
      const token = (await run(process.execPath, [previous.cli, 'controller', 'token', '--data-dir', dataDir])).stdout.trim();
      const env = { BERTH_ADDR: `127.0.0.1:${grpcPort}`, BERTH_TOKEN: token, BERTH_CONFIG: '/nonexistent/berth.json' };
      const joinToken = (await run(process.execPath, [previous.cli, 'agents', 'join-token'], { env: { ...process.env, ...env } })).stdout.trim();
      const id = `new-${suffix}`;
      const agentDir = await mkdtemp(join(tmpdir(), 'berth-new-agent-'));
      // This version's agent.
      agent = new AgentProcess(id, [
        '--data-dir',
        agentDir,
        '--join-token',
        joinToken,
        '--controller',
        `127.0.0.1:${grpcPort}`,
        '--nats',
        nats.url,
        '--heartbeat',
        '500ms',
      ]).start();
      await agent.waitForLog(/"msg":"agent started"/, 30_000);
      // The previous controller's own CLI sees it ready, at this version.
      const listed = JSON.parse((await run(process.execPath, [previous.cli, 'agents', '--json'], { env: { ...process.env, ...env } })).stdout) as Array<{
        id: string;
        status: string;
        version: string;
      }>;
      expect(listed.find((a) => a.id === id)).toMatchObject({ status: 'ready', version: BERTH_VERSION });
      await rm(agentDir, { recursive: true, force: true });
    } finally {
      await agent?.kill('SIGTERM');
      await stopChild(controller);
      await nats.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('an agent too old to work with is refused with a message that says to upgrade it', async () => {
    const id = `old-${suffix}`;
    const joinToken = cluster.controller.enrolment.createJoinToken(60_000).token;
    const proto = loadBerthProto();
    const client = new proto.berth.v1.AgentService(`127.0.0.1:${cluster.controller.grpcPort}`, grpc.credentials.createInsecure());
    const joined = await new Promise<{ secret: string }>((resolve, reject) =>
      client.Join({ agentId: id, joinToken, hostname: 'h' }, (err, res) => (err || !res ? reject(err) : resolve(res))),
    );
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${joined.secret}`);
    const call = client.Connect(metadata);
    const refused = await new Promise<grpc.ServiceError | 'welcomed'>((resolve) => {
      call.on('data', (m: ConnectResponse__Output) => m.body === 'welcome' && resolve('welcomed'));
      call.on('error', (err: grpc.ServiceError) => resolve(err));
      call.write({
        hello: {
          agentId: id,
          hostname: 'h',
          advertiseAddr: '127.0.0.1',
          labels: {},
          cpus: 1,
          memoryBytes: 1,
          version: '0.0.9',
          sessionId: 's',
          instances: [],
          snapshotSeq: 0,
        },
      });
    });
    client.close();
    expect(refused).not.toBe('welcomed');
    expect((refused as grpc.ServiceError).code).toBe(grpc.status.FAILED_PRECONDITION);
    expect((refused as grpc.ServiceError).details).toBe(
      `agent ${id} runs berth 0.0.9; this controller runs ${BERTH_VERSION} and works with agents from 0.1 to 0.3: upgrade the agent (docs/install.md)`,
    );
  });

  it('an agent from before 0.2, which asks for the old service name, is told to upgrade', async () => {
    const Client = grpc.makeGenericClientConstructor(RETIRED_AGENT_SERVICE, 'AgentReports');
    const client = new Client(`127.0.0.1:${cluster.controller.grpcPort}`, grpc.credentials.createInsecure()) as unknown as grpc.Client & {
      Join(req: Buffer, cb: (err: grpc.ServiceError | null) => void): void;
      Connect(): grpc.ClientDuplexStream<Buffer, Buffer>;
    };
    const joinErr = await new Promise<grpc.ServiceError | null>((resolve) => client.Join(Buffer.alloc(0), resolve));
    const call = client.Connect();
    const connectErr = await new Promise<grpc.ServiceError>((resolve) => {
      call.on('error', resolve);
      call.write(Buffer.from([0x0a, 0x00]));
    });
    client.close();
    for (const err of [joinErr, connectErr]) {
      expect(err?.code).toBe(grpc.status.FAILED_PRECONDITION);
      expect(err?.details).toBe(retiredAgentServiceMessage(BERTH_VERSION));
    }
    expect(retiredAgentServiceMessage(BERTH_VERSION)).toContain('upgrade the agent');
  });
});
