/**
 * A free loopback port for a server a test starts later. Taken from 10000-32767, below the
 * kernel's ephemeral range (32768-60999 here), from which every outgoing connection takes its
 * local port and every listen(0) its port: a port from that range, free when chosen, could be
 * taken by a connection of a test running beside before the server bound it (it happened to
 * `npm run up`, which takes a minute to build before it binds). Each vitest worker walks a slice
 * of its own, so two test files never get the same port either.
 */
import { createServer } from 'node:net';

const FIRST = 10_000;
const SLICES = 8;
const SLICE_SIZE = Math.floor((32_768 - FIRST) / SLICES);
const slice = Number(process.env.VITEST_POOL_ID ?? 0) % SLICES;
const sliceStart = FIRST + slice * SLICE_SIZE;
/** The next port to try, as an offset into this process's slice; a random start for each process. */
const cursor = { offset: Math.floor(Math.random() * SLICE_SIZE) };

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  for (let tries = 0; tries < SLICE_SIZE; tries++) {
    const port = sliceStart + (cursor.offset++ % SLICE_SIZE);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${sliceStart}-${sliceStart + SLICE_SIZE - 1}`);
}
