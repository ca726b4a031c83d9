/**
 * Only configuration Traefik accepts: every shape of file Berth writes (several services and
 * domains, a wildcard, TLS with and without a certificate resolver, the retry middleware, an app
 * with nothing routable) is loaded into a real Traefik, through the file provider and through the
 * HTTP provider, and Traefik's own API must show every router, service and middleware enabled
 * with no error; requests through Traefik reach the servers the files name.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAppConfig } from '../../controller/adapters/traefik-files.js';
import { mergeConfigs, renderAppConfig, type AppRoutes, type TraefikDynamic } from '../../controller/core/traefik-config.js';
import { startTraefik, type Traefik } from '../helpers/traefik.js';
import { waitFor } from '../helpers/wait-for.js';

let backend: Server;
let backendUrl: string;
let dir: string;
let configServer: Server;
const traefiks: Traefik[] = [];

/** Every shape Berth renders; each server is the one backend, which answers with the Host it got. */
const shapes = (server: string): AppRoutes[] => [
  {
    app: 'shop',
    services: [
      { service: 'web', domains: ['shop.example.test', 'www.shop.example.test'], servers: [server], healthPath: '/up' },
      { service: 'api', domains: ['api.shop.example.test'], servers: [server] },
      // A worker: no domains, so no router and no service.
      { service: 'worker', domains: [], servers: [server] },
    ],
  },
  { app: 'wild', services: [{ service: 'web', domains: ['*.wild.example.test'], servers: [server] }] },
  { app: 'secure', tls: { certResolver: 'le' }, services: [{ service: 'web', domains: ['secure.example.test'], servers: [server] }] },
  { app: 'plain-tls', tls: {}, services: [{ service: 'web', domains: ['plain-tls.example.test'], servers: [server] }] },
  { app: 'a_b-c', services: [{ service: 'web-2', domains: ['abc.example.test'], servers: [server] }] },
  // Nothing healthy to route: no file at all (an empty map would make Traefik drop every file).
  { app: 'idle', services: [{ service: 'web', domains: ['idle.example.test'], servers: [] }] },
];

// TLS routers need the TLS entry point; the resolver's CA is on loopback and never reached.
const TLS_FLAGS = (port: number) => [
  `--entryPoints.websecure.address=127.0.0.1:${port}`,
  '--certificatesResolvers.le.acme.email=ops@example.test',
  '--certificatesResolvers.le.acme.storage=/dev/null',
  '--certificatesResolvers.le.acme.caServer=https://127.0.0.1:9/directory',
  '--certificatesResolvers.le.acme.tlsChallenge=true',
];

beforeAll(async () => {
  backend = createServer((req, res) => res.end(`host=${req.headers.host}`));
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'berth-traefik-accepts-'));
  const configs: TraefikDynamic[] = [];
  for (const routes of shapes(backendUrl)) {
    const config = renderAppConfig(routes);
    await writeAppConfig(dir, routes.app, config);
    if (config) configs.push(config);
  }
  // The HTTP provider gets what GET /traefik/dynamic serves: every app merged, as JSON.
  const merged = JSON.stringify(mergeConfigs(configs));
  configServer = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(merged));
  await new Promise<void>((r) => configServer.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(configServer.address() as AddressInfo).port}/traefik/dynamic`;
  const { freePort } = await import('../helpers/free-port.js');
  traefiks.push(await startTraefik({ fileDirectory: dir }, { extra: TLS_FLAGS(await freePort()), logLevel: 'INFO' }));
  traefiks.push(await startTraefik({ http: { endpoint, pollInterval: '1s' } }, { extra: TLS_FLAGS(await freePort()), logLevel: 'INFO' }));
}, 60_000);

afterAll(async () => {
  await Promise.all(traefiks.map((t) => t.stop()));
  backend?.close();
  configServer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Traefik accepts every file Berth writes', () => {
  it('the idle app has no file', async () => {
    expect((await readdir(dir)).filter((f) => f.endsWith('.yml')).sort()).toEqual(['a_b-c.yml', 'plain-tls.yml', 'secure.yml', 'shop.yml', 'wild.yml']);
  });

  it.each(['file', 'http'] as const)('through the %s provider: every router, service and middleware enabled, no error', async (provider) => {
    const traefik = traefiks.find((t) => t.provider === provider) as Traefik;
    const expected = mergeConfigs(
      shapes(backendUrl)
        .map((r) => renderAppConfig(r))
        .filter((c): c is TraefikDynamic => c !== null),
    ) as TraefikDynamic;
    const want = {
      routers: Object.keys(expected.http.routers).sort(),
      services: Object.keys(expected.http.services).sort(),
      middlewares: Object.keys(expected.http.middlewares).sort(),
    };
    const ours = <T extends { name: string; provider: string }>(list: T[]) => list.filter((x) => x.provider === provider);
    const loaded = await waitFor(
      `Traefik (${provider}) to load every router`,
      async () => {
        const routers = ours(await traefik.routers());
        return routers.length === want.routers.length ? routers : undefined;
      },
      20_000,
      100,
    );
    const services = ours(await traefik.services());
    const middlewares = ours(
      (await (await fetch(`${traefik.api}/api/http/middlewares?per_page=10000`)).json()) as Array<{
        name: string;
        provider: string;
        status: string;
        error?: string[];
      }>,
    );
    const strip = (name: string) => name.slice(0, name.lastIndexOf('@'));
    expect(loaded.map((r) => strip(r.name)).sort()).toEqual(want.routers);
    expect(services.map((s) => strip(s.name)).sort()).toEqual(want.services);
    expect(middlewares.map((m) => strip(m.name)).sort()).toEqual(want.middlewares);
    for (const item of [...loaded, ...services, ...middlewares]) {
      expect({ name: item.name, status: item.status, error: item.error ?? [] }).toEqual({ name: item.name, status: 'enabled', error: [] });
    }
    // The file provider logs a file it cannot read; nothing of the kind may appear.
    expect(traefik.output()).not.toMatch(/cannot be a standalone element|error occurred during watcher callback|field not found/i);
  });

  it.each(['file', 'http'] as const)('requests through the %s provider reach the servers, by Host', async (provider) => {
    const traefik = traefiks.find((t) => t.provider === provider) as Traefik;
    for (const host of ['shop.example.test', 'www.shop.example.test', 'api.shop.example.test', 'eu.wild.example.test', 'abc.example.test']) {
      const answer = await traefik.get(host);
      expect({ host, status: answer.status, body: answer.body }).toEqual({ host, status: 200, body: `host=${host}` });
    }
    // Not routed: the idle app, a name two labels under the wildcard, and TLS-only apps on plain HTTP.
    for (const host of ['idle.example.test', 'a.b.wild.example.test', 'secure.example.test']) {
      expect((await traefik.get(host)).status).toBe(404);
    }
  });
});
