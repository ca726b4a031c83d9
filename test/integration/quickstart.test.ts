/**
 * The quickstart as a new user runs it: `npm run up` in a fresh clone of this repository (its own
 * npm ci, Traefik installed into the clone's tools directory, its own build; this machine's
 * Docker Engine), on free ports. The routed URL the summary prints must answer through Traefik
 * with the live release, the hook line must deploy the next one with no failed request through
 * Traefik during the switch, Ctrl-C (SIGINT to the whole process group, as a terminal sends it)
 * must stop everything, Traefik included, and a second run must reuse the state and deploy a new
 * release, and stop everything on Ctrl-C with its stdout closed (as `npm run up | tee` leaves it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Agent } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, run } from '../helpers/exec.js';
import { freePort } from '../helpers/free-port.js';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { getByHost } from '../../shared/get-by-host.js';
import { getThrough } from '../helpers/traefik.js';
import { TRAEFIK_VERSION } from '../../shared/traefik-binary.js';
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
  // Five different free ports (the quickstart refuses one chosen twice).
  const free = new Set<number>();
  while (free.size < 5) free.add(await freePort());
  const [nats, grpc, http, web, api] = [...free].map(String) as [string, string, string, string, string];
  ports = { BERTH_UP_NATS_PORT: nats, BERTH_UP_GRPC_PORT: grpc, BERTH_UP_HTTP_PORT: http, BERTH_UP_TRAEFIK_PORT: web, BERTH_UP_TRAEFIK_API_PORT: api };
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
    env: { ...process.env, ...ports, BERTH_UP_DIR: state, NO_COLOR: '1', CI: 'true' },
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

/** The URLs under "The instances it routes to:". */
function instanceUrls(output: string): string[] {
  const block = output.slice(output.lastIndexOf('The instances it routes to:'));
  return [...block.matchAll(/^ {2}(http:\/\/127\.0\.0\.1:\d+\/)$/gm)].map((m) => m[1] as string).slice(0, 2);
}

/** The routed URL the summary prints, and its curl with a Host header: they must agree. */
function routed(output: string): { url: string; host: string; port: number } {
  const summary = output.slice(output.lastIndexOf('Berth is running'));
  const url = /^ {2}(http:\/\/([a-z0-9.-]+\.localhost):(\d+)\/)$/m.exec(summary);
  const curl = /^ {2}curl -H 'Host: ([^']+)' http:\/\/127\.0\.0\.1:(\d+)\/$/m.exec(summary);
  if (!url || !curl) throw new Error(`no routed URL or Host curl in the summary:\n${summary}`);
  expect([curl[1], curl[2]]).toEqual([url[2], url[3]]);
  return { url: url[1] as string, host: url[2] as string, port: Number(url[3]) };
}

/** What requests through Traefik saw while they ran. */
interface LoadResult {
  requests: number;
  failures: string[];
  releases: Record<string, number>;
}

/**
 * Requests through Traefik's web entry point with the app's Host header, back to back until
 * stopped: one loop on a fresh connection each time, one over a keep-alive connection. A failure
 * is an error, a timeout, a status other than 200 or a page that is not the app's.
 */
function loadThrough(port: number, host: string): { result: LoadResult; stop: () => Promise<LoadResult> } {
  const result: LoadResult = { requests: 0, failures: [], releases: {} };
  let running = true;
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = (agent: Agent | false) => getByHost({ port, host, agent });
  const loop = async (agent: Agent | false, name: string) => {
    while (running) {
      result.requests++;
      try {
        const { status, body } = await once(agent);
        const release = /release <b>(v\d+)<\/b>/.exec(body)?.[1];
        if (status !== 200 || !body.includes('<h1>Hello from hello</h1>') || !release) result.failures.push(`${name}: ${status} ${body.slice(0, 200)}`);
        else result.releases[release] = (result.releases[release] ?? 0) + 1;
      } catch (err) {
        result.failures.push(`${name}: ${(err as Error).message}`);
      }
    }
  };
  const loops = Promise.all([loop(false, 'fresh connection'), loop(keepAlive, 'keep-alive')]);
  return {
    result,
    async stop() {
      running = false;
      await loops;
      keepAlive.destroy();
      return result;
    },
  };
}

/** The clone's own CLI against the quickstart's controller, JSON out. */
async function berthJson<T>(tokenPath: string, args: string[]): Promise<T> {
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [join(clone, 'dist', 'cli', 'main.js'), ...args, '--json'], {
      env: {
        ...process.env,
        BERTH_ADDR: `127.0.0.1:${ports.BERTH_UP_GRPC_PORT}`,
        BERTH_TOKEN: readFileSync(tokenPath, 'utf8').trim(),
        BERTH_CONFIG: join(dir, 'no-cli-config.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`berth ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
  return JSON.parse(out) as T;
}

/** Traefik processes started from the clone's tools directory (the quickstart's, whatever their arguments). */
function traefikProcesses(): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        return (
          readFileSync(`/proc/${pid}/cmdline`, 'utf8')
            .split('\0')[0]
            ?.startsWith(join(clone, '.berth', 'tools')) ?? false
        );
      } catch {
        return false;
      }
    });
}

function portAnswers(port: number): Promise<boolean> {
  return getThrough(port, 'hello.localhost', '/', 2000).then(
    () => true,
    () => false,
  );
}

