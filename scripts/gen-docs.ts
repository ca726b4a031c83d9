/** `npm run gen:docs`: writes the reference pages made from the code (docs/reference/). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appSpecJsonSchema, renderAppSpecReference } from '../cli/app-spec-reference.js';
import { renderCliReference } from '../cli/cli-reference.js';
import { renderErrorReference } from '../cli/error-reference.js';
import { program } from '../cli/main.js';

const reference = join(import.meta.dirname, '..', 'docs', 'reference');
writeFileSync(join(reference, 'errors.md'), renderErrorReference());
writeFileSync(join(reference, 'cli.md'), renderCliReference(program));
writeFileSync(join(reference, 'app-spec.md'), renderAppSpecReference());
writeFileSync(join(reference, 'app-spec.schema.json'), `${JSON.stringify(appSpecJsonSchema(), null, 2)}\n`);
