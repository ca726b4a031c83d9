/** What every command prints with: lines, stable JSON for scripts, colour only for people. */
export function printLine(text: string): void {
  process.stdout.write(`${text}\n`);
}

/**
 * JSON for scripts: int64 fields arrive from gRPC as strings (longs=String) and are turned into
 * numbers by the caller; this prints with two-space indent and a final newline.
 */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

const COLOURS = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
export type Colour = keyof typeof COLOURS;

/** Colour on a terminal only, and never when NO_COLOR is set (no-color.org). */
export function paint(text: string, colour: Colour, stream: NodeJS.WriteStream = process.stdout): string {
  if (!stream.isTTY || process.env.NO_COLOR) return text;
  return `\u001b[${COLOURS[colour]}m${text}\u001b[0m`;
}

/** The colour of a status word in tables: green when fine, yellow when moving, red when not. */
export function statusColour(status: string): Colour | null {
  if (['ready', 'running', 'succeeded', 'deploy', 'admin'].includes(status)) return 'green';
  if (['draining', 'queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'cancelled', 'ignored'].includes(status)) return 'yellow';
  if (['down', 'failed', 'exited', 'rejected'].includes(status)) return 'red';
  return null;
}
