/** An app's environment (the spec's env): list (values only with reveal), set, unset; applied at the next deploy. */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import { envAfterSet, envAfterUnset } from '../../core/admin-rules.js';
import { getApp } from '../../pipeline/app-catalog.js';
import { envMessage } from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

export function envHandlers({ rpc, store, log }: AdminDeps): Pick<AdminServiceHandlers, 'SetEnv' | 'UnsetEnv'> {
  /** The spec is replaced, not edited: the ListApps rows are remembered per spec object. */
  const replaceEnv = (app: string, env: Record<string, string>): void => {
    store.update((s) => {
      const record = s.apps[app];
      if (!record) return;
      record.spec = { ...record.spec, env };
      record.updatedAtMs = Date.now();
    });
  };
  const answer = (app: string) => ({ env: envMessage(app, getApp(store, app).spec.env, false) });
  return {
    SetEnv: rpc.unary('SetEnv', (request) => {
      const env = envAfterSet(getApp(store, request.app).spec.env, request.values);
      replaceEnv(request.app, env);
      log.info({ app: request.app, names: Object.keys(request.values) }, 'env set');
      return answer(request.app);
    }),
    UnsetEnv: rpc.unary('UnsetEnv', (request) => {
      const env = envAfterUnset(request.app, getApp(store, request.app).spec.env, request.names);
      replaceEnv(request.app, env);
      log.info({ app: request.app, names: request.names }, 'env unset');
      return answer(request.app);
    }),
  };
}
