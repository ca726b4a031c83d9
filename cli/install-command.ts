/**
 * `berth agent install` and `berth controller install`: set a host up to run Berth under systemd.
 * Each writes /etc/berth/DAEMON.env (mode 0600: it may hold tokens) from the flags given and a
 * unit /etc/systemd/system/berth-DAEMON.service that runs this installation's node and CLI with
 * it. The agent install also enrols the agent now (its join token is exchanged for credentials in
 * its data dir), so the token is never written down. With --root the files go under that
 * directory instead of / and nothing is started (for packaging and tests).
 */
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as grpc from '@grpc/grpc-js';
import type { Command } from 'commander';
import { credentialsPath, loadOrJoin, readCaFile } from '../agent/adapters/credentials.js';
import { parseAgentConfig, type AgentFlags } from '../agent/config.js';
import { parseControllerConfig, type ControllerFlags } from '../controller/config.js';
import { BerthError, errorMessage } from '../shared/errors.js';
import { writeSecretFile } from '../shared/secret-file.js';
import { addDaemonOptions, AGENT_OPTIONS, CONTROLLER_OPTIONS, daemonEnv } from './daemon-options.js';
import { ENV_FILES, renderEnvFile, renderUnit, UNIT_NAMES, type Daemon } from './systemd-unit.js';

type Run = (action: () => Promise<void>) => Promise<void>;
type InstallFlags = { root: string; start: boolean };

/** The CLI being run is the one the unit will run (dist/cli/main.js of this installation). */
function cliPath(): string {
  return realpathSync(process.argv[1] ?? fileURLToPath(import.meta.url));
}

/** A path of the installed system, under --root. */
const under = (root: string, path: string) => join(root, path);

async function writeUnitFiles(daemon: Daemon, root: string, env: Array<[string, string]>): Promise<{ unitPath: string; envPath: string }> {
  const envPath = under(root, ENV_FILES[daemon]);
  const unitPath = under(root, join('/etc/systemd/system', UNIT_NAMES[daemon]));
  await writeSecretFile(envPath, renderEnvFile(daemon, env));
  await mkdir(dirname(unitPath), { recursive: true });
  const cli = cliPath();
  const readmePath = resolve(dirname(cli), '..', '..', 'README.md');
  await writeFile(unitPath, renderUnit({ daemon, nodePath: process.execPath, cliPath: cli, envFile: ENV_FILES[daemon], readmePath }), { mode: 0o644 });
  return { unitPath, envPath };
}

/** systemctl daemon-reload and enable --now, only on the real root (argv, no shell). */
async function startUnit(daemon: Daemon, flags: InstallFlags): Promise<string> {
  if (resolve(flags.root) !== '/' || !flags.start) return `start it with: systemctl daemon-reload && systemctl enable --now ${UNIT_NAMES[daemon]}`;
  const run = promisify(execFile);
  try {
    await run('systemctl', ['daemon-reload']);
    await run('systemctl', ['enable', '--now', UNIT_NAMES[daemon]]);
  } catch (err) {
    throw new BerthError(
      'FAILED_PRECONDITION',
      `the files are written, but systemctl failed (${errorMessage(err).split('\n')[0]}); is systemd running here? start it by hand: berth ${daemon}`,
    );
  }
  return `${UNIT_NAMES[daemon]} is enabled and started; follow it with journalctl -u ${UNIT_NAMES[daemon]} -f`;
}

function installOptions(command: Command): Command {
  return command
    .option('--root <dir>', 'write under this directory instead of / (nothing is started)', '/')
    .option('--no-start', 'write the files only; do not run systemctl');
}

export function registerInstallCommands(agent: Command, controller: Command, run: Run): void {
  installOptions(addDaemonOptions(agent.command('install'), AGENT_OPTIONS))
    .description('set this host up to run the agent under systemd (berth-agent.service), enrolled with a join token')
    .action((flags: AgentFlags & InstallFlags & { label?: string[] }) =>
      run(async () => {
        const config = parseAgentConfig(flags);
        const dataDir = under(flags.root, config.dataDir);
        // Enrol now: a wrong token or an unreachable controller shows here, not in the journal later.
        const { credentials, joined } = await loadOrJoin({
          agentId: config.id,
          hostname: hostname(),
          controllerAddr: config.controllerAddr,
          dataDir,
          joinToken: config.joinToken,
          channel: config.controllerTls
            ? grpc.credentials.createSsl(config.controllerTls.ca ? await readCaFile(config.controllerTls.ca) : null)
            : grpc.credentials.createInsecure(),
        });
        // The id is pinned (the hostname may change); the join token is spent and not kept.
        const env = daemonEnv(AGENT_OPTIONS, { ...flags, id: config.id }, ['BERTH_JOIN_TOKEN']);
        const { unitPath, envPath } = await writeUnitFiles('agent', flags.root, env);
        const next = await startUnit('agent', flags);
        process.stdout.write(
          `agent ${credentials.agentId} ${joined ? 'enrolled' : 'already enrolled'}: credentials in ${credentialsPath(dataDir)}${credentials.nats ? ' (with its NATS user)' : ''}\n` +
            `wrote ${envPath} and ${unitPath}\n${next}\n`,
        );
      }),
    );

  installOptions(addDaemonOptions(controller.command('install'), CONTROLLER_OPTIONS))
    .description('set this host up to run the controller under systemd (berth-controller.service)')
    .action((flags: ControllerFlags & InstallFlags) =>
      run(async () => {
        parseControllerConfig(flags);
        const { unitPath, envPath } = await writeUnitFiles('controller', flags.root, daemonEnv(CONTROLLER_OPTIONS, { ...flags }));
        const next = await startUnit('controller', flags);
        process.stdout.write(
          `wrote ${envPath} and ${unitPath}\n${next}\nthen: berth controller token --data-dir ${flags.dataDir} (the admin token), berth agents join-token (for each agent)\n`,
        );
      }),
    );
}
