/** `berth env set|unset|list APP`: an app's environment; changes apply at the next deploy. */
import type { Command } from 'commander';
import type { Env__Output } from '../proto/gen/berth/v1/Env.js';
import { BerthError } from '../shared/errors.js';
import { callAdmin, required, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { renderTable } from './format.js';
import { printJson, printLine } from './output.js';

type Run = (action: () => Promise<void>) => Promise<void>;
type Flags = ClientOptions & { json?: boolean };

/** NAME=value pairs from the command line; the value may contain "=". */
export function parseAssignments(pairs: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new BerthError('INVALID_ARGUMENT', `"${pair}": write NAME=value`, { usage: true });
    values[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return values;
}

function printEnv(env: Env__Output, json: boolean | undefined): void {
  if (json) return printJson({ app: env.app, values: env.values, revealed: env.revealed });
  const names = Object.keys(env.values).sort();
  if (names.length === 0) return printLine(`${env.app} has no environment variables`);
  printLine(
    renderTable(
      ['NAME', 'VALUE'],
      names.map((n) => [n, env.values[n] ?? '']),
    ),
  );
  if (!env.revealed) process.stderr.write('values hidden; --reveal shows them\n');
}

export function registerEnvCommands(program: Command, run: Run): void {
  const env = program.command('env').description("an app's environment variables (applied at the next deploy)");

  clientOptions(env.command('list'))
    .description('list the variables (values only with --reveal)')
    .argument('<app>')
    .option('--reveal', 'show the values')
    .option('--json', 'print JSON')
    .action((app: string, flags: Flags & { reveal?: boolean }) =>
      run(async () => printEnv(required((await callAdmin(flags, (c) => c.ListEnv, { app, reveal: flags.reveal ?? false })).env, 'env'), flags.json)),
    );

  clientOptions(env.command('set'))
    .description('set variables; they reach instances at the next deploy')
    .argument('<app>')
    .argument('<assignments...>', 'NAME=value ...')
    .option('--json', 'print JSON')
    .action((app: string, assignments: string[], flags: Flags) =>
      run(async () => {
        const { env: result } = await callAdmin(flags, (c) => c.SetEnv, { app, values: parseAssignments(assignments) });
        if (flags.json) return printEnv(required(result, 'env'), true);
        printLine(`${app}: set ${Object.keys(parseAssignments(assignments)).join(', ')}; berth deploy ${app} applies them`);
      }),
    );

  clientOptions(env.command('unset'))
    .description('remove variables; applied at the next deploy')
    .argument('<app>')
    .argument('<names...>')
    .option('--json', 'print JSON')
    .action((app: string, names: string[], flags: Flags) =>
      run(async () => {
        const { env: result } = await callAdmin(flags, (c) => c.UnsetEnv, { app, names });
        if (flags.json) return printEnv(required(result, 'env'), true);
        printLine(`${app}: removed ${names.join(', ')}; berth deploy ${app} applies it`);
      }),
    );
}
