/**
 * Stored deployments, runs and releases looked up by id or app: what the leader's pipeline and
 * every controller's reads (api/admin/reads.ts) share.
 */
import { BerthError } from '../../shared/errors.js';
import type { DeploymentRecord } from '../core/deployment-record.js';
import type { Release } from '../core/release.js';
import type { RunRecord } from '../core/run.js';
import type { Store } from '../state/store.js';
import { getApp } from './app-catalog.js';

export function storedDeployment(store: Store, id: string): DeploymentRecord {
  const d = store.data.deployments[id];
  if (!d) throw new BerthError('NOT_FOUND', `no deployment "${id}"; 'berth deployments APP' lists an app's deployments`, { deploymentId: id });
  return d;
}

/** An app's deployments, newest first, found among every app's (the leader keeps an index instead). */
export function appDeployments(store: Store, app: string): DeploymentRecord[] {
  getApp(store, app);
  return newestFirst(Object.values(store.data.deployments).filter((d) => d.app === app));
}

export function storedRun(store: Store, id: string): RunRecord {
  const run = store.data.runs[id];
  if (!run) throw new BerthError('NOT_FOUND', `no run "${id}"; 'berth runs APP' lists an app's runs`, { runId: id });
  return run;
}

/** The app's runs, newest first. */
export function appRuns(store: Store, app: string): RunRecord[] {
  getApp(store, app);
  return newestFirst(Object.values(store.data.runs).filter((r) => r.app === app));
}

/** An app's releases, newest first. */
export function appReleases(store: Store, app: string): Release[] {
  return Object.values(store.data.releases)
    .filter((r) => r.app === app)
    .sort((a, b) => b.number - a.number);
}

export function newestFirst<T extends { createdAtMs: number }>(records: T[]): T[] {
  return records.sort((a, b) => b.createdAtMs - a.createdAtMs);
}
