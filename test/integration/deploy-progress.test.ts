/**
 * What `berth deploy --wait` shows, end to end (real controller, agents, Docker): timestamped
 * lines on a pipe, a live view under a pseudo-terminal, and Ctrl-C that stops the watch, not the
 * deployment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth, type CliExit } from '../helpers/berth-cli.js';
import { CLI, startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, removeAppContainers, waitForEnd } from '../helpers/deployments.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const agents = [`prog-a-${suffix}`, `prog-b-${suffix}`];
const apps: string[] = [];
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '500ms' });
  await Promise.all(agents.map((id) => cluster.startAgent(id)));
});

afterAll(async () => {
  await cluster?.close();
  await Promise.all(apps.map(removeAppContainers));
});

const berthEnv = () => ({ BERTH_ADDR: `127.0.0.1:${cluster.controller.grpcPort}`, BERTH_TOKEN: cluster.controller.adminToken });
const berth = (args: string[]) => runBerth(args, berthEnv());

/** Two web instances (one per agent, so the bar reads 2/2) and a postdeploy command. */
function spec(app: string, postdeploy: string): string {
  apps.push(app);
  return specText({
    name: app,
    domains: [`${app}.example.test`],
    drain: '0s',
    postdeploy,
    services: {
      web: { image: TEST_IMAGE, command: 'exec httpd -f -p $PORT -h /www', port: 8080, scale: 2, health: { path: '/index.html', bootTimeout: '20s' } },
    },
  });
}

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '');
const deploymentOf = (app: string) => Object.values(cluster.controller.store.data.deployments).find((d) => d.app === app);

interface Running {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr; under the pty they are one stream). */
  output(): string;
  exited: Promise<CliExit>;
}

function collect(child: ChildProcess): Running {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<CliExit>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, output: () => stdout + stderr, exited };
}

/** `berth ARGS` on pipes, as a script runs it; the child is kept so a test can signal it. */
function startBerth(args: string[]): Running {
  return collect(spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...berthEnv() }, stdio: ['ignore', 'pipe', 'pipe'] }));
}

const shellQuote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * `berth ARGS` under a pseudo-terminal, with util-linux `script` rather than python3's pty module:
 * it is on every Debian machine, returns the command's exit status with -e, and forwards what is
 * written to its stdin to the terminal, so writing ^C (0x03) makes the terminal itself send
 * SIGINT, as a person's Ctrl-C does. The command string holds only quoted paths and fixed test
 * values; `exec` leaves berth as the terminal's only process, so it alone gets that SIGINT and
 * its exit status is script's. The address and token travel in the environment.
 */
function startBerthInTerminal(args: string[], env: Record<string, string | undefined> = {}): Running {
  if (!existsSync('/usr/bin/script')) throw new Error("util-linux 'script' is missing: apt-get install -y bsdutils");
  for (const arg of args) expect(arg).toMatch(/^[A-Za-z0-9._-]+$/);
  const command = ['exec', shellQuote(process.execPath), shellQuote(CLI), ...args.map(shellQuote)].join(' ');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...berthEnv(), SHELL: '/bin/sh', TERM: 'xterm-256color', ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  // stdin stays open: script forwards it to the terminal, and would end the session at its EOF.
  return collect(spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: childEnv, stdio: ['pipe', 'pipe', 'pipe'] }));
}

async function finished(running: Running): Promise<CliExit> {
  const exit = await running.exited;
  running.child.stdin?.end();
  return exit;
}

