/**
 * The deployment's stages: one async function per effect of the state machine, each returning the
 * event that ends it or throwing a StageFailure that fails the deployment with a reason (and the
 * exit code and output of what failed). The runner calls them; they hold no state of their own.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BerthError, errorMessage, isBerthError, toBerthError } from '../../shared/errors.js';
import { newTaskId } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import type { ImageSource, PreparedImage, TaskInput } from '../../shared/task.js';
import type { AppRecord, Store } from '../adapters/store.js';
import type { DeploymentRecord } from '../core/deployment-record.js';
import { isTerminal, OPERATOR_CANCEL, type DeploymentEvent } from '../core/deployment-machine.js';
import { fleetView } from '../core/fleet-view.js';
import { judgeInstance, NOT_UP } from '../core/instance-verdict.js';
import { placeReplicas } from '../core/placement.js';
import {
  containerEnv,
  healthCheckOf,
  makeRelease,
  postdeployOneOffId,
  releaseKey,
  releaseName,
  startSpecOf,
  type Release,
  type ServiceImage,
} from '../core/release.js';
import { planRollout, replacementIdFor, type PlannedInstance } from '../core/rollout-plan.js';
import { describeRouting, routingConfirmed } from '../core/route-confirmation.js';
import { serviceRouteName } from '../core/traefik-config.js';
import type { ReportIntake } from './report-intake.js';
import { confirmRoutes } from './route-confirmer.js';
import type { ReplacementPlacer } from './replacement-placer.js';
import type { Router } from './router.js';
import type { TaskDispatcher, TaskResult } from './task-dispatcher.js';

/** What deployments need from the rest of the controller. */
export interface DeploymentDeps {
  store: Store;
  dispatcher: TaskDispatcher;
  intake: ReportIntake;
  router: Router;
  /** Places replacements for instances lost with their agent. */
  replacements: ReplacementPlacer;
  log: Logger;
  /** How long a healthy new instance must stay up before it counts (default 3 s). */
  stabilityWindowMs: number;
  /** Ended deployments kept per app (default DEPLOYMENTS_KEPT_PER_APP). */
  deploymentHistory?: number;
}

export interface StageContext extends DeploymentDeps {
  /** Aborted when an operator cancels the deployment. */
  signal: AbortSignal;
  deployment(): DeploymentRecord;
  patch(change: (d: DeploymentRecord) => void): void;
  /** Build and postdeploy output: kept (bounded) on the deployment and streamed to watchers. */
  emitLines(lines: string[]): void;
}

/** Fails the deployment in its current phase. */
export function stageFailure(reason: string, extra: { exitCode?: number; output?: string[] } = {}): BerthError {
  return new BerthError('DEPLOYMENT_FAILED', reason, extra);
}

const STOP_GRACE_SECONDS = 10;
const TASK_TIMEOUT_MS = 5 * 60_000;
const BUILD_TIMEOUT_MS = 60 * 60_000;
const POLL_MS = 100;

const AGENT_WATCH_MS = 250;

function cancelled(signal: AbortSignal): BerthError {
  return new BerthError('CANCELLED', String(signal.reason ?? OPERATOR_CANCEL));
}

/** Runs one task, streaming its output lines into the deployment; rejects when cancelled. */
async function runTask(
  ctx: StageContext,
  request: Omit<TaskInput, 'id' | 'createdAtMs' | 'deadlineMs' | 'deploymentId'>,
  timeoutMs = TASK_TIMEOUT_MS,
): Promise<TaskResult> {
  if (ctx.signal.aborted) throw cancelled(ctx.signal);
  const id = newTaskId();
  const stopOutput = ctx.intake.onOutput((notice) => {
    if (notice.taskId === id) ctx.emitLines(notice.lines);
  });
  let onAbort: (() => void) | null = null;
  let agentWatch: NodeJS.Timeout | undefined;
  try {
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(cancelled(ctx.signal));
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      // A task on an agent that went down would only time out (up to an hour for a build).
      agentWatch = setInterval(() => {
        if (ctx.store.data.agents[request.agentId]?.alive === false)
          reject(new BerthError('AGENT_NOT_READY', `agent ${request.agentId} went down during ${ctx.deployment().state}`, { agentId: request.agentId }));
      }, AGENT_WATCH_MS);
    });
    const result = ctx.dispatcher.run({ ...request, id, deploymentId: ctx.deployment().id, deadlineMs: Date.now() + timeoutMs } as never, timeoutMs);
    result.catch(() => undefined);
    return await Promise.race([result, aborted]);
  } catch (err) {
    if (isBerthError(err, 'CANCELLED') || isBerthError(err, 'AGENT_NOT_READY')) throw err;
    throw stageFailure(`${request.kind} on ${request.agentId}: ${errorMessage(err)}`);
  } finally {
    clearInterval(agentWatch);
    stopOutput();
    if (onAbort) ctx.signal.removeEventListener('abort', onAbort);
  }
}

