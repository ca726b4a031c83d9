/** The agent's configuration, validated once at start from flags and BERTH_* variables. */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { parseDuration } from '../shared/duration.js';
import { BerthError } from '../shared/errors.js';
import { agentIdFromHostname, assertAgentId } from '../shared/ids.js';
import { LOG_LEVELS, parseLogFormat, type LogFormat, type LogLevel } from '../shared/logger.js';
import { DEFAULT_DOCKER_HOST, parseDockerHost, type DockerEndpoint } from './core/docker-host.js';

export interface AgentConfig {
  id: string;
  hostname: string;
  controllerAddr: string;
  /** How the agent trusts the controller's gRPC port: plaintext, the system's CAs, or this CA (PEM file). */
  controllerTls: { ca: string | null } | null;
  natsUrl: string;
  advertiseAddr: string;
  docker: DockerEndpoint;
  labels: Record<string, string>;
  heartbeatMs: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** Where the agent keeps its credentials (credentials.json, mode 0600). */
  dataDir: string;
  /** Exchanged once for the agent's own credentials when it has none yet. */
  joinToken: string | null;
}

export interface AgentFlags {
  id?: string;
  controller?: string;
  nats?: string;
  advertiseAddr?: string;
  dockerHost?: string;
  label?: string[];
  heartbeat?: string;
  logLevel?: string;
  logFormat?: string;
  ca?: string;
  tls?: boolean;
  dataDir?: string;
  joinToken?: string;
}

export const AGENT_DEFAULTS = {
  controller: '127.0.0.1:7443',
  nats: 'nats://127.0.0.1:4222',
  advertiseAddr: '127.0.0.1',
  dockerHost: DEFAULT_DOCKER_HOST,
  heartbeat: '5s',
  logLevel: 'info',
  logFormat: 'json',
  dataDir: '/var/lib/berth-agent',
} as const;

export function parseLabels(pairs: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq) : '';
    if (!/^[A-Za-z0-9][A-Za-z0-9_./-]{0,62}$/.test(key)) {
      throw new BerthError('INVALID_CONFIG', `--label: "${pair}" is not key=value (keys: letters, digits, ".", "_", "/", "-")`);
    }
    labels[key] = pair.slice(eq + 1);
  }
  return labels;
}

export function parseAgentConfig(flags: AgentFlags, host = hostname()): AgentConfig {
  const logLevel = (flags.logLevel ?? AGENT_DEFAULTS.logLevel) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new BerthError('INVALID_CONFIG', `--log-level: "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`);
  const advertiseAddr = flags.advertiseAddr ?? AGENT_DEFAULTS.advertiseAddr;
  if (advertiseAddr === '0.0.0.0' || advertiseAddr === '::' || advertiseAddr === '') {
    throw new BerthError('INVALID_CONFIG', `--advertise-addr: "${advertiseAddr}" is not an address others can reach; give this host's address`);
  }
  const heartbeatMs = parseDuration(flags.heartbeat ?? AGENT_DEFAULTS.heartbeat, '--heartbeat');
  if (heartbeatMs < 100) throw new BerthError('INVALID_CONFIG', '--heartbeat: must be at least 100ms');
  return {
    id: assertAgentId(flags.id ?? agentIdFromHostname(host)),
    hostname: host,
    controllerAddr: flags.controller ?? AGENT_DEFAULTS.controller,
    controllerTls: flags.ca ? { ca: resolve(flags.ca) } : flags.tls ? { ca: null } : null,
    natsUrl: flags.nats ?? AGENT_DEFAULTS.nats,
    advertiseAddr,
    docker: parseDockerHost(flags.dockerHost ?? AGENT_DEFAULTS.dockerHost),
    labels: parseLabels(flags.label ?? []),
    heartbeatMs,
    logLevel,
    logFormat: parseLogFormat(flags.logFormat ?? AGENT_DEFAULTS.logFormat),
    dataDir: resolve(flags.dataDir ?? AGENT_DEFAULTS.dataDir),
    joinToken: flags.joinToken?.trim() || null,
  };
}
