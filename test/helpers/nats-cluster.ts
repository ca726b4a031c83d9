/**
 * A real three-node nats-server cluster with JetStream (the current release scripts/ensure-deps.sh
 * builds), on free loopback ports, each node stoppable and restartable on its port and store.
 * Every node stores with `sync_interval: always`, as docs/high-availability.md asks of operators.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { natsServerBinary } from '../../shared/nats-server-binary.js';
import { stopChild } from './child-process.js';
import { freePort } from './free-port.js';
import { waitForPort } from './nats-server.js';
import { REPO_ROOT } from './repo-root.js';

export interface NatsNode {
  name: string;
  url: string;
  port: number;
  /** Stops the node (SIGTERM), or kills it (`SIGKILL`). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
}

export interface NatsCluster {
  nodes: NatsNode[];
  /** Every node's URL, comma-separated (what --nats takes). */
  urls: string;
  close(): Promise<void>;
}

export interface NatsClusterOptions {
  size?: number;
  /** The servers' max_payload in bytes (default 1 MiB). */
  maxPayload?: number;
  /**
   * Clients learn no other nodes' addresses (no_advertise): they use only the URLs they were
   * given, so a client connected through TCP proxies can be cut off by cutting them.
   */
  noAdvertise?: boolean;
}

export async function startNatsCluster(options: NatsClusterOptions = {}): Promise<NatsCluster> {
  const size = options.size ?? 3;
  const binary = natsServerBinary(REPO_ROOT);
  const dir = await mkdtemp(join(tmpdir(), 'berth-nats-cluster-'));
  const ports = await Promise.all(Array.from({ length: size }, async () => ({ client: await freePort(), route: await freePort() })));
  const nodes: NatsNode[] = [];
  for (const [i, port] of ports.entries()) {
    const name = `n${i + 1}`;
    const storeDir = join(dir, name);
    await mkdir(storeDir, { recursive: true });
    const routes = ports.filter((_, j) => j !== i).map((p) => `nats-route://127.0.0.1:${p.route}`);
    const configFile = join(dir, `${name}.conf`);
    await writeFile(
      configFile,
      [
        `server_name: ${name}`,
        `listen: 127.0.0.1:${port.client}`,
        ...(options.maxPayload ? [`max_payload: ${options.maxPayload}`] : []),
        `jetstream { store_dir: "${storeDir}", sync_interval: always }`,
        `cluster { name: berth-test, listen: 127.0.0.1:${port.route}, routes: [${routes.join(', ')}]${options.noAdvertise ? ', no_advertise: true' : ''} }`,
        '',
      ].join('\n'),
    );
    let child: ChildProcess | null = null;
    nodes.push({
      name,
      url: `nats://127.0.0.1:${port.client}`,
      port: port.client,
      async start() {
        child = spawn(binary, ['-c', configFile], { stdio: 'ignore' });
        await waitForPort(port.client, 10_000);
      },
      async stop(signal: NodeJS.Signals = 'SIGTERM') {
        const c = child;
        child = null;
        await stopChild(c, signal);
      },
    });
  }
  await Promise.all(nodes.map((n) => n.start()));
  const urls = nodes.map((n) => n.url).join(',');
  await waitForJetStream(urls, 30_000);
  return {
    nodes,
    urls,
    async close() {
      await Promise.all(nodes.map((n) => n.stop()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Until the cluster has elected its JetStream meta leader: account info answers then. */
async function waitForJetStream(urls: string, timeoutMs: number): Promise<void> {
  const nc = await connect({ servers: urls.split(','), timeout: 5000 });
  const until = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await (await jetstreamManager(nc)).getAccountInfo();
        return;
      } catch (err) {
        if (Date.now() > until) throw new Error(`JetStream of the cluster at ${urls} did not answer within ${timeoutMs} ms: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await nc.close();
  }
}