function appRecord(ctx: StageContext, app: string): AppRecord {
  const record = ctx.store.data.apps[app];
  if (!record) throw stageFailure(`app ${app} was deleted`);
  return record;
}

function routedRelease(ctx: StageContext, app: AppRecord): Release | null {
  return app.routed ? (ctx.store.data.releases[releaseKey(app.spec.name, app.routed.release)] ?? null) : null;
}

export function releaseOf(ctx: StageContext): Release {
  const d = ctx.deployment();
  const release = ctx.store.data.releases[releaseKey(d.app, d.release)];
  if (!release) throw stageFailure(`release ${d.release} of ${d.app} is missing from the store`);
  return release;
}

/** The routed instances as planned instances (service, container, agent). */
function routedInstances(ctx: StageContext, app: AppRecord): PlannedInstance[] {
  return (app.routed?.instanceIds ?? []).flatMap((id) => {
    const known = ctx.store.data.instances[id];
    return known ? [{ instanceId: id, service: known.service, container: known.container, agentId: known.agentId }] : [];
  });
}

/** Instances of the app that are neither routed nor part of a running deployment. */
function leftovers(ctx: StageContext, app: AppRecord): string[] {
  const routed = new Set(app.routed?.instanceIds ?? []);
  const active = new Set(
    Object.values(ctx.store.data.deployments)
      .filter((d) => d.id !== ctx.deployment().id && !isTerminal(d.state))
      .flatMap((d) => d.plan?.start.map((i) => i.instanceId) ?? []),
  );
  return Object.values(ctx.store.data.instances)
    .filter((i) => i.app === app.spec.name && !routed.has(i.instanceId) && !active.has(i.instanceId))
    .map((i) => i.instanceId);
}

/**
 * building: decide the release (build a new one, or take the one rolled back to or routed now),
 * plan where its instances go, and make sure each of those agents holds the image.
 */
export async function buildStage(ctx: StageContext): Promise<DeploymentEvent> {
  const d = ctx.deployment();
  const app = appRecord(ctx, d.app);
  const previous = routedRelease(ctx, app);
  let target: Release;
  let draft = false;
  if (d.request.kind === 'rollback') {
    const found = ctx.store.data.releases[releaseKey(d.app, d.request.release ?? '')];
    if (!found) throw stageFailure(`${d.app} has no release ${d.request.release}`);
    target = found;
  } else if (d.request.kind === 'scale') {
    if (!previous) throw stageFailure(`${d.app} has no routed release to scale; deploy it first`);
    target = previous;
  } else {
    // Planning needs the spec only; the release gets its images once they are built.
    target = {
      app: d.app,
      name: releaseName(app.nextReleaseNumber),
      number: app.nextReleaseNumber,
      createdAtMs: Date.now(),
      deploymentId: d.id,
      spec: app.spec,
      services: {},
      postdeploy: null,
    };
    draft = true;
  }
  const scale = Object.fromEntries(Object.entries(target.spec.services).map(([name, s]) => [name, app.spec.services[name]?.scale ?? s.scale]));
  const planned = planRollout({
    app: d.app,
    deploymentId: d.id,
    release: target,
    scale,
    routed: app.routed ? { release: app.routed.release, instances: routedInstances(ctx, app) } : null,
    leftovers: leftovers(ctx, app),
    agents: fleetView(ctx.store.data),
  });
  if (!planned.ok) throw stageFailure(planned.reason);
  const plan = planned.plan;
  ctx.patch((r) => {
    r.plan = plan;
    r.progress = { healthy: 0, wanted: plan.start.length };
  });

  const built = new Set<string>();
  if (draft) {
    const images: Record<string, ServiceImage> = {};
    const services = Object.keys(target.spec.services).sort();
    for (const service of services) {
      const reuse = previous?.services[service];
      const asked = d.request.services.length === 0 || d.request.services.includes(service);
      if (reuse && !asked && sameSource(previous, target, service)) {
        images[service] = { reused: reuse };
      } else {
        images[service] = { prepared: await prepareService(ctx, target, service, plan.start) };
        built.add(service);
      }
    }
    const number = app.nextReleaseNumber;
    const release = makeRelease({ app: d.app, number, deploymentId: d.id, spec: target.spec, images }, Date.now());
    ctx.store.update((s) => {
      s.releases[releaseKey(d.app, release.name)] = release;
      const a = s.apps[d.app];
      if (a) a.nextReleaseNumber = number + 1;
    });
    target = release;
  }
  await ensureImages(ctx, target, plan.start, built);
  const runPostdeploy = target.postdeploy !== null && (d.request.kind === 'deploy' || (d.request.kind === 'rollback' && d.request.withPostdeploy));
  return { type: 'built', release: target.name, hasPostdeploy: runPostdeploy };
}

