/**
 * `npm run up`: Berth on this machine, with the example app deployed and routed. scripts/up.sh has
 * installed what was missing (Traefik into the project's tools directory) and built dist/; this
 * starts nats-server (JetStream, data under the state directory), Traefik (the file provider on
 * the controller's Traefik directory, its API on loopback), the controller (which confirms every
 * switch with that API) and one local agent as child processes, applies examples/hello with this
 * clone as its git repository, deploys it (the CLI's own `deploy --wait`, so the output is what a
 * user sees), checks that the app answers through Traefik, prints where everything is, and on
 * Ctrl-C stops all of it.
 *
 * Environment: BERTH_UP_DIR (state, default .berth/up), BERTH_UP_NATS_PORT (4222),
 * BERTH_UP_GRPC_PORT (7443), BERTH_UP_HTTP_PORT (8080), BERTH_UP_TRAEFIK_PORT (8000: Traefik's
 * web entry point), BERTH_UP_TRAEFIK_API_PORT (8001: Traefik's API and /ping).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { callUnary, createAdminClient, required } from '../cli/admin-client.js';
import type { AdminServiceClient } from '../proto/gen/berth/v1/AdminService.js';
import { BerthError } from '../shared/errors.js';
import { getByHost } from '../shared/get-by-host.js';
import { traefikBinary, traefikStaticArgs, TRAEFIK_VERSION } from '../shared/traefik-binary.js';
import { ensureExampleImage, EXAMPLE_BASE_IMAGE } from './example-image.js';
import { renderSummary } from './summary.js';

/** dist/quickstart/quickstart.js → the clone's root. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const APP = 'hello';
const AGENT_ID = 'local';

const env = process.env;
class QuickstartError extends Error {}

function port(name: string, fallback: number): number {
  const value = env[name] ?? String(fallback);
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535) return Number(value);
  // Read before anything starts: nothing to stop yet.
  process.stderr.write(`berth up: ${name}=${value} is not a port (1-65535)\n`);
  process.exit(1);
}

const STATE = resolve(env.BERTH_UP_DIR ?? join(ROOT, '.berth', 'up'));
const NATS_PORT = port('BERTH_UP_NATS_PORT', 4222);
const GRPC_PORT = port('BERTH_UP_GRPC_PORT', 7443);
const HTTP_PORT = port('BERTH_UP_HTTP_PORT', 8080);
const TRAEFIK_PORT = port('BERTH_UP_TRAEFIK_PORT', 8000);
const TRAEFIK_API_PORT = port('BERTH_UP_TRAEFIK_API_PORT', 8001);
const TRAEFIK_API = `http://127.0.0.1:${TRAEFIK_API_PORT}`;
const GRPC_ADDR = `127.0.0.1:${GRPC_PORT}`;
const NATS_URL = `nats://127.0.0.1:${NATS_PORT}`;
const DATA_DIR = join(STATE, 'controller');
const TRAEFIK_DIR = join(DATA_DIR, 'traefik');
const PIDS_FILE = join(STATE, 'pids.json');

const docker = new Docker();
const children: Array<{ name: string; child: ChildProcess }> = [];
let stopping = false;

const say = (line: string) => process.stdout.write(`berth up: ${line}\n`);

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, log?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    for (const { name, child } of children) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new QuickstartError(`${name} exited (${child.exitCode ?? child.signalCode}) while waiting for ${what}; see ${join(STATE, `${name}.log`)}`);
    }
    await sleep(200);
  }
  throw new QuickstartError(`${what} did not happen within ${timeoutMs / 1000} s${log ? `; see ${log}` : ''}`);
}

function portOpen(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: p });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Processes a previous run left behind (it was killed, not stopped): stopped before starting. */
async function stopLeftovers(): Promise<void> {
  const pids = JSON.parse(await readFile(PIDS_FILE, 'utf8').catch(() => '[]')) as number[];
  for (const pid of pids) {
    // Only our own: the command line names this state directory.
    const cmdline = (() => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    })();
    if (!cmdline.includes(STATE)) continue;
    say(`stopping process ${pid} a previous run left behind`);
    process.kill(pid, 'SIGTERM');
    await waitUntil(`process ${pid} to stop`, async () => !existsSync(`/proc/${pid}`), 15_000);
  }
}

