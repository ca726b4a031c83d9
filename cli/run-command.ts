/**
 * `berth run APP -- CMD ARGS…`: a one-off container of the app's release, its output streamed
 * here (stdout to stdout, stderr to stderr) and its exit status as ours; Ctrl-C stops it and exits
 * 130. `--detach` prints the run id at once. `berth runs APP` lists runs; `berth runs stop ID`.
 */
import * as grpc from '@grpc/grpc-js';
import type { Command } from 'commander';
import type { AdminServiceClient } from '../proto/gen/berth/v1/AdminService.js';
import type { Run__Output } from '../proto/gen/berth/v1/Run.js';
import type { RunOutputLine__Output } from '../proto/gen/berth/v1/RunOutputLine.js';
import { parseDuration } from '../shared/duration.js';
import { BerthError } from '../shared/errors.js';
import { callAdmin, callUnary, createAdminClient, followLeader, fromServiceError, required, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { EXIT } from './exit-codes.js';
import { formatAge, renderTable } from './format.js';
import { printJson, printLine } from './output.js';

type Action = (action: () => Promise<void>) => Promise<void>;

interface RunFlags extends ClientOptions {
  interactive?: boolean;
  tty?: boolean;
  service?: string;
  release?: string;
  timeout?: string;
  detach?: boolean;
}

/** The exit status `berth run` ends with for a run that ended this way. Pure. */
export function runExitCode(run: Pick<Run__Output, 'state' | 'hasExitCode' | 'exitCode'>, interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  // Stopped at its time limit (-128): 124, as timeout(1) does.
  if (run.state === 'timed-out') return 124;
  if (run.hasExitCode && run.exitCode >= 0 && run.exitCode <= 255) return run.exitCode;
  return EXIT.failed;
}

export function registerRunCommands(program: Command, action: Action): void {
  clientOptions(program.command('run'))
    .description("run a command in a one-off container of an app's release, with its instances' environment")
    .argument('<app>')
    .argument('<command...>', 'the command and its arguments, after -- (no shell: -- sh -c "..." for one)')
    .option('--service <name>', 'the service whose image and environment it gets (default: the first with a command or image of its own)')
    .option('--release <vN>', 'the release to run (default: the routed one)')
    .option('--timeout <duration>', 'stop it after this long, status -128 (default and most: 24h)')
    .option('-d, --detach', 'print the run id and return at once; follow it with berth logs APP --run ID -f')
    .option('-i, --interactive', 'with -t: keep stdin open and attach this terminal (berth run -it APP -- sh)')
    .option('-t, --tty', 'with -i: give the run a terminal; keys, window size, Ctrl-C and Ctrl-D reach it')
    .action((app: string, command: string[], flags: RunFlags) =>
      action(async () => {
        const timeoutMs = flags.timeout ? parseDuration(flags.timeout, '--timeout') : 0;
        const tty = interactiveMode(flags, process.stdin.isTTY === true);
        const request = {
          app,
          service: flags.service ?? '',
          release: flags.release ?? '',
          command,
          tty,
          detached: flags.detach ?? false,
          timeoutMs,
        };
        await followLeader(flags, async (to) => {
          const client = createAdminClient(to);
          try {
            const run = required((await callUnary(client.StartRun.bind(client), request)).run, 'run');
            if (flags.detach) {
              printLine(run.id);
              return;
            }
            process.exitCode = tty ? await attachTerminal(client, run.id) : await followRun(client, run.id, { stopOnInterrupt: true });
          } finally {
            client.close();
          }
        });
      }),
    );

  const runs = clientOptions(program.command('runs'))
    .description("an app's one-off runs, newest first (berth runs stop ID stops one)")
    .argument('<app>')
    .option('--json', 'print them as JSON')
    .action((app: string, flags: ClientOptions & { json?: boolean }) =>
      action(async () => {
        const list = (await callAdmin(flags, (c) => c.ListRuns, { app })).runs;
        if (flags.json) {
          printJson(list.map(runJson));
          return;
        }
        const now = Date.now();
        printLine(
          renderTable(
            ['ID', 'COMMAND', 'BY', 'AGENT', 'STATE', 'EXIT', 'STARTED', 'DURATION'],
            list.map((r) => [
              r.id,
              r.command.join(' ').slice(0, 40),
              r.startedBy,
              r.agentId,
              r.state,
              r.hasExitCode ? String(r.exitCode) : '',
              Number(r.createdAtMs) ? formatAge(Number(r.createdAtMs), now) : '',
              durationOf(r, now),
            ]),
          ),
        );
      }),
    );
  clientOptions(runs.command('stop'))
    .description('stop a run: SIGTERM, then SIGKILL after 10 s')
    .argument('<id>')
    .action((id: string, flags: ClientOptions) =>
      action(async () => {
        const run = required((await callAdmin(flags, (c) => c.StopRun, { id })).run, 'run');
        printLine(`stopping run ${run.id} (${run.app}: ${run.command.join(' ')})`);
      }),
    );
}

/** Whether the run gets a terminal: -i and -t go together, and need one here. Pure. */
export function interactiveMode(flags: Pick<RunFlags, 'interactive' | 'tty' | 'detach'>, stdinIsTty: boolean): boolean {
  if (!flags.interactive && !flags.tty) return false;
  if (!flags.interactive || !flags.tty) throw new BerthError('INVALID_ARGUMENT', 'use -i and -t together (berth run -it APP -- sh)', { usage: true });
  if (flags.detach) throw new BerthError('INVALID_ARGUMENT', '-it attaches this terminal; it cannot go with --detach', { usage: true });
  if (!stdinIsTty) throw new BerthError('INVALID_ARGUMENT', 'berth run -it needs a terminal on stdin; without one, leave out -it', { usage: true });
  return true;
}

/**
 * Attaches this terminal to an interactive run: raw keys go to it (Ctrl-C and Ctrl-D included, for
 * its terminal to act on), window sizes follow ours, what it writes comes here; resolves with the
 * exit status to end with once it has ended.
 */
function attachTerminal(client: AdminServiceClient, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    const call = client.AttachRun();
    let last: Run__Output | null = null;
    const size = () => ({ rows: process.stdout.rows ?? 24, cols: process.stdout.columns ?? 80 });
    const onKeys = (data: Buffer) => call.write({ stdin: data });
    const onResize = () => call.write(size());
    const restore = () => {
      stdin.off('data', onKeys);
      process.stdout.off('resize', onResize);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
    };
    call.write({ id, ...size() });
    if (stdin.isTTY) stdin.setRawMode(true);
    stdin.on('data', onKeys);
    stdin.resume();
    process.stdout.on('resize', onResize);
    call.on('data', (message: { output: Buffer; run: Run__Output | null }) => {
      if (message.output.length) process.stdout.write(message.output);
      if (message.run) last = message.run;
    });
    call.on('error', (err: grpc.ServiceError) => {
      restore();
      reject(fromServiceError(err));
    });
    call.on('end', () => {
      restore();
      const run: Run__Output | null = last;
      if (run && run.state !== 'succeeded' && run.state !== 'failed' && run.reason)
        process.stderr.write(`\r\nberth: run ${id} ${run.state}: ${run.reason}\r\n`);
      resolve(run ? runExitCode(run, false) : EXIT.failed);
    });
  });
}