function sameSource(previous: Release, target: Release, service: string): boolean {
  const a = previous.spec.services[service];
  const b = target.spec.services[service];
  return JSON.stringify([a?.image, a?.git]) === JSON.stringify([b?.image, b?.git]);
}

/**
 * Every agent that will run the service gets the image. For git, the first agent resolves the ref
 * to a commit and the others build exactly that commit, so the release names one SHA.
 */
async function prepareService(ctx: StageContext, release: Release, service: string, start: PlannedInstance[]): Promise<PreparedImage> {
  const spec = release.spec.services[service];
  if (!spec) throw stageFailure(`no service ${service}`);
  let agents = [...new Set(start.filter((i) => i.service === service).map((i) => i.agentId))];
  if (agents.length === 0) {
    // Scaled to zero: one agent still builds it, so the release records what it would run.
    const placed = placeReplicas({ app: release.app, service, replicas: 1, labels: spec.placement.labels }, fleetView(ctx.store.data));
    if (!placed.ok) throw stageFailure(placed.reason);
    agents = placed.placements.map((p) => p.agentId);
  }
  const ref = ctx.deployment().request.refs[service];
  let source: ImageSource = spec.git
    ? { type: 'git', repo: spec.git.repo, ref: ref ?? spec.git.branch, dockerfile: spec.git.dockerfile, context: spec.git.context }
    : { type: 'image', image: spec.image as string };
  const [first, ...rest] = agents as [string, ...string[]];
  const prepared = await prepareOn(ctx, release.app, service, first, source);
  if (source.type === 'git') source = { ...source, ref: prepared.commitSha };
  const others = await Promise.all(rest.map((agentId) => prepareOn(ctx, release.app, service, agentId, source)));
  if (source.type === 'git') return prepared;
  // An image is pinned by its id, so a tag moved later cannot change the release; only when
  // agents hold different images under the tag does the release keep the tag.
  const sameImage = others.every((o) => o.imageId === prepared.imageId);
  if (!sameImage) ctx.emitLines([`--> agents hold different images for ${source.image}; the release keeps the tag, not an id`]);
  return { ...prepared, image: sameImage ? prepared.imageId : source.image };
}

async function prepareOn(ctx: StageContext, app: string, service: string, agentId: string, source: ImageSource): Promise<PreparedImage> {
  ctx.emitLines([`--> ${source.type === 'git' ? `building ${service} at ${source.ref}` : `preparing ${service} image ${source.image}`} on ${agentId}`]);
  const result = await runTask(ctx, { kind: 'prepare-image', agentId, spec: { app, service, source } }, BUILD_TIMEOUT_MS);
  if (result.status !== 'ok' || !result.prepared) {
    throw stageFailure(`${service} on ${agentId}: ${result.message || result.status}`, { output: result.outputTail.slice(-20) });
  }
  return result.prepared;
}

/** The image a release's service starts from, as a source an agent can prepare exactly. */
function releaseSource(release: Release, service: string): ImageSource {
  const built = release.services[service];
  const git = release.spec.services[service]?.git;
  if (built?.source === 'git' && git && built.commitSha)
    return { type: 'git', repo: git.repo, ref: built.commitSha, dockerfile: git.dockerfile, context: git.context };
  return { type: 'image', image: built?.image ?? '' };
}

