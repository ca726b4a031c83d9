/**
 * Routing: turns the controller's state into Traefik configuration — one file per app for the
 * file provider, all apps as one JSON document for the HTTP provider.
 */
import type { Store } from '../state/store.js';
import { writeAppConfig, type WriteOutcome } from '../adapters/traefik-files.js';
import { appRoutesOf, type RoutedInstanceRef } from '../core/app-routes.js';
import { releaseKey } from '../core/release.js';
import { expectedRoutes, type ExpectedRoutes } from '../core/route-confirmation.js';
import { mergeConfigs, renderAppConfig, type TraefikDynamic, type TraefikOptions } from '../core/traefik-config.js';
import { KeyedQueue } from '../../shared/keyed-queue.js';
import type { ControllerConfig } from '../config.js';
import type { RouteConfirmOptions } from './route-confirmer.js';

export interface RouterOptions {
  traefikDir: string;
  traefik: TraefikOptions;
  /** How a routes change is confirmed before old instances drain. */
  confirm: RouteConfirmOptions;
  /** Throws when this controller may not write routes (it no longer leads: pipeline/leadership.ts). */
  mayWrite?: () => void;
}

/** A Router's options from the controller's settings; `mayWrite`: the leader's check (several controllers). */
export function routerOptions(config: ControllerConfig, mayWrite?: () => void): RouterOptions {
  return {
    traefikDir: config.traefikDir,
    traefik: { entryPoint: config.entryPoint, tlsEntryPoint: config.tlsEntryPoint },
    confirm: { apis: config.traefikApis, settleMs: config.traefikSettleMs, timeoutMs: config.traefikConfirmTimeoutMs },
    ...(mayWrite ? { mayWrite } : {}),
  };
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
 * Writes an app's Traefik file and answers for its routes. Writes to one app's file happen one at a
 * time (a KeyedQueue per app), each rendering from the state as it is when its turn comes: a
 * refresh (an agent went down) racing a deployment's switch must not land last with the old
 * release, and two writes must never share the temp file. One Router per Traefik directory, owned
 * by the composition root.
 */
export class Router {
  private readonly writes = new KeyedQueue();
  /** Refreshes queued and not yet rendered, by app: a later request joins the one waiting. */
  private readonly pendingRefreshes = new Map<string, Promise<WriteOutcome | null>>();

  constructor(
    private readonly store: Store,
    readonly options: RouterOptions,
  ) {}

  /**
   * Writes the app's file for the given routed set; throws ROUTING_FAILED (the previous file stays)
   * or INVALID_CONFIG. The app's routed set in the store changes only after the file is written.
   */
  route(app: string, release: string, instanceIds: string[]): Promise<WriteOutcome> {
    return this.writes.run(app, async () => {
      const outcome = await this.writeFile(app, renderRoutes(this.store, this.options, app, release, instanceIds));
      this.store.update((s) => {
        const record = s.apps[app];
        if (record) record.routed = { release, instanceIds: [...instanceIds] };
      });
      return outcome;
    });
  }

  /**
   * Takes an app out of routing (berth apps delete): its routed set is forgotten and its file
   * removed in one turn of the app's queue, so a refresh queued later (an instance event while the
   * app's instances are removed) finds nothing routed and cannot write the file back.
   */
  unroute(app: string): Promise<WriteOutcome> {
    return this.writes.run(app, async () => {
      this.store.update((s) => {
        const record = s.apps[app];
        if (record) record.routed = null;
      });
      return this.writeFile(app, null);
    });
  }

  /**
   * Rewrites an app's file from what is routed now (an instance changed, an agent went down or
   * came back, a restart). Requests made while one waits for its turn share it: it renders the
   * state as it is when its turn comes, so it holds every change made before it, and a burst of
   * instance events costs one write.
   */
  refresh(app: string): Promise<WriteOutcome | null> {
    const pending = this.pendingRefreshes.get(app);
    if (pending) return pending;
    const refresh = this.writes.run(app, async () => {
      this.pendingRefreshes.delete(app);
      const routed = this.store.data.apps[app]?.routed;
      if (!routed) return null;
      return this.writeFile(app, renderRoutes(this.store, this.options, app, routed.release, routed.instanceIds));
    });
    this.pendingRefreshes.set(app, refresh);
    return refresh;
  }

  /** What Traefik must show for the app as it is routed now; `serviceNames`: every service it may have had. */
  expected(app: string, serviceNames: string[]): ExpectedRoutes {
    const routed = this.store.data.apps[app]?.routed;
    return expectedRoutes(routed ? renderRoutes(this.store, this.options, app, routed.release, routed.instanceIds) : null, app, serviceNames);
  }

  /** Writes (null: removes) the app's file, when this controller may write routes. */
  private writeFile(app: string, config: TraefikDynamic | null): Promise<WriteOutcome> {
    this.options.mayWrite?.();
    return writeAppConfig(this.options.traefikDir, app, config);
  }

  /** Every app's routes in one document, for Traefik's HTTP provider. */
  renderAll(): TraefikDynamic | Record<string, never> {
    const configs: TraefikDynamic[] = [];
    for (const name of Object.keys(this.store.data.apps).sort()) {
      const routed = this.store.data.apps[name]?.routed;
      const config = routed ? renderRoutes(this.store, this.options, name, routed.release, routed.instanceIds) : null;
      if (config) configs.push(config);
    }
    return mergeConfigs(configs);
  }
}
