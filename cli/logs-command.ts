/** `berth logs APP`: the output of an app's instances, read from the agents; -f follows it. */
import * as grpc from '@grpc/grpc-js';
import type { Command } from 'commander';
import type { LogLine__Output } from '../proto/gen/berth/v1/LogLine.js';
import { parseDuration } from '../shared/duration.js';
import { BerthError } from '../shared/errors.js';
import type { RunOutputLine__Output } from '../proto/gen/berth/v1/RunOutputLine.js';
import type { WatchRunResponse__Output } from '../proto/gen/berth/v1/WatchRunResponse.js';
import { createAdminClient, followLeader, fromServiceError, streamAdmin, type ClientOptions } from './admin-client.js';
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
  run?: string;
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
    .option('--run <id>', "a one-off run's output instead (berth runs APP lists them); -f until it ends")
    .action((app: string, flags: LogsFlags) =>
      run(async () => {
        if (flags.run) return printRunOutput(app, flags.run, flags);
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

/** A run's output: what was kept, then (with -f) new lines until it ends; stdout and stderr as written. */
function printRunOutput(app: string, id: string, flags: LogsFlags): Promise<void> {
  return followLeader(flags, (to) => printRunOutputFrom(app, id, { ...flags, ...to }));
}

function printRunOutputFrom(app: string, id: string, flags: LogsFlags): Promise<void> {
  const print = (line: RunOutputLine__Output) => {
    if (flags.json) printLine(JSON.stringify({ run: id, stream: line.stream, text: line.text }));
    else (line.stream === 'stderr' ? process.stderr : process.stdout).write(`${line.text}\n`);
  };
  return new Promise((resolve, reject) => {
    const client = createAdminClient(flags);
    const call = client.WatchRun({ id, fromStart: true });
    let first = true;
    const finish = (err?: Error) => {
      process.off('SIGINT', cancel);
      client.close();
      if (err) reject(err);
      else resolve();
    };
    const cancel = () => call.cancel();
    process.on('SIGINT', cancel);
    call.on('data', (message: WatchRunResponse__Output) => {
      if (first && message.run?.app !== app) {
        call.cancel();
        finish(new BerthError('NOT_FOUND', `run ${id} is not one of ${app}'s; 'berth runs ${app}' lists them`));
        return;
      }
      for (const line of message.lines) print(line);
      // The first message holds every kept line; without -f that is all.
      if (first && !flags.follow) call.cancel();
      first = false;
    });
    call.on('error', (err: grpc.ServiceError) => finish(err.code === grpc.status.CANCELLED ? undefined : fromServiceError(err)));
    call.on('end', () => finish());
  });
}
