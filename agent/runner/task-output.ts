/**
 * Output lines of a task (a one-off's log, a build's output), sent to the controller in batches
 * every flushMs rather than one report per line, with the last lines kept for the task's result.
 */
export class TaskOutput {
  private batch: string[] = [];
  private batchStderr: boolean[] = [];
  private readonly tail: string[] = [];
  private readonly flusher: NodeJS.Timeout;

  constructor(
    /** `stderr`: parallel to lines, true for a line written to stderr. */
    private readonly send: (lines: string[], stderr: boolean[]) => void,
    private readonly tailLines = 100,
    flushMs = 200,
  ) {
    this.flusher = setInterval(() => this.flush(), flushMs);
  }

  readonly line = (line: string, stream: 'stdout' | 'stderr' = 'stdout'): void => {
    this.batch.push(line);
    this.batchStderr.push(stream === 'stderr');
    this.tail.push(line);
    if (this.tail.length > this.tailLines) this.tail.shift();
  };

  /** The last tailLines lines, oldest first. */
  lastLines(count = this.tailLines): string[] {
    return this.tail.slice(-count);
  }

  /** Sends what is left and stops the timer; call it once, in a finally. */
  close(): void {
    clearInterval(this.flusher);
    this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const lines = this.batch;
    const stderr = this.batchStderr;
    this.batch = [];
    this.batchStderr = [];
    this.send(lines, stderr.some(Boolean) ? stderr : []);
  }
}
