/**
 * `berth run` against real Docker and NATS: exit statuses passed through, the instances'
 * environment, stdout and stderr apart and in order, the time limit, Ctrl-C, detached runs that
 * outlive a controller restart, a lost agent, and who may start and read runs.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specText } from '../helpers/app-specs.js';
import { runBerth } from '../helpers/berth-cli.js';
import { CLI, startCluster, uniqueSuffix, type AgentProcess, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { docker } from '../helpers/exec.js';
import { ensureTestImage, TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const suffix = uniqueSuffix();
const app = `runs-${suffix}`;
let cluster: Cluster;
let agent: AgentProcess;

beforeAll(async () => {
  await ensureTestImage();
  cluster = await startCluster({ stabilityWindow: '0s', heartbeatTtl: '2s' });
  agent = await cluster.startAgent(`runs-${suffix}`);
  applySpec(
    cluster.controller,
    specText({
      name: app,
      drain: '0s',
      env: { GREETING: 'hello world', DATABASE_URL: 'postgres://db/shop' },
      services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 1, health: { path: '/index.html' } } },
    }),
  );
  expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

const env = () => ({ BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });
const berth = (args: string[], extra: NodeJS.ProcessEnv = {}) => runBerth(args, { ...env(), ...extra });

interface RunJson {
  id: string;
  state: string;
  exitCode: number | null;
  reason: string | null;
  command: string[];
  startedBy: string;
  agent: string | null;
}
const runsOf = async (): Promise<RunJson[]> => JSON.parse((await berth(['runs', app, '--json'])).stdout) as RunJson[];
const runOf = async (id: string) => (await runsOf()).find((r) => r.id === id);

describe('berth run', { timeout: 90_000 }, () => {
  it('passes the exit status through and writes stdout and stderr apart', async () => {
    const res = await berth(['run', app, '--', 'sh', '-c', 'echo to-out; echo to-err >&2; exit 3']);
    expect(res.stdout).toBe('to-out\n');
    // The command's own stderr, nothing added: its status says how it ended.
    expect(res.stderr).toBe('to-err\n');
    expect(res.code).toBe(3);
    const ok = await berth(['run', app, '--', 'true']);
    expect(ok.code).toBe(0);
  });

  it('runs an argv, no shell: arguments reach the process as given', async () => {
    const res = await berth(['run', app, '--', 'echo', '$HOME', 'a b', ';', 'rm -rf /']);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('$HOME a b ; rm -rf /\n');
  });

  it("has exactly the environment of the app's instances, plus its own CONTAINER and BERTH_RUN_ID", async () => {
    const res = await berth(['run', app, '--', 'env']);
    expect(res.code).toBe(0);
    const [instance] = (await docker('ps', '-q', '--filter', `label=berth.app=${app}`, '--filter', 'label=berth.instance')).split('\n').filter(Boolean);
    const instanceEnv = parseEnv(await docker('exec', instance as string, 'env'));
    const runEnv = parseEnv(res.stdout);
    const differing = new Set(['HOSTNAME', 'CONTAINER', 'BERTH_RUN_ID']);
    const without = (e: Record<string, string>) => Object.fromEntries(Object.entries(e).filter(([k]) => !differing.has(k)));
    expect(without(runEnv)).toEqual(without(instanceEnv));
    expect(runEnv).toMatchObject({ GREETING: 'hello world', APP: app, CONTAINER_VERSION: 'v1', BERTH_RELEASE: 'v1', PORT: '8080' });
    expect(runEnv.CONTAINER).toBe(`run-${runEnv.BERTH_RUN_ID}`);
  });

  it('keeps stdout and stderr lines in the order they were written', async () => {
    // stdout and stderr reach Docker through two pipes: lines a few microseconds apart on the two
    // may swap, so the test writes them 100 ms apart (each stream alone always keeps its order).
    const id = (await berth(['run', '-d', app, '--', 'sh', '-c', 'for i in 1 2 3; do echo o$i; sleep 0.1; echo e$i >&2; sleep 0.1; done'])).stdout.trim();
    await waitFor('the run to end', async () => (await runOf(id))?.state === 'succeeded', 20_000);
    const lines = (await berth(['logs', app, '--run', id, '--json'])).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { stream: string; text: string });
    expect(lines).toEqual(['o1', 'e1', 'o2', 'e2', 'o3', 'e3'].map((text) => ({ run: id, stream: text.startsWith('o') ? 'stdout' : 'stderr', text })));
  });

  it('stops a run at its time limit: status -128, exit 124', async () => {
    const res = await berth(['run', app, '--timeout', '2s', '--', 'sleep', '30']);
    expect(res.code).toBe(124);
    expect(res.stderr).toMatch(/timed-out: stopped at its time limit/);
    const [last] = await runsOf();
    expect(last).toMatchObject({ state: 'timed-out', exitCode: -128, command: ['sleep', '30'], startedBy: 'admin' });
  });

  it('Ctrl-C stops the run and exits 130', async () => {
    const child = spawn(process.execPath, [CLI, 'run', app, '--', 'sh', '-c', 'echo started; sleep 60'], {
      env: { ...process.env, ...env(), BERTH_CONFIG: '/nonexistent/berth.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor('the run to print', () => out.includes('started'), 20_000);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const [last] = await runsOf();
    expect(last?.state).toBe('stopped');
    expect(await docker('ps', '-aq', '--filter', `label=berth.oneoff=${app}-run-${last?.id}`)).toBe('');
  });

  it('a detached run outlives a controller restart and is recorded with its real exit status', async () => {
    const res = await berth(['run', '--detach', app, '--', 'sh', '-c', 'echo before; sleep 4; echo after; exit 7']);
    expect(res.code).toBe(0);
    const id = res.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    await waitFor('the run to print', async () => (await berth(['logs', app, '--run', id])).stdout.includes('before'), 20_000);
    await cluster.stopController();
    await cluster.startController();
    await waitFor('the run to end', async () => (await runOf(id))?.state === 'failed', 30_000);
    expect(await runOf(id)).toMatchObject({ exitCode: 7, reason: 'exited with status 7' });
    const logs = await berth(['logs', app, '--run', id]);
    expect(logs.stdout).toMatch(/before\n(.*\n)*after\n/);
  });

  it('berth logs --run -f follows a run until it ends', async () => {
    const id = (await berth(['run', '-d', app, '--', 'sh', '-c', 'sleep 1; echo one; sleep 1; echo two'])).stdout.trim();
    const followed = await berth(['logs', app, '--run', id, '-f']);
    expect(followed.code).toBe(0);
    expect(followed.stdout).toBe('one\ntwo\n');
  });

  it('a read-only token lists runs and reads their output, and may not start or stop one', async () => {
    const token = (await berth(['tokens', 'create', `runs-ro-${suffix}`, '--read-only'])).stdout.trim();
    const [last] = await runsOf();
    const ro = { BERTH_TOKEN: token };
    expect((await berth(['runs', app], ro)).code).toBe(0);
    expect((await berth(['logs', app, '--run', last?.id as string], ro)).code).toBe(0);
    const refused = await berth(['run', app, '--', 'true'], ro);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/PERMISSION_DENIED/);
    expect((await berth(['runs', 'stop', last?.id as string], ro)).stderr).toMatch(/PERMISSION_DENIED/);
  });

  it('clear errors: no command, an unknown service or release', async () => {
    expect((await berth(['run', app, '--service', 'api', '--', 'true'])).stderr).toMatch(/has no service api \(services: web\) \[NOT_FOUND\]/);
    expect((await berth(['run', app, '--release', 'v9', '--', 'true'])).stderr).toMatch(/has no release v9; 'berth releases .*' lists them \[NOT_FOUND\]/);
    expect((await berth(['run', app])).code).toBe(2);
  });

  it('a run on an agent that is lost fails with that reason', async () => {
    const id = (await berth(['run', '-d', app, '--', 'sleep', '60'])).stdout.trim();
    await waitFor('the run to run', async () => (await runOf(id))?.state === 'running', 20_000);
    await agent.kill('SIGKILL');
    await waitFor('the run to fail', async () => (await runOf(id))?.state === 'failed', 30_000);
    expect((await runOf(id))?.reason).toBe(`its agent runs-${suffix} went down`);
  });
});

function parseEnv(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
