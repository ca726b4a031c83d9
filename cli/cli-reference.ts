/**
 * docs/reference/cli.md, made from the command tree itself: every command's usage, description,
 * options and examples. `npm run gen:docs` writes the page; a unit test fails when the page and the
 * commands disagree. Pure over the Command objects.
 */
import type { Command, Option } from 'commander';
import { commandPaths, EXAMPLES } from './examples.js';

function usage(command: Command, path: string): string {
  const args = command.registeredArguments.map((a) => {
    const name = `${a.name()}${a.variadic ? '...' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  const options = command.options.length > 0 ? ['[options]'] : [];
  return ['berth', path, ...options, ...args].join(' ');
}

function optionRow(option: Option): string {
  const defaults = option.defaultValue !== undefined && option.defaultValue !== false ? ` (default: \`${String(option.defaultValue)}\`)` : '';
  const env = option.envVar ? ` (env: \`${option.envVar}\`)` : '';
  return `| \`${option.flags.replace(/\|/g, '\\|')}\` | ${option.description.replace(/\|/g, '\\|')}${defaults}${env} |`;
}

function find(program: Command, path: string): Command {
  let command = program;
  for (const word of path.split(' ')) command = command.commands.find((c) => c.name() === word) as Command;
  return command;
}

export function renderCliReference(program: Command): string {
  const paths = commandPaths(program).filter((p) => p !== 'help');
  const lines = [
    '# The berth CLI',
    '',
    '<!-- Generated from the command tree (cli/) by `npm run gen:docs`; do not edit. -->',
    '',
    '`berth COMMAND --help` prints the same. Every command that talks to the controller takes',
    '`--addr` (`BERTH_ADDR`), `--token` (`BERTH_TOKEN`), `--ca` and `--tls`, or the settings `berth',
    'login` saved. Exit statuses are in [errors.md](errors.md).',
    '',
    ...paths.map((path) => `- [\`berth ${path}\`](#${`berth-${path}`.replace(/ /g, '-')})`),
  ];
  for (const path of paths) {
    const command = find(program, path);
    lines.push('', `## berth ${path}`, '', command.description(), '', '```', usage(command, path), '```');
    if (command.options.length > 0) {
      lines.push('', '| option | meaning |', '| --- | --- |', ...command.options.map(optionRow));
    }
    const examples = EXAMPLES[path] ?? [];
    if (examples.length > 0) lines.push('', 'Examples:', '', '```sh', ...examples, '```');
  }
  return `${lines.join('\n')}\n`;
}