describe('deploy --wait progress', { timeout: 120_000 }, () => {
  it('not on a terminal: plain lines, each with an HH:MM:SS time, for the phases, the count and the postdeploy output', async () => {
    const app = `plain-${suffix}`;
    applySpec(cluster.controller, spec(app, 'echo migrating; echo migrated'));
    const res = await berth(['deploy', app, '--wait']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain('\x1b');
    const lines = res.stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^\d\d:\d\d:\d\d /);
    const phases = lines.filter((l) => l.includes(' ==> ')).map((l) => l.slice(9));
    expect(phases).toEqual([
      '==> queued',
      '==> building',
      `==> starting ${app} v1`,
      '==> verifying',
      '==> postdeploy',
      '==> routing',
      '==> draining',
      '==> succeeded',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\d\d:\d\d:\d\d {5}instances healthy 2\/2$/),
        expect.stringMatching(/^\d\d:\d\d:\d\d {5}\| migrating$/),
        expect.stringMatching(/^\d\d:\d\d:\d\d {5}\| migrated$/),
      ]),
    );
    // The output comes between its phase and the next.
    expect(res.stdout).toMatch(/==> postdeploy\n[\s\S]*\| migrating\n[\s\S]*\| migrated\n[\s\S]*==> routing/);
    const id = deploymentOf(app)?.id as string;
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d deployment ${id} succeeded: ${app} v1 is live \\(in \\d+\\.\\ds\\)$`));
  });

  it('on a terminal: a live view redrawn in place, with the phases, the bar at 2/2 and the postdeploy output', async () => {
    const app = `live-${suffix}`;
    applySpec(cluster.controller, spec(app, 'echo migrating; echo migrated'));
    const running = startBerthInTerminal(['deploy', app, '--wait'], { NO_COLOR: undefined });
    const res = await finished(running);
    const raw = res.stdout;
    expect(res.code).toBe(0);
    expect(raw).toMatch(/\x1b\[\d+A/); // moved up to redraw
    expect(raw).toContain('\x1b[?25l'); // cursor hidden while drawing…
    expect(raw.lastIndexOf('\x1b[?25h')).toBeGreaterThan(raw.lastIndexOf('\x1b[?25l')); // …and back at the end
    expect(raw).toContain('\x1b[32m'); // colour on a terminal
    const text = stripAnsi(raw);
    for (const phase of ['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining'])
      expect(text).toMatch(new RegExp(`✓ ${phase} +\\d+\\.\\ds`));
    expect(text).toMatch(/instances +█{20} +2\/2 healthy/);
    expect(text).toMatch(/ {4}\| migrating\r?\n/);
    expect(text).toMatch(/ {4}\| migrated\r?\n/);
    const id = deploymentOf(app)?.id as string;
    expect(text).toMatch(new RegExp(`deploy ${app} v1 +${id} +\\d+\\.\\ds +succeeded`));
    expect(text).toMatch(new RegExp(`deployment ${id} succeeded: ${app} v1 is live \\(in \\d+\\.\\ds\\)`));
    expect(deploymentOf(app)?.state).toBe('succeeded');
  });

  it('Ctrl-C stops watching, says how to watch again or cancel, exits 130; the deployment carries on and succeeds', async () => {
    const app = `ctrlc-${suffix}`;
    applySpec(cluster.controller, spec(app, 'echo migrating; sleep 6; echo migrated'));
    // NO_COLOR: still a live view, without colour.
    const running = startBerthInTerminal(['deploy', app, '--wait'], { NO_COLOR: '1' });
    await waitFor('the view to show the postdeploy output', () => / {4}\| migrating/.test(stripAnsi(running.output())), 60_000);
    const id = deploymentOf(app)?.id as string;
    expect(cluster.controller.store.data.deployments[id]?.state).toBe('postdeploy');
    running.child.stdin?.write('\x03'); // Ctrl-C, through the terminal
    const res = await finished(running);
    expect(res.code).toBe(130);
    const text = stripAnsi(res.stdout);
    expect(text).toContain(
      `stopped watching; deployment ${id} continues — berth deployments show ${id} --wait to watch again, berth deployments cancel ${id} to cancel`,
    );
    expect(text).toMatch(/⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏/); // it was live…
    expect(res.stdout).not.toMatch(/\x1b\[[0-9;]*m/); // …without colour
    expect(res.stdout).toContain('\x1b[?25h');
    expect(cluster.controller.store.data.deployments[id]?.state).toBe('postdeploy');

    // Watching again, on a pipe this time, and a SIGINT there too: the same message, 130.
    const again = startBerth(['deployments', 'show', id, '--wait']);
    await waitFor('the replayed phases', () => again.output().includes('==> postdeploy'), 15_000);
    again.child.kill('SIGINT');
    const stopped = await again.exited;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(`stopped watching; deployment ${id} continues`);
    expect(stopped.stdout).toMatch(/^\d\d:\d\d:\d\d ==> postdeploy$/m);

    // Nothing was cancelled: the deployment ends well, and a third watch follows it to the end.
    const last = await berth(['deployments', 'show', id, '--wait']);
    expect(last.code).toBe(0);
    expect(last.stdout).toMatch(/==> routing[\s\S]*==> succeeded[\s\S]*succeeded: .* v1 is live/);
    expect((await waitForEnd(cluster.controller, id)).state).toBe('succeeded');
    const show = await berth(['deployments', 'show', id]);
    expect(show.stdout).toMatch(/state\s+succeeded/);
    expect(show.stdout).toMatch(/\| migrated/);
  });
});
