/**
 * The terminals of interactive runs (`berth run -it`): what a run's terminal writes arrives from
 * its agent (TtyOutput on the report stream) and goes to the one client attached (AttachRun);
 * keystrokes and window sizes go back the same way (TtyInput). What a terminal writes before its
 * client attaches (its first prompt) is kept, bounded, for that client.
 */
import type { Logger } from '../../shared/logger.js';
import type { RunRecord } from '../core/run.js';
import type { ReportIntake, TtyOutputNotice } from './report-intake.js';

/** Terminal output kept for a client that has not attached yet. */
const EARLY_OUTPUT_BYTES = 64 * 1024;

export interface TerminalClient {
  input(data: Buffer): void;
  resize(rows: number, cols: number): void;
  detach(): void;
}

export class RunTerminals {
  /** The client attached to each run's terminal, by one-off id (one at a time). */
  private readonly clients = new Map<string, (data: Buffer) => void>();
  private readonly early = new Map<string, Buffer[]>();

  constructor(
    private readonly intake: ReportIntake,
    private readonly log: Logger,
  ) {}

  /** A later attach replaces the earlier client. */
  attach(run: Pick<RunRecord, 'id' | 'oneOffId' | 'agentId'>, onOutput: (data: Buffer) => void): TerminalClient {
    this.clients.set(run.oneOffId, onOutput);
    for (const chunk of this.early.get(run.oneOffId) ?? []) onOutput(chunk);
    this.early.delete(run.oneOffId);
    const send = (data: Buffer, rows: number, cols: number) => {
      if (!this.intake.sendTtyInput(run.agentId as string, { oneOffId: run.oneOffId, data, rows, cols }))
        this.log.warn({ runId: run.id, agentId: run.agentId }, 'terminal input dropped: the agent is not connected');
    };
    return {
      input: (data) => send(data, 0, 0),
      resize: (rows, cols) => send(Buffer.alloc(0), rows, cols),
      detach: () => {
        if (this.clients.get(run.oneOffId) === onOutput) this.clients.delete(run.oneOffId);
      },
    };
  }

  accept(notice: TtyOutputNotice): void {
    const client = this.clients.get(notice.oneOffId);
    if (client) {
      client(notice.data);
      return;
    }
    const early = this.early.get(notice.oneOffId) ?? [];
    if (early.reduce((n, b) => n + b.length, 0) + notice.data.length > EARLY_OUTPUT_BYTES) return;
    early.push(notice.data);
    this.early.set(notice.oneOffId, early);
  }

  /** The run ended: nothing more is kept for it. */
  forget(oneOffId: string): void {
    this.clients.delete(oneOffId);
    this.early.delete(oneOffId);
  }
}
