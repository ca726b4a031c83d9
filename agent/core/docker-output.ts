/**
 * A container's output as Docker sends it, made into lines. Without a TTY, Docker frames stdout and
 * stderr into one stream (1 byte stream: 1 out, 2 err; 3 zero bytes; 4 bytes length, big-endian);
 * a line may span frames, so each stream's unfinished line is carried to its next text.
 * Pure: bytes and text in, lines out.
 */
export type OutputStream = 'stdout' | 'stderr';

/** The frames of a whole framed output, in order; a truncated last frame is dropped. */
export function demuxFrames(raw: Buffer): Array<[OutputStream, string]> {
  const frames: Array<[OutputStream, string]> = [];
  for (let at = 0; at + 8 <= raw.length; ) {
    const size = raw.readUInt32BE(at + 4);
    frames.push([raw[at] === 2 ? 'stderr' : 'stdout', raw.subarray(at + 8, at + 8 + size).toString('utf8')]);
    at += 8 + size;
  }
  return frames;
}

/** The whole lines of `pending + text`, and what is left of an unfinished last line. */
export function splitLines(pending: string, text: string): { lines: string[]; pending: string } {
  const lines = (pending + text).split('\n');
  return { lines, pending: lines.pop() ?? '' };
}

/** Every line of a whole framed output with its stream; an unfinished last line counts as a line. */
export function linesOfOutput(raw: Buffer): Array<[OutputStream, string]> {
  const out: Array<[OutputStream, string]> = [];
  const pending: Record<OutputStream, string> = { stdout: '', stderr: '' };
  for (const [stream, text] of demuxFrames(raw)) {
    const split = splitLines(pending[stream], text);
    pending[stream] = split.pending;
    for (const line of split.lines) out.push([stream, line]);
  }
  for (const stream of ['stdout', 'stderr'] as const) if (pending[stream]) out.push([stream, pending[stream]]);
  return out;
}