async function checkPortsFree(): Promise<void> {
  const wanted: Array<[what: string, port: number, variable: string]> = [
    ['NATS', NATS_PORT, 'BERTH_UP_NATS_PORT'],
    ['gRPC', GRPC_PORT, 'BERTH_UP_GRPC_PORT'],
    ['HTTP', HTTP_PORT, 'BERTH_UP_HTTP_PORT'],
    ['Traefik', TRAEFIK_PORT, 'BERTH_UP_TRAEFIK_PORT'],
    ['Traefik API', TRAEFIK_API_PORT, 'BERTH_UP_TRAEFIK_API_PORT'],
  ];
  const seen = new Map<number, string>();
  for (const [what, p, variable] of wanted) {
    const twice = seen.get(p);
    if (twice) throw new QuickstartError(`port ${p} is chosen for both ${twice} and ${what}; choose another one with ${variable}=...`);
    seen.set(p, what);
    if (await portOpen(p)) {
      throw new QuickstartError(`port ${p} (${what}) on 127.0.0.1 is in use by another program; stop it or choose another port with ${variable}=...`);
    }
  }
}

/** A child in its own process group (a terminal's Ctrl-C reaches us, and we stop it in order). */
function start(name: string, command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
  const log = openSync(join(STATE, `${name}.log`), 'a');
  const child = spawn(command, args, { stdio: ['ignore', log, log], detached: true, env: { ...env, ...extraEnv } });
  closeSync(log);
  children.push({ name, child });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`berth up: ${name} exited (${code ?? signal}); see ${join(STATE, `${name}.log`)}. Stopping the rest.\n`);
    void stopAll().then(() => process.exit(1));
  });
  return child;
}

async function savePids(): Promise<void> {
  await writeFile(PIDS_FILE, JSON.stringify(children.map(({ child }) => child.pid).filter(Boolean)));
}

async function startStack(): Promise<void> {
  start('nats', 'nats-server', ['-js', '-a', '127.0.0.1', '-p', String(NATS_PORT), '-sd', join(STATE, 'nats'), '-n', 'berth-up']);
  await waitUntil(`nats-server on port ${NATS_PORT}`, () => portOpen(NATS_PORT), 15_000);
  // Before the controller: it confirms every switch with Traefik's API, the first deploy's too.
  await startTraefik();
  start('controller', process.execPath, [
    CLI,
    'controller',
    '--data-dir',
    DATA_DIR,
    '--grpc-addr',
    GRPC_ADDR,
    '--http-addr',
    `127.0.0.1:${HTTP_PORT}`,
    '--nats',
    NATS_URL,
    '--traefik-api',
    TRAEFIK_API,
  ]);
  await waitUntil('the controller', async () => (await fetch(`http://127.0.0.1:${HTTP_PORT}/healthz`)).ok, 30_000, join(STATE, 'controller.log'));
  // The agent joins once with a join token; later runs find its credentials in its data dir.
  const admin = adminClient();
  const joinToken = await callUnary(admin.CreateJoinToken.bind(admin), { ttlMs: 10 * 60_000 }).finally(() => admin.close());
  start(
    'agent',
    process.execPath,
    [CLI, 'agent', '--id', AGENT_ID, '--controller', GRPC_ADDR, '--nats', NATS_URL, '--advertise-addr', '127.0.0.1', '--data-dir', join(STATE, 'agent')],
    {
      // In the environment, not the command line, where any local user could read it.
      BERTH_JOIN_TOKEN: joinToken.token,
    },
  );
  await savePids();
}

function adminClient(): AdminServiceClient {
  return createAdminClient({ addr: GRPC_ADDR, token: readFileSync(join(DATA_DIR, 'admin-token'), 'utf8').trim() });
}

