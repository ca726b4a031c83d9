/** Apps: apply a spec, delete one, read their instances' output (their reads are in reads.ts). */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import type { NatsAdapter } from '../../adapters/nats.js';
import { applyApp, deleteApp } from '../../pipeline/app-catalog.js';
import { readAppLogs } from '../../pipeline/log-reader.js';
import type { Router } from '../../pipeline/router.js';
import type { TaskDispatcher } from '../../pipeline/task-dispatcher.js';
import { appMessage, logLineMessage, logQuery } from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

/** Log lines per StreamLogs message: large reads go out in pieces, so no message nears gRPC's 4 MiB limit. */
const LOG_LINES_PER_MESSAGE = 500;

export interface AppDeps extends AdminDeps {
  nats: NatsAdapter;
  dispatcher: TaskDispatcher;
  /** Where and how apps are routed (apps delete takes an app out of routing). */
  router: Router;
}

export function appHandlers({ rpc, store, log, nats, dispatcher, router }: AppDeps): Pick<AdminServiceHandlers, 'ApplyApp' | 'DeleteApp' | 'StreamLogs'> {
  return {
    ApplyApp: rpc.unary('ApplyApp', (request) => {
      const { app, outcome } = applyApp(store, request.specText, request.source || 'spec', Date.now());
      log.info({ app: app.spec.name, outcome }, 'app applied');
      return { app: appMessage(app.spec.name, app), outcome };
    }),
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
