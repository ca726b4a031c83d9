/** `berth login ADDR --token T`: checks the address and token, then saves them for later commands. */
import type { Command } from 'commander';
import { callUnary, createAdminClient } from './admin-client.js';
import { cliConfigPath, writeCliConfig, type CliConfig } from './cli-config.js';
import { printLine } from './output.js';

type Run = (action: () => Promise<void>) => Promise<void>;

export function registerLoginCommand(program: Command, run: Run): void {
  program
    .command('login')
    .description('save the controller address and a token (checked first) in the settings file')
    .argument('<addr>', "the controller's gRPC address, host:port")
    .requiredOption('--token <token>', 'an admin or read-only token (berth controller token, berth tokens create)')
    .option('--ca <file>', "PEM of the CA that signed the controller's certificate (TLS)")
    .option('--tls', "TLS with the system's trusted CAs")
    .action((addr: string, flags: { token: string; ca?: string; tls?: boolean }) =>
      run(async () => {
        const config: CliConfig = { addr, token: flags.token, ...(flags.ca ? { ca: flags.ca } : {}), ...(flags.tls ? { tls: true } : {}) };
        // A read call any valid token may make: a typo is caught now, not at the next command.
        const client = createAdminClient(config);
        try {
          await callUnary(client.ListApps.bind(client), {});
        } finally {
          client.close();
        }
        await writeCliConfig(config);
        printLine(`logged in to ${addr}; saved in ${cliConfigPath()}`);
      }),
    );
}