/**
 * Every agent that will start an instance holds its image (a rollback, a scale or a service not
 * rebuilt may land on an agent that never had it; a git tag is rebuilt there at the same commit).
 */
async function ensureImages(ctx: StageContext, release: Release, start: PlannedInstance[], done: Set<string>): Promise<void> {
  const pairs = new Map<string, { service: string; agentId: string }>();
  for (const i of start) if (!done.has(i.service)) pairs.set(`${i.service}@${i.agentId}`, { service: i.service, agentId: i.agentId });
  await Promise.all([...pairs.values()].map(({ service, agentId }) => prepareOn(ctx, release.app, service, agentId, releaseSource(release, service))));
}

/** starting: every planned instance is started on its agent. */
export async function startStage(ctx: StageContext): Promise<DeploymentEvent> {
  const release = releaseOf(ctx);
  const plan = ctx.deployment().plan;
  if (!plan) throw stageFailure('the deployment has no plan');
  await Promise.all(plan.start.map((i) => startInstance(ctx, release, i)));
  return { type: 'started' };
}

async function startInstance(ctx: StageContext, release: Release, i: PlannedInstance, replaceIfLost = true): Promise<void> {
  const spec = startSpecOf(release, i.service, i.container, i.instanceId, ctx.deployment().id);
  let result: TaskResult;
  try {
    result = await runTask(ctx, { kind: 'start-instance', agentId: i.agentId, spec });
  } catch (err) {
    if (isBerthError(err, 'CANCELLED')) throw err;
    if (replaceIfLost && isBerthError(err, 'AGENT_NOT_READY')) {
      await replaceOnOtherAgent(ctx, release, i);
      return;
    }
    throw stageFailure(`${i.container} on ${i.agentId}: ${errorMessage(err)}`);
  }
  if (result.status !== 'ok') throw stageFailure(`${i.container} on ${i.agentId} did not start: ${result.message}`);
}

/**
 * verifying: every new instance must run, answer its health check within the boot timeout and
 * stay up for the stability window. An instance whose agent goes down is placed elsewhere.
 */
export async function verifyStage(ctx: StageContext): Promise<DeploymentEvent> {
  const release = releaseOf(ctx);
  const plan = ctx.deployment().plan;
  if (!plan) throw stageFailure('the deployment has no plan');
  // Exits are taken from the events: with a restart policy the registry may already show the
  // container running again.
  const exits = new Map<string, { kind: string; exitCode: number }>();
  // Waiters by instance id: an event wakes the check of its own instance only (waking every check
  // of every verifying deployment on every event cost O(instances²) in a wave of thousands).
  const wake = new Map<string, Set<() => void>>();
  const stopListening = ctx.intake.onInstanceEvent((notice) => {
    if ((notice.kind === 'exited' || notice.kind === 'oom_killed') && !exits.has(notice.instanceId))
      exits.set(notice.instanceId, { kind: notice.kind, exitCode: notice.exitCode });
    // The check runs again at once, not a poll interval later.
    for (const w of [...(wake.get(notice.instanceId) ?? [])]) w();
  });
  const changed = (instanceId: string, ms: number) =>
    new Promise<void>((resolve) => {
      const waiters = wake.get(instanceId) ?? new Set();
      wake.set(instanceId, waiters);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && wake.get(instanceId) === waiters) wake.delete(instanceId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });
  // The first instance that fails stops the others' checks (and any replacement they would start).
  const local = new AbortController();
  const forward = () => local.abort(ctx.signal.reason);
  ctx.signal.addEventListener('abort', forward, { once: true });
  const vctx: StageContext = { ...ctx, signal: local.signal };
  try {
    let healthy = 0;
    await Promise.all(
      plan.start.map(async (planned) => {
        await verifyInstance(vctx, release, planned, exits, changed);
        healthy++;
        ctx.patch((r) => {
          r.progress = { healthy, wanted: plan.start.length };
        });
      }),
    );
  } catch (err) {
    if (!local.signal.aborted) local.abort('another instance failed');
    throw err;
  } finally {
    ctx.signal.removeEventListener('abort', forward);
    stopListening();
  }
  return { type: 'verified' };
}

