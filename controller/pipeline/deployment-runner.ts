/**
 * The deployment runner: takes deploy, rollback and scale requests, keeps one deployment per app
 * running (later requests wait as one merged queued deployment), and drives each through the state
 * machine by running the stage of every effect. Every transition is stored with its time and
 * pushed to watchers. After a controller restart, `recover` carries every deployment on from its phase.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { BerthError, errorMessage, isBerthError, toBerthError } from '../../shared/errors.js';
import { KeyedListeners } from '../../shared/keyed-listeners.js';
import type { Store } from '../state/store.js';
import { decideEnqueue, type DeployRequest } from '../core/deploy-queue.js';
import { appendOutput, deploymentsToForget, type DeploymentRecord } from '../core/deployment-record.js';
import {
  effectsOnEntry,
  isTerminal,
  newDeployment,
  OPERATOR_CANCEL,
  transition,
  type DeploymentEffect,
  type DeploymentEvent,
} from '../core/deployment-machine.js';
import { planRecovery } from '../core/recovery-plan.js';
import { releaseKey } from '../core/release.js';
import { getApp } from './app-catalog.js';
import { DeploymentIndex } from './deployment-index.js';
import { newestFirst, storedDeployment } from './stored-records.js';
import { buildStage } from './stages/build-stage.js';
import { drainStage } from './stages/drain-stage.js';
import { removeNewInstances } from './stages/instance-removal.js';
import { postdeployStage } from './stages/postdeploy-stage.js';
import { routeStage } from './stages/route-stage.js';
import type { DeploymentDeps, StageContext } from './stages/stage-context.js';
import { startStage } from './stages/start-stage.js';
import { verifyStage } from './stages/verify-stage.js';

export interface DeploymentUpdate {
  deployment: DeploymentRecord;
  /** Output lines new since the last update. */
  lines: string[];
}

export type RunnerOptions = DeploymentDeps;

export function newDeploymentId(): string {
  return randomBytes(6).toString('hex');
}

const STAGES: Record<DeploymentEffect['kind'], ((ctx: StageContext) => Promise<DeploymentEvent>) | null> = {
  build: buildStage,
  'start-instances': startStage,
  'verify-instances': verifyStage,
  'run-postdeploy': postdeployStage,
  route: routeStage,
  'drain-old': drainStage,
  // Run by the runner itself: they end a deployment rather than move it on.
  'remove-new-instances': null,
  finish: null,
};

/** How long stopping the controller waits for deployments to wind down. */
const STOP_GRACE_MS = 10_000;

export class DeploymentRunner {
  /** The running deployment of each app and the switch that cancels it. */
  private readonly running = new Map<string, { id: string; abort: AbortController; done: Promise<void> }>();
  private readonly watchers = new KeyedListeners<DeploymentUpdate>();
  private readonly transitionListeners = new Set<(deployment: DeploymentRecord) => void>();
  private readonly index: DeploymentIndex;
  private stopped = false;

  constructor(private readonly options: RunnerOptions) {
    this.index = new DeploymentIndex(options.store);
  }

  private get store(): Store {
    return this.options.store;
  }

  get(id: string): DeploymentRecord {
    return storedDeployment(this.store, id);
  }

  list(app: string): DeploymentRecord[] {
    getApp(this.store, app);
    return newestFirst(this.index.of(app));
  }

  /**
   * Starts a deployment, or queues it behind the app's running one (merged with any request
   * already waiting). Synchronous up to the decision, so requests are taken in arrival order.
   */
  request(app: string, request: DeployRequest): DeploymentRecord {
    if (this.stopped) throw new BerthError('FAILED_PRECONDITION', 'the controller is stopping');
    const record = getApp(this.store, app);
    const unknown = request.services.filter((s) => !record.spec.services[s]);
    if (unknown.length)
      throw new BerthError('INVALID_ARGUMENT', `${app} has no service ${unknown.join(', ')} (services: ${Object.keys(record.spec.services).join(', ')})`);
    if (request.kind === 'rollback' && !this.store.data.releases[releaseKey(app, request.release ?? '')]) {
      throw new BerthError('NOT_FOUND', `${app} has no release ${request.release}; 'berth releases ${app}' lists them`);
    }
    const queued = this.index.of(app).find((d) => d.state === 'queued' && d.id !== this.running.get(app)?.id);
    const decision = decideEnqueue({ runningId: this.running.get(app)?.id ?? null, queued: queued?.request ?? null }, request);
    if (decision.action === 'queue' && queued) {
      this.store.update((s) => {
        const q = s.deployments[queued.id];
        if (q) q.request = decision.request;
      });
      // Debug: a burst of hooks merges here once per request, and each hook logs its own line.
      this.options.log.debug({ app, deploymentId: queued.id, request: decision.request }, 'deploy request merged into the queued deployment');
      return this.get(queued.id);
    }
    const now = Date.now();
    const deployment: DeploymentRecord = {
      ...newDeployment({ id: newDeploymentId(), app, release: request.kind === 'rollback' ? (request.release ?? '') : '', hasPostdeploy: false }, now),
      request: decision.request,
      createdAtMs: now,
      plan: null,
      progress: { healthy: 0, wanted: 0 },
      postdeploy: null,
      output: [],
    };
    this.store.update((s) => {
      s.deployments[deployment.id] = deployment;
    });
    this.index.remember(deployment);
    this.options.log.info({ app, deploymentId: deployment.id, request: decision.request, queued: decision.action === 'queue' }, 'deployment requested');
    for (const listener of this.transitionListeners) listener(deployment);
    if (decision.action === 'start') this.launch(deployment.id, [], { type: 'start' });
    // As it is now: a started one has already moved on to building.
    return this.get(deployment.id);
  }

