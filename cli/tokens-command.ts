/** `berth tokens create|list|revoke`: named API tokens, admin or read-only. */
import type { Command } from 'commander';
import { callAdmin, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { formatAge, renderTable } from './format.js';
import { printJson, printLine } from './output.js';

type Run = (action: () => Promise<void>) => Promise<void>;
type Flags = ClientOptions & { json?: boolean };

export function registerTokensCommands(program: Command, run: Run): void {
  const tokens = program.command('tokens').description('API tokens for people and scripts: admin or read-only, revocable');

  clientOptions(tokens.command('create'))
    .description('create a named token and print it (shown this once)')
    .argument('<name>')
    .option('--read-only', 'may only list, get and watch')
    .option('--json', 'print JSON')
    .action((name: string, flags: Flags & { readOnly?: boolean }) =>
      run(async () => {
        const created = await callAdmin(flags, (c) => c.CreateToken, { name, readOnly: flags.readOnly ?? false });
        if (flags.json) return printJson({ name: created.name, scope: created.scope, token: created.token, createdAtMs: Number(created.createdAtMs) });
        printLine(created.token);
        process.stderr.write(
          `token ${created.name} (${created.scope === 'read' ? 'read-only' : 'admin'}) created; it is not shown again. Use it with --token, BERTH_TOKEN or berth login.\n`,
        );
      }),
    );

  clientOptions(tokens.command('list'))
    .description('list named tokens (not their values)')
    .option('--json', 'print JSON')
    .action((flags: Flags) =>
      run(async () => {
        const res = await callAdmin(flags, (c) => c.ListTokens, {});
        const list = res.tokens.map((t) => ({ name: t.name, scope: t.scope, createdAtMs: Number(t.createdAtMs) }));
        if (flags.json) return printJson(list);
        if (list.length === 0) return printLine('no named tokens (the admin token is in the data dir: berth controller token)');
        printLine(
          renderTable(
            ['NAME', 'SCOPE', 'CREATED'],
            list.map((t) => [t.name, t.scope === 'read' ? 'read-only' : 'admin', formatAge(t.createdAtMs)]),
          ),
        );
      }),
    );

  clientOptions(tokens.command('revoke'))
    .description('revoke a named token: it stops working at once')
    .argument('<name>')
    .option('--json', 'print JSON')
    .action((name: string, flags: Flags) =>
      run(async () => {
        await callAdmin(flags, (c) => c.RevokeToken, { name });
        if (flags.json) return printJson({ name, revoked: true });
        printLine(`token ${name} revoked`);
      }),
    );
}
