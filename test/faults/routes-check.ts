/**
 * After a fault: the app's Traefik file routes to exactly the running instances of one release
 * (every server it names is a running container of that release, by published port, and every
 * running container of that release is named), and the real Traefik, when there is one, has
 * loaded exactly those servers.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { docker } from '../helpers/exec.js';
import type { Traefik } from '../helpers/traefik.js';
import { waitFor } from '../helpers/wait-for.js';
import { fileServers } from './route-probe.js';

/** What is wrong with the routes now; null: they hold. */
export async function routesProblem(traefikDir: string, app: string, service: string, traefik: Traefik | null): Promise<string | null> {
  const text = await readFile(join(traefikDir, `${app}.yml`), 'utf8').catch(() => null);
  if (text === null) return 'the app has no Traefik file';
  const servers = fileServers(text, service);
  if (servers === null) return 'the Traefik file does not parse';
  if (servers.length === 0) return 'the Traefik file routes to nothing';
  const rows = (await docker('ps', '--filter', `label=berth.app=${app}`, '--format', '{{.Label "berth.release"}}|{{.Label "berth.service"}}|{{.Ports}}'))
    .split('\n')
    .filter(Boolean);
  const containers = rows.map((r) => {
    const [release = '', svc = '', ports = ''] = r.split('|');
    return { release, service: svc, ports: [...ports.matchAll(/:(\d+)->/g)].map((m) => m[1] as string) };
  });
  const routed = servers.map((url) => {
    const port = new URL(url).port;
    return { url, port, release: containers.find((c) => c.ports.includes(port))?.release ?? null };
  });
  const nothing = routed.filter((r) => r.release === null);
  if (nothing.length) return `the file routes to ${nothing.map((r) => r.url).join(', ')}, where nothing of the app runs`;
  const releases = [...new Set(routed.map((r) => r.release))];
  if (releases.length !== 1) return `the file routes to ${releases.length} releases: ${releases.join(', ')}`;
  const release = releases[0] as string;
  const webService = service.slice(app.length + 1);
  const running = containers.filter((c) => c.release === release && (c.service === '' || c.service === webService)).flatMap((c) => c.ports);
  const unrouted = running.filter((p) => !routed.some((r) => r.port === p));
  if (unrouted.length) return `running instances of ${release} are not routed (ports ${unrouted.join(', ')})`;
  if (traefik) {
    const loaded = await traefik.servers(service);
    if (JSON.stringify(loaded) !== JSON.stringify([...servers].sort()))
      return `Traefik routes ${service} to ${loaded.join(', ') || 'nothing'}, the file to ${[...servers].sort().join(', ')}`;
  }
  return null;
}

/** Waits (up to `timeoutMs`) for the routes to hold; what was still wrong, or null. */
export async function routesSettle(traefikDir: string, app: string, service: string, traefik: Traefik | null, timeoutMs = 30_000): Promise<string | null> {
  let problem: string | null = null;
  const held = await waitFor(
    `the routes of ${app} to settle`,
    async () => {
      problem = await routesProblem(traefikDir, app, service, traefik);
      return problem === null ? true : undefined;
    },
    timeoutMs,
    500,
  ).catch(() => false);
  return held ? null : problem;
}
