import { describe, expect, it } from 'vitest';
import { commandWords } from '../../cli/completion-command.js';
import { commandPaths, EXAMPLES } from '../../cli/examples.js';
import { program } from '../../cli/main.js';

describe('the command tree', () => {
  const paths = commandPaths(program).filter((p) => p !== 'help');

  it('every command has examples, and every example names a command that exists', () => {
    expect(paths.filter((p) => !EXAMPLES[p])).toEqual([]);
    expect(Object.keys(EXAMPLES).filter((p) => !paths.includes(p))).toEqual([]);
  });

  it('completion knows every command path', () => {
    const words = commandWords(program);
    for (const path of paths) expect(words.has(path), path).toBe(true);
  });
});
