/**
 * The terminals of interactive one-offs running on this agent, by one-off id: keystrokes and
 * window sizes that arrive from the controller (TtyInput on the report stream) go to the one-off
 * they name. Owned by the agent's composition root; run-oneoff registers a terminal while it runs.
 */
import type { TtyAttachment } from '../adapters/docker.js';

export interface TtyInputMessage {
  oneOffId: string;
  data: Buffer;
  rows: number;
  cols: number;
}

/** Input kept for one-offs whose terminal is not attached yet (the first window size comes early). */
const EARLY_INPUTS = 100;
const EARLY_BYTES = 64 * 1024;

export class TtySessions {
  private readonly terminals = new Map<string, TtyAttachment>();
  /** Input that arrived before its one-off's terminal was attached, oldest one-off first. */
  private readonly early = new Map<string, TtyInputMessage[]>();

  /** Returns the function that unregisters it. Input that came early is applied now. */
  register(oneOffId: string, terminal: TtyAttachment): () => void {
    this.terminals.set(oneOffId, terminal);
    for (const input of this.early.get(oneOffId) ?? []) this.deliver(input);
    this.early.delete(oneOffId);
    return () => {
      if (this.terminals.get(oneOffId) === terminal) this.terminals.delete(oneOffId);
    };
  }

  /** Input for a one-off whose terminal is not attached is kept for a while (bounded), then dropped. */
  deliver(input: TtyInputMessage): void {
    const terminal = this.terminals.get(input.oneOffId);
    if (!terminal) {
      this.keepEarly(input);
      return;
    }
    if (input.data.length) terminal.write(input.data);
    if (input.rows > 0 && input.cols > 0) void terminal.resize(input.rows, input.cols);
  }

  private keepEarly(input: TtyInputMessage): void {
    const kept = this.early.get(input.oneOffId) ?? [];
    if (kept.reduce((n, i) => n + i.data.length, 0) + input.data.length > EARLY_BYTES) return;
    kept.push(input);
    this.early.set(input.oneOffId, kept);
    if (this.early.size > EARLY_INPUTS) this.early.delete(this.early.keys().next().value as string);
  }
}
