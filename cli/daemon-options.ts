/**
 * The flags of `berth controller` and `berth agent`, each with its BERTH_* variable, in one table
 * per daemon: the run commands take them from flags or the environment, and the install commands
 * write the ones given into /etc/berth/*.env for the systemd unit to pass back.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { AGENT_DEFAULTS } from '../agent/config.js';
import { CONTROLLER_DEFAULTS } from '../controller/config.js';

/** An option read from a flag, else from the environment variable `env`, else the default. */
export function envOption(flags: string, description: string, env: string, defaultValue?: string): Option {
  const option = new Option(flags, description).env(env);
  return defaultValue === undefined ? option : option.default(defaultValue);
}

export interface DaemonOption {
  flags: string;
  description: string;
  env: string;
  default?: string;
  /** --label k=v --label k2=v2; from the environment as one comma-separated value. */
  repeatable?: boolean;
  /** A file or directory: written to an env file as an absolute path (systemd runs from /). */
  path?: boolean;
}

export const CONTROLLER_OPTIONS: DaemonOption[] = [
  { flags: '--data-dir <dir>', description: 'state directory (created if missing)', env: 'BERTH_DATA_DIR', default: CONTROLLER_DEFAULTS.dataDir, path: true },
  {
    flags: '--deployment-history <n>',
    description: 'ended deployments kept per app, newest first (older ones are forgotten; releases stay for rollback)',
    env: 'BERTH_DEPLOYMENT_HISTORY',
    default: CONTROLLER_DEFAULTS.deploymentHistory,
  },
  {
    flags: '--state-store <kind>',
    description:
      'json: rewrite state.json on every change (small installations); journal: append the changed records to state.journal, rewrite state.snapshot now and then (thousands of apps); nats: append them to the JetStream stream BERTH_STATE (several controllers; docs/high-availability.md)',
    env: 'BERTH_STATE_STORE',
    default: CONTROLLER_DEFAULTS.stateStore,
  },
  {
    flags: '--state-replicas <n>',
    description: 'with --state-store nats: replicas of the state stream (1 on one NATS server, 3 on a three-node cluster)',
    env: 'BERTH_STATE_REPLICAS',
    default: CONTROLLER_DEFAULTS.stateReplicas,
  },
  {
    flags: '--lease <duration>',
    description: 'with --state-store nats: how long the leader lease lasts unrenewed, the longest a failover waits (the same on every controller)',
    env: 'BERTH_LEASE',
    default: CONTROLLER_DEFAULTS.lease,
  },
  {
    flags: '--controller-id <name>',
    description: 'with --state-store nats: this controller among several (default: the host name)',
    env: 'BERTH_CONTROLLER_ID',
  },
  { flags: '--grpc-addr <host:port>', description: 'gRPC address for agents and the admin API', env: 'BERTH_GRPC_ADDR', default: CONTROLLER_DEFAULTS.grpcAddr },
  {
    flags: '--http-addr <host:port>',
    description: 'HTTP address for hooks, /metrics and /healthz',
    env: 'BERTH_HTTP_ADDR',
    default: CONTROLLER_DEFAULTS.httpAddr,
  },
  { flags: '--nats <url>', description: 'NATS server URL', env: 'BERTH_NATS', default: CONTROLLER_DEFAULTS.nats },
  { flags: '--traefik-dir <dir>', description: 'directory Traefik watches (default DATA_DIR/traefik)', env: 'BERTH_TRAEFIK_DIR', path: true },
  {
    flags: '--heartbeat-ttl <duration>',
    description: 'mark an agent down after this long without heartbeats',
    env: 'BERTH_HEARTBEAT_TTL',
    default: CONTROLLER_DEFAULTS.heartbeatTtl,
  },
  {
    flags: '--stability-window <duration>',
    description: 'how long a healthy new instance must stay up',
    env: 'BERTH_STABILITY_WINDOW',
    default: CONTROLLER_DEFAULTS.stabilityWindow,
  },
  { flags: '--entry-point <name>', description: 'Traefik entry point of the routers', env: 'BERTH_ENTRY_POINT', default: CONTROLLER_DEFAULTS.entryPoint },
  {
    flags: '--tls-entry-point <name>',
    description: 'Traefik entry point of routers with tls',
    env: 'BERTH_TLS_ENTRY_POINT',
    default: CONTROLLER_DEFAULTS.tlsEntryPoint,
  },
  {
    flags: '--traefik-api <url>',
    description:
      "a Traefik's API (e.g. http://127.0.0.1:8081) that must list a deployment's new servers before old instances drain (repeatable, or comma-separated)",
    env: 'BERTH_TRAEFIK_API',
    repeatable: true,
  },
  {
    flags: '--traefik-settle <duration>',
    description: 'without --traefik-api: how long Traefik takes to load a routes change (its throttle and poll interval)',
    env: 'BERTH_TRAEFIK_SETTLE',
    default: CONTROLLER_DEFAULTS.traefikSettle,
  },
  {
    flags: '--traefik-confirm-timeout <duration>',
    description: 'how long each --traefik-api gets to confirm; after it the old instances are kept running, not stopped',
    env: 'BERTH_TRAEFIK_CONFIRM_TIMEOUT',
    default: CONTROLLER_DEFAULTS.traefikConfirmTimeout,
  },
  { flags: '--traefik-token <token>', description: 'bearer token GET /traefik/dynamic asks for (default: none)', env: 'BERTH_TRAEFIK_TOKEN' },
  {
    flags: '--public-url <url>',
    description: 'base URL git hosts reach the HTTP address at, for hook URLs (default: http://HTTP_ADDR)',
    env: 'BERTH_PUBLIC_URL',
  },
  {
    flags: '--tls-cert <file>',
    description: 'PEM certificate (chain) of the gRPC port: agents and the CLI then connect with TLS',
    env: 'BERTH_TLS_CERT',
    path: true,
  },
  { flags: '--tls-key <file>', description: 'PEM private key of --tls-cert', env: 'BERTH_TLS_KEY', path: true },
  { flags: '--hook-body-limit <size>', description: 'largest hook body accepted (e.g. 25MiB)', env: 'BERTH_HOOK_BODY_LIMIT', default: '25MiB' },
  { flags: '--log-level <level>', description: 'trace, debug, info, warn, error', env: 'BERTH_LOG_LEVEL', default: CONTROLLER_DEFAULTS.logLevel },
  {
    flags: '--log-format <format>',
    description: 'json (one object per line) or pretty (for people)',
    env: 'BERTH_LOG_FORMAT',
    default: CONTROLLER_DEFAULTS.logFormat,
  },
];

