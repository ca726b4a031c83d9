/**
 * docs/reference/errors.md, made from the code: every error code, what it means, the gRPC status
 * the admin API answers it with and the CLI's exit status. `npm run gen:docs` writes the page; a
 * unit test fails when the page and the code disagree. Pure.
 */
import { status } from '@grpc/grpc-js';
import { grpcStatusOf } from '../controller/api/grpc-status.js';
import { ERROR_CODES, ERROR_MEANINGS, BerthError } from '../shared/errors.js';
import { exitCodeOf } from './exit-codes.js';

export function renderErrorReference(): string {
  const rows = ERROR_CODES.map((code) => {
    const grpcName = status[grpcStatusOf(code)];
    return `| \`${code}\` | ${ERROR_MEANINGS[code]} | ${grpcName} | ${exitCodeOf(new BerthError(code, ''))} |`;
  });
  return [
    '# Error codes',
    '',
    '<!-- Generated from shared/errors.ts, controller/api/grpc-status.ts and cli/exit-codes.ts by `npm run gen:docs`; do not edit. -->',
    '',
    'Every error Berth reports carries one of these codes: the CLI prints it in brackets at the end of',
    'its message (`berth: no app "shop" … [NOT_FOUND]`), the admin API sends it as the',
    '`berth-error-code` metadata beside the gRPC status, and hook answers have it as `error.code`. The',
    'message says what happened and what to do; the code is the part scripts may rely on.',
    '',
    '| code | means | gRPC status | CLI exit status |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    'CLI exit statuses: 0 done, 1 the operation failed, 2 the command line was wrong (also for',
    'arguments the CLI checks itself), 3 the controller could not be reached or refused the token,',
    '130 stopped with Ctrl-C.',
    '',
  ].join('\n');
}
