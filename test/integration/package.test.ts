/**
 * The package: `npm pack` makes a tarball holding what runs (the built JavaScript, the .proto files
 * and their compiled descriptors, the README and licence) and nothing else; `npm install -g` of it
 * into a fresh prefix installs production dependencies only and gives a `berth` that, run with no
 * file of the clone in reach (its own bin, a working directory outside the repository), runs a
 * controller against a real nats-server and an agent against the real Docker Engine, and deploys
 * an app that answers on its published port. Its install commands write systemd units that run
 * the installed package, not the clone.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specText } from '../helpers/app-specs.js';
import { stopChild } from '../helpers/child-process.js';
import { uniqueSuffix } from '../helpers/cluster.js';
import { removeAppContainers } from '../helpers/deployments.js';
import { docker } from '../helpers/exec.js';
import { freePort } from '../helpers/free-port.js';
import { startNatsServer, type NatsServer } from '../helpers/nats-server.js';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';

const execFileAsync = promisify(execFile);
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};

const suffix = uniqueSuffix();
const app = `pkg-${suffix}`;
const agentId = `pkg-agent-${suffix}`;
/** Temporary directories, removed at the end. */
const dirs: string[] = [];
const tempDir = async (name: string) => {
  const dir = realpathSync(await mkdtemp(join(tmpdir(), `berth-pkg-${name}-`)));
  dirs.push(dir);
  return dir;
};

let packDir: string;
let tarball: string;
/** What `npm pack --json` said about the tarball. */
let packed: { filename: string; size: number; entryCount: number; files: Array<{ path: string }> };
let prefix: string;
/** The installed package: PREFIX/lib/node_modules/berth. */
let installed: string;
/** A working directory outside the repository, for every program the test runs from the package. */
let workDir: string;

