#!/usr/bin/env node
/** `berth`: the one command-line program — daemons (controller, agent) and admin commands. */
import { realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { parseAgentConfig, type AgentFlags } from '../agent/config.js';
import { readAdminToken } from '../controller/adapters/admin-token.js';
import { parseHostPort } from '../shared/address.js';
import { CONTROLLER_DEFAULTS, parseControllerConfig, type ControllerFlags } from '../controller/config.js';
import { DEFAULT_CLUSTER_NAME, parseClusterFlags, type NatsClusterFlags } from '../controller/core/nats-server-config.js';
import { errorMessage, isBerthError } from '../shared/errors.js';
import { writeSecretFile } from '../shared/secret-file.js';
import { BERTH_VERSION } from '../shared/version.js';
import { printJson, printLine } from './output.js';
import { registerAgentsCommands } from './agents-command.js';
import { registerAppsCommands } from './apps-command.js';
import { registerCompletionCommand } from './completion-command.js';
import { registerEnvCommands } from './env-command.js';
import { addExamples } from './examples.js';
import { registerEventsCommand } from './events-command.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { registerLoginCommand } from './login-command.js';
import { registerLogsCommand } from './logs-command.js';
import { registerRunCommands } from './run-command.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerTokensCommands } from './tokens-command.js';
import { registerDeployCommands } from './deploy-command.js';
import { addDaemonOptions, AGENT_OPTIONS, CONTROLLER_OPTIONS, envOption } from './daemon-options.js';
import { registerControllerStatusCommand, registerMigrateStateCommand } from './controller-nats-commands.js';
import { registerInstallCommands } from './install-command.js';
import { registerUninstallCommands } from './uninstall-command.js';
import { registerGithubCommand, registerHooksCommands, registerNotifyCommand } from './hooks-command.js';

function fail(err: unknown): never {
  const code = isBerthError(err) ? ` [${err.code}]` : '';
  process.stderr.write(`berth: ${errorMessage(err)}${code}\n`);
  process.exit(exitCodeOf(err));
}

/** Runs a daemon until SIGINT or SIGTERM, then stops it cleanly. */
function runUntilSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`berth: ${signal} received, stopping\n`);
    stop().then(
      () => process.exit(0),
      (err) => fail(err),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Runs a command's action, printing its error as one clear message and exiting 1. */
const runCommand = async (action: () => Promise<void>) => {
  try {
    await action();
  } catch (err) {
    fail(err);
  }
};

const program = new Command('berth')
  .description('Berth: push-to-deploy on your own fleet of Docker hosts')
  .version(BERTH_VERSION, '-v, --version')
  .showHelpAfterError()
  .enablePositionalOptions()
  // Usage errors throw instead of exiting 1, so they can exit 2 (cli/exit-codes.ts); subcommands
  // made after this inherit it.
  .exitOverride();

program.addHelpText(
  'after',
  `
Examples:
  berth login 127.0.0.1:7443 --token "$(berth controller token)"
  berth apps apply -f shop.yml && berth deploy shop --wait
  berth env set shop LOG_LEVEL=debug && berth deploy shop
  berth hooks url shop                  # paste into the git host's webhook settings
  berth deployments shop --json | jq '.[0].state'

Exit codes: 0 ok, 1 the operation failed, 2 usage error, 3 cannot reach or authenticate to the controller.`,
);

const controller = addDaemonOptions(
  program
    .command('controller')
    .description('run the controller (state, scheduling, agent reports, admin API)')
    // Lets `controller token --data-dir X` give --data-dir to `token`, not to `controller`.
    .enablePositionalOptions(),
  CONTROLLER_OPTIONS,
).action((flags: ControllerFlags) =>
  runCommand(async () => {
    // Loaded here, not at the top: an agent (or a CLI call) need not carry the controller's code.
    const { startController } = await import('../controller/controller.js');
    // Exits 75 (EX_TEMPFAIL) once stopped after losing the leader lease: its service manager
    // starts it again, as a follower.
    const running = await startController(parseControllerConfig(flags), undefined, () => process.exit(75));
    runUntilSignal(() => running.stop());
  }),
);

controller
  .command('token')
  .description("print the controller's admin token")
  .addOption(envOption('--data-dir <dir>', 'state directory', 'BERTH_DATA_DIR', CONTROLLER_DEFAULTS.dataDir))
  .action((flags: { dataDir: string }) =>
    runCommand(async () => {
      process.stdout.write(`${await readAdminToken(flags.dataDir)}\n`);
    }),
  );

controller
  .command('nats-config')
  .description(
    'write a nats-server configuration with authorization (each controller may do everything, each agent only its own tasks and logs): one server, or with --routes one node of a cluster',
  )
  .addOption(
    envOption('--data-dir <dir>', "the controller's state directory (its NATS keys are made there once)", 'BERTH_DATA_DIR', CONTROLLER_DEFAULTS.dataDir),
  )
  .option('--listen <host:port>', 'where nats-server listens for clients', '127.0.0.1:4222')
  .option('--store-dir <dir>', "JetStream's data directory", '/var/lib/nats')
  .option('--server-name <name>', "this server's name (server_name), unique in a cluster: n1, n2, n3")
  .option('--routes <urls>', "a cluster node: the other nodes' cluster ports, comma-separated (nats-route://10.0.0.6:6222,nats-route://10.0.0.7:6222)")
  .option('--cluster-listen <host:port>', "with --routes: where this node listens for the other nodes' routes (e.g. 10.0.0.5:6222)")
  .option('--cluster-name <name>', `with --routes: the cluster's name, the same on every node (default: ${DEFAULT_CLUSTER_NAME})`)
  .option('--out <file>', 'write it to this file (default: standard output)')
  .action((flags: NatsClusterFlags & { dataDir: string; listen: string; storeDir: string; out?: string }) =>
    runCommand(async () => {
      const listen = parseHostPort(flags.listen, '--listen');
      const node = parseClusterFlags(flags);
      const { ensureNatsAuth, natsAuthPath } = await import('../controller/adapters/nats-auth.js');
      const { auth, created } = await ensureNatsAuth(flags.dataDir);
      const text = await auth.serverConfig({ host: listen.host, port: listen.port, storeDir: resolve(flags.storeDir), ...node });
      // A cluster node's configuration holds the route password: that file is for root alone
      // (nats-server reads it through systemd's LoadCredential, docs/high-availability.md).
      if (flags.out) await (node.cluster ? writeSecretFile(flags.out, text) : writeFile(flags.out, text));
      else process.stdout.write(text);
      const keys = natsAuthPath(flags.dataDir);
      process.stderr.write(
        `${created ? `made the NATS operator and account keys in ${keys} (mode 0600; back it up with the data dir)` : `using the NATS keys in ${keys}`}\n` +
          (node.cluster
            ? `next: nats-server -c ${flags.out ?? 'FILE'} on this node; every other node's configuration and every controller need these keys: copy ${keys} to their data dirs (0600) and run nats-config there.\n`
            : `next: nats-server -c ${flags.out ?? 'FILE'}; restart the controller (same --data-dir) and it signs in with its own NATS user.\n`) +
          `Agents that join from now on get NATS users limited to their own subjects; agents that joined before must join again.\n`,
      );
    }),
  );

const agent = addDaemonOptions(program.command('agent').description('run the agent on this Docker host').enablePositionalOptions(), AGENT_OPTIONS).action(
  (flags: AgentFlags) =>
    runCommand(async () => {
      const { startAgent } = await import('../agent/agent.js');
      const running = await startAgent(parseAgentConfig(flags));
      runUntilSignal(() => running.stop());
    }),
);

registerInstallCommands(agent, controller, runCommand);
registerControllerStatusCommand(controller, runCommand);
registerMigrateStateCommand(controller, runCommand);
registerUninstallCommands(agent, controller, runCommand);
registerAppsCommands(program, runCommand);
registerDeployCommands(program, runCommand);
registerHooksCommands(program, runCommand);
registerNotifyCommand(program, runCommand);
registerGithubCommand(program, runCommand);
registerAgentsCommands(program, runCommand);
registerEnvCommands(program, runCommand);
registerTokensCommands(program, runCommand);
registerEventsCommand(program, runCommand);
registerLogsCommand(program, runCommand);
registerRunCommands(program, runCommand);
registerDoctorCommand(program, runCommand);
registerLoginCommand(program, runCommand);
registerCompletionCommand(program);

program
  .command('version')
  .description('print the version')
  .option('--json', 'print JSON')
  .action((flags: { json?: boolean }) => {
    if (flags.json) printJson({ version: BERTH_VERSION, node: process.versions.node });
    else printLine(`berth ${BERTH_VERSION}`);
  });

addExamples(program);

/** The command tree, for tests (every command has examples, completion covers them). */
export { program };

// Parsed only when run as the program (also through a symlink), not when a test imports it.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  program.parseAsync(process.argv).catch((err: unknown) => {
    // Commander has printed its own message (unknown option, missing argument, --help, --version).
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
    fail(err);
  });
}
