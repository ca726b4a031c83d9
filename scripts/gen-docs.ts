/** `npm run gen:docs`: writes the reference pages made from the code (docs/reference/). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCliReference } from '../cli/cli-reference.js';
import { renderErrorReference } from '../cli/error-reference.js';
import { program } from '../cli/main.js';

const root = join(import.meta.dirname, '..');
writeFileSync(join(root, 'docs', 'reference', 'errors.md'), renderErrorReference());
writeFileSync(join(root, 'docs', 'reference', 'cli.md'), renderCliReference(program));
