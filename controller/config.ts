/** The controller's configuration, validated once at start from flags and BERTH_* variables. */
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseHostPort, type HostPort } from '../shared/address.js';
import { parseDuration } from '../shared/duration.js';
import { BerthError } from '../shared/errors.js';
import { LOG_LEVELS, parseLogFormat, type LogFormat, type LogLevel } from '../shared/logger.js';

export type StateStoreKind = 'json' | 'journal' | 'nats';
export const STATE_STORE_KINDS: readonly StateStoreKind[] = ['json', 'journal', 'nats'];

export interface ControllerConfig {
  dataDir: string;
  /**
   * Where the state is written: the whole file each time (json), changed records appended
   * (journal), or changed records appended to a JetStream stream (nats: several controllers).
   */
  stateStore: StateStoreKind;
  /** The state stream's replicas with `--state-store nats` (1 on one server, 3 on a cluster). */
  stateReplicas: number;
  /** With `--state-store nats`: how long the leader lease lasts unrenewed (the longest failover). */
  leaseMs: number;
  /** This controller's name among several (the lease names its holder); default the host name. */
  controllerId: string;
  /** Ended deployments kept per app (the newest); older ones are forgotten. */
  deploymentHistory: number;
  grpcAddr: HostPort;
  httpAddr: HostPort;
  natsUrl: string;
  traefikDir: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  heartbeatTtlMs: number;
  /** How long a healthy new instance must stay up before it counts as started. */
  stabilityWindowMs: number;
  /** Traefik entry points the routers use (plain and TLS). */
  entryPoint: string;
  tlsEntryPoint: string;
  /** Bearer token GET /traefik/dynamic asks for; empty: no token. */
  traefikToken: string;
  /** Traefik APIs that must confirm new routes before old instances drain; empty: wait traefikSettleMs. */
  traefikApis: string[];
  /** Without a Traefik API: how long after a routes change Traefik is taken to have loaded it. */
  traefikSettleMs: number;
  /** How long each Traefik API gets to confirm; after that old instances are kept, not stopped. */
  traefikConfirmTimeoutMs: number;
  /** The base URL hook URLs are printed with (what git hosts reach the HTTP address at); null: the HTTP address. */
  publicUrl: string | null;
  /** Hook bodies above this many bytes get 413. */
  hookBodyLimitBytes: number;
  /** PEM files of the gRPC port's certificate and key; null: plaintext. */
  tls: { certFile: string; keyFile: string } | null;
}

export interface ControllerFlags {
  dataDir?: string;
  stateStore?: string;
  stateReplicas?: string;
  lease?: string;
  controllerId?: string;
  deploymentHistory?: string;
  grpcAddr?: string;
  httpAddr?: string;
  nats?: string;
  traefikDir?: string;
  logLevel?: string;
  logFormat?: string;
  heartbeatTtl?: string;
  stabilityWindow?: string;
  entryPoint?: string;
  tlsEntryPoint?: string;
  traefikToken?: string;
  traefikApi?: string[];
  traefikSettle?: string;
  traefikConfirmTimeout?: string;
  publicUrl?: string;
  hookBodyLimit?: string;
  tlsCert?: string;
  tlsKey?: string;
}

export const CONTROLLER_DEFAULTS = {
  dataDir: '/var/lib/berth',
  stateStore: 'json',
  stateReplicas: '1',
  lease: '3s',
  deploymentHistory: '50',
  grpcAddr: '127.0.0.1:7443',
  httpAddr: '127.0.0.1:8080',
  nats: 'nats://127.0.0.1:4222',
  logLevel: 'info',
  logFormat: 'json',
  heartbeatTtl: '15s',
  stabilityWindow: '3s',
  entryPoint: 'web',
  tlsEntryPoint: 'websecure',
  hookBodyLimit: String(25 * 1024 * 1024),
  // Traefik's defaults: the file provider applies a change within providersThrottleDuration (2s),
  // the HTTP provider at its next poll (pollInterval 5s), then throttled the same way.
  traefikSettle: '7s',
  traefikConfirmTimeout: '30s',
} as const;

