/** One-off runs: start, watch (with output), stop, attach (their reads are in reads.ts). */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import { isRunEnded } from '../../core/run.js';
import type { RunManager } from '../../pipeline/run-manager.js';
import type { TerminalClient } from '../../pipeline/run-terminals.js';
import type { AttachRunRequest__Output } from '../../../proto/gen/berth/v1/AttachRunRequest.js';
import { toGrpcError } from '../grpc-status.js';
import { runLinesMessage, runMessage } from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

export interface RunDeps extends AdminDeps {
  runs: RunManager;
}

export function runHandlers({ rpc, runs }: RunDeps): Pick<AdminServiceHandlers, 'StartRun' | 'WatchRun' | 'StopRun' | 'AttachRun'> {
  return {
    StartRun: rpc.unary('StartRun', (request, caller) => {
      const run = runs.start({
        app: request.app,
        service: request.service || null,
        release: request.release || null,
        command: request.command,
        tty: request.tty,
        detached: request.detached,
        timeoutMs: Number(request.timeoutMs) || null,
        startedBy: caller.name,
        schedule: null,
      });
      return { run: runMessage(run) };
    }),
    WatchRun: rpc.serverStream('WatchRun', (call) => {
      const first = runs.get(call.request.id);
      call.write({ run: runMessage(first), lines: call.request.fromStart ? runLinesMessage(first.output) : [] });
      if (isRunEnded(first.state)) {
        call.end();
        return undefined;
      }
      const stop = runs.watch(call.request.id, ({ run, lines }) => {
        call.write({ run: runMessage(run), lines: runLinesMessage(lines) });
        if (isRunEnded(run.state)) {
          stop();
          call.end();
        }
      });
      return stop;
    }),
    StopRun: rpc.unary('StopRun', async (request) => ({ run: runMessage(await runs.stop(request.id)) })),
    AttachRun: rpc.bidiStream('AttachRun', (call) => {
      let terminal: TerminalClient | null = null;
      let stopWatching = () => {};
      const end = () => {
        terminal?.detach();
        stopWatching();
      };
      call.on('data', (request: AttachRunRequest__Output) => {
        try {
          if (!terminal) {
            terminal = runs.attach(request.id, (output) => call.write({ output }));
            // The run's end is the call's: its last message holds how it ended.
            stopWatching = runs.watch(request.id, ({ run }) => {
              if (!isRunEnded(run.state)) return;
              end();
              call.write({ run: runMessage(run) });
              call.end();
            });
          }
          if (request.stdin.length) terminal.input(Buffer.from(request.stdin));
          if (request.rows > 0 && request.cols > 0) terminal.resize(request.rows, request.cols);
        } catch (err) {
          end();
          call.emit('error', toGrpcError(err));
        }
      });
      call.on('end', () => {
        end();
        call.end();
      });
      call.on('cancelled', end);
    }),
  };
}
