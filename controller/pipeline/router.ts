/**
 * Routing: turns the controller's state into Traefik configuration — one file per app for the
 * file provider, all apps as one JSON document for the HTTP provider.
 */
import type { Store } from '../adapters/store.js';
import { writeAppConfig, type WriteOutcome } from '../adapters/traefik-files.js';
import { appRoutesOf, type RoutedInstanceRef } from '../core/app-routes.js';
import { releaseKey } from '../core/release.js';
import { expectedRoutes, type ExpectedRoutes } from '../core/route-confirmation.js';
import { mergeConfigs, renderAppConfig, type TraefikDynamic, type TraefikOptions } from '../core/traefik-config.js';
import type { RouteConfirmOptions } from './route-confirmer.js';

export interface RouterOptions {
  traefikDir: string;
  traefik: TraefikOptions;
  /** How a routes change is confirmed before old instances drain. */
  confirm: RouteConfirmOptions;
}

/** The instances behind a list of ids, as the controller knows them. */
export function instanceRefs(store: Store, instanceIds: string[]): RoutedInstanceRef[] {
  return instanceIds.flatMap((id) => {
    const known = store.data.instances[id];
    return known ? [{ instanceId: id, service: known.service, agentId: known.agentId }] : [];
  });
}

/** The config an app would have with `instanceIds` of `release` routed (null: nothing to route). */
export function renderRoutes(store: Store, options: RouterOptions, app: string, release: string, instanceIds: string[]): TraefikDynamic | null {
  const r = store.data.releases[releaseKey(app, release)];
  if (!r) return null;
  return renderAppConfig(appRoutesOf(r, instanceRefs(store, instanceIds), store.data.agents), options.traefik);
}

/**
 * Writes to one app's file happen one at a time, each rendering from the state as it is when its
 * turn comes: a refresh (an agent went down) racing a deployment's switch must not land last with
 * the old release, and two writes must never share the temp file.
 */
const writeQueues = new Map<string, Promise<unknown>>();

/** Queues and pending refreshes are per Traefik directory and app. */
function queueKey(options: RouterOptions, app: string): string {
  return `${options.traefikDir}\0${app}`;
}

function serializeWrite<T>(options: RouterOptions, app: string, write: () => Promise<T>): Promise<T> {
  const key = queueKey(options, app);
  const next = (writeQueues.get(key) ?? Promise.resolve()).then(write, write);
  const settled = next.catch(() => undefined);
  writeQueues.set(key, settled);
  void settled.then(() => {
    if (writeQueues.get(key) === settled) writeQueues.delete(key);
  });
  return next;
}

/**
 * Writes the app's file for the given routed set; throws ROUTING_FAILED (the previous file stays)
 * or INVALID_CONFIG. The app's routed set in the store changes only after the file is written.
 */
export function routeApp(store: Store, options: RouterOptions, app: string, release: string, instanceIds: string[]): Promise<WriteOutcome> {
  return serializeWrite(options, app, async () => {
    const outcome = await writeAppConfig(options.traefikDir, app, renderRoutes(store, options, app, release, instanceIds));
    store.update((s) => {
      const record = s.apps[app];
      if (record) record.routed = { release, instanceIds: [...instanceIds] };
    });
    return outcome;
  });
}

/**
 * Takes an app out of routing (berth apps delete): its routed set is forgotten and its file
 * removed in one turn of the app's write queue, so a refresh queued later (an instance event while
 * the app's instances are removed) finds nothing routed and cannot write the file back.
 */
export function unrouteApp(store: Store, options: RouterOptions, app: string): Promise<WriteOutcome> {
  return serializeWrite(options, app, async () => {
    store.update((s) => {
      const record = s.apps[app];
      if (record) record.routed = null;
    });
    return writeAppConfig(options.traefikDir, app, null);
  });
}

/** Refreshes queued and not yet rendered, by app: a later request joins the one waiting. */
const pendingRefreshes = new Map<string, Promise<WriteOutcome | null>>();

/**
 * Rewrites an app's file from what is routed now (an instance changed, an agent went down or came
 * back, a restart). Requests made while one waits for its turn share it: it renders the state as
 * it is when its turn comes, so it holds every change made before it, and a burst of instance
 * events costs one write.
 */
export function refreshRoutes(store: Store, options: RouterOptions, app: string): Promise<WriteOutcome | null> {
  const key = queueKey(options, app);
  const pending = pendingRefreshes.get(key);
  if (pending) return pending;
  const refresh = serializeWrite(options, app, async () => {
    pendingRefreshes.delete(key);
    const routed = store.data.apps[app]?.routed;
    if (!routed) return null;
    return writeAppConfig(options.traefikDir, app, renderRoutes(store, options, app, routed.release, routed.instanceIds));
  });
  pendingRefreshes.set(key, refresh);
  return refresh;
}

/** What Traefik must show for the app as it is routed now; `serviceNames`: every service it may have had. */
export function expectedAppRoutes(store: Store, options: RouterOptions, app: string, serviceNames: string[]): ExpectedRoutes {
  const routed = store.data.apps[app]?.routed;
  return expectedRoutes(routed ? renderRoutes(store, options, app, routed.release, routed.instanceIds) : null, app, serviceNames);
}

/** Every app's routes in one document, for Traefik's HTTP provider. */
export function renderAllRoutes(store: Store, options: RouterOptions): TraefikDynamic | Record<string, never> {
  const configs: TraefikDynamic[] = [];
  for (const name of Object.keys(store.data.apps).sort()) {
    const routed = store.data.apps[name]?.routed;
    const config = routed ? renderRoutes(store, options, name, routed.release, routed.instanceIds) : null;
    if (config) configs.push(config);
  }
  return mergeConfigs(configs);
}