  /** Cancels a deployment that has not started routing; resolves once it has ended. */
  async cancel(id: string): Promise<DeploymentRecord> {
    const d = this.get(id);
    if (isTerminal(d.state)) throw new BerthError('FAILED_PRECONDITION', `deployment ${id} is already ${d.state}`);
    if (d.state === 'routing' || d.state === 'draining') {
      throw new BerthError('FAILED_PRECONDITION', `deployment ${id} is ${d.state}: traffic is already moving to the new release, too late to cancel`);
    }
    const run = this.running.get(d.app);
    if (run?.id === id) {
      run.abort.abort(OPERATOR_CANCEL);
      await run.done;
    } else {
      // Waiting in the queue: nothing was started.
      this.apply(id, { type: 'cancel' });
    }
    return this.get(id);
  }

  /** Every state change of every deployment (notifications). */
  onTransition(listener: (deployment: DeploymentRecord) => void): () => void {
    this.transitionListeners.add(listener);
    return () => this.transitionListeners.delete(listener);
  }

  watch(id: string, listener: (update: DeploymentUpdate) => void): () => void {
    this.get(id);
    return this.watchers.add(id, listener);
  }

  /** After a restart: every deployment found under way is carried on (core/recovery-plan.ts). */
  recover(): void {
    const plan = planRecovery(this.store.data);
    // Ended before the restart, but its clean-up may not have: remove what it left.
    for (const id of plan.cleanUp) void removeNewInstances(this.options, this.get(id));
    // The files say what the state says, whatever a crash interrupted.
    for (const app of Object.keys(this.store.data.apps)) {
      this.options.router.refresh(app).catch((err: unknown) => this.options.log.error({ app, err: errorMessage(err) }, 'cannot rewrite routes'));
    }
    for (const id of plan.resume) {
      const d = this.get(id);
      this.options.log.warn({ deploymentId: id, app: d.app, state: d.state }, 'resuming a deployment interrupted by a controller restart');
      this.launch(id, effectsOnEntry(d.state), null);
    }
    for (const id of plan.start) this.launch(id, [], { type: 'start' });
  }

