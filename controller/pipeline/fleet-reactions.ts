/**
 * What the controller does when the fleet changes under the apps: an agent goes down (its routed
 * instances leave Traefik and are replaced elsewhere, its runs fail), comes back (routes naming its instances are
 * rewritten, leftovers retired, strays stopped), is drained (its instances move), an instance
 * changes (the routes follow it; a stray that runs is stopped), or a deployment succeeds (instances
 * nothing wants any more are retired). New deployments are asked of the runner; nothing here decides a deployment's course.
 */
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../state/store.js';
import { runningStrayAgent } from '../core/agent-registry.js';
import { findLeftovers } from '../core/leftovers.js';
import type { DeploymentRunner } from './deployment-runner.js';
import type { Router } from './router.js';
import type { RunManager } from './run-manager.js';
import { retireInstances } from './stages/instance-removal.js';
import type { TaskDispatcher } from './task-dispatcher.js';

export interface FleetReactionDeps {
  store: Store;
  dispatcher: TaskDispatcher;
  router: Router;
  runner: DeploymentRunner;
  runs: RunManager;
  log: Logger;
}

export class FleetReactions {
  /** Strays running that a stop was asked for: each of their events need not ask again. */
  private readonly strayStops = new Set<string>();

  constructor(private readonly deps: FleetReactionDeps) {}

  /** The app's routed instances on down agents leave Traefik at once and are replaced elsewhere. */
  async agentsDown(agentIds: string[]): Promise<void> {
    const { store, router, runner, runs, log } = this.deps;
    runs.agentsLost(agentIds);
    const down = new Set(agentIds);
    for (const [name, app] of Object.entries(store.data.apps)) {
      const affected = (app.routed?.instanceIds ?? []).some((id) => down.has(store.data.instances[id]?.agentId ?? ''));
      if (!affected) continue;
      try {
        await router.refresh(name);
        log.warn({ app: name, agents: agentIds }, 'routes rewritten without instances on down agents; replacing them');
        runner.request(name, { kind: 'scale', services: [], refs: {}, withPostdeploy: false });
      } catch (err) {
        log.error({ app: name, err: errorMessage(err) }, 'cannot route around a down agent');
      }
    }
  }

  /**
   * An agent reported a change of one of its instances (it exited, ran again, perhaps on another
   * port after its engine restarted, or turned unhealthy): if an app routes it, its file follows.
   * One the controller does not know that runs is a stray, stopped as a hello's strays are: a start
   * task delivered again after its instance was replaced and removed makes one after the hello.
   */
  async instanceChanged(instanceId: string): Promise<void> {
    const { store, router, log } = this.deps;
    const strayOn = runningStrayAgent(store.data, instanceId);
    if (!strayOn) this.strayStops.delete(instanceId);
    else if (!this.strayStops.has(instanceId)) await this.stopStray(strayOn, instanceId);
    const app = store.data.instances[instanceId]?.app;
    if (!app || !store.data.apps[app]?.routed?.instanceIds.includes(instanceId)) return;
    try {
      const outcome = await router.refresh(app);
      if (outcome === 'written' || outcome === 'removed') log.info({ app, instanceId, outcome }, 'routes follow an instance change');
    } catch (err) {
      log.error({ app, instanceId, err: errorMessage(err) }, 'cannot rewrite routes');
    }
  }

  /** An agent was drained: every app serving from it gets a scale deployment, placed elsewhere. */
  agentDrained(agentId: string): void {
    const { store, runner, log } = this.deps;
    for (const [name, app] of Object.entries(store.data.apps)) {
      if (!(app.routed?.instanceIds ?? []).some((id) => store.data.instances[id]?.agentId === agentId)) continue;
      log.info({ app: name, agentId }, 'moving instances off a draining agent');
      runner.request(name, { kind: 'scale', services: [], refs: {}, withPostdeploy: false });
    }
  }

  /**
   * An agent said hello: routes that name its instances are rewritten (they may serve again), and
   * instances it runs that no release wants (strays) are stopped; they stay for inspection.
   */
  async agentHello(agentId: string, strays: string[]): Promise<void> {
    const { store, router, log } = this.deps;
    for (const [name, app] of Object.entries(store.data.apps)) {
      if (!(app.routed?.instanceIds ?? []).some((id) => store.data.instances[id]?.agentId === agentId)) continue;
      await router.refresh(name).catch((err: unknown) => log.error({ app: name, err: errorMessage(err) }, 'cannot rewrite routes'));
    }
    const apps = new Set(
      Object.values(store.data.instances)
        .filter((i) => i.agentId === agentId)
        .map((i) => i.app),
    );
    for (const app of apps) await this.retireLeftovers(app);
    for (const instanceId of strays) {
      if (store.data.agents[agentId]?.instances[instanceId]?.state !== 'running') continue;
      await this.stopStray(agentId, instanceId);
    }
  }

  /** Stops an instance no release wants that the controller does not know; it stays for inspection. */
  private async stopStray(agentId: string, instanceId: string): Promise<void> {
    const { dispatcher, log } = this.deps;
    this.strayStops.add(instanceId);
    log.warn({ agentId, instanceId }, 'stopping a stray instance no release wants');
    await dispatcher.dispatch({ kind: 'stop-instance', agentId, spec: { instanceId, graceSeconds: 10 } }).catch((err: unknown) => {
      // Its next event asks again.
      this.strayStops.delete(instanceId);
      log.error({ agentId, instanceId, err: errorMessage(err) }, 'cannot stop a stray');
    });
  }

  /** Stops and removes the app's instances nothing wants any more (core/leftovers.ts). */
  async retireLeftovers(app: string): Promise<void> {
    const { store, dispatcher, log } = this.deps;
    const leftovers = findLeftovers(store.data, app);
    if (leftovers.length === 0) return;
    log.warn({ app, instances: leftovers }, 'retiring instances no release or deployment wants');
    const problems = await retireInstances(store, dispatcher, leftovers, null);
    if (problems.length) log.warn({ app, problems }, 'cannot retire every leftover instance');
  }
}
