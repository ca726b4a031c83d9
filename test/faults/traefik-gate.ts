/**
 * A gate in front of a Traefik's API, for the controller's --traefik-api: open, it passes every
 * request through to the real Traefik's API; held, it answers 503, so the controller waits in
 * routing (its file already written, Traefik already routing by it) for a confirmation that does
 * not come until the gate opens or --traefik-confirm-timeout passes. A fault test holds it to land
 * a fault while the controller waits for Traefik, deterministically.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TraefikGate {
  /** http://127.0.0.1:PORT, for --traefik-api. */
  url: string;
  hold(): void;
  release(): void;
  /** Requests refused while held. */
  refused(): number;
  close(): Promise<void>;
}

export async function startTraefikGate(api: string): Promise<TraefikGate> {
  let holding = false;
  let refused = 0;
  const server = createServer((req, res) => {
    if (holding) {
      refused++;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('held by the fault test');
      return;
    }
    fetch(`${api}${req.url ?? '/'}`, { signal: AbortSignal.timeout(5000) }).then(
      async (answer) => {
        const headers: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
        const next = answer.headers.get('x-next-page');
        if (next) headers['x-next-page'] = next;
        res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
      },
      (err: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(err.message),
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
    },
    refused: () => refused,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
