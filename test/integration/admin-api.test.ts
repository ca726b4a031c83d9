import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBerthProto } from '../../proto/load.js';
import { runBerth } from '../helpers/berth-cli.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { waitFor } from '../helpers/wait-for.js';
import { BERTH_VERSION } from '../../shared/version.js';

const suffix = uniqueSuffix();
const agentId = `admin-${suffix}`;
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.startAgent(agentId, ['--label', 'region=eu', '--label', 'disk=ssd']);
  await waitFor('agent ready', () => cluster.controller.store.data.agents[agentId]?.alive);
});

afterAll(async () => {
  await cluster?.close();
});

const cli = (args: string[], env: NodeJS.ProcessEnv) => runBerth(args, { BERTH_TOKEN: '', ...env });

function listAgents(metadata: grpc.Metadata): Promise<{ agents: Array<{ id: string; status: string }> }> {
  const proto = loadBerthProto();
  const client = new proto.berth.v1.AdminService(`127.0.0.1:${cluster.controller.grpcPort}`, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.ListAgents({}, metadata, (err, res) => {
      client.close();
      if (err) reject(err);
      else resolve(res as { agents: Array<{ id: string; status: string }> });
    });
  });
}

describe('admin API authentication and the agents command', () => {
  it('rejects calls without a token and with a wrong one', async () => {
    await expect(listAgents(new grpc.Metadata())).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED, details: expect.stringMatching(/missing token/) });
    const wrong = new grpc.Metadata();
    wrong.set('authorization', 'Bearer not-the-token');
    await expect(listAgents(wrong)).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED, details: expect.stringMatching(/not valid/) });
  });

  it('answers with the token', async () => {
    const ok = new grpc.Metadata();
    ok.set('authorization', `Bearer ${cluster.controller.adminToken}`);
    const res = await listAgents(ok);
    expect(res.agents.map((a) => [a.id, a.status])).toContainEqual([agentId, 'ready']);
  });

  it('keeps the token in a 0600 file that `berth controller token` prints', async () => {
    const info = await stat(join(cluster.dataDir, 'admin-token'));
    expect(info.mode & 0o777).toBe(0o600);
    const printed = await cli(['controller', 'token', '--data-dir', cluster.dataDir], {});
    expect(printed.code).toBe(0);
    expect(printed.stdout.trim()).toBe(cluster.controller.adminToken);
  });

  it('`berth agents` prints a table and --json, using BERTH_ADDR and BERTH_TOKEN', async () => {
    const env = { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken };
    const table = await cli(['agents'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+STATUS\s+VERSION\s+HOST/m);
    // The agent runs this version: no (older) or (newer) mark.
    expect(table.stdout).toMatch(new RegExp(`^${agentId}\\s+ready\\s+${BERTH_VERSION.replace(/\./g, '\\.')}\\s+\\S+\\s+127\\.0\\.0\\.1\\s+.*region=eu`, 'm'));

    const json = await cli(['agents', '--json'], env);
    expect(json.code).toBe(0);
    const agents = JSON.parse(json.stdout) as Array<{ id: string; status: string; labels: Record<string, string>; cpus: number; memoryBytes: number }>;
    const mine = agents.find((a) => a.id === agentId);
    expect(mine).toMatchObject({ status: 'ready', labels: { region: 'eu', disk: 'ssd' }, version: BERTH_VERSION, versionSkew: 'same' });
    expect(mine?.cpus).toBeGreaterThan(0);
    expect(mine?.memoryBytes).toBeGreaterThan(0);
  });

  it('`berth agents` without a token fails with a message saying how to get one', async () => {
    const res = await cli(['agents'], { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}` });
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/missing token: pass --token, set BERTH_TOKEN or run berth login/);
  });

  it('serves grpc.health.v1 and GET /healthz', async () => {
    const proto = loadBerthProto();
    const health = new proto.grpc.health.v1.Health(`127.0.0.1:${cluster.controller.grpcPort}`, grpc.credentials.createInsecure());
    const status = await new Promise<string | undefined>((resolve, reject) =>
      health.Check({ service: '' }, (err, res) => {
        health.close();
        if (err) reject(err);
        else resolve(res?.status as string | undefined);
      }),
    );
    expect(status).toBe('SERVING');

    const res = await fetch(`http://127.0.0.1:${cluster.controller.httpPort}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; nats: string; store: string; agents: { ready: number; total: number } };
    expect(body).toMatchObject({ status: 'ok', nats: 'connected', store: 'ok' });
    expect(body.agents.ready).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [
      'an invalid hello',
      { hello: { agentId: 'bad.id', hostname: 'h', advertiseAddr: '127.0.0.1', sessionId: 's' } },
      /hello is invalid: agentId: not a valid agent id/,
    ],
    ['a heartbeat before any hello', { heartbeat: { sentAtMs: 1 } }, /first message on a report stream must be a hello/],
  ])('the report stream refuses %s with INVALID_ARGUMENT and registers nothing', async (_name, first, message) => {
    const proto = loadBerthProto();
    const client = new proto.berth.v1.AgentService(`127.0.0.1:${cluster.controller.grpcPort}`, grpc.credentials.createInsecure());
    const call = client.Connect();
    const status = await new Promise<grpc.StatusObject>((resolve) => {
      call.on('status', resolve);
      call.on('error', () => undefined);
      call.on('data', () => undefined);
      call.write(first);
    });
    client.close();
    expect(status.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(status.details).toMatch(message);
    expect(Object.keys(cluster.controller.store.data.agents)).toEqual([agentId]);
  });
});
