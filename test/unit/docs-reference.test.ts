import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderErrorReference } from '../../cli/error-reference.js';
import { ERROR_CODES } from '../../shared/errors.js';

const REPO = join(import.meta.dirname, '..', '..');

describe('docs/reference, made from the code', () => {
  it('errors.md is what npm run gen:docs writes now: every code, with its meaning, gRPC status and exit status', () => {
    const page = readFileSync(join(REPO, 'docs', 'reference', 'errors.md'), 'utf8');
    expect(page, 'docs/reference/errors.md is out of date: run npm run gen:docs').toBe(renderErrorReference());
    for (const code of ERROR_CODES) expect(page).toContain(`| \`${code}\` |`);
  });
});