beforeAll(async () => {
  packDir = await tempDir('pack');
  prefix = await tempDir('prefix');
  workDir = await tempDir('work');
  // The global set-up has just built dist/ from the sources (the same `tsc -p tsconfig.json` the
  // prepack script runs), so scripts are not run here: rebuilding dist/ while other test files
  // start agents from it could let one read a half-written file.
  const pack = await execFileAsync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  });
  [packed] = JSON.parse(pack.stdout) as [typeof packed];
  tarball = join(packDir, packed.filename);
  // From outside the clone, as on a machine without one; the registry (or its mirror) and npm's cache.
  await execFileAsync('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], {
    cwd: workDir,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 240_000,
  });
  installed = join(prefix, 'lib', 'node_modules', manifest.name);
}, 300_000);

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The installed `berth` on PATH first (and this node beside it), the tester's settings out of reach. */
const installedEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH ?? ''].join(':'),
    BERTH_CONFIG: '/nonexistent/berth-test/config.json',
  };
  delete env.NODE_PATH;
  return env;
};

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the installed `berth` (PREFIX/bin/berth, argv, no shell) from the working directory. */
function berth(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(prefix, 'bin', 'berth'), args, { cwd: workDir, env: { ...installedEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A daemon started from the installed `berth`, its output kept for the failure messages. */
class Daemon {
  readonly child: ChildProcess;
  output = '';
  constructor(
    readonly name: string,
    args: string[],
  ) {
    this.child = spawn(join(prefix, 'bin', 'berth'), args, { cwd: workDir, env: installedEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  /** waitFor, failing at once (with the output) when the daemon exits first. */
  async until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`${this.name} is not running:\n${this.output.slice(-4000)}`);
    let onExit: (code: number | null, signal: NodeJS.Signals | null) => void = () => undefined;
    const exited = new Promise<never>((_, reject) => {
      onExit = (code, signal) => reject(new Error(`${this.name} exited (${code ?? signal}) before ${what}`));
      this.child.once('exit', onExit);
    });
    try {
      return await Promise.race([waitFor(what, check, timeoutMs), exited]);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${this.name}'s output:\n${this.output.slice(-4000)}`);
    } finally {
      this.child.off('exit', onExit);
    }
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}

describe('the package', { timeout: 60_000 }, () => {
  it('npm pack holds the built JavaScript, the .proto files, the README and licence, and nothing else', async () => {
    expect(packed.filename).toBe(`${manifest.name}-${manifest.version}.tgz`);
    const { stdout } = await execFileAsync('tar', ['-tzf', tarball], { maxBuffer: 16 * 1024 * 1024 });
    const entries = stdout.split('\n').filter((line) => line && !line.endsWith('/'));
    expect(entries).toHaveLength(packed.entryCount);
    expect(entries).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/LICENSE',
        'package/dist/cli/main.js',
        'package/dist/controller/controller.js',
        'package/dist/agent/agent.js',
        'package/dist/shared/version.js',
        'package/dist/proto/load.js',
        'package/proto/berth/v1/admin.proto',
        'package/proto/berth/v1/agent.proto',
        'package/proto/grpc/health/v1/health.proto',
        'package/proto/descriptors.binpb',
        'package/dist/ui/index.html',
        'package/dist/ui/assets/app.js',
        'package/dist/ui/assets/style.css',
      ]),
    );
    // Only what runs: no tests, benchmarks, scripts, quickstart, TypeScript sources or source maps;
    // the dashboard as built (dist/ui).
    const allowed =
      /^package\/(package\.json|README\.md|LICENSE|dist\/(agent|cli|controller|proto|shared)\/.+\.js|dist\/ui\/(index\.html|assets\/(app\.js|style\.css))|proto\/(berth|grpc)\/.+\.proto|proto\/descriptors\.binpb)$/;
    expect(entries.filter((entry) => !allowed.test(entry))).toEqual([]);
    for (const unwanted of [
      'package/test/',
      'package/bench/',
      'package/scripts/',
      'package/quickstart/',
      'package/dist/quickstart/',
      'package/dist/test/',
      'package/dist/bench/',
    ])
      expect(entries.filter((entry) => entry.startsWith(unwanted))).toEqual([]);
    expect(entries.filter((entry) => entry.endsWith('.ts') || entry.endsWith('.map'))).toEqual([]);
  });

  it('npm install -g installs production dependencies only', async () => {
    expect(realpathSync(join(prefix, 'bin', 'berth'))).toBe(join(installed, 'dist', 'cli', 'main.js'));
    const roots = [join(installed, 'node_modules'), join(prefix, 'lib', 'node_modules')];
    for (const tool of ['vitest', 'typescript', '@biomejs/biome', '@bufbuild/buf', 'tsx', '@types/dockerode'])
      for (const root of roots) expect(existsSync(join(root, tool)), `${tool} is installed under ${root}`).toBe(false);
    // A devDependency may be there only because an installed package depends on it (protobufjs,
    // which the controller's reflection uses, comes with @grpc/proto-loader).
    const needed = new Set<string>();
    const packages = installedPackages(join(installed, 'node_modules'));
    for (const dir of packages) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
      for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) for (const name of Object.keys(pkg[field] ?? {})) needed.add(name);
    }
    const present = packages.map((dir) => dir.slice(dir.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(present.filter((name) => name in manifest.devDependencies && !needed.has(name))).toEqual([]);
  });

  it('the installed berth prints its version', async () => {
    const res = await berth(['version']);
    expect(res).toEqual({ code: 0, stdout: `berth ${manifest.version}\n`, stderr: '' });
  });

  describe('a controller and an agent from the installed package, against real NATS and Docker', () => {
    let nats: NatsServer;
    let controller: Daemon;
    let agent: Daemon | undefined;
    let dataDir: string;
    let traefikDir: string;
    let grpcPort: number;
    let admin: NodeJS.ProcessEnv;

    beforeAll(async () => {
      nats = await startNatsServer();
      dataDir = await tempDir('controller');
      traefikDir = join(dataDir, 'routes');
      grpcPort = await freePort();
      const httpPort = await freePort();
      controller = new Daemon('the controller', [
        'controller',
        '--data-dir',
        dataDir,
        '--grpc-addr',
        `127.0.0.1:${grpcPort}`,
        '--http-addr',
        `127.0.0.1:${httpPort}`,
        '--nats',
        nats.url,
        '--traefik-dir',
        traefikDir,
        '--stability-window',
        '500ms',
        '--traefik-settle',
        '500ms',
      ]);
      await controller.until('the controller to answer /healthz', async () => {
        const res = await fetch(`http://127.0.0.1:${httpPort}/healthz`, { signal: AbortSignal.timeout(2000) });
        return res.ok;
      });
      const token = await berth(['controller', 'token', '--data-dir', dataDir]);
      expect(token.code, token.stderr).toBe(0);
      admin = { BERTH_ADDR: `127.0.0.1:${grpcPort}`, BERTH_TOKEN: token.stdout.trim() };
    }, 60_000);

    afterAll(async () => {
      await agent?.stop();
      await removeAppContainers(app);
      await controller?.stop();
      await nats?.close();
    });

    const joinToken = async () => {
      const res = await berth(['agents', 'join-token'], admin);
      expect(res.code, res.stderr).toBe(0);
      return res.stdout.trim();
    };

    it('runs an agent that joins, and deploys an app that answers on its published port', async () => {
      const agentDir = await tempDir('agent');
      agent = new Daemon('the agent', [
        'agent',
        '--id',
        agentId,
        '--controller',
        `127.0.0.1:${grpcPort}`,
        '--nats',
        nats.url,
        '--join-token',
        await joinToken(),
        '--data-dir',
        agentDir,
        '--advertise-addr',
        '127.0.0.1',
        '--heartbeat',
        '500ms',
      ]);
      await agent.until(`agent ${agentId} to be ready`, async () => {
        const res = await berth(['agents', '--json'], admin);
        const list = JSON.parse(res.stdout) as Array<{ id: string; status: string }>;
        return list.some((a) => a.id === agentId && a.status === 'ready');
      });

      const specFile = join(workDir, `${app}.json`);
      await writeFile(
        specFile,
        specText({
          name: app,
          domains: [`${app}.example.test`],
          drain: '0s',
          services: {
            web: {
              image: TEST_IMAGE,
              command: 'mkdir -p /tmp/www && echo "$CONTAINER_VERSION $CONTAINER" > /tmp/www/index.html && exec httpd -f -p $PORT -h /tmp/www',
              port: 8080,
              scale: 1,
              health: { path: '/index.html', bootTimeout: '20s' },
            },
          },
        }),
      );
      const applied = await berth(['apps', 'apply', '-f', specFile], admin);
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect(applied.stdout).toMatch(/created/);

      const deployed = await berth(['deploy', app, '--wait'], admin);
      expect(deployed.stderr).toBe('');
      expect(deployed.code).toBe(0);
      expect(deployed.stdout).toMatch(/==> verifying[\s\S]*==> routing[\s\S]*succeeded: .* v1 is live/);

      // Where the instance is published, as the controller knows it, as Docker has it, and as routed.
      const agents = JSON.parse((await berth(['agents', '--json'], admin)).stdout) as Array<{
        id: string;
        instances: Array<{ app: string; service: string; containerId: string; containerPort: number; hostPort: number; hostIp: string }>;
      }>;
      const instances = agents.find((a) => a.id === agentId)?.instances.filter((i) => i.app === app) ?? [];
      expect(instances).toHaveLength(1);
      const instance = instances[0] as (typeof instances)[number];
      expect(instance).toMatchObject({ service: 'web', containerPort: 8080, hostIp: '127.0.0.1' });
      expect(await docker('port', instance.containerId, '8080/tcp')).toContain(`127.0.0.1:${instance.hostPort}`);
      const routes = parseYaml(await readFile(join(traefikDir, `${app}.yml`), 'utf8')) as {
        http: { services: Record<string, { loadBalancer: { servers: Array<{ url: string }> } }> };
      };
      expect(routes.http.services[`${app}-web`]?.loadBalancer.servers).toEqual([{ url: `http://127.0.0.1:${instance.hostPort}` }]);
      const res = await fetch(`http://127.0.0.1:${instance.hostPort}/`, { signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(200);
      expect((await res.text()).trim()).toBe('v1 web-1');
    });

    it('berth agent install and controller install write units that run the installed package', async () => {
      const root = await tempDir('root');
      const main = join(installed, 'dist', 'cli', 'main.js');
      const installId = `pkg-inst-${suffix}`;
      const agentInstall = await berth([
        'agent',
        'install',
        '--root',
        root,
        '--no-start',
        '--id',
        installId,
        '--controller',
        `127.0.0.1:${grpcPort}`,
        '--nats',
        nats.url,
        '--join-token',
        await joinToken(),
      ]);
      expect(agentInstall.stderr).toBe('');
      expect(agentInstall.code).toBe(0);
      expect(agentInstall.stdout).toMatch(new RegExp(`agent ${installId} enrolled`));
      const controllerInstall = await berth(['controller', 'install', '--root', root, '--no-start', '--data-dir', '/var/lib/berth', '--nats', nats.url]);
      expect(controllerInstall.stderr).toBe('');
      expect(controllerInstall.code).toBe(0);

      for (const daemon of ['agent', 'controller']) {
        const unitPath = join(root, 'etc/systemd/system', `berth-${daemon}.service`);
        const unit = await readFile(unitPath, 'utf8');
        const execStart = unit.split('\n').find((line) => line.startsWith('ExecStart='));
        expect(execStart).toBe(`ExecStart=${process.execPath} ${main} ${daemon}`);
        expect(unit).toMatch(new RegExp(`^Documentation=file:${escapeRegExp(join(installed, 'README.md'))}$`, 'm'));
        expect(existsSync(join(installed, 'README.md'))).toBe(true);
        expect(unit).not.toContain(REPO_ROOT);
        const verify = await execFileAsync('systemd-analyze', ['verify', unitPath]).then(
          (r) => ({ code: 0, output: `${r.stdout}${r.stderr}` }),
          (err: { code?: number; stdout?: string; stderr?: string }) => ({ code: err.code, output: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
        );
        expect(verify).toEqual({ code: 0, output: '' });
      }
    });
  });
});

/** The package folders under a node_modules (scoped ones included), recursively. */
function installedPackages(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  const found: string[] = [];
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    const dirs = name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((sub) => join(nodeModules, name, sub)) : [join(nodeModules, name)];
    for (const dir of dirs) {
      if (!existsSync(join(dir, 'package.json'))) continue;
      found.push(dir, ...installedPackages(join(dir, 'node_modules')));
    }
  }
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
