/** A real nats-server with JetStream on a free loopback port, restartable on the same port and store. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { stopChild } from './child-process.js';

export interface NatsServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `binary`: Debian's nats-server by default; natsServerBinary(REPO_ROOT) for the current one the
 * JetStream state store needs. `config`: given the port and JetStream directory, the text of a configuration file to start
 * with (e.g. `berth controller nats-config`'s, with authorization) instead of plain flags.
 */
export async function startNatsServer(config?: (port: number, storeDir: string) => Promise<string>, binary = 'nats-server'): Promise<NatsServer> {
  const port = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), 'berth-nats-'));
  let child: ChildProcess | null = null;
  const configFile = join(storeDir, 'nats.conf');
  if (config) await writeFile(configFile, await config(port, join(storeDir, 'js')));
  const args = config ? ['-c', configFile] : ['-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port)];

  const start = async () => {
    child = spawn(binary, args, { stdio: 'ignore' });
    await waitForPort(port, 10_000);
  };
  const stop = async () => {
    const c = child;
    child = null;
    await stopChild(c);
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async close() {
      await stop();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
