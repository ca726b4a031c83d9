/**
 * A Unix-socket proxy in front of the Docker Engine, for an agent (`berth agent --docker-host
 * unix://PATH`): bytes pass through unchanged, except that while `holdStarts(ms)` is armed a
 * request to start a container (POST /containers/ID/start) is held that long before it reaches
 * the engine. It makes the "starting" phase of a deployment last as long as a test needs to land a
 * fault in it, deterministically. A start held when its client goes away (the agent was killed)
 * is dropped: it never reaches the engine, as if the agent had died just before sending it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DockerProxy {
  /** unix://PATH, for --docker-host. */
  host: string;
  /** Holds each container start this long (0: none). */
  holdStarts(ms: number): void;
  /** Container starts held so far. */
  held(): number;
  close(): Promise<void>;
}

const START = /^POST \/(?:v[\d.]+\/)?containers\/[^/\s]+\/start[\s?]/;

export async function startDockerProxy(engineSocket = '/var/run/docker.sock'): Promise<DockerProxy> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-dproxy-'));
  const path = join(dir, 'docker.sock');
  let holdMs = 0;
  let heldCount = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const engine = connect(engineSocket);
    sockets.add(client).add(engine);
    let holding = false;
    let clientEnded = false;
    const close = () => {
      client.destroy();
      engine.destroy();
      sockets.delete(client);
      sockets.delete(engine);
    };
    client.on('error', close).on('close', () => {
      if (!holding) engine.end();
    });
    engine.on('error', close).on('close', close);
    engine.pipe(client);
    client.on('end', () => {
      clientEnded = true;
      if (!holding) engine.end();
    });
    client.on('data', (chunk: Buffer) => {
      if (holdMs > 0 && START.test(chunk.subarray(0, 200).toString('latin1'))) {
        heldCount++;
        holding = true;
        client.pause();
        setTimeout(() => {
          holding = false;
          // The client is gone (its agent killed): the start never reaches the engine.
          if (client.destroyed || clientEnded) {
            close();
            return;
          }
          engine.write(chunk);
          client.resume();
        }, holdMs);
        return;
      }
      engine.write(chunk);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
  return {
    host: `unix://${path}`,
    holdStarts(ms) {
      holdMs = ms;
    },
    held: () => heldCount,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
