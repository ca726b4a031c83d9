import { describe, expect, it } from 'vitest';
import { parseProcfile, procfileFromLabel } from '../../agent/core/procfile.js';
import { isBerthError } from '../../shared/errors.js';

describe('parseProcfile', () => {
  const valid: Array<[string, string, Record<string, string>]> = [
    ['empty', '', {}],
    ['one process', 'web: httpd -f -p $PORT -h /www', { web: 'httpd -f -p $PORT -h /www' }],
    ['comments, blank lines, CRLF and spaces', '# processes\r\n\r\n  web:   bin/web  \r\n\n# end\n', { web: 'bin/web' }],
    ['names with digits, "_" and "-"', 'worker_2: run\nrelease-task: migrate', { worker_2: 'run', 'release-task': 'migrate' }],
    ['a colon inside the command', 'web: sh -c "echo a:b"', { web: 'sh -c "echo a:b"' }],
    ['no space after the colon', 'web:serve', { web: 'serve' }],
    ['a # inside a command is not a comment', 'web: echo "#1"', { web: 'echo "#1"' }],
  ];
  it.each(valid)('%s', (_name, text, expected) => {
    expect(parseProcfile(text)).toEqual(expected);
  });

  const invalid: Array<[string, string, RegExp]> = [
    ['no colon', 'web bin/web', /line 1: expected "name: command"/],
    ['a name with a dot', '\nweb.1: run', /line 2: expected/],
    ['a name with a space', 'my web: run', /line 1: expected/],
    ['an empty name', ': run', /line 1: expected/],
    ['an empty command', 'web:', /line 1: "web" has no command/],
    ['a name twice', 'web: a\n# x\nweb: b', /line 3: "web" is defined twice/],
    ['a name of 129 characters', `${'w'.repeat(129)}: run`, /line 1: the name is longer than 128 characters/],
    ['a command of 65537 characters', `web: ${'x'.repeat(65_537)}`, /line 1: the command of "web" is longer than 65536 characters/],
    ['every invalid line is named', 'bad\nweb: ok\nalso bad', /line 1: .*; line 3: /],
  ];
  it.each(invalid)('rejects %s', (_name, text, message) => {
    let error: unknown;
    try {
      parseProcfile(text);
    } catch (err) {
      error = err;
    }
    expect(isBerthError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe('procfileFromLabel', () => {
  const cases: Array<[string | undefined, Record<string, string> | null]> = [
    [undefined, null],
    ['{}', {}],
    ['{"web":"serve","worker":"work"}', { web: 'serve', worker: 'work' }],
    ['not json', null],
    ['["web"]', null],
    ['{"web":1}', null],
    ['null', null],
  ];
  it.each(cases)('%s', (label, expected) => {
    expect(procfileFromLabel(label)).toEqual(expected);
  });
});