/**
 * Prints a run's output as it comes (kept lines first) until it ends; resolves with the exit
 * status to end with. With stopOnInterrupt, Ctrl-C stops the run (a second one leaves at once).
 */
export function followRun(client: AdminServiceClient, id: string, options: { stopOnInterrupt: boolean }): Promise<number> {
  return new Promise((resolve, reject) => {
    let interrupted = false;
    let last: Run__Output | null = null;
    const call = client.WatchRun({ id, fromStart: true });
    const onInterrupt = () => {
      if (interrupted || !options.stopOnInterrupt) {
        call.cancel();
        resolve(EXIT.interrupted);
        return;
      }
      interrupted = true;
      process.stderr.write(`\nberth: stopping run ${id} (Ctrl-C again to leave it running)\n`);
      void callUnary(client.StopRun.bind(client), { id }).catch((err: unknown) => process.stderr.write(`berth: ${String(err)}\n`));
    };
    process.on('SIGINT', onInterrupt);
    call.on('data', (message: { run: Run__Output | null; lines: RunOutputLine__Output[] }) => {
      for (const line of message.lines) (line.stream === 'stderr' ? process.stderr : process.stdout).write(`${line.text}\n`);
      if (message.run) last = message.run;
    });
    call.on('error', (err: grpc.ServiceError) => {
      process.off('SIGINT', onInterrupt);
      if (err.code === grpc.status.CANCELLED) resolve(EXIT.interrupted);
      else reject(fromServiceError(err));
    });
    call.on('end', () => {
      process.off('SIGINT', onInterrupt);
      if (!last) return reject(new BerthError('INTERNAL', `the controller said nothing of run ${id}`));
      const run: Run__Output = last;
      // A command that exited says so by its status; anything else (a time limit, a lost agent, a
      // container that did not start) is told on stderr.
      if (run.state !== 'succeeded' && run.state !== 'failed' && run.reason) process.stderr.write(`berth: run ${id} ${run.state}: ${run.reason}\n`);
      else if (run.state === 'failed' && !run.hasExitCode) process.stderr.write(`berth: run ${id} failed: ${run.reason}\n`);
      resolve(runExitCode(run, interrupted && run.state === 'stopped'));
    });
  });
}

function durationOf(r: Run__Output, now: number): string {
  const start = Number(r.startedAtMs) || Number(r.createdAtMs);
  const end = Number(r.endedAtMs) || now;
  if (!start) return '';
  const s = Math.max(0, Math.round((end - start) / 1000));
  return s < 120 ? `${s}s` : s < 7200 ? `${Math.round(s / 60)}m` : `${(s / 3600).toFixed(1)}h`;
}

function runJson(r: Run__Output): Record<string, unknown> {
  return {
    id: r.id,
    app: r.app,
    service: r.service,
    release: r.release,
    command: r.command,
    startedBy: r.startedBy,
    schedule: r.schedule || null,
    agent: r.agentId || null,
    state: r.state,
    exitCode: r.hasExitCode ? r.exitCode : null,
    reason: r.reason || null,
    createdAtMs: Number(r.createdAtMs),
    startedAtMs: Number(r.startedAtMs) || null,
    endedAtMs: Number(r.endedAtMs) || null,
    timeoutMs: Number(r.timeoutMs),
  };
}