async function verifyInstance(
  ctx: StageContext,
  release: Release,
  first: PlannedInstance,
  exits: Map<string, { kind: string; exitCode: number }>,
  changed: (instanceId: string, ms: number) => Promise<void>,
): Promise<void> {
  let planned = first;
  const bootTimeoutMs = release.spec.services[planned.service]?.health.bootTimeout ?? 60_000;
  const check = healthCheckOf(release, planned.service);
  const port = release.spec.services[planned.service]?.port;
  const checkDescription = check.type === 'http' ? `GET ${check.path} on port ${port}` : check.type === 'tcp' ? `a TCP connect to port ${port}` : 'running';
  let deadline = Date.now() + bootTimeoutMs;
  let watch = NOT_UP;
  for (;;) {
    if (ctx.signal.aborted) throw cancelled(ctx.signal);
    const agent = ctx.store.data.agents[planned.agentId];
    const verdict = judgeInstance(
      {
        agentAlive: agent?.alive === true,
        seen: agent?.instances[planned.instanceId],
        exit: exits.get(planned.instanceId),
        unchecked: check.type === 'none',
        now: Date.now(),
        deadline,
        stabilityWindowMs: ctx.stabilityWindowMs,
        checkDescription,
        bootTimeoutMs,
        watch,
      },
      POLL_MS,
    );
    switch (verdict.kind) {
      case 'stable':
        return;
      case 'failed':
        throw await instanceFailure(ctx, planned, verdict.how, verdict.exitCode);
      case 'replace':
        planned = await replaceOnOtherAgent(ctx, release, planned);
        deadline = Date.now() + bootTimeoutMs;
        watch = NOT_UP;
        continue;
      case 'wait':
        watch = verdict.watch;
        await changed(planned.instanceId, verdict.wakeInMs);
    }
  }
}

/** The instance's last output lines, fetched by removing it; then the failure to record. */
async function instanceFailure(ctx: StageContext, planned: PlannedInstance, how: string, exitCode: number | undefined): Promise<BerthError> {
  let output: string[] = [];
  try {
    const removed = await ctx.dispatcher.run(
      { kind: 'remove-instance', agentId: planned.agentId, deploymentId: ctx.deployment().id, spec: { instanceId: planned.instanceId } },
      30_000,
    );
    output = removed.outputTail.slice(-20);
  } catch (err) {
    ctx.log.warn({ instanceId: planned.instanceId, err: errorMessage(err) }, 'cannot fetch the output of a failed instance');
  }
  return stageFailure(`${planned.container} (${planned.instanceId} on ${planned.agentId}) ${how}`, {
    ...(exitCode !== undefined && exitCode >= 0 ? { exitCode } : {}),
    output,
  });
}

async function replaceOnOtherAgent(ctx: StageContext, release: Release, lost: PlannedInstance): Promise<PlannedInstance> {
  const spec = release.spec.services[lost.service];
  const placed = ctx.replacements.place({ app: release.app, service: lost.service, replicas: 1, labels: spec?.placement.labels ?? {} }, lost.agentId);
  if (!placed.ok) throw stageFailure(`${lost.container}: its agent ${lost.agentId} went down and no other agent can take it (${placed.reason})`);
  const agentId = (placed.placements[0] as { agentId: string }).agentId;
  const replacement: PlannedInstance = { ...lost, agentId, instanceId: replacementIdFor(lost.instanceId) };
  ctx.log.warn(
    { lost: lost.instanceId, agentId: lost.agentId, replacement: replacement.instanceId, on: agentId },
    'agent went down during the deployment; placing the instance elsewhere',
  );
  ctx.emitLines([`--> ${lost.agentId} went down; ${lost.container} moves to ${agentId}`]);
  ctx.patch((r) => {
    if (r.plan) r.plan.start = r.plan.start.map((i) => (i.instanceId === lost.instanceId ? replacement : i));
  });
  // The lost one goes as soon as its agent is back (the task waits in JetStream).
  await ctx.dispatcher
    .dispatch({ kind: 'remove-instance', agentId: lost.agentId, deploymentId: ctx.deployment().id, spec: { instanceId: lost.instanceId } })
    .catch((err: unknown) => ctx.log.warn({ instanceId: lost.instanceId, err: errorMessage(err) }, 'cannot remove the lost instance'));
  await ensureImages(ctx, release, [replacement], new Set());
  await startInstance(ctx, release, replacement, false);
  return replacement;
}

