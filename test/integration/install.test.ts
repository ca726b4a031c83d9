/**
 * `berth agent install` and `berth controller install` with a root prefix instead of /: the units
 * pass systemd-analyze verify, the env files hold the settings (mode 0600, no join token), the
 * agent is enrolled at install, and an agent started the way the unit starts it (its env file's
 * variables, no flags) connects with the installed credentials.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../cli/systemd-unit.js';
import { runBerth } from '../helpers/berth-cli.js';
import { CLI, startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { docker } from '../helpers/exec.js';
import { ensureTestImage, TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
let cluster: Cluster;
let root: string;

beforeAll(async () => {
  await ensureTestImage();
  cluster = await startCluster();
  root = await mkdtemp(join(tmpdir(), 'berth-root-'));
});

afterAll(async () => {
  await cluster?.close();
  await rm(root, { recursive: true, force: true });
});

function verifyUnit(path: string): { status: number | null; output: string } {
  const res = spawnSync('systemd-analyze', ['verify', path], { encoding: 'utf8' });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('install on a host', { timeout: 90_000 }, () => {
  it('berth agent install enrols the agent and writes a unit and env file an agent runs from', async () => {
    const id = `inst-${suffix}`;
    const joinToken = (
      await runBerth(['agents', 'join-token'], { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken })
    ).stdout.trim();
    const res = await runBerth([
      'agent',
      'install',
      '--root',
      root,
      '--id',
      id,
      '--controller',
      `127.0.0.1:${cluster.controller.grpcPort}`,
      '--nats',
      cluster.nats.url,
      '--label',
      'region=eu',
      '--label',
      'disk=ssd',
      '--join-token',
      joinToken,
    ]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`agent ${id} enrolled: credentials in ${root}/var/lib/berth-agent/credentials.json`));
    expect(res.stdout).toMatch(/start it with: systemctl daemon-reload && systemctl enable --now berth-agent.service/);

    const unitPath = join(root, 'etc/systemd/system/berth-agent.service');
    const unit = await readFile(unitPath, 'utf8');
    expect(unit).toMatch(/^Restart=always$/m);
    expect(unit).toMatch(/^After=network-online.target docker.service$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/berth\/agent.env$/m);
    expect(unit).toMatch(new RegExp(`^ExecStart=${process.execPath} \\S+/dist/cli/main.js agent$`, 'm'));
    expect(verifyUnit(unitPath)).toEqual({ status: 0, output: '' });

    const envPath = join(root, 'etc/berth/agent.env');
    expect((await stat(envPath)).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, 'var/lib/berth-agent/credentials.json'))).mode & 0o777).toBe(0o600);
    const envText = await readFile(envPath, 'utf8');
    expect(envText).not.toContain(joinToken);
    const env = parseEnvFile(envText);
    expect(env).toMatchObject({
      BERTH_AGENT_ID: id,
      BERTH_CONTROLLER: `127.0.0.1:${cluster.controller.grpcPort}`,
      BERTH_NATS: cluster.nats.url,
      BERTH_LABELS: 'region=eu,disk=ssd',
      BERTH_AGENT_DATA_DIR: '/var/lib/berth-agent',
    });

    // What the unit runs: `berth agent` with only the env file's variables (the data dir under the root).
    const child = spawn(process.execPath, [CLI, 'agent'], {
      env: { PATH: process.env.PATH ?? '', ...env, BERTH_AGENT_DATA_DIR: join(root, 'var/lib/berth-agent') },
      stdio: 'ignore',
    });
    try {
      await waitFor(`${id} to connect`, () => cluster.controller.store.data.agents[id]?.alive === true, 20_000);
      expect(cluster.controller.store.data.agents[id]?.labels).toEqual({ region: 'eu', disk: 'ssd' });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('berth agent uninstall --purge: credentials revoked at the controller, its containers and files gone', async () => {
    const id = `inst-${suffix}`;
    // A container of this agent's (as an instance or a one-off would be), which --purge removes.
    const leftover = (await docker('create', '--label', `berth.agent=${id}`, TEST_IMAGE, 'true')).trim();
    const admin = { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken };
    // Its process was stopped above: the controller removes it once it has seen it down.
    const res = await runBerth(['agent', 'uninstall', '--root', root, '--purge', '--timeout', '60'], admin);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`draining ${id}`));
    expect(res.stdout).toMatch(new RegExp(`revoked ${id}'s credentials at the controller`));
    expect(res.stdout).toMatch(new RegExp(`removed 1 container\\(s\\) of ${id}`));
    expect(cluster.controller.store.data.agentCredentials[id]).toBeUndefined();
    expect(cluster.controller.store.data.agents[id]).toBeUndefined();
    expect(await docker('ps', '-aq', '--filter', `id=${leftover}`)).toBe('');
    for (const path of ['etc/systemd/system/berth-agent.service', 'etc/berth/agent.env', 'var/lib/berth-agent'])
      await expect(stat(join(root, path))).rejects.toThrow(/ENOENT/);
    // Nothing installed any more: a second uninstall says so.
    const again = await runBerth(['agent', 'uninstall', '--root', root], admin);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no agent is installed here: cannot read .*agent\.env/);
  });

  it('a wrong join token fails the install and writes no unit', async () => {
    const other = await mkdtemp(join(tmpdir(), 'berth-root-'));
    const res = await runBerth([
      'agent',
      'install',
      '--root',
      other,
      '--id',
      `bad-${suffix}`,
      '--controller',
      `127.0.0.1:${cluster.controller.grpcPort}`,
      '--nats',
      cluster.nats.url,
      '--join-token',
      'wrong',
    ]);
    // Exit 3: the controller refused to authenticate it.
    expect(res.code).toBe(3);
    expect(res.stderr).toMatch(/the controller refused the join: the join token is not valid/);
    await expect(stat(join(other, 'etc/systemd/system/berth-agent.service'))).rejects.toThrow(/ENOENT/);
    await rm(other, { recursive: true, force: true });
  });

  it('berth controller install writes a verified unit and its settings', async () => {
    const res = await runBerth([
      'controller',
      'install',
      '--root',
      root,
      '--grpc-addr',
      '10.0.0.5:7443',
      '--http-addr',
      '10.0.0.5:8080',
      '--public-url',
      'https://deploy.example.com',
      '--traefik-token',
      'traefik secret "x"',
    ]);
    expect(res.code).toBe(0);
    const unitPath = join(root, 'etc/systemd/system/berth-controller.service');
    expect(verifyUnit(unitPath)).toEqual({ status: 0, output: '' });
    expect(await readFile(unitPath, 'utf8')).toMatch(/^ExecStart=\S+ \S+\/dist\/cli\/main.js controller$/m);
    const envText = await readFile(join(root, 'etc/berth/controller.env'), 'utf8');
    expect(envText).toMatch(/^BERTH_GRPC_ADDR=10.0.0.5:7443$/m);
    expect(envText).toMatch(/^BERTH_PUBLIC_URL=https:\/\/deploy.example.com$/m);
    expect(envText).toMatch(/^BERTH_DATA_DIR=\/var\/lib\/berth$/m);
    // Values with spaces and quotes are quoted the way systemd reads them.
    expect(envText).toMatch(/^BERTH_TRAEFIK_TOKEN="traefik secret \\"x\\""$/m);
    expect((await stat(join(root, 'etc/berth/controller.env'))).mode & 0o777).toBe(0o600);

    // Uninstalled: the unit and settings go, the state stays unless --purge.
    await mkdir(join(root, 'var/lib/berth'), { recursive: true });
    const removed = await runBerth(['controller', 'uninstall', '--root', root]);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/kept .*\/var\/lib\/berth \(the state; --purge removes it\)/);
    await expect(stat(unitPath)).rejects.toThrow(/ENOENT/);
    await expect(stat(join(root, 'etc/berth/controller.env'))).rejects.toThrow(/ENOENT/);
    expect((await stat(join(root, 'var/lib/berth'))).isDirectory()).toBe(true);
  });
});