export const AGENT_OPTIONS: DaemonOption[] = [
  { flags: '--id <id>', description: 'agent id (default: the hostname)', env: 'BERTH_AGENT_ID' },
  {
    flags: '--controller <host:port>',
    description: "controller's gRPC address; several comma-separated controllers (--state-store nats): the agent reports to the one that leads",
    env: 'BERTH_CONTROLLER',
    default: AGENT_DEFAULTS.controller,
  },
  { flags: '--nats <url>', description: 'NATS server URL', env: 'BERTH_NATS', default: AGENT_DEFAULTS.nats },
  {
    flags: '--advertise-addr <addr>',
    description: 'address written into routes; ports are published on it',
    env: 'BERTH_ADVERTISE_ADDR',
    default: AGENT_DEFAULTS.advertiseAddr,
  },
  { flags: '--docker-host <url>', description: 'Docker Engine endpoint', env: 'BERTH_DOCKER_HOST', default: AGENT_DEFAULTS.dockerHost },
  { flags: '--label <key=value>', description: 'label for placement (repeatable, or comma-separated)', env: 'BERTH_LABELS', repeatable: true },
  { flags: '--heartbeat <duration>', description: 'heartbeat interval', env: 'BERTH_HEARTBEAT', default: AGENT_DEFAULTS.heartbeat },
  { flags: '--ca <file>', description: "PEM of the CA that signed the controller's certificate (TLS)", env: 'BERTH_CA', path: true },
  { flags: '--tls', description: "TLS to the controller with the system's trusted CAs", env: 'BERTH_TLS' },
  { flags: '--log-level <level>', description: 'trace, debug, info, warn, error', env: 'BERTH_LOG_LEVEL', default: AGENT_DEFAULTS.logLevel },
  {
    flags: '--log-format <format>',
    description: 'json (one object per line) or pretty (for people)',
    env: 'BERTH_LOG_FORMAT',
    default: AGENT_DEFAULTS.logFormat,
  },
  {
    flags: '--data-dir <dir>',
    description: "the agent's state: its credentials (created if missing)",
    env: 'BERTH_AGENT_DATA_DIR',
    default: AGENT_DEFAULTS.dataDir,
    path: true,
  },
  {
    flags: '--join-token <token>',
    description: 'join token (berth agents join-token), exchanged once for credentials kept in --data-dir',
    env: 'BERTH_JOIN_TOKEN',
  },
];

function toOption(spec: DaemonOption): Option {
  const option = new Option(spec.flags, spec.description).env(spec.env);
  if (spec.repeatable)
    option.argParser((value: string, previous: string[] = []) => [
      ...previous,
      ...value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ]);
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

export function addDaemonOptions(command: Command, options: DaemonOption[]): Command {
  for (const spec of options) command.addOption(toOption(spec));
  return command;
}

/** The options' values as BERTH_* variables, for those given (or defaulted), skipping `except`. */
export function daemonEnv(options: DaemonOption[], values: Record<string, unknown>, except: string[] = []): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const spec of options) {
    if (except.includes(spec.env)) continue;
    const value = values[toOption(spec).attributeName()];
    if (value === undefined || value === false) continue;
    const text = Array.isArray(value) ? value.join(',') : value === true ? '1' : String(value);
    out.push([spec.env, spec.path ? resolve(text) : text]);
  }
  return out;
}
