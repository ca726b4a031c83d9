/**
 * `berth run -it` through a real pseudo-terminal (test/helpers/pty-driver.py) against busybox sh
 * in a real container: keystrokes, a window resize, Ctrl-C to the process in the container, and
 * Ctrl-D ending the shell and the CLI with it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specText } from '../helpers/app-specs.js';
import { runBerth } from '../helpers/berth-cli.js';
import { CLI, startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { ensureTestImage, TEST_IMAGE } from '../helpers/test-image.js';

const suffix = uniqueSuffix();
const app = `tty-${suffix}`;
let cluster: Cluster;

beforeAll(async () => {
  await ensureTestImage();
  cluster = await startCluster({ stabilityWindow: '0s' });
  await cluster.startAgent(`tty-${suffix}`);
  applySpec(
    cluster.controller,
    specText({
      name: app,
      drain: '0s',
      env: { GREETING: 'hi' },
      services: { web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080 } },
    }),
  );
  expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await cluster?.close();
  await removeAppContainers(app);
});

type Step = { send: string } | { expect: string; timeout?: number } | { resize: [number, number] } | { sleep: number };

async function drive(steps: Step[], args: string[]): Promise<{ ok: boolean; failedStep: number | null; exitCode: number | null; transcript: string }> {
  const { stdout } = await promisify(execFile)(
    'python3',
    [join(REPO_ROOT, 'test/helpers/pty-driver.py'), JSON.stringify(steps), process.execPath, CLI, ...args],
    {
      env: {
        ...process.env,
        BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`,
        BERTH_TOKEN: cluster.controller.adminToken,
        BERTH_CONFIG: '/nonexistent/berth.json',
        TERM: 'xterm',
      },
      timeout: 90_000,
    },
  );
  return JSON.parse(stdout) as { ok: boolean; failedStep: number | null; exitCode: number | null; transcript: string };
}

describe('berth run -it', { timeout: 120_000 }, () => {
  it('is a terminal: keys, the window size, Ctrl-C and Ctrl-D reach the shell in the container', async () => {
    const result = await drive(
      [
        { expect: '# ', timeout: 30 },
        { send: 'echo $GREETING-$((6*7))\r' },
        { expect: 'hi-42' },
        { send: 'stty size\r' },
        { expect: '24 80' },
        { resize: [50, 132] },
        { sleep: 1 },
        { send: 'stty size\r' },
        { expect: '50 132' },
        // Ctrl-C interrupts the sleep inside the container: the prompt is back at once.
        { send: 'sleep 30; echo not-interrupted\r' },
        { sleep: 1 },
        { send: '\u0003' },
        { expect: '# ', timeout: 5 },
        { send: 'echo after-$((1+1))\r' },
        { expect: 'after-2' },
        // Ctrl-D: the shell reads end of input and exits; the run ends and berth with it.
        { send: '\u0004' },
      ],
      ['run', '-it', app, '--', 'sh'],
    );
    expect(result, result.transcript).toMatchObject({ ok: true, exitCode: 0 });
    // Typed, the command is echoed; run to its end, it would print the word on a line of its own.
    expect(result.transcript).toContain('echo not-interrupted');
    expect(result.transcript).not.toMatch(/^not-interrupted\r?$/m);
    const runs = JSON.parse(
      (await runBerth(['runs', app, '--json'], { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken })).stdout,
    ) as Array<{ state: string; exitCode: number }>;
    expect(runs[0]).toMatchObject({ state: 'succeeded', exitCode: 0 });
  });

  it('ends with the shell’s exit status', async () => {
    const result = await drive([{ expect: '# ', timeout: 30 }, { send: 'exit 5\r' }], ['run', '-it', app, '--', 'sh']);
    expect(result, result.transcript).toMatchObject({ ok: true, exitCode: 5 });
  });

  it('-i without -t, or without a terminal, is a usage error', async () => {
    const env = { BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken };
    const half = await runBerth(['run', '-i', app, '--', 'sh'], env);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/use -i and -t together/);
    const noTerminal = await runBerth(['run', '-it', app, '--', 'sh'], env);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toMatch(/needs a terminal on stdin/);
  });
});