export function parseControllerConfig(flags: ControllerFlags): ControllerConfig {
  const dataDir = resolve(flags.dataDir ?? CONTROLLER_DEFAULTS.dataDir);
  const logLevel = (flags.logLevel ?? CONTROLLER_DEFAULTS.logLevel) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new BerthError('INVALID_CONFIG', `--log-level: "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  }
  const heartbeatTtlMs = parseDuration(flags.heartbeatTtl ?? CONTROLLER_DEFAULTS.heartbeatTtl, '--heartbeat-ttl');
  if (heartbeatTtlMs < 500) throw new BerthError('INVALID_CONFIG', '--heartbeat-ttl: must be at least 500ms');
  const httpAddr = parseHostPort(flags.httpAddr ?? CONTROLLER_DEFAULTS.httpAddr, '--http-addr');
  const stateStore = (flags.stateStore ?? CONTROLLER_DEFAULTS.stateStore) as StateStoreKind;
  if (!STATE_STORE_KINDS.includes(stateStore)) {
    throw new BerthError(
      'INVALID_CONFIG',
      `--state-store: "${stateStore}" is not one of ${STATE_STORE_KINDS.join(', ')} (journal for large installations, nats for several controllers)`,
    );
  }
  const stateReplicas = Number(flags.stateReplicas ?? CONTROLLER_DEFAULTS.stateReplicas);
  if (![1, 3, 5].includes(stateReplicas)) throw new BerthError('INVALID_CONFIG', `--state-replicas: "${flags.stateReplicas}" is not 1, 3 or 5`);
  const leaseMs = parseDuration(flags.lease ?? CONTROLLER_DEFAULTS.lease, '--lease');
  if (leaseMs < 1000 || leaseMs > 60_000) throw new BerthError('INVALID_CONFIG', `--lease: "${flags.lease}" must be from 1s to 60s`);
  const controllerId = flags.controllerId ?? hostname();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(controllerId))
    throw new BerthError('INVALID_CONFIG', `--controller-id: "${controllerId.slice(0, 80)}" must be 1 to 63 letters, digits, '.', '_' or '-'`);
  const deploymentHistory = Number(flags.deploymentHistory ?? CONTROLLER_DEFAULTS.deploymentHistory);
  if (!Number.isInteger(deploymentHistory) || deploymentHistory < 1 || deploymentHistory > 10_000) {
    throw new BerthError('INVALID_CONFIG', `--deployment-history: "${flags.deploymentHistory}" is not a whole number from 1 to 10000`);
  }
  return {
    dataDir,
    stateStore,
    stateReplicas,
    leaseMs,
    controllerId,
    deploymentHistory,
    grpcAddr: parseHostPort(flags.grpcAddr ?? CONTROLLER_DEFAULTS.grpcAddr, '--grpc-addr'),
    httpAddr,
    natsUrl: flags.nats ?? CONTROLLER_DEFAULTS.nats,
    traefikDir: resolve(flags.traefikDir ?? join(dataDir, 'traefik')),
    logLevel,
    logFormat: parseLogFormat(flags.logFormat ?? CONTROLLER_DEFAULTS.logFormat),
    heartbeatTtlMs,
    stabilityWindowMs: parseDuration(flags.stabilityWindow ?? CONTROLLER_DEFAULTS.stabilityWindow, '--stability-window'),
    entryPoint: entryPointName(flags.entryPoint ?? CONTROLLER_DEFAULTS.entryPoint, '--entry-point'),
    tlsEntryPoint: entryPointName(flags.tlsEntryPoint ?? CONTROLLER_DEFAULTS.tlsEntryPoint, '--tls-entry-point'),
    traefikToken: flags.traefikToken ?? '',
    traefikApis: (flags.traefikApi ?? []).map((url) => traefikApiUrl(url)),
    traefikSettleMs: parseDuration(flags.traefikSettle ?? CONTROLLER_DEFAULTS.traefikSettle, '--traefik-settle'),
    traefikConfirmTimeoutMs: parseDuration(flags.traefikConfirmTimeout ?? CONTROLLER_DEFAULTS.traefikConfirmTimeout, '--traefik-confirm-timeout'),
    publicUrl: publicUrlOf(flags.publicUrl),
    hookBodyLimitBytes: byteCount(flags.hookBodyLimit ?? CONTROLLER_DEFAULTS.hookBodyLimit, '--hook-body-limit'),
    tls: tlsFiles(flags.tlsCert, flags.tlsKey),
  };
}

function tlsFiles(cert: string | undefined, key: string | undefined): ControllerConfig['tls'] {
  if (!cert && !key) return null;
  if (!cert || !key) throw new BerthError('INVALID_CONFIG', `--tls-cert and --tls-key go together: give ${cert ? '--tls-key' : '--tls-cert'} too`);
  return { certFile: resolve(cert), keyFile: resolve(key) };
}

function entryPointName(value: string, flag: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value))
    throw new BerthError('INVALID_CONFIG', `${flag}: "${value}" is not a Traefik entry point name (letters, digits, "-", "_")`);
  return value;
}

function publicUrlOf(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BerthError('INVALID_CONFIG', `--public-url: "${value}" is not a URL (e.g. https://berth.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BerthError('INVALID_CONFIG', `--public-url: "${value}" must be http:// or https://`);
  return value.replace(/\/+$/, '');
}

function traefikApiUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BerthError('INVALID_CONFIG', `--traefik-api: "${value}" is not a URL (e.g. http://127.0.0.1:8081, where Traefik serves /api)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BerthError('INVALID_CONFIG', `--traefik-api: "${value}" must be http:// or https://`);
  return value.replace(/\/+$/, '');
}

function byteCount(value: string, flag: string): number {
  const match = /^(\d+)\s*(|b|kib|kb|mib|mb|gib|gb)$/i.exec(value.trim());
  if (!match) throw new BerthError('INVALID_CONFIG', `${flag}: "${value}" is not a size (e.g. 25MiB, 1048576)`);
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('g') ? 1024 ** 3 : 1;
  return Number(match[1]) * factor;
}
