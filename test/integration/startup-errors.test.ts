import { spawn } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth as runCli } from '../helpers/berth-cli.js';
import { CLI } from '../helpers/cluster.js';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { freePort } from '../helpers/free-port.js';
import { startNatsServer, type NatsServer } from '../helpers/nats-server.js';

let nats: NatsServer;

/** The built CLI run as another user (uid), with no groups of its own. */
function runCliAs(uid: number, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      uid,
      gid: uid,
      env: { ...process.env, HOME: '/tmp', BERTH_CONFIG: '/nonexistent/berth.json' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

beforeAll(async () => {
  nats = await startNatsServer();
});

afterAll(async () => {
  await nats?.close();
});

describe('start-up checks say what is wrong in one line', () => {
  it('an agent pointed at a socket where no Docker Engine listens exits non-zero naming the socket', async () => {
    const socket = join(await mkdtemp(join(tmpdir(), 'berth-nodocker-')), 'docker.sock');
    const exit = await runCli(['agent', '--id', 'no-docker', '--docker-host', `unix://${socket}`, '--nats', nats.url]);
    expect(exit.code).not.toBe(0);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`no Docker Engine socket at ${socket}`);
    expect(lines[0]).toMatch(/start the engine, or point --docker-host at its socket/);
  });

  it('an agent run by a user outside the docker group says so, not that the engine is down', async () => {
    // The engine runs (the suite uses it); nobody may not open its socket (root:docker, 0660).
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-noaccess-'));
    await chmod(dataDir, 0o777);
    const exit = await runCliAs(65534, ['agent', '--id', 'no-access', '--nats', nats.url, '--data-dir', dataDir]);
    expect(exit.code).not.toBe(0);
    expect(exit.stderr.trim()).toMatch(
      /^berth: permission denied on the Docker Engine's socket \/var\/run\/docker.sock \(connect EACCES \/var\/run\/docker.sock\): the engine runs, but this user may not use it; add the user to the docker group .* or run as root \[DOCKER_UNAVAILABLE\]$/,
    );
  });

  it('npm run up, by a user outside the docker group, says so, not that the engine is down', async () => {
    const exit = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn('bash', [join(REPO_ROOT, 'scripts/ensure-deps.sh')], {
        uid: 65534,
        gid: 65534,
        env: { ...process.env, HOME: '/tmp' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim()).toBe(
      "berth: permission denied on the Docker Engine's socket (/var/run/docker.sock): the engine runs, but nobody may not use it; add the user to the docker group (sudo usermod -aG docker nobody, then log in again) or run as root",
    );
  });

  it('an agent that cannot reach NATS exits non-zero saying so', async () => {
    const port = await freePort();
    // Credentials from an earlier join, so the start reaches the NATS step without a controller.
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-agent-'));
    await writeFile(
      join(dataDir, 'credentials.json'),
      JSON.stringify({ agentId: 'no-nats', controller: '127.0.0.1:1', secret: 'x'.repeat(43), nats: null, joinedAtMs: 0 }),
    );
    const exit = await runCli(['agent', '--id', 'no-nats', '--nats', `nats://127.0.0.1:${port}`, '--data-dir', dataDir]);
    expect(exit.code).not.toBe(0);
    expect(exit.stderr.trim()).toMatch(new RegExp(`^berth: cannot reach NATS at nats://127.0.0.1:${port} .*nats-server -js.*\\[NATS_UNAVAILABLE\\]$`));
  });

  it('an agent that cannot reach the controller exits non-zero saying so', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-agent-'));
    const exit = await runCli([
      'agent',
      '--id',
      'no-controller',
      '--nats',
      nats.url,
      '--controller',
      `127.0.0.1:${port}`,
      '--data-dir',
      dataDir,
      '--join-token',
      'some-token',
    ]);
    expect(exit.code).not.toBe(0);
    expect(exit.stderr.trim()).toMatch(new RegExp(`cannot reach the controller at 127.0.0.1:${port} to join.*\\[CONTROLLER_UNAVAILABLE\\]$`));
  }, 30_000);

  it('an agent with neither credentials nor a join token says how to get one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-agent-'));
    const exit = await runCli(['agent', '--id', 'no-token', '--nats', nats.url, '--data-dir', dataDir]);
    expect(exit.code).not.toBe(0);
    expect(exit.stderr.trim()).toBe(
      `berth: no credentials in ${dataDir}/credentials.json and no join token: make one on the controller with 'berth agents join-token' and start with --join-token TOKEN (or BERTH_JOIN_TOKEN) [INVALID_CONFIG]`,
    );
  });

  it('a controller refuses a corrupted state file instead of starting empty', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-corrupt-'));
    await writeFile(join(dataDir, 'state.json'), '{"schemaVersion":1,"agents":{"a1":');
    const exit = await runCli(['controller', '--data-dir', dataDir, '--grpc-addr', '127.0.0.1:0', '--http-addr', '127.0.0.1:0', '--nats', nats.url]);
    expect(exit.code).not.toBe(0);
    expect(exit.stderr).toMatch(/state file .*state\.json is not valid JSON .*restore it from a backup.*\[STORE_CORRUPT\]/);
  });

  it('an invalid flag is named in the error', async () => {
    const exit = await runCli(['agent', '--id', 'bad.id', '--nats', nats.url]);
    expect(exit.code).not.toBe(0);
    expect(exit.stderr).toMatch(/agent id "bad.id" is invalid/);
  });
});
