/**
 * systemd units and their environment files for the controller and the agent, as text: pure, so
 * the exact files `berth agent install` and `berth controller install` write are tested as values
 * (and with systemd-analyze verify).
 */
import { BerthError } from '../shared/errors.js';

export type Daemon = 'agent' | 'controller';

export interface UnitOptions {
  daemon: Daemon;
  /** Absolute paths: the node binary and Berth's dist/cli/main.js. */
  nodePath: string;
  cliPath: string;
  /** Where the unit reads its BERTH_* variables. */
  envFile: string;
  /** The README of this installation (the unit's Documentation=). */
  readmePath: string;
}

export const UNIT_NAMES: Record<Daemon, string> = { agent: 'berth-agent.service', controller: 'berth-controller.service' };
export const ENV_FILES: Record<Daemon, string> = { agent: '/etc/berth/agent.env', controller: '/etc/berth/controller.env' };

/** An argument as systemd's ExecStart reads it: quoted when it holds spaces or quotes. */
function execArg(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `"${arg.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

export function renderUnit(options: UnitOptions): string {
  const agent = options.daemon === 'agent';
  return [
    `# Written by \`berth ${options.daemon} install\`. Settings: ${options.envFile}`,
    '[Unit]',
    `Description=Berth ${options.daemon}`,
    `Documentation=file:${options.readmePath}`,
    // The agent drives the local Docker Engine; the controller needs NATS, often on the same host.
    `After=network-online.target ${agent ? 'docker.service' : 'nats-server.service'}`,
    `Wants=network-online.target ${agent ? 'docker.service' : ''}`.trimEnd(),
    '',
    '[Service]',
    'Type=simple',
    `EnvironmentFile=${options.envFile}`,
    `ExecStart=${[options.nodePath, options.cliPath, options.daemon].map(execArg).join(' ')}`,
    // Always back: a crash, an OOM kill or a failed start (Docker or NATS not up yet) retries.
    'Restart=always',
    'RestartSec=2',
    // Both stop cleanly on SIGTERM; the controller waits up to 10 s for deployments to wind down.
    'KillSignal=SIGTERM',
    'TimeoutStopSec=30',
    'UMask=0077',
    'NoNewPrivileges=yes',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/** KEY=value lines as systemd's EnvironmentFile reads them (values with spaces or quotes quoted). */
export function renderEnvFile(daemon: Daemon, pairs: Array<[string, string]>): string {
  const lines = [`# Berth ${daemon} settings (berth ${daemon} --help lists them); read by ${UNIT_NAMES[daemon]}.`];
  for (const [key, value] of pairs) {
    if (/[\n\r]/.test(value)) throw new BerthError('INVALID_ARGUMENT', `${key}: a value cannot hold a line break`);
    const plain = /^[A-Za-z0-9_@%+=:,./-]*$/.test(value);
    lines.push(`${key}=${plain ? value : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`}`);
  }
  return `${lines.join('\n')}\n`;
}

/** An env file read back (berth … uninstall): KEY=value lines, values quoted as renderEnvFile quotes them. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    const value = match[2] as string;
    env[match[1] as string] = value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(["\\])/g, '$1') : value;
  }
  return env;
}