/** The quickstart's own node process (scripts/up.sh runs `node dist/quickstart/quickstart.js` in the clone). */
function quickstartProcesses(): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/quickstart/quickstart.js') && readlinkSync(`/proc/${pid}/cwd`) === clone;
      } catch {
        return false;
      }
    });
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
  it('from a fresh clone: the routed URL answers through Traefik, the hook deploys with no failed request, Ctrl-C stops everything, a second run deploys again', async () => {
    const first = startUp();
    const out = await untilReady(first);
    const webPort = Number(ports.BERTH_UP_TRAEFIK_PORT);
    const api = `http://127.0.0.1:${ports.BERTH_UP_TRAEFIK_API_PORT}`;
    // The deploy as the CLI shows it, with the postdeploy line and the switch confirmed by the
    // Traefik the quickstart started.
    expect(out).toMatch(/==> building[\s\S]*==> postdeploy[\s\S]*\| postdeploy: migrating the database for hello v1[\s\S]*succeeded: hello v1 is live/);
    expect(out).toContain(`--> routes confirmed: ${api} confirmed in `);
    const urls = instanceUrls(out);
    expect(urls).toHaveLength(2);
    const sha = (await run('git', ['-C', clone, 'rev-parse', 'HEAD'])).trim();
    for (const url of urls) {
      const page = await (await fetch(url)).text();
      expect(page).toContain('<h1>Hello from hello</h1>');
      expect(page).toContain(`release <b>v1</b>, CONTAINER_VERSION <b>${sha}</b>`);
    }
    // Traefik is the clone's own binary (installed by scripts/ensure-deps.sh), watching the
    // directory it names, which holds the app's routes to exactly those instances.
    const [, binary, traefikDir] = /^Traefik \S+ \((\S+)\) routes with the files in (\S+)$/m.exec(out) ?? [];
    expect(binary).toBe(join(clone, '.berth', 'tools', `traefik-${TRAEFIK_VERSION}`, 'bin', 'traefik'));
    const routes = await readFile(join(traefikDir as string, 'hello.yml'), 'utf8');
    for (const url of urls) expect(routes).toContain(url.replace(/\/$/, ''));
    expect(out).not.toContain('docker run');
    expect(readFileSync(join(state, 'traefik.log'), 'utf8')).toContain('"GET / HTTP/1.1" 200');

    // The routed URL it prints answers through Traefik with the live release.
    const { url: routedUrl, host, port } = routed(out);
    expect(routedUrl).toBe(`http://hello.localhost:${webPort}/`);
    expect(port).toBe(webPort);
    const before = await getThrough(port, host, '/', 5000);
    expect(before.status).toBe(200);
    expect(before.body).toContain(`release <b>v1</b>, CONTAINER_VERSION <b>${sha}</b>`);
    // The admin token file it names is the controller's, mode 0600.
    const tokenPath = /The admin token is in (\S+) \(mode 0600\)/.exec(out)?.[1] as string;
    expect(existsSync(tokenPath)).toBe(true);

    // The printed curl line, run as printed (argv, no shell), while requests keep going through
    // Traefik: a deployment starts, and until it has succeeded (the old instances drained and
    // stopped) not one request fails.
    const load = loadThrough(port, host);
    await waitFor('requests through Traefik before the hook', () => load.result.requests >= 5, 10_000, 20);
    const curl = /^ {2}curl -X POST (\S+)$/m.exec(out)?.[1] as string;
    const hook = await fetch(curl, { method: 'POST' });
    expect(hook.status).toBe(202);
    const decided = (await hook.json()) as { decision: string; deployment: string };
    expect(decided).toMatchObject({ decision: 'deploy' });
    type DeploymentJson = { state: string; release: string; routing: { traefiks: Array<{ api: string; confirmed: boolean }> } | null; output: string[] };
    let deployment: DeploymentJson;
    try {
      deployment = await waitFor(
        "the hook's deployment to end",
        async () => {
          const d = await berthJson<DeploymentJson>(tokenPath, ['deployments', 'show', decided.deployment]);
          return ['succeeded', 'failed', 'cancelled'].includes(d.state) ? d : undefined;
        },
        120_000,
        250,
      );
    } finally {
      await load.stop();
    }
    const seen = load.result;
    expect(deployment.state, deployment.output.join('\n')).toBe('succeeded');
    expect(deployment.release).toBe('v2');
    expect(deployment.routing?.traefiks).toEqual([expect.objectContaining({ api, confirmed: true })]);
    expect(seen.requests).toBeGreaterThan(0);
    expect(seen.failures).toEqual([]);
    expect(Object.keys(seen.releases).sort()).toEqual(['v1', 'v2']);
    const after = await getThrough(port, host, '/', 5000);
    expect(after.status).toBe(200);
    expect(after.body).toContain(`release <b>v2</b>, CONTAINER_VERSION <b>${sha}</b>`);
    console.log(`through Traefik during the redeploy: ${seen.requests} requests, ${seen.failures.length} failed (${JSON.stringify(seen.releases)})`);

    expect(traefikProcesses()).toHaveLength(1);
    await interrupt(first);
    await waitFor('every process of the quickstart to end', () => processesOf(state).length === 0, 10_000);
    expect(traefikProcesses()).toEqual([]);
    expect(await portAnswers(port)).toBe(false);
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
    const routedAgain = await getThrough(routed(again).port, 'hello.localhost', '/', 5000);
    expect(routedAgain.body).toContain(`release <b>${release}</b>`);
    // `npm run up | tee up.log`, then Ctrl-C: tee dies of the SIGINT at once, so the quickstart
    // cleans up with its stdout closed under it. Everything must still stop.
    second.child.stdout?.destroy();
    process.kill(-(second.child.pid as number), 'SIGINT');
    await waitFor(
      'every process of the quickstart to end with its stdout closed',
      () => processesOf(state).length === 0 && quickstartProcesses().length === 0,
      30_000,
    );
    expect(traefikProcesses()).toEqual([]);
    await waitFor(
      "the app's containers to be removed",
      async () => (await docker('ps', '-aq', '--filter', 'label=berth.app=hello', '--filter', 'label=berth.agent=local')) === '',
      30_000,
      500,
    );
  });
});