/** postdeploy: one one-off container runs the command with exactly the instances' environment. */
export async function postdeployStage(ctx: StageContext): Promise<DeploymentEvent> {
  const release = releaseOf(ctx);
  const d = ctx.deployment();
  const postdeploy = release.postdeploy;
  if (!postdeploy) return { type: 'postdeploy-succeeded' };
  // Carried on after a controller restart: the same agent, which still has the one-off or its result.
  const agentId = d.postdeploy?.agentId ?? postdeployAgent(ctx, release, postdeploy.service);
  ctx.patch((r) => {
    r.postdeploy = { agentId, exitCode: null };
  });
  ctx.emitLines([`--> postdeploy on ${agentId}: ${postdeploy.command}`]);
  const oneOffId = postdeployOneOffId(d.app, d.id);
  const stopOnCancel = () => {
    // An operator's cancel stops the one-off too (SIGTERM, then SIGKILL after 10 s); a stopping
    // controller leaves it to `recover`, as a crash would.
    if (ctx.signal.reason !== OPERATOR_CANCEL) return;
    ctx.dispatcher
      .dispatch({ kind: 'stop-oneoff', agentId, deploymentId: d.id, spec: { oneOffId, graceSeconds: 10 } })
      .catch((err: unknown) => ctx.log.warn({ oneOffId, err: errorMessage(err) }, 'cannot stop the postdeploy container'));
  };
  ctx.signal.addEventListener('abort', stopOnCancel, { once: true });
  const result = await runTask(
    ctx,
    {
      kind: 'run-oneoff',
      agentId,
      spec: {
        oneOffId,
        app: d.app,
        release: release.name,
        image: release.services[postdeploy.service]?.image ?? '',
        command: postdeploy.command,
        env: containerEnv(release, postdeploy.service, 'postdeploy-1', d.id),
        timeoutMs: postdeploy.timeoutMs,
      },
    },
    postdeploy.timeoutMs + TASK_TIMEOUT_MS,
  ).finally(() => ctx.signal.removeEventListener('abort', stopOnCancel));
  if (result.status !== 'ok') throw stageFailure(`the postdeploy container did not run on ${agentId}: ${result.message}`);
  ctx.patch((r) => {
    r.postdeploy = { agentId, exitCode: result.exitCode };
  });
  if (result.exitCode !== 0) {
    const why =
      result.exitCode === -128 ? `was stopped at its time limit (${postdeploy.timeoutMs / 1000}s): status -128` : `exited with status ${result.exitCode}`;
    throw stageFailure(`the postdeploy command ${why}`, { exitCode: result.exitCode, output: result.outputTail.slice(-20) });
  }
  return { type: 'postdeploy-succeeded' };
}

/** An agent that holds the image: one running a new (or kept) instance of the service, else any ready one. */
function postdeployAgent(ctx: StageContext, release: Release, service: string): string {
  const plan = ctx.deployment().plan;
  const holders = [...(plan?.start ?? []), ...(plan?.keep ?? [])].filter((i) => i.service === service).map((i) => i.agentId);
  const ready = holders.find((id) => ctx.store.data.agents[id]?.alive);
  if (ready) return ready;
  const placed = placeReplicas(
    { app: release.app, service, replicas: 1, labels: release.spec.services[service]?.placement.labels ?? {} },
    fleetView(ctx.store.data),
  );
  if (!placed.ok) throw stageFailure(`no agent can run the postdeploy container: ${placed.reason}`);
  return (placed.placements[0] as { agentId: string }).agentId;
}

/**
 * routing: Traefik's file (and the HTTP provider's answer) now lists the new instances and the
 * kept ones; then every Traefik the controller knows must confirm it has loaded them (or, with
 * none, a settle time passes) before draining starts: an old instance is never stopped while a
 * Traefik may still send it requests.
 */
