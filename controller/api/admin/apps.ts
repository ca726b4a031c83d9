/** Apps: apply a spec, show one, list them, delete one, read their instances' output. */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import type { AppSummary } from '../../../proto/gen/berth/v1/AppSummary.js';
import type { NatsAdapter } from '../../adapters/nats.js';
import type { AppRecord } from '../../state/schema.js';
import { applyApp, deleteApp, getApp } from '../../pipeline/app-catalog.js';
import { readAppLogs } from '../../pipeline/log-reader.js';
import type { Router } from '../../pipeline/router.js';
import type { TaskDispatcher } from '../../pipeline/task-dispatcher.js';
import { checkReveal } from '../permissions.js';
import { appMessage, appSummaryRow, logLineMessage, logQuery } from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

/** Log lines per StreamLogs message: large reads go out in pieces, so no message nears gRPC's 4 MiB limit. */
const LOG_LINES_PER_MESSAGE = 500;

/**
 * ListApps rows, remembered per spec object: a spec is replaced, never edited, where its services
 * or domains could change (apply, env); Scale edits only `scale`. Each row comes back as the same
 * frozen object while the app's spec and routed release are unchanged, so the row's encoded bytes
 * can be kept beside it (app-list-encoding.ts). One per admin service.
 */
export class AppSummaryRows {
  private readonly rows = new WeakMap<AppRecord['spec'], Readonly<AppSummary>>();

  row(name: string, record: AppRecord): Readonly<AppSummary> {
    const cached = this.rows.get(record.spec);
    if (cached && cached.name === name && cached.release === (record.routed?.release ?? '')) return cached;
    const row = appSummaryRow(name, record);
    this.rows.set(record.spec, row);
    return row;
  }
}

export interface AppDeps extends AdminDeps {
  nats: NatsAdapter;
  dispatcher: TaskDispatcher;
  /** Where and how apps are routed (apps delete takes an app out of routing). */
  router: Router;
  rows: AppSummaryRows;
}

export function appHandlers({
  rpc,
  store,
  log,
  nats,
  dispatcher,
  router,
  rows,
}: AppDeps): Pick<AdminServiceHandlers, 'ApplyApp' | 'GetApp' | 'ListApps' | 'DeleteApp' | 'StreamLogs'> {
  return {
    ApplyApp: rpc.unary('ApplyApp', (request) => {
      const { app, outcome } = applyApp(store, request.specText, request.source || 'spec', Date.now());
      log.info({ app: app.spec.name, outcome }, 'app applied');
      return { app: appMessage(app.spec.name, app), outcome };
    }),
    GetApp: rpc.unary('GetApp', (request, caller) => ({
      app: appMessage(request.name, getApp(store, request.name), checkReveal(caller, request.reveal, 'GetApp')),
    })),
    ListApps: rpc.unary('ListApps', () => ({
      apps: Object.entries(store.data.apps)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, record]) => rows.row(name, record)),
    })),
    DeleteApp: rpc.unary('DeleteApp', (request) => deleteApp(store, dispatcher, router, request.name, log)),
    StreamLogs: rpc.serverStream('StreamLogs', (call) =>
      readAppLogs(store, nats, logQuery(call.request), {
        lines: (lines) => {
          for (let at = 0; at < lines.length; at += LOG_LINES_PER_MESSAGE)
            call.write({ lines: lines.slice(at, at + LOG_LINES_PER_MESSAGE).map(logLineMessage), warnings: [] });
        },
        warn: (message) => call.write({ lines: [], warnings: [message] }),
        end: () => call.end(),
      }),
    ),
  };
}
