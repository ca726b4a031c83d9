/**
 * Agents authenticate (real controller, agents as processes, real gRPC): a join token is exchanged
 * once for the agent's own secret, kept 0600 in its data dir; streams without that secret are
 * refused and logged; `berth agents remove` revokes; a connected agent's id cannot be taken.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectResponse__Output } from '../../proto/gen/berth/v1/ConnectResponse.js';
import { loadBerthProto } from '../../proto/load.js';
import { runBerth } from '../helpers/berth-cli.js';
import { CLI, startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { waitFor } from '../helpers/wait-for.js';
import { BERTH_VERSION } from '../../shared/version.js';

const suffix = uniqueSuffix();
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ heartbeatTtl: '1s' });
});

afterAll(async () => {
  await cluster?.close();
});

const berth = (args: string[]) => runBerth(args, { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });

/** `berth agent` with these extra flags, until it exits or `ms` pass (then SIGTERM). */
function runAgent(id: string, args: string[], ms = 15_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [CLI, 'agent', '--id', id, '--controller', `127.0.0.1:${cluster.controller.grpcPort}`, '--nats', cluster.nats.url, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Opens a report stream as agent `id` with this credential and sends its hello; resolves with how it ended. */
function connectAs(id: string, secret: string | null): Promise<{ welcomed: boolean; code?: number; details?: string }> {
  const client = new (loadBerthProto().berth.v1.AgentService)(`127.0.0.1:${cluster.controller.grpcPort}`, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  if (secret !== null) metadata.set('authorization', `Bearer ${secret}`);
  const call = client.Connect(metadata);
  return new Promise((resolve) => {
    call.on('data', (m: ConnectResponse__Output) => {
      if (m.body === 'welcome') {
        call.cancel();
        client.close();
        resolve({ welcomed: true });
      }
    });
    call.on('error', (err: grpc.ServiceError) => {
      client.close();
      resolve({ welcomed: false, code: err.code, details: err.details });
    });
    call.write({
      hello: {
        agentId: id,
        hostname: 'h',
        advertiseAddr: '127.0.0.1',
        labels: {},
        cpus: 1,
        memoryBytes: 1,
        version: BERTH_VERSION,
        sessionId: 's',
        instances: [],
        snapshotSeq: 1,
      },
    });
  });
}

describe('agent enrolment', { timeout: 90_000 }, () => {
  it('a join token is exchanged once; the credential is 0600 in the data dir, only its hash on the controller', async () => {
    const id = `enrol-${suffix}`;
    const agent = await cluster.startAgent(id);
    expect(agent.output).toMatch(/joined the controller; credentials saved/);
    const dir = /"credentials":"([^"]+)\/credentials\.json"/.exec(agent.output)?.[1] as string;
    const file = join(dir, 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { secret } = JSON.parse(await readFile(file, 'utf8')) as { secret: string };
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await cluster.controller.store.flush();
    expect(await readFile(join(cluster.dataDir, 'state.json'), 'utf8')).not.toContain(secret);

    // Its own secret opens a stream; none, a wrong one, or another agent's id does not.
    expect((await connectAs(id, secret)).welcomed).toBe(true);
    for (const [who, credential] of [
      [id, null],
      [id, 'x'.repeat(43)],
      [`other-${suffix}`, secret],
    ] as const) {
      const refused = await connectAs(who, credential);
      expect(refused).toMatchObject({ welcomed: false, code: grpc.status.UNAUTHENTICATED });
      expect(refused.details).toMatch(new RegExp(`agent ${who} (is not enrolled here|sent no credential|sent a credential that is not its own)`));
    }
    // Each refusal is in the controller's log with the agent id it claimed.
    const refusals = cluster.controllerLogs.lines.filter((l) => l.includes('report stream message rejected'));
    expect(refusals.filter((l) => l.includes(`agent other-${suffix} is not enrolled here`))).toHaveLength(1);
    expect(refusals.filter((l) => l.includes(`agent ${id} sent no credential`))).toHaveLength(1);

    // Restarted, it uses the saved credential: no join token needed.
    await agent.kill('SIGTERM');
    agent.start();
    await agent.waitForLog(/"msg":"agent started"/, 20_000);
    expect(agent.output).not.toMatch(/joined the controller/);
  });

  it('a bad or expired join token is refused with a message that says what to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-agent-'));
    const bad = await runAgent(`bad-${suffix}`, ['--data-dir', dir, '--join-token', 'not-a-token']);
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(
      /berth: the controller refused the join: the join token is not valid here \(expired, or made by another controller\): make a new one with berth agents join-token \[UNAUTHENTICATED\]/,
    );

    const expired = cluster.controller.enrolment.createJoinToken(60_000, Date.now() - 120_000).token;
    const late = await runAgent(`late-${suffix}`, ['--data-dir', dir, '--join-token', expired]);
    expect(late.code).not.toBe(0);
    expect(late.output).toMatch(/join token is not valid here/);
    expect(cluster.controller.store.data.agentCredentials[`late-${suffix}`]).toBeUndefined();
  });

  it('a second host cannot take the id of a connected agent', async () => {
    const id = `taken-${suffix}`;
    await cluster.startAgent(id);
    const dir = await mkdtemp(join(tmpdir(), 'berth-agent-'));
    const { token } = cluster.controller.enrolment.createJoinToken(60_000);
    const second = await runAgent(id, ['--data-dir', dir, '--join-token', token]);
    expect(second.code).not.toBe(0);
    expect(second.output).toMatch(new RegExp(`agent ${id} is connected now; another host cannot take its id`));
  });

  it('berth agents join-token prints a usable token; berth agents remove revokes the credential', async () => {
    const made = await berth(['agents', 'join-token', '--ttl', '10m']);
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.stderr).toMatch(/--join-token /);
    const json = JSON.parse((await berth(['agents', 'join-token', '--json'])).stdout) as { token: string; expiresAtMs: number };
    expect(json.expiresAtMs - Date.now()).toBeGreaterThan(23 * 3600_000);

    const id = `gone-${suffix}`;
    const dir = await mkdtemp(join(tmpdir(), 'berth-agent-'));
    const first = runAgent(id, ['--data-dir', dir, '--join-token', token, '--heartbeat', '200ms'], 6_000);
    await waitFor(`${id} to be ready`, () => cluster.controller.store.data.agents[id]?.alive === true, 15_000);
    await first;
    // Stopped cleanly (SIGTERM: it said goodbye) or taken for lost: either way it may be removed.
    await waitFor(
      `${id} to be stopped`,
      () => {
        const agent = cluster.controller.store.data.agents[id];
        return agent !== undefined && (!agent.alive || Boolean(agent.restartingUntilMs));
      },
      10_000,
    );
    const removed = await berth(['agents', 'remove', id]);
    expect(removed.stdout).toMatch(/credentials are revoked/);

    // The same host with its saved credential is refused at once, saying why.
    const again = await runAgent(id, ['--data-dir', dir]);
    expect(again.code).not.toBe(0);
    expect(again.output).toMatch(
      new RegExp(`the controller refused this agent: agent ${id} is not enrolled here \\(never joined, or removed\\).*\\[UNAUTHENTICATED\\]`),
    );
    expect(cluster.controller.store.data.agents[id]).toBeUndefined();
  });
});
