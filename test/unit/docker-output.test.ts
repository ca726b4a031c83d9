import { describe, expect, it } from 'vitest';
import { demuxFrames, linesOfOutput, splitLines } from '../../agent/core/docker-output.js';

/** One frame as Docker writes it: stream byte (1 out, 2 err), three zero bytes, the length, the text. */
function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe("a container's framed output, in lines", () => {
  it.each([
    [
      'one line per frame',
      [frame(1, 'a\n'), frame(2, 'b\n')],
      [
        ['stdout', 'a'],
        ['stderr', 'b'],
      ],
    ],
    ['a line split over two frames', [frame(1, 'hel'), frame(1, 'lo\n')], [['stdout', 'hello']]],
    [
      'stdout and stderr each carry their own unfinished line',
      [frame(1, 'o1'), frame(2, 'e1'), frame(1, 'o2\n'), frame(2, '\n')],
      [
        ['stdout', 'o1o2'],
        ['stderr', 'e1'],
      ],
    ],
    [
      'an unfinished last line still counts',
      [frame(1, 'a\nb')],
      [
        ['stdout', 'a'],
        ['stdout', 'b'],
      ],
    ],
    [
      'several lines in one frame, empty ones kept',
      [frame(1, 'a\n\nb\n')],
      [
        ['stdout', 'a'],
        ['stdout', ''],
        ['stdout', 'b'],
      ],
    ],
    ['UTF-8 text', [frame(1, 'héllo ✓\n')], [['stdout', 'héllo ✓']]],
    ['nothing', [], []],
  ] as const)('%s', (_name, frames, lines) => {
    expect(linesOfOutput(Buffer.concat([...frames]))).toEqual(lines);
  });

  it('drops a truncated last frame header', () => {
    expect(demuxFrames(Buffer.concat([frame(1, 'a\n'), Buffer.from([1, 0, 0])]))).toEqual([['stdout', 'a\n']]);
  });

  it.each([
    ['', 'a\nb', ['a'], 'b'],
    ['x', 'y\n', ['xy'], ''],
    ['x', 'y', [], 'xy'],
    ['', '\n', [''], ''],
  ])('splitLines(%j, %j): lines %j, pending %j', (pending, text, lines, rest) => {
    expect(splitLines(pending, text)).toEqual({ lines, pending: rest });
  });
});