export async function routeStage(ctx: StageContext): Promise<DeploymentEvent> {
  const d = ctx.deployment();
  const plan = d.plan;
  if (!plan) throw stageFailure('the deployment has no plan');
  const ids = [...plan.keep, ...plan.start].map((i) => i.instanceId);
  const before = routedRelease(ctx, appRecord(ctx, d.app));
  const services = [...Object.keys(releaseOf(ctx).spec.services), ...Object.keys(before?.spec.services ?? {})];
  try {
    // "routing" must be on disk before the file changes: a controller restarted in between
    // resumes routing instead of failing (and removing) the instances the file names. persisted(),
    // not flush(): changes others make meanwhile must not keep this waiting.
    await ctx.store.persisted();
    const outcome = await ctx.router.route(d.app, d.release, ids);
    ctx.log.info({ release: d.release, outcome, instances: ids.length }, 'routes switched');
  } catch (err) {
    throw stageFailure(toBerthError(err).message);
  }
  const confirmation = await confirmRoutes(ctx.router.options.confirm, serviceRouteName(d.app, ''), () => ctx.router.expected(d.app, services), ctx.signal);
  ctx.patch((r) => {
    r.routing = confirmation;
  });
  const line = describeRouting(confirmation);
  ctx.emitLines([`--> ${line}`]);
  if (routingConfirmed(confirmation)) ctx.log.info({ confirmation }, 'routes confirmed');
  else ctx.log.warn({ confirmation }, 'routes not confirmed: old instances will be kept');
  return { type: 'routed' };
}

/**
 * draining: old instances keep running for the drain period after Traefik confirmed the switch,
 * then are stopped and removed. When a Traefik did not confirm, they are kept running (it may
 * still send them requests); the next deployment retires them once its own switch is confirmed.
 */
export async function drainStage(ctx: StageContext): Promise<DeploymentEvent> {
  const d = ctx.deployment();
  const release = releaseOf(ctx);
  const retire = d.plan?.retire ?? [];
  if (retire.length === 0) return { type: 'drained' };
  if (d.routing && !routingConfirmed(d.routing)) {
    const waiting = d.routing.traefiks.filter((t) => !t.confirmed).map((t) => t.api);
    const kept = `kept ${retire.length} old instance(s) running: ${waiting.join(', ')} did not confirm the new routes (${describeRouting(d.routing)})`;
    ctx.patch((r) => {
      r.warnings = [...r.warnings, `draining: ${kept}`];
    });
    ctx.emitLines([`--> ${kept}`]);
    return { type: 'drained' };
  }
  const drainMs = Math.max(0, d.history.at(-1)!.atMs + release.spec.drain - Date.now());
  if (drainMs > 0) await sleep(drainMs, undefined, { signal: ctx.signal });
  const problems = await retireInstances(ctx.store, ctx.dispatcher, retire, d.id);
  if (problems.length) throw stageFailure(problems.join('; '));
  return { type: 'drained' };
}

/** Stops (SIGTERM, then SIGKILL after the grace) and removes instances; returns what went wrong. */
export async function retireInstances(store: Store, dispatcher: TaskDispatcher, instanceIds: string[], deploymentId: string | null): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    instanceIds.map(async (instanceId) => {
      const known = store.data.instances[instanceId];
      if (!known) return;
      const { agentId } = known;
      try {
        // A down agent gets the tasks when it is back (null: queued, not waited for).
        const stopped = await dispatcher.runOrQueue(
          { kind: 'stop-instance', agentId, deploymentId, spec: { instanceId, graceSeconds: STOP_GRACE_SECONDS } },
          60_000,
        );
        if (stopped && stopped.status !== 'ok') problems.push(`${instanceId}: ${stopped.message}`);
        const removed = await dispatcher.runOrQueue({ kind: 'remove-instance', agentId, deploymentId, spec: { instanceId } }, 60_000);
        if (removed && removed.status !== 'ok') problems.push(`${instanceId}: ${removed.message}`);
      } catch (err) {
        problems.push(`${instanceId}: ${errorMessage(err)}`);
      }
    }),
  );
  return problems;
}

/** After a failure or a cancel: the new instances go; routing and the old ones stay as they were. */
export async function removeNewInstances(ctx: Pick<StageContext, 'store' | 'dispatcher' | 'log'>, deployment: DeploymentRecord): Promise<void> {
  const ids = (deployment.plan?.start ?? []).map((i) => i.instanceId).filter((id) => ctx.store.data.instances[id]);
  await Promise.all(
    ids.map(async (instanceId) => {
      const agentId = ctx.store.data.instances[instanceId]?.agentId as string;
      try {
        await ctx.dispatcher.runOrQueue({ kind: 'remove-instance', agentId, deploymentId: deployment.id, spec: { instanceId } }, 60_000);
      } catch (err) {
        ctx.log.warn({ instanceId, err: errorMessage(err) }, 'cannot remove a new instance');
      }
    }),
  );
}
