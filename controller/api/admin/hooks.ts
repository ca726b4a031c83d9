/**
 * An app's redeployment hook (URL, token rotation, webhook secret, log, dry runs), its deployment
 * notification URLs and its GitHub deployments settings.
 */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import { newHookToken, newToken } from '../../../shared/ids.js';
import { githubSettings, hookSecret, notificationUrls, testHookHeaders } from '../../core/admin-rules.js';
import { getApp } from '../../pipeline/app-catalog.js';
import type { HookReceiver } from '../../pipeline/hook-receiver.js';
import { githubMessage, hookMessage, notificationsMessage, testHookMessage } from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

export interface HookDeps extends AdminDeps {
  hooks: HookReceiver;
  /** The base of hook URLs (the HTTP address is known only once it listens). */
  publicUrl: () => string;
}

export function hookHandlers({
  rpc,
  store,
  log,
  hooks,
  publicUrl,
}: HookDeps): Pick<AdminServiceHandlers, 'GetHook' | 'RotateHook' | 'SetHookSecret' | 'TestHook' | 'SetNotifications' | 'SetGithub'> {
  const hookOf = (app: string, secret = '') => hookMessage(publicUrl(), app, getApp(store, app).hook, secret);
  return {
    GetHook: rpc.unary('GetHook', (request) => ({ hook: hookOf(request.app) })),
    RotateHook: rpc.unary('RotateHook', (request) => {
      getApp(store, request.app);
      store.update((s) => {
        const record = s.apps[request.app];
        if (record) record.hook = { ...record.hook, token: newHookToken() };
      });
      log.info({ app: request.app }, 'hook token rotated');
      return { hook: hookOf(request.app) };
    }),
    SetHookSecret: rpc.unary('SetHookSecret', (request) => {
      getApp(store, request.app);
      const secret = hookSecret(request, newToken(32));
      store.update((s) => {
        const record = s.apps[request.app];
        if (record) record.hook = { ...record.hook, secret };
      });
      log.info({ app: request.app, hasSecret: Boolean(secret) }, 'webhook secret changed');
      return { hook: hookOf(request.app, secret ?? '') };
    }),
    TestHook: rpc.unary('TestHook', (request) => {
      const headers = testHookHeaders(request);
      const body = Buffer.from(request.payload, 'utf8');
      const decision = hooks.test(request.app, { headers, contentType: body.length ? 'application/json' : '', body }, request.services || null);
      return testHookMessage(decision);
    }),
    SetNotifications: rpc.unary('SetNotifications', (request) => {
      const current = getApp(store, request.app).notify.urls;
      const urls = notificationUrls(current, request.add, request.remove);
      store.update((s) => {
        const record = s.apps[request.app];
        if (record) record.notify = { ...record.notify, urls };
      });
      return notificationsMessage(request.app, store.data.apps[request.app]?.notify);
    }),
    SetGithub: rpc.unary('SetGithub', (request) => {
      getApp(store, request.app);
      const github = githubSettings(request);
      store.update((s) => {
        const record = s.apps[request.app];
        if (record) record.github = github;
      });
      return githubMessage(request.app, store.data.apps[request.app]?.github);
    }),
  };
}
