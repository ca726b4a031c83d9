/**
 * A second, private Docker Engine for faults that stop the engine: its own dockerd (and the
 * containerd it manages) with its own data and exec roots, socket and bridge, so restarting it
 * leaves the engine every other test uses alone. Needs root (a bridge interface, mounts). Ports
 * are published through the engine's userland proxy on 127.0.0.1; no iptables rules are made.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../helpers/exec.js';
import { waitFor } from '../helpers/wait-for.js';
import { stopChild } from '../helpers/child-process.js';

export interface EngineInstance {
  /** For `--docker-host` and `docker -H`. */
  host: string;
  docker(...args: string[]): Promise<string>;
  /** SIGTERM (the engine stops its containers as on a service restart), then start it again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startEngineInstance(images: string[]): Promise<EngineInstance> {
  const root = await mkdtemp(join(tmpdir(), 'berth-engine-'));
  const id = Math.floor(Math.random() * 0xffff).toString(16);
  const bridge = `bfz${id}`;
  const subnet = `10.213.${Math.floor(Math.random() * 250)}`;
  const host = `unix://${join(root, 'docker.sock')}`;
  await run('ip', ['link', 'add', bridge, 'type', 'bridge']);
  await run('ip', ['addr', 'add', `${subnet}.1/24`, 'dev', bridge]);
  await run('ip', ['link', 'set', bridge, 'up']);
  const args = [
    '--data-root',
    join(root, 'data'),
    '--exec-root',
    join(root, 'exec'),
    '--pidfile',
    join(root, 'docker.pid'),
    '-H',
    host,
    '--bridge',
    bridge,
    '--iptables=false',
    '--ip6tables=false',
    '--ip-masq=false',
  ];
  let daemon: ChildProcess | null = null;
  let log = '';
  const docker = async (...a: string[]) => (await run('docker', ['-H', host, ...a])).trim();

  const engine: EngineInstance = {
    host,
    docker,
    async start() {
      const child = spawn('dockerd', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      daemon = child;
      child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      await waitFor(
        'the second dockerd to answer',
        async () => ((await docker('version', '--format', '{{.Server.Version}}').catch(() => '')) ? true : undefined),
        60_000,
        200,
      ).catch((err: unknown) => {
        throw new Error(`${String(err)}\n${log.split('\n').slice(-15).join('\n')}`);
      });
    },
    async stop() {
      const child = daemon;
      daemon = null;
      await stopChild(child);
    },
    async restart() {
      await engine.stop();
      await engine.start();
    },
    async close() {
      const leftovers = (await docker('ps', '-aq').catch(() => '')).split('\n').filter(Boolean);
      if (leftovers.length) await docker('rm', '-f', ...leftovers).catch(() => undefined);
      await engine.stop();
      await run('ip', ['link', 'del', bridge]).catch(() => undefined);
      // dockerd bind-mounts its data root onto itself (and may leave it so).
      const mounts = (await readFile('/proc/mounts', 'utf8'))
        .split('\n')
        .map((l) => l.split(' ')[1] ?? '')
        .filter((m) => m.startsWith(root));
      for (const mount of mounts.sort().reverse()) await run('umount', [mount]).catch(() => undefined);
      await rm(root, { recursive: true, force: true }).catch(() => undefined);
    },
  };
  await engine.start();
  // No registry here: the images come from the main engine.
  for (const image of images) {
    await new Promise<void>((resolve, reject) => {
      const save = spawn('docker', ['save', image], { stdio: ['ignore', 'pipe', 'inherit'] });
      const load = spawn('docker', ['-H', host, 'load', '-q'], { stdio: ['pipe', 'ignore', 'inherit'] });
      save.stdout.pipe(load.stdin);
      load.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker load exited ${code}`))));
    });
  }
  return engine;
}
