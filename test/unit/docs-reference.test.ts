import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appSpecJsonSchema, renderAppSpecReference } from '../../cli/app-spec-reference.js';
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

  it('app-spec.md and app-spec.schema.json are what npm run gen:docs writes now, from the schema', () => {
    const page = readFileSync(join(REPO, 'docs', 'reference', 'app-spec.md'), 'utf8');
    expect(page, 'docs/reference/app-spec.md is out of date: run npm run gen:docs').toBe(renderAppSpecReference());
    const schema = JSON.parse(readFileSync(join(REPO, 'docs', 'reference', 'app-spec.schema.json'), 'utf8'));
    expect(schema, 'docs/reference/app-spec.schema.json is out of date: run npm run gen:docs').toEqual(appSpecJsonSchema());
    for (const field of ['`services.NAME.git.repo`', '`postdeployTimeout`', '`services.NAME.health.bootTimeout`']) expect(page).toContain(field);
  });
});
