/**
 * The quickstart as a new user runs it: `npm run up` in a fresh clone of this repository (its own
 * npm ci and build; this machine's Docker Engine), on free ports. The page the summary prints
 * must answer with the example app, the hook line must deploy, Ctrl-C (SIGINT to the whole
 * process group, as a terminal sends it) must stop everything, and a second run must reuse the
 * state and deploy a new release.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, run } from '../helpers/exec.js';
import { freePort } from '../helpers/free-port.js';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { waitFor } from '../helpers/wait-for.js';

let dir: string;
let clone: string;
let state: string;
let ports: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-quickstart-'));
  clone = join(dir, 'berth');
  state = join(dir, 'state');
  await run('git', ['clone', '-q', REPO_ROOT, clone]);
  ports = {
    BERTH_UP_NATS_PORT: String(await freePort()),
    BERTH_UP_GRPC_PORT: String(await freePort()),
    BERTH_UP_HTTP_PORT: String(await freePort()),
    BERTH_UP_TRAEFIK_PORT: String(await freePort()),
  };
}, 60_000);

afterAll(async () => {
  // Whatever a failed run left: its processes name the state directory.
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    const cmdline = (() => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    })();
    if (cmdline.includes(state)) process.kill(Number(pid), 'SIGKILL');
  }
  await rm(dir, { recursive: true, force: true });
});

interface Up {
  child: ChildProcess;
  output: () => string;
}

/** `npm run up` in the clone, in its own process group (as a shell runs a foreground job). */
function startUp(): Up {
  let output = '';
  const child = spawn('npm', ['run', 'up'], {
    cwd: clone,
    detached: true,
    env: { ...process.env, ...ports, BERTH_UP_DIR: state, BERTH_UP_PULL: '0', NO_COLOR: '1', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function untilReady(up: Up): Promise<string> {
  await waitFor('npm run up to print "ready" or end', () => up.output().includes('berth up: ready') || up.child.exitCode !== null, 240_000, 500);
  if (!up.output().includes('berth up: ready')) throw new Error(`npm run up ended without getting ready:\n${up.output()}`);
  return up.output();
}

/**
 * Ctrl-C at a terminal: SIGINT to the foreground process group. npm itself dies of it at once;
 * the quickstart (its grandchild) stops what it started and says so.
 */
async function interrupt(up: Up): Promise<void> {
  process.kill(-(up.child.pid as number), 'SIGINT');
  await waitFor('the quickstart to say it stopped', () => /berth up: stopped\n/.test(up.output()), 60_000, 200);
}

/** The URLs under "The instances answer now:". */
function instanceUrls(output: string): string[] {
  const block = output.slice(output.indexOf('The instances answer now:'));
  return [...block.matchAll(/^ {2}(http:\/\/127\.0\.0\.1:\d+\/)$/gm)].map((m) => m[1] as string).slice(0, 2);
}

function processesOf(stateDir: string): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(stateDir);
      } catch {
        return false;
      }
    });
}

describe('npm run up', { timeout: 600_000 }, () => {
  it('from a fresh clone: the printed page answers, the hook deploys, Ctrl-C stops everything, a second run deploys again', async () => {
    const first = startUp();
    const out = await untilReady(first);
    // The deploy as the CLI shows it, with the postdeploy line.
    expect(out).toMatch(/==> building[\s\S]*==> postdeploy[\s\S]*\| postdeploy: migrating the database for hello v1[\s\S]*succeeded: hello v1 is live/);
    const urls = instanceUrls(out);
    expect(urls).toHaveLength(2);
    const sha = (await run('git', ['-C', clone, 'rev-parse', 'HEAD'])).trim();
    for (const url of urls) {
      const page = await (await fetch(url)).text();
      expect(page).toContain('<h1>Hello from hello</h1>');
      expect(page).toContain(`release <b>v1</b>, CONTAINER_VERSION <b>${sha}</b>`);
    }
    // The Traefik directory it names holds the app's routes to exactly those instances.
    const traefikDir = /Traefik routes with the files in (\S+)/.exec(out)?.[1] as string;
    const routes = await readFile(join(traefikDir, 'hello.yml'), 'utf8');
    for (const url of urls) expect(routes).toContain(url.replace(/\/$/, ''));
    expect(out).toContain(`docker run -d --rm --name berth-up-traefik --network host -v ${traefikDir}:/etc/traefik/dynamic:ro traefik:v3`);
    // The admin token file it names is the controller's, mode 0600.
    const tokenPath = /The admin token is in (\S+) \(mode 0600\)/.exec(out)?.[1] as string;
    expect(existsSync(tokenPath)).toBe(true);

    // The printed curl line, run as printed (argv, no shell): a deployment starts.
    const curl = /^ {2}curl -X POST (\S+)$/m.exec(out)?.[1] as string;
    const hook = await fetch(curl, { method: 'POST' });
    expect(hook.status).toBe(202);
    expect(await hook.json()).toMatchObject({ decision: 'deploy' });

    await interrupt(first);
    await waitFor('every process of the quickstart to end', () => processesOf(state).length === 0, 10_000);
    expect(await docker('ps', '-aq', '--filter', 'label=berth.app=hello', '--filter', `label=berth.agent=local`)).toBe('');
    const token = readFileSync(tokenPath, 'utf8');

    // Again: the same state (token, apps) and a new release.
    const second = startUp();
    const again = await untilReady(second);
    expect(readFileSync(tokenPath, 'utf8')).toBe(token);
    const release = /Berth is running, and hello (v\d+) is live/.exec(again)?.[1];
    expect(Number(release?.slice(1))).toBeGreaterThanOrEqual(2);
    const page = await (await fetch(instanceUrls(again)[0] as string)).text();
    expect(page).toContain(`release <b>${release}</b>`);
    await interrupt(second);
    await waitFor('every process of the quickstart to end', () => processesOf(state).length === 0, 10_000);
  });
});
