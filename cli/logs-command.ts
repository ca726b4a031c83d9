/** `berth logs APP`: the output of an app's instances, read from the agents; -f follows it. */
import type { Command } from 'commander';
import type { LogLine__Output } from '../proto/gen/berth/v1/LogLine.js';
import { parseDuration } from '../shared/duration.js';
import { BerthError } from '../shared/errors.js';
import { streamAdmin, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { paint, printLine, type Colour } from './output.js';

type Run = (action: () => Promise<void>) => Promise<void>;
interface LogsFlags extends ClientOptions {
  service?: string;
  instance?: string;
  since?: string;
  tail: string;
  follow?: boolean;
  timestamps?: boolean;
  json?: boolean;
}

/** --since: a duration back from now (10m, 2h) or a date (2026-11-23T10:00:00Z). Pure. */
export function parseSince(value: string | undefined, nowMs: number): number {
  if (!value) return 0;
  if (/^\d+(\.\d+)?(ms|s|m|h)$/.test(value.trim())) return nowMs - parseDuration(value.trim(), '--since');
  const at = Date.parse(value);
  if (Number.isNaN(at))
    throw new BerthError('INVALID_ARGUMENT', `--since ${value}: give a duration (10m, 2h) or a date (2026-11-23T10:00:00Z)`, { usage: true });
  return at;
}

const PREFIX_COLOURS: Colour[] = ['green', 'yellow', 'bold', 'dim'];

export function registerLogsCommand(program: Command, run: Run): void {
  clientOptions(program.command('logs'))
    .description("print an app's instance output (from the agents); -f follows it")
    .argument('<app>')
    .option('--service <name>', "only this service's instances")
    .option('--instance <id>', 'only this instance (its id, or its container name: web-1)')
    .option('--since <when>', 'only lines since a duration ago (10m) or a date')
    .option('--tail <n>', 'the last N lines of each instance (0: all)', '100')
    .option('-f, --follow', 'keep printing new lines until Ctrl-C')
    .option('-t, --timestamps', 'start each line with its time')
    .option('--json', 'one JSON object per line')
    .action((app: string, flags: LogsFlags) =>
      run(async () => {
        const tail = Number(flags.tail);
        if (!Number.isInteger(tail) || tail < 0) throw new BerthError('INVALID_ARGUMENT', `--tail ${flags.tail}: a whole number, 0 for all`, { usage: true });
        const request = {
          app,
          service: flags.service ?? '',
          instance: flags.instance ?? '',
          sinceMs: parseSince(flags.since, Date.now()),
          tail,
          follow: flags.follow ?? false,
        };
        const colours = new Map<string, Colour>();
        const width = { value: 0 };
        const print = (l: LogLine__Output) => {
          if (flags.json)
            return printLine(
              JSON.stringify({ instanceId: l.instanceId, container: l.container, service: l.service, stream: l.stream, atMs: Number(l.atMs), text: l.text }),
            );
          if (!colours.has(l.container)) colours.set(l.container, PREFIX_COLOURS[colours.size % PREFIX_COLOURS.length] as Colour);
          width.value = Math.max(width.value, l.container.length);
          const time = flags.timestamps ? `${new Date(Number(l.atMs)).toISOString()} ` : '';
          printLine(`${time}${paint(`${l.container.padEnd(width.value)} |`, colours.get(l.container) as Colour)} ${l.text}`);
        };
        await streamAdmin(
          flags,
          (c) => c.StreamLogs(request),
          (chunk) => {
            for (const warning of chunk.warnings) process.stderr.write(`berth: ${warning}\n`);
            for (const line of chunk.lines) print(line);
          },
        );
      }),
    );
}
