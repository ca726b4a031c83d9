/**
 * The read side of the admin API (its "read" methods less the streams): what every controller
 * answers from the state it holds, the leader from its own and a follower from its copy
 * (state/mirror-backend.ts), so reads go on while controllers fail over.
 */
import type { AdminServiceHandlers } from '../../../proto/gen/berth/v1/AdminService.js';
import type { AppSummary } from '../../../proto/gen/berth/v1/AppSummary.js';
import type { AppRecord } from '../../state/schema.js';
import { BERTH_VERSION } from '../../../shared/version.js';
import type { DeploymentRecord } from '../../core/deployment-record.js';
import { getApp } from '../../pipeline/app-catalog.js';
import { appReleases, appRuns, storedDeployment, storedRun } from '../../pipeline/stored-records.js';
import { checkReveal } from '../permissions.js';
import {
  agentSummaryMessage,
  appMessage,
  appSummaryRow,
  deploymentMessage,
  envMessage,
  hookLogEntryMessage,
  releaseMessage,
  runMessage,
} from '../proto-mapping.js';
import type { AdminDeps } from './rpc.js';

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

export type ReadMethod =
  | 'ListAgents'
  | 'ListEnv'
  | 'GetApp'
  | 'ListApps'
  | 'ListDeployments'
  | 'GetDeployment'
  | 'ListReleases'
  | 'ListHookLog'
  | 'ListRuns'
  | 'GetRun';

export interface ReadDeps extends AdminDeps {
  rows: AppSummaryRows;
  /** An app's deployments, newest first (the leader's runner keeps an index of them). */
  deploymentsOf: (app: string) => DeploymentRecord[];
}

export function readHandlers({ rpc, store, rows, deploymentsOf }: ReadDeps): Pick<AdminServiceHandlers, ReadMethod> {
  return {
    ListAgents: rpc.unary('ListAgents', () => {
      const known = new Set(Object.keys(store.data.instances));
      return {
        agents: Object.values(store.data.agents)
          .sort((a, b) => a.id.localeCompare(b.id))
          .map((agent) => agentSummaryMessage(agent, known)),
        controllerVersion: BERTH_VERSION,
      };
    }),
    ListEnv: rpc.unary('ListEnv', (request, caller) => {
      const reveal = checkReveal(caller, request.reveal, 'ListEnv');
      return { env: envMessage(request.app, getApp(store, request.app).spec.env, reveal) };
    }),
    GetApp: rpc.unary('GetApp', (request, caller) => ({
      app: appMessage(request.name, getApp(store, request.name), checkReveal(caller, request.reveal, 'GetApp')),
    })),
    ListApps: rpc.unary('ListApps', () => ({
      apps: Object.entries(store.data.apps)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, record]) => rows.row(name, record)),
    })),
    ListDeployments: rpc.unary('ListDeployments', (request) => ({
      deployments: deploymentsOf(request.app).map((d) => deploymentMessage(d, false)),
    })),
    GetDeployment: rpc.unary('GetDeployment', (request) => ({ deployment: deploymentMessage(storedDeployment(store, request.id)) })),
    ListReleases: rpc.unary('ListReleases', (request) => {
      const routed = getApp(store, request.app).routed?.release;
      return { releases: appReleases(store, request.app).map((r) => releaseMessage(r, r.name === routed)) };
    }),
    ListHookLog: rpc.unary('ListHookLog', (request) => {
      getApp(store, request.app);
      return { entries: (store.data.hookLog[request.app] ?? []).map(hookLogEntryMessage) };
    }),
    ListRuns: rpc.unary('ListRuns', (request) => ({ runs: appRuns(store, request.app).map(runMessage) })),
    GetRun: rpc.unary('GetRun', (request) => ({ run: runMessage(storedRun(store, request.id)) })),
  };
}
