import { describe, expect, it } from 'vitest';
import { parseSince } from '../../cli/logs-command.js';
import { LOG_LINE_MAX, LogChunkSchema, LogReadSchema, parseTimestampedLine } from '../../shared/logs.js';

describe('parseTimestampedLine', () => {
  it.each([
    ['2026-11-23T10:00:00.123456789Z hello world', { atMs: Date.UTC(2026, 10, 23, 10, 0, 0, 123), text: 'hello world' }],
    ['2026-11-23T10:00:00Z ', { atMs: Date.UTC(2026, 10, 23, 10, 0, 0), text: '' }],
    ['no timestamp here', { atMs: 42, text: 'no timestamp here' }],
    ['', { atMs: 42, text: '' }],
  ])('%j', (raw, expected) => {
    expect(parseTimestampedLine(raw, 42)).toEqual(expected);
  });

  it('cuts a runaway line', () => {
    expect(parseTimestampedLine(`2026-11-23T10:00:00Z ${'x'.repeat(LOG_LINE_MAX + 10)}`, 0).text).toHaveLength(LOG_LINE_MAX);
  });
});

describe('log-read schemas', () => {
  it.each([
    [{ instanceIds: ['a'], sinceMs: 0, tail: 100, follow: false }, true],
    [{ instanceIds: [], sinceMs: 0, tail: 100, follow: false }, false],
    [{ instanceIds: ['a'], sinceMs: -1, tail: 100, follow: false }, false],
    [{ instanceIds: ['a'], sinceMs: 0, tail: 100, follow: false, extra: 1 }, false],
  ])('read %j valid: %s', (value, ok) => {
    expect(LogReadSchema.safeParse(value).success).toBe(ok);
  });

  it.each([
    [{ type: 'lines', lines: [{ instanceId: 'i', stream: 'stdout', atMs: 1, text: 't' }] }, true],
    [{ type: 'lines', lines: [{ instanceId: 'i', stream: 'tty', atMs: 1, text: 't' }] }, false],
    [{ type: 'end' }, true],
    [{ type: 'error', message: 'gone' }, true],
    [{ type: 'other' }, false],
  ])('chunk %j valid: %s', (value, ok) => {
    expect(LogChunkSchema.safeParse(value).success).toBe(ok);
  });
});

describe('parseSince', () => {
  const now = Date.UTC(2026, 10, 23, 12, 0, 0);
  it.each([
    [undefined, 0],
    ['10m', now - 600_000],
    ['2h', now - 7_200_000],
    ['2026-11-23T10:00:00Z', Date.UTC(2026, 10, 23, 10, 0, 0)],
  ])('%s', (value, expected) => {
    expect(parseSince(value, now)).toBe(expected);
  });

  it('anything else is a usage error', () => {
    expect(() => parseSince('yesterday', now)).toThrow(/--since yesterday: give a duration/);
  });
});
