/** `berth events [--app APP]`: cluster events as they happen, one line (or JSON object) each. */
import type { Command } from 'commander';
import type { ClusterEvent__Output } from '../proto/gen/berth/v1/ClusterEvent.js';
import { required, streamAdmin, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { paint, printLine, statusColour } from './output.js';

type Run = (action: () => Promise<void>) => Promise<void>;

export function formatEvent(e: ClusterEvent__Output): string {
  const time = new Date(Number(e.atMs)).toISOString();
  const state = paint(e.state, statusColour(e.state) ?? 'bold');
  return `${time}  ${e.kind.padEnd(10)}  ${state}  ${e.message}`;
}

export function registerEventsCommand(program: Command, run: Run): void {
  clientOptions(program.command('events'))
    .description('stream cluster events (deployments, agents, hook decisions) until Ctrl-C')
    .option('--app <app>', "only this app's events")
    .option('--json', 'one JSON object per line')
    .action((flags: ClientOptions & { app?: string; json?: boolean }) =>
      run(() =>
        streamAdmin(
          flags,
          (c) => c.WatchEvents({ app: flags.app ?? '' }),
          (res) => {
            const e = required(res.event, 'event');
            printLine(flags.json ? JSON.stringify({ ...e, atMs: Number(e.atMs) }) : formatEvent(e));
          },
        ),
      ),
    );
}