/** examples/hello/berth.yml with this clone (as file://, on its current branch) as the repository. */
function exampleSpec(): string {
  const spec = parseYaml(readFileSync(join(ROOT, 'examples', 'hello', 'berth.yml'), 'utf8')) as {
    services: { web: { git: { repo: string; branch: string } } };
  };
  const branch = execFileSync('git', ['-C', ROOT, 'rev-parse', '--abbrev-ref', 'HEAD'], { encoding: 'utf8' }).trim();
  if (branch === 'HEAD') throw new QuickstartError(`${ROOT} has no branch checked out (detached HEAD); check out a branch first (git switch -c try-berth)`);
  spec.services.web.git.repo = `file://${ROOT}`;
  spec.services.web.git.branch = branch;
  return stringifyYaml(spec);
}

/** The CLI itself, as a user would run it: its output is the quickstart's. */
function runCli(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const token = readFileSync(join(DATA_DIR, 'admin-token'), 'utf8').trim();
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: 'inherit',
      env: { ...env, BERTH_ADDR: GRPC_ADDR, BERTH_TOKEN: token, BERTH_CONFIG: join(STATE, 'no-cli-config.json') },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** The instance URLs the app's Traefik file routes to. */
async function routedUrls(): Promise<{ urls: string[]; domains: string[] }> {
  const config = parseYaml(await readFile(join(TRAEFIK_DIR, `${APP}.yml`), 'utf8')) as {
    http: { routers: Record<string, { rule: string }>; services: Record<string, { loadBalancer: { servers: Array<{ url: string }> } }> };
  };
  const urls = Object.values(config.http.services).flatMap((s) => s.loadBalancer.servers.map((x) => `${x.url}/`));
  const domains = Object.values(config.http.routers).flatMap((r) => [...r.rule.matchAll(/Host\(`([^`]+)`\)/g)].map((m) => m[1] as string));
  return { urls, domains };
}

function traefikPath(): string {
  try {
    return traefikBinary(ROOT);
  } catch (err) {
    // Not installed: scripts/up.sh runs scripts/ensure-deps.sh, which installs it; the message says so.
    if (err instanceof BerthError) throw new QuickstartError(err.message);
    throw err;
  }
}

/**
 * Traefik from the project's tools directory, as a child like the others (argv, no shell; its
 * output, an access log included, in traefik.log): the web entry point and its API on loopback,
 * the file provider watching the controller's Traefik directory.
 */
async function startTraefik(): Promise<void> {
  const binary = traefikPath();
  // Made here first, so Traefik watches it from the start; the data dir keeps the mode the
  // controller gives it when it makes it (its admin token is inside).
  await mkdir(DATA_DIR, { recursive: true, mode: 0o700 });
  await mkdir(TRAEFIK_DIR, { recursive: true });
  start(
    'traefik',
    binary,
    traefikStaticArgs({
      web: `127.0.0.1:${TRAEFIK_PORT}`,
      api: `127.0.0.1:${TRAEFIK_API_PORT}`,
      fileDirectory: TRAEFIK_DIR,
      logLevel: 'WARN',
      extra: ['--accesslog=true'],
    }),
  );
  await waitUntil(`Traefik to answer ${TRAEFIK_API}/ping`, async () => (await fetch(`${TRAEFIK_API}/ping`)).ok, 15_000, join(STATE, 'traefik.log'));
}

/** Stops what this run started, newest first; the app's containers with them. */
async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const { name, child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    say(`stopping ${name}`);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  // The agent never stops instances when it stops (they must outlive it in production); here
  // everything the quickstart started goes, and the next run deploys a new release.
  // Docker may finish a create the agent asked for just before it stopped: look again until none.
  for (let pass = 0; pass < 5; pass++) {
    const containers = await docker.listContainers({ all: true, filters: { label: [`berth.app=${APP}`, `berth.agent=${AGENT_ID}`] } }).catch(() => []);
    if (containers.length === 0) break;
    if (pass === 0) say(`removing the ${containers.length} container(s) of ${APP}`);
    await Promise.all(
      containers.map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
  }
  await writeFile(PIDS_FILE, '[]').catch(() => undefined);
  say('stopped');
}

async function main(): Promise<void> {
  await mkdir(STATE, { recursive: true });
  await stopLeftovers();
  await checkPortsFree();
  if (await ensureExampleImage(docker)) say(`made the example's base image ${EXAMPLE_BASE_IMAGE} from /bin/busybox`);
  say(`starting nats-server, Traefik ${TRAEFIK_VERSION} (from ${dirname(dirname(traefikPath()))}), the controller and an agent (state and logs in ${STATE})`);
  await startStack();
  const admin = adminClient();
  try {
    await waitUntil(
      `agent ${AGENT_ID} to connect`,
      async () => {
        const res = await callUnary(admin.ListAgents.bind(admin), {});
        return res.agents.some((a) => a.id === AGENT_ID && a.status === 'ready');
      },
      30_000,
      join(STATE, 'agent.log'),
    );
    const specFile = join(STATE, 'hello.yml');
    await writeFile(specFile, exampleSpec());
    if ((await runCli(['apps', 'apply', '-f', specFile])) !== 0) throw new QuickstartError('the example app was not applied (above)');
    say(`deploying ${APP}: building examples/hello from this clone's last commit, starting 2 instances, postdeploy, routing`);
    if ((await runCli(['deploy', APP, '--wait'])) !== 0)
      throw new QuickstartError(`the deployment failed (above); logs: ${join(STATE, 'agent.log')}, ${join(STATE, 'controller.log')}`);
    const hook = required((await callUnary(admin.GetHook.bind(admin), { app: APP })).hook, 'hook');
    const { urls, domains } = await routedUrls();
    const release = await routedRelease(admin);
    // The controller had Traefik's API confirm the routes before the deployment succeeded: the
    // page answers through Traefik now, with this release (its <title> is "APP RELEASE").
    for (const domain of domains) {
      await waitUntil(
        `http://${domain}:${TRAEFIK_PORT}/ to answer through Traefik with ${APP} ${release}`,
        async () => {
          const answer = await getByHost({ port: TRAEFIK_PORT, host: domain });
          return answer.status === 200 && answer.body.includes(`<title>${APP} ${release}</title>`);
        },
        15_000,
        join(STATE, 'traefik.log'),
      );
    }
    process.stdout.write(
      `${renderSummary({
        app: APP,
        release,
        instanceUrls: urls,
        domains,
        traefik: {
          version: TRAEFIK_VERSION,
          binary: traefikPath(),
          webPort: TRAEFIK_PORT,
          apiUrl: TRAEFIK_API,
          dir: TRAEFIK_DIR,
          log: join(STATE, 'traefik.log'),
        },
        adminTokenPath: join(DATA_DIR, 'admin-token'),
        grpcAddr: GRPC_ADDR,
        hookUrl: hook.url,
        cliPath: CLI,
        stateDir: STATE,
        logFiles: ['nats', 'traefik', 'controller', 'agent'].map((n) => join(STATE, `${n}.log`)),
      })}\n`,
    );
    say('ready');
  } finally {
    admin.close();
  }
}

async function routedRelease(admin: AdminServiceClient): Promise<string> {
  const res = await callUnary(admin.ListApps.bind(admin), {});
  return res.apps.find((a) => a.name === APP)?.release ?? '?';
}

// `npm run up | tee up.log` and Ctrl-C: tee dies of the same SIGINT at once, and writing to its
// closed pipe (EPIPE) must not end this process halfway through stopping what it started.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stdout.write('\n');
    void stopAll().then(() => process.exit(0));
  });
}

main().catch(async (err: unknown) => {
  process.stderr.write(`berth up: ${err instanceof QuickstartError ? err.message : ((err as Error).stack ?? String(err))}\n`);
  await stopAll();
  process.exit(1);
});