  /**
   * Aborts running deployments and waits for them to wind down, at most STOP_GRACE_MS: what is
   * left then is waiting on agents' answers to tasks already queued in NATS (they are applied all
   * the same), and recovery at the next start carries on any deployment that did not reach its end.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const run of this.running.values()) run.abort.abort('the controller is stopping');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_GRACE_MS);
    });
    await Promise.race([Promise.all([...this.running.values()].map((r) => r.done)), grace]);
    clearTimeout(timer);
  }

  private launch(id: string, effects: DeploymentEffect[], first: DeploymentEvent | null): void {
    const d = this.get(id);
    const abort = new AbortController();
    // Every task and wait of the deployment listens to it: hundreds for a large service.
    setMaxListeners(0, abort.signal);
    const entry = { id, abort, done: Promise.resolve() };
    this.running.set(d.app, entry);
    entry.done = this.drive(id, effects, first, abort).catch((err: unknown) => {
      // A bug must not wedge the app's queue: end the deployment and move on.
      this.options.log.error({ deploymentId: id, err: errorMessage(err) }, 'deployment runner failed');
      if (this.stopped) return;
      if (!isTerminal(this.get(id).state)) this.apply(id, { type: 'fail', reason: `internal error: ${errorMessage(err)}` });
      void removeNewInstances(this.options, this.get(id)).finally(() => this.finish(id));
    });
  }

  private async drive(id: string, initial: DeploymentEffect[], first: DeploymentEvent | null, abort: AbortController): Promise<void> {
    // A copy: the loop consumes it (shift), and `initial` is not the runner's to change.
    let effects = [...initial, ...(first ? this.apply(id, first) : [])];
    const ctx = this.context(id, abort.signal);
    while (effects.length > 0) {
      // A stopping controller leaves the deployment where it is; `recover` carries it on at the next start.
      if (this.stopped) return;
      const effect = effects.shift() as DeploymentEffect;
      if (effect.kind === 'remove-new-instances') {
        await removeNewInstances(this.options, this.get(id));
        continue;
      }
      if (effect.kind === 'finish') {
        this.finish(id);
        continue;
      }
      const stage = STAGES[effect.kind] as (ctx: StageContext) => Promise<DeploymentEvent>;
      let event: DeploymentEvent;
      try {
        event = await stage(ctx);
      } catch (err) {
        if (this.stopped) return;
        event = this.failureEvent(id, err, abort.signal);
      }
      effects = [...effects, ...this.apply(id, event)];
    }
  }

  private failureEvent(id: string, err: unknown, signal: AbortSignal): DeploymentEvent {
    const e = toBerthError(err);
    const d = this.get(id);
    if (signal.aborted && d.state !== 'routing' && d.state !== 'draining') return { type: 'cancel', reason: String(signal.reason) };
    if (!isBerthError(e, 'DEPLOYMENT_FAILED') && !isBerthError(e, 'AGENT_NOT_READY'))
      this.options.log.error({ deploymentId: id, err: e }, 'deployment stage failed unexpectedly');
    const exitCode = typeof e.details.exitCode === 'number' ? e.details.exitCode : undefined;
    const output = Array.isArray(e.details.output) ? (e.details.output as string[]) : undefined;
    return { type: 'fail', reason: e.message, ...(exitCode !== undefined ? { exitCode } : {}), ...(output?.length ? { output } : {}) };
  }

  /** Applies one event: stores the next state and tells watchers; returns the effects to run. */
  private apply(id: string, event: DeploymentEvent): DeploymentEffect[] {
    const current = this.get(id);
    const { deployment, effects } = transition(current, event, Date.now());
    const next: DeploymentRecord = { ...current, ...deployment };
    this.store.update((s) => {
      s.deployments[id] = next;
    });
    const log = this.options.log;
    if (next.state === 'failed' || next.state === 'cancelled')
      log.warn({ deploymentId: id, app: next.app, release: next.release, state: next.state, failure: next.failure }, `deployment ${next.state}`);
    else log.info({ deploymentId: id, app: next.app, release: next.release, state: next.state }, 'deployment state');
    this.notify(id, []);
    for (const listener of this.transitionListeners) listener(next);
    return effects;
  }

  private finish(id: string): void {
    const d = this.get(id);
    if (this.running.get(d.app)?.id === id) this.running.delete(d.app);
    this.notify(id, []);
    this.watchers.drop(id);
    const forget = deploymentsToForget(this.index.of(d.app), d.app, this.options.deploymentHistory);
    if (forget.length) {
      this.store.update((s) => {
        for (const old of forget) delete s.deployments[old];
      });
    }
    if (this.stopped) return;
    const next = this.index
      .of(d.app)
      .filter((q) => q.state === 'queued')
      .sort((a, b) => a.createdAtMs - b.createdAtMs)[0];
    if (next) this.launch(next.id, [], { type: 'start' });
  }

  private notify(id: string, lines: string[]): void {
    if (this.watchers.has(id)) this.watchers.emit(id, { deployment: this.get(id), lines });
  }

  private context(id: string, signal: AbortSignal): StageContext {
    const { store, dispatcher, intake, router, replacements, log, stabilityWindowMs } = this.options;
    return {
      store,
      dispatcher,
      intake,
      router,
      replacements,
      // Every line of a deployment names it and its app.
      log: log.child({ deploymentId: id, app: this.get(id).app }),
      stabilityWindowMs,
      signal,
      deployment: () => this.get(id),
      patch: (change) => {
        store.update((s) => {
          const d = s.deployments[id];
          if (d) change(d);
        });
        this.notify(id, []);
      },
      emitLines: (lines) => {
        store.update((s) => {
          const d = s.deployments[id];
          if (d) d.output = appendOutput(d.output, lines);
        });
        this.notify(id, lines);
      },
    };
  }
}
