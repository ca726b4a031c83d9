/**
 * A real Traefik v3 on loopback for tests: the `web` entry point on a free port, its API and /ping
 * on another, and either the file provider watching a Berth Traefik directory or the HTTP provider
 * polling the controller's GET /traefik/dynamic. A missing binary fails with what to install.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { getByHost, type HostAnswer } from '../../shared/get-by-host.js';
import { traefikBinary, traefikStaticArgs, type TraefikStaticOptions } from '../../shared/traefik-binary.js';
import { freePort } from './free-port.js';
import { REPO_ROOT } from './repo-root.js';
import { waitFor } from './wait-for.js';
import { stopChild } from './child-process.js';

export type TraefikAnswer = HostAnswer;

/** A service as Traefik's API shows it (GET /api/http/services). */
export interface TraefikApiService {
  name: string;
  provider: string;
  status: string;
  type?: string;
  loadBalancer?: { servers?: Array<{ url: string }> };
  serverStatus?: Record<string, string>;
  error?: string[];
}

export interface TraefikApiRouter {
  name: string;
  provider: string;
  status: string;
  rule: string;
  service: string;
  middlewares?: string[];
  error?: string[];
}

export interface Traefik {
  /** http://127.0.0.1:PORT of the web entry point. */
  url: string;
  webPort: number;
  /** http://127.0.0.1:PORT of its API (what --traefik-api takes). */
  api: string;
  /** Which provider carries Berth's configuration: file or http. */
  provider: 'file' | 'http';
  /** GET path through the web entry point with the Host header set. */
  get(host: string, path?: string, timeoutMs?: number): Promise<TraefikAnswer>;
  services(): Promise<TraefikApiService[]>;
  routers(): Promise<TraefikApiRouter[]>;
  /** The server URLs of one of Berth's services (NAME without @provider); [] when absent. */
  servers(name: string): Promise<string[]>;
  /** Waits until Traefik routes `name` to exactly these servers. */
  waitForServers(name: string, urls: string[], timeoutMs?: number): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

export type TraefikSource = { fileDirectory: string } | { http: { endpoint: string; token?: string; pollInterval?: string } };

export async function startTraefik(source: TraefikSource, options: Pick<TraefikStaticOptions, 'throttle' | 'logLevel' | 'extra'> = {}): Promise<Traefik> {
  const binary = traefikBinary(REPO_ROOT);
  // A free port can be taken by a test running beside this one before Traefik binds it: then
  // Traefik exits at once saying so, and starts again on other ports.
  for (let attempt = 1; ; attempt++) {
    const started = await launchTraefik(binary, source, options);
    if (started.ok) return started.traefik;
    if (!/address already in use/.test(started.error.message) || attempt === 3) throw started.error;
  }
}

async function launchTraefik(
  binary: string,
  source: TraefikSource,
  options: Pick<TraefikStaticOptions, 'throttle' | 'logLevel' | 'extra'>,
): Promise<{ ok: true; traefik: Traefik } | { ok: false; error: Error }> {
  const [webPort, apiPort] = [await freePort(), await freePort()];
  const args = traefikStaticArgs({ web: `127.0.0.1:${webPort}`, api: `127.0.0.1:${apiPort}`, ...source, ...options });
  let output = '';
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-200_000)));
  const api = `http://127.0.0.1:${apiPort}`;
  try {
    await waitFor(
      `Traefik to answer /ping on ${api}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`Traefik exited (${child.exitCode}): ${output.slice(-2000)}`);
        return (
          (await fetch(`${api}/ping`).then(
            (r) => r.ok,
            () => false,
          )) || undefined
        );
      },
      15_000,
      50,
    );
  } catch (err) {
    await stopChild(child).catch(() => undefined);
    return { ok: false, error: err as Error };
  }
  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${api}${path}`);
    if (!response.ok) throw new Error(`Traefik API ${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const provider = 'fileDirectory' in source ? 'file' : 'http';
  const traefik: Traefik = {
    url: `http://127.0.0.1:${webPort}`,
    webPort,
    api,
    provider,
    get: (host, path = '/', timeoutMs = 5000) => getThrough(webPort, host, path, timeoutMs),
    services: () => getJson<TraefikApiService[]>('/api/http/services?per_page=10000'),
    routers: () => getJson<TraefikApiRouter[]>('/api/http/routers?per_page=10000'),
    async servers(name) {
      const found = (await traefik.services()).find((s) => s.name === `${name}@${provider}`);
      return (found?.loadBalancer?.servers ?? []).map((s) => s.url).sort();
    },
    async waitForServers(name, urls, timeoutMs = 15_000) {
      const want = JSON.stringify([...urls].sort());
      let seen: string[] = [];
      await waitFor(
        `Traefik to route ${name} to ${want}`,
        async () => {
          seen = await traefik.servers(name);
          return JSON.stringify(seen) === want;
        },
        timeoutMs,
        50,
      ).catch((err: Error) => {
        throw new Error(`${err.message}; it routes to ${JSON.stringify(seen)}`);
      });
    },
    output: () => output,
    async stop() {
      await stopChild(child);
    },
  };
  return { ok: true, traefik };
}

/** One request through Traefik's entry point, on a fresh connection, with the Host header set. */
export function getThrough(port: number, host: string, path: string, timeoutMs: number): Promise<TraefikAnswer> {
  return getByHost({ port, host, path, timeoutMs });
}
