/**
 * The log-read contract between controller and agent (core NATS request, streamed reply):
 *
 *   controller → berth.agent.ID.logs   LogRead (reply subject R)
 *   agent      → R                     LogChunk { lines } …, then { end } or { error }
 *   controller → R.alive               every LOG_ALIVE_MS while it still reads (follow)
 *   controller → R.stop                when it stops reading
 *
 * An agent stops a follow read on R.stop, or when no R.alive came for LOG_ALIVE_TIMEOUT_MS (the
 * reader died). Both sides validate every payload with these schemas.
 */
import { z } from 'zod';

export const LOG_ALIVE_MS = 5_000;
export const LOG_ALIVE_TIMEOUT_MS = 20_000;
/** Lines per chunk at most, and how long an agent holds lines before it sends a chunk. */
export const LOG_CHUNK_LINES = 200;
export const LOG_CHUNK_MS = 100;
/** A line longer than this is cut (a runaway line must not make a chunk too big for NATS). */
export const LOG_LINE_MAX = 8_192;

export const LogReadSchema = z.strictObject({
  /** Container names (instance ids) on that agent. */
  instanceIds: z.array(z.string().min(1).max(200)).min(1).max(1000),
  /** Only lines from then on (ms since the epoch); 0: from the start. */
  sinceMs: z.number().int().min(0),
  /** The last N lines of each instance; 0: all of them (since sinceMs). */
  tail: z.number().int().min(0).max(100_000),
  follow: z.boolean(),
});
export type LogRead = z.infer<typeof LogReadSchema>;

export const LogLineSchema = z.strictObject({
  instanceId: z.string(),
  stream: z.enum(['stdout', 'stderr']),
  atMs: z.number().int().min(0),
  text: z.string().max(LOG_LINE_MAX),
});
export type LogLine = z.infer<typeof LogLineSchema>;

export const LogChunkSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('lines'), lines: z.array(LogLineSchema).max(LOG_CHUNK_LINES) }),
  z.strictObject({ type: z.literal('end') }),
  z.strictObject({ type: z.literal('error'), message: z.string().max(2_000) }),
]);
export type LogChunk = z.infer<typeof LogChunkSchema>;

/**
 * A Docker log line with `timestamps: true`: "2026-11-23T10:00:00.123456789Z text". Pure; a line
 * without a timestamp keeps `fallbackMs`.
 */
export function parseTimestampedLine(raw: string, fallbackMs: number): { atMs: number; text: string } {
  const space = raw.indexOf(' ');
  const atMs = space > 0 ? Date.parse(raw.slice(0, space)) : NaN;
  if (Number.isNaN(atMs)) return { atMs: fallbackMs, text: raw.slice(0, LOG_LINE_MAX) };
  return { atMs, text: raw.slice(space + 1, space + 1 + LOG_LINE_MAX) };
}
