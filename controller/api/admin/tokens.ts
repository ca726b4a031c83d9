/** Named API tokens: create (the token is shown once), list, revoke. */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import { newToken } from '../../../shared/ids.js';
import type { TokenRecord } from '../../state/schema.js';
import { checkRevocable, newTokenName, tokenScope } from '../../core/admin-rules.js';
import { hashToken } from '../auth.js';
import { createdTokenMessage, tokenInfoMessage } from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

export function tokenHandlers({ rpc, store, log }: AdminDeps): Pick<AdminServiceHandlers, 'CreateToken' | 'ListTokens' | 'RevokeToken'> {
  return {
    CreateToken: rpc.unary('CreateToken', (request) => {
      const name = newTokenName(request.name, (taken) => store.data.tokens[taken] !== undefined);
      const token = newToken(32);
      const record: TokenRecord = { name, scope: tokenScope(request.readOnly), hash: hashToken(token), createdAtMs: Date.now() };
      store.update((s) => {
        s.tokens[name] = record;
      });
      log.info({ tokenName: name, scope: record.scope }, 'API token created');
      return createdTokenMessage(record, token);
    }),
    ListTokens: rpc.unary('ListTokens', () => ({
      tokens: Object.values(store.data.tokens)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(tokenInfoMessage),
    })),
    RevokeToken: rpc.unary('RevokeToken', (request) => {
      checkRevocable(request.name, store.data.tokens[request.name] !== undefined);
      store.update((s) => {
        delete s.tokens[request.name];
      });
      log.info({ tokenName: request.name }, 'API token revoked');
      return { name: request.name };
    }),
  };
}
