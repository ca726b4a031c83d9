import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCliReference } from '../../cli/cli-reference.js';
import { renderErrorReference } from '../../cli/error-reference.js';
import { program } from '../../cli/main.js';
import { ERROR_CODES } from '../../shared/errors.js';

const REPO = join(import.meta.dirname, '..', '..');

describe('docs/reference, made from the code', () => {
  it('errors.md is what npm run gen:docs writes now: every code, with its meaning, gRPC status and exit status', () => {
    const page = readFileSync(join(REPO, 'docs', 'reference', 'errors.md'), 'utf8');
    expect(page, 'docs/reference/errors.md is out of date: run npm run gen:docs').toBe(renderErrorReference());
    for (const code of ERROR_CODES) expect(page).toContain(`| \`${code}\` |`);
  });

  it('cli.md is what npm run gen:docs writes now: every command with its usage, options and examples', () => {
    const page = readFileSync(join(REPO, 'docs', 'reference', 'cli.md'), 'utf8');
    expect(page, 'docs/reference/cli.md is out of date: run npm run gen:docs').toBe(renderCliReference(program));
    expect(page).toContain('## berth hooks test');
    expect(page).toContain('`--source <host>`');
  });
});
