/**
 * Apps: apply a spec (validate, then create or update; never deploys), read them, delete one
 * (its instances are removed on their agents, its Traefik file goes, the app is forgotten).
 */
import { isDeepStrictEqual } from 'node:util';
import { parseAppSpec, type AppSpec } from '../../shared/app-spec.js';
import { BerthError } from '../../shared/errors.js';
import { newHookToken } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../state/store.js';
import type { AppRecord } from '../state/schema.js';
import { isTerminal } from '../core/deployment-machine.js';
import type { Router } from './router.js';
import type { TaskDispatcher } from './task-dispatcher.js';

export type ApplyOutcome = 'created' | 'updated' | 'unchanged';

export function applyApp(store: Store, text: string, source: string, now: number): { app: AppRecord; outcome: ApplyOutcome } {
  // Throws INVALID_ARGUMENT listing every problem; nothing is stored then.
  const spec: AppSpec = parseAppSpec(text, source);
  const existing = store.data.apps[spec.name];
  if (existing && isDeepStrictEqual(existing.spec, spec)) return { app: existing, outcome: 'unchanged' };
  const app: AppRecord = {
    spec,
    createdAtMs: existing?.createdAtMs ?? now,
    updatedAtMs: now,
    routed: existing?.routed ?? null,
    nextReleaseNumber: existing?.nextReleaseNumber ?? 1,
    hook: existing?.hook ?? { token: newHookToken(), secret: null },
    notify: existing?.notify ?? { urls: [], secret: newHookToken() },
    github: existing?.github ?? null,
  };
  store.update((s) => {
    s.apps[spec.name] = app;
  });
  return { app, outcome: existing ? 'updated' : 'created' };
}

export function getApp(store: Store, name: string): AppRecord {
  const app = store.data.apps[name];
  if (!app) {
    const known = Object.keys(store.data.apps).sort();
    throw new BerthError('NOT_FOUND', `no app "${name}"${known.length ? ` (apps: ${known.join(', ')})` : '; create one with berth apps apply -f FILE'}`, {
      app: name,
    });
  }
  return app;
}

export async function deleteApp(
  store: Store,
  dispatcher: TaskDispatcher,
  router: Router,
  name: string,
  log: Logger,
): Promise<{ instancesRemoved: number; routesRemoved: boolean }> {
  getApp(store, name);
  const active = Object.values(store.data.deployments).find((d) => d.app === name && !isTerminal(d.state));
  if (active)
    throw new BerthError(
      'FAILED_PRECONDITION',
      `${name} has a deployment in progress (${active.id}, ${active.state}); wait for it or cancel it with berth deployments cancel ${active.id}`,
    );
  // Routes first: traffic must stop reaching instances before they go.
  const routes = await router.unroute(name);
  const instances = Object.values(store.data.instances).filter((i) => i.app === name);
  for (const instance of instances) {
    // A down agent receives the task when it comes back (it waits in JetStream).
    await dispatcher.dispatch({ kind: 'remove-instance', agentId: instance.agentId, spec: { instanceId: instance.instanceId } }, { allowNotReady: true });
  }
  store.update((s) => {
    delete s.apps[name];
    for (const [key, release] of Object.entries(s.releases)) if (release.app === name) delete s.releases[key];
    for (const [id, deployment] of Object.entries(s.deployments)) if (deployment.app === name) delete s.deployments[id];
    delete s.hookLog[name];
  });
  log.info({ app: name, instancesRemoved: instances.length, routesRemoved: routes === 'removed' }, 'app deleted');
  return { instancesRemoved: instances.length, routesRemoved: routes === 'removed' };
}
