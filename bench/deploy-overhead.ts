/**
 * Benchmark (prints figures; not a test): orchestration overhead of a deployment. Measures the time
 * from trigger to routed for a three-instance app on two agents, next to the same Docker operations
 * done directly through dockerode in the same run. The figure is Berth p50 / baseline p50.
 *
 * Berth: `controller.runner.request(app, deploy)` until the deployment enters `draining`. Berth
 * enters `draining` once the route stage has written the app's Traefik file and the cluster's
 * Traefik has confirmed it through its API (file provider: tens of ms), so this is the moment the
 * new instances are routed. The baseline below does not wait for a Traefik: the like-for-like
 * comparison through Traefik is bench/traefik-switch.ts. Every run is a new release: 3 new `web` instances (2 on one
 * agent, 1 on the other) replace the 3 routed ones. Settings: stability window 0, drain 0, no
 * postdeploy, HTTP health check GET /index.html. Stopping the old instances comes after routing,
 * so it is not timed. The next run starts once the deployment has ended.
 *
 * Baseline: the same container-create body Berth's agent sends (built by the agent's own
 * buildContainerSpec: same image, env, labels, port binding 127.0.0.1 with HostPort ''), run
 * through dockerode from this process. For 3 containers in parallel: create, start, inspect (for
 * the published port), then the agent's own probe (probeOnce: GET /index.html, 2xx/3xx) until it
 * passes. The first probe runs at once; after that the poll interval applies. Then one small
 * file is written the way the Traefik file is (temp file, fsync, rename, fsync of the directory).
 * Two poll intervals:
 *     50 ms: a tight poll, what a script doing it directly would do. This is the headline: all
 *            Berth adds over doing it by hand counts, including its 1 s probe interval. It is
 *            also the steadier figure (see the 1000 ms one).
 *   1000 ms: Berth's own health-check cadence (healthCheckOf: intervalMs 1000). The ratio against
 *            it is the machinery alone (tasks, NATS, gRPC, state machine, store, route write),
 *            with the health-check policy the same on both sides. It jumps by a second whenever
 *            a first probe misses (on one side or the other), so it swings more between runs.
 * The previous round's baseline containers are removed after the round, outside the timing.
 * During a timed round, 3 earlier containers of the same kind are still running, as in Berth.
 *
 * Berth, the 1000 ms baseline and the 50 ms baseline take turns in every iteration. The order
 * rotates between iterations, so that all three see the same machine noise. Before each timed
 * round the benchmark waits 500 ms, so the engine has finished the removals of the round before.
 *
 * Run: npx tsc -p . && npx tsc -p tsconfig.bench.json && node dist-bench/bench/deploy-overhead.js   (or: npm run bench)
 * Tunables: BENCH_DEPLOY_RUNS (12), BENCH_DEPLOY_WARMUP (1), BENCH_DEPLOY_BOOT_MS (0). With
 * BENCH_DEPLOY_BOOT_MS > 0, web runs `sleep <boot>; exec httpd ...` instead of the image's CMD
 * (in Berth and in the baseline alike): an app that takes that long before it listens, which
 * shows what the 1 s health-probe interval costs.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';
import type { Controller } from '../controller/controller.js';
import { agentStatus } from '../controller/core/agent-registry.js';
import type { DeploymentRecord } from '../controller/core/deployment-record.js';
import { releaseKey, type Release } from '../controller/core/release.js';
import type { TaskDispatcher } from '../controller/pipeline/task-dispatcher.js';
import { CLI, removeAgentContainers, startCluster, uniqueSuffix, type Cluster } from '../test/helpers/cluster.js';
import { applySpec, routedServers, waitForEnd } from '../test/helpers/deployments.js';
import { ensureTestImage, TEST_IMAGE } from '../test/helpers/test-image.js';
import { waitFor } from '../test/helpers/wait-for.js';
import { replaceFile } from '../shared/replace-file.js';
import { removeContainers, startBaselineContainers } from './baseline-containers.js';
import { intEnv, stats, type Stats } from './measure.js';

const SCALE = 3;
const TARGET_RATIO = 1.2;
/** A pause before every timed round: Docker finishes removing the last round's containers. */
const SETTLE_MS = 500;

const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : ms.toFixed(1)).padStart(8);
const row = (label: string, s: Stats) => `  ${label.padEnd(46)} ${fmt(s.p50)} ${fmt(s.mean)} ${fmt(s.min)} ${fmt(s.max)}`;
const header = (label: string) => `  ${label.padEnd(46)} ${'p50 ms'.padStart(8)} ${'mean ms'.padStart(8)} ${'min ms'.padStart(8)} ${'max ms'.padStart(8)}`;

// ---------------------------------------------------------------------------------------------
// Observing the controller without changing it: instance events from the intake, and every task's
// dispatch and result. The latter by wrapping this process's dispatcher object, which only
// records a timestamp and calls through.

interface TaskTrace {
  kind: string;
  agentId: string;
  instanceId: string | null;
  sentAtMs: number;
  resultAtMs: number | null;
  /** How long the agent took to apply it (its own measure, in the result). */
  agentMs: number | null;
}

interface InstanceEventTrace {
  atMs: number;
  kind: string;
  instanceId: string;
}

function observe(controller: Controller): { tasks: Map<string, TaskTrace>; events: InstanceEventTrace[] } {
  const tasks = new Map<string, TaskTrace>();
  const events: InstanceEventTrace[] = [];
  controller.intake.onInstanceEvent((n) => events.push({ atMs: performance.now(), kind: n.kind, instanceId: n.instanceId }));
  const dispatcher: TaskDispatcher = controller.dispatcher;
  const dispatch = dispatcher.dispatch.bind(dispatcher);
  const acceptResult = dispatcher.acceptResult.bind(dispatcher);
  dispatcher.dispatch = (request, options) => {
    const sentAtMs = performance.now();
    const spec = request.spec as { instanceId?: unknown };
    const trace: TaskTrace = {
      kind: request.kind,
      agentId: request.agentId,
      instanceId: typeof spec?.instanceId === 'string' ? spec.instanceId : null,
      sentAtMs,
      resultAtMs: null,
      agentMs: null,
    };
    if (request.id) tasks.set(request.id, trace);
    return dispatch(request, options).then((task) => {
      tasks.set(task.id, tasks.get(task.id) ?? trace);
      return task;
    });
  };
  dispatcher.acceptResult = (result) => {
    const trace = tasks.get(result.taskId);
    if (trace) {
      trace.resultAtMs = performance.now();
      trace.agentMs = result.durationMs;
    }
    acceptResult(result);
  };
  return { tasks, events };
}

// ---------------------------------------------------------------------------------------------
// Berth: one deployment, timed from the request to the routed state.

interface BerthRun {
  totalMs: number;
  /** Time spent in each state, from the deployment's history (ms resolution). */
  phases: Record<string, number>;
  /** Verifying, split: waiting for the last agent-reported "healthy" vs the controller noticing it. */
  healthWaitMs: number;
  noticeLagMs: number;
  /** Per new instance: its start-instance result → its "healthy" event at the controller. */
  probeDelaysMs: number[];
  /** start-instance and prepare-image: round trip at the controller vs the agent's own time. */
  tasks: Array<{ kind: string; roundTripMs: number; agentMs: number }>;
}

const PHASES = ['queued', 'building', 'starting', 'verifying', 'routing'] as const;

async function berthRound(controller: Controller, app: string, trace: ReturnType<typeof observe>): Promise<BerthRun> {
  const eventsBefore = trace.events.length;
  const t0 = performance.now();
  const d = controller.runner.request(app, { kind: 'deploy', services: [], refs: {}, withPostdeploy: false });
  // request() moves the deployment to building synchronously; watching now misses nothing after.
  let routedAt = 0;
  const routed = new Promise<void>((resolve, reject) => {
    const stop = controller.runner.watch(d.id, ({ deployment }) => {
      if (routedAt === 0 && ['draining', 'succeeded'].includes(deployment.state)) {
        routedAt = performance.now();
        stop();
        resolve();
      } else if (['failed', 'cancelled'].includes(deployment.state)) {
        stop();
        reject(new Error(`deployment ${d.id} ${deployment.state} in ${deployment.failure?.phase}: ${deployment.failure?.reason}`));
      }
    });
  });
  const state = controller.store.data.deployments[d.id]?.state;
  if (state !== 'building') throw new Error(`deployment ${d.id} did not start at once (it is ${state})`);
  await routed;
  const end: DeploymentRecord = await waitForEnd(controller, d.id, 120_000);
  if (end.state !== 'succeeded') throw new Error(`deployment ${d.id} ended ${end.state}: ${end.failure?.reason ?? end.warnings.join('; ')}`);

  const at = (state: string) => end.history.find((h) => h.state === state)?.atMs as number;
  const phases: Record<string, number> = {};
  for (const [i, h] of end.history.entries()) {
    const next = end.history[i + 1];
    if (next && (PHASES as readonly string[]).includes(h.state)) phases[h.state] = next.atMs - h.atMs;
  }
  // Instance events and tasks are on the performance clock; history is on Date.now(). Both are
  // put relative to the request: t0 (performance) and the queued entry (Date.now()).
  const queuedAt = at('queued');
  const rel = (perfMs: number) => perfMs - t0;
  const newIds = new Set((end.plan?.start ?? []).map((i) => i.instanceId));
  const healthy = new Map<string, number>();
  for (const e of trace.events.slice(eventsBefore))
    if (e.kind === 'healthy' && newIds.has(e.instanceId) && !healthy.has(e.instanceId)) healthy.set(e.instanceId, rel(e.atMs));
  if (healthy.size !== newIds.size) throw new Error(`saw ${healthy.size} healthy events for ${newIds.size} new instances`);
  const lastHealthy = Math.max(...healthy.values());
  const verifyingAt = at('verifying') - queuedAt;
  const routingAt = at('routing') - queuedAt;

  const tasks: BerthRun['tasks'] = [];
  const probeDelaysMs: number[] = [];
  for (const [, t] of trace.tasks) {
    if (t.sentAtMs < t0 || t.resultAtMs === null || t.agentMs === null) continue;
    if (t.kind !== 'start-instance' && t.kind !== 'prepare-image') continue;
    if (t.sentAtMs > routedAt) continue;
    tasks.push({ kind: t.kind, roundTripMs: t.resultAtMs - t.sentAtMs, agentMs: t.agentMs });
    if (t.kind === 'start-instance' && t.instanceId && healthy.has(t.instanceId)) probeDelaysMs.push((healthy.get(t.instanceId) as number) - rel(t.resultAtMs));
  }
  for (const [id, t] of trace.tasks) if (t.sentAtMs >= t0) trace.tasks.delete(id);

  return {
    totalMs: routedAt - t0,
    phases,
    healthWaitMs: Math.max(0, lastHealthy - verifyingAt),
    noticeLagMs: routingAt - Math.max(lastHealthy, verifyingAt),
    probeDelaysMs,
    tasks,
  };
}

// ---------------------------------------------------------------------------------------------
// Baseline: the same Docker operations through dockerode, from this process.

interface BaselineRun {
  totalMs: number;
  /** Create + start + inspect, until the last of the 3 containers is done. */
  startMs: number;
  /** From then until the last container answered its health check. */
  healthWaitMs: number;
  fileMs: number;
  /** Per container: create + start + inspect (compare: the agent's start-instance task). */
  perContainerStartMs: number[];
  /** Per container: probes until the first pass (1 = the first probe passed). */
  probes: number[];
  containerIds: string[];
}

async function baselineRound(
  docker: Docker,
  release: Release,
  agentId: string,
  variant: string,
  round: number,
  pollMs: number,
  dir: string,
): Promise<BaselineRun> {
  const t0 = performance.now();
  const containers = await startBaselineContainers(docker, {
    release,
    agentId,
    deploymentId: `${variant}r${round}`,
    idPrefix: `bench-${variant}-r${round}`,
    scale: SCALE,
    pollMs,
  });
  const started = containers.map((c) => c.startedAt);
  const healthyAt = performance.now();
  // Like the Traefik file: a temp name, fsync, rename, fsync of the directory.
  const text = `http:\n  services:\n    ${release.app}-web:\n      loadBalancer:\n        servers:\n${containers.map((c) => `          - url: ${c.url}\n`).join('')}`;
  await replaceFile(join(dir, `${variant}.yml`), { temp: join(dir, `.${variant}.yml.tmp`), mode: 0o644 }, (file) => file.writeFile(text));
  const t1 = performance.now();
  return {
    totalMs: t1 - t0,
    startMs: Math.max(...started) - t0,
    healthWaitMs: healthyAt - Math.max(...started),
    fileMs: t1 - healthyAt,
    perContainerStartMs: containers.map((c) => c.startMs),
    probes: containers.map((c) => c.probes),
    containerIds: containers.map((c) => c.id),
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with npx tsc -p tsconfig.json`);
  const RUNS = intEnv('BENCH_DEPLOY_RUNS', 12);
  const WARMUP = intEnv('BENCH_DEPLOY_WARMUP', 1, 0);
  const BOOT_MS = intEnv('BENCH_DEPLOY_BOOT_MS', 0, 0);
  await ensureTestImage();

  const suffix = uniqueSuffix();
  const app = `bench-${suffix}`;
  const agentIds = [`bench-a-${suffix}`, `bench-b-${suffix}`];
  // Baseline containers carry this agent id in their labels: no Berth agent watches them, and
  // removeAgentContainers finds them all at the end.
  const baselineAgent = `bench-base-${suffix}`;
  const docker = new Docker();
  const fileDir = await mkdtemp(join(tmpdir(), 'berth-bench-traefik-'));
  let cluster: Cluster | null = null;
  try {
    // Production heartbeat and log level for the agents (the test cluster's are 500 ms and debug).
    cluster = await startCluster({ stabilityWindow: '0s', heartbeatTtl: '15s' });
    const c = cluster;
    await Promise.all(agentIds.map((id) => c.startAgent(id, ['--heartbeat', '5s', '--log-level', 'info'])));
    await waitFor(
      'both agents to be ready',
      () =>
        agentIds.every((id) => {
          const agent = c.controller.store.data.agents[id];
          return agent !== undefined && agentStatus(agent) === 'ready';
        }),
      20_000,
    );
    const controller = c.controller;
    const trace = observe(controller);

    applySpec(
      controller,
      JSON.stringify({
        name: app,
        domains: [`${app}.example.test`],
        drain: '0s',
        services: {
          web: {
            image: TEST_IMAGE,
            // The image's CMD is httpd -f -p 8080 -h /www.
            ...(BOOT_MS > 0 ? { command: `sleep ${BOOT_MS / 1000}; exec httpd -f -p 8080 -h /www` } : {}),
            port: 8080,
            scale: SCALE,
            health: { path: '/index.html', bootTimeout: '30s' },
          },
        },
      }),
    );

    console.log(
      `deploy overhead: trigger → routed, ${SCALE} instances of web on 2 agents; ${RUNS} runs after ${WARMUP} warm-up; stability window 0, drain 0, no postdeploy, health GET /index.html${BOOT_MS > 0 ? `; web listens ${BOOT_MS} ms after its start` : ''}`,
    );
    const berth: BerthRun[] = [];
    const base: Record<'p1000' | 'p50', BaselineRun[]> = { p1000: [], p50: [] };
    const previous: Record<'p1000' | 'p50', string[]> = { p1000: [], p50: [] };
    let release: Release | null = null;

    const runBerth = async (keep: boolean) => {
      const run = await berthRound(controller, app, trace);
      if (keep) berth.push(run);
      const routed = (await routedServers(controller, app))[`${app}-web`] ?? [];
      if (routed.length !== SCALE) throw new Error(`expected ${SCALE} routed servers, the Traefik file lists ${routed.length}`);
      const routedRelease = controller.store.data.apps[app]?.routed?.release ?? '';
      release = controller.store.data.releases[releaseKey(app, routedRelease)] ?? null;
    };
    const runBaseline = async (variant: 'p1000' | 'p50', round: number, keep: boolean) => {
      const pollMs = variant === 'p1000' ? 1000 : 50;
      const run = await baselineRound(docker, release as Release, baselineAgent, variant, round, pollMs, fileDir);
      if (keep) base[variant].push(run);
      // The previous round's containers go after the timed part, as Berth's old instances do.
      await removeContainers(docker, previous[variant]);
      previous[variant] = run.containerIds;
    };

    const kinds = ['berth', 'p1000', 'p50'] as const;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const keep = i >= WARMUP;
      // The first run is Berth's, because the baseline takes its release's container spec.
      const order = i === 0 ? kinds : kinds.map((_, k) => kinds[(k + i) % kinds.length] as (typeof kinds)[number]);
      for (const kind of order) {
        await sleep(SETTLE_MS);
        if (kind === 'berth') await runBerth(keep);
        else await runBaseline(kind, i, keep);
      }
      const last = (list: Array<{ totalMs: number }>) => (keep ? (list.at(-1)?.totalMs.toFixed(0) ?? '-') : '-');
      console.log(
        `  ${keep ? `run ${i - WARMUP + 1}` : 'warm-up'}: ${order.join(' → ')}; Berth ${last(berth)} ms, baseline 1000 ms poll ${last(base.p1000)} ms, 50 ms poll ${last(base.p50)} ms`,
      );
    }

    const b = stats(berth.map((r) => r.totalMs));
    const b1000 = stats(base.p1000.map((r) => r.totalMs));
    const b50 = stats(base.p50.map((r) => r.totalMs));
    console.log(`\ntrigger → routed (N=${RUNS})`);
    console.log(header('path'));
    console.log(row('Berth deploy (request → routed)', b));
    console.log(row('dockerode direct, health poll 50 ms', b50));
    console.log(row('dockerode direct, health poll 1000 ms', b1000));
    const ratio = { p50: b.p50 / b50.p50, p1000: b.p50 / b1000.p50, meanP50: b.mean / b50.mean, meanP1000: b.mean / b1000.mean };
    console.log(
      `  ratio Berth p50 / baseline p50: ${ratio.p50.toFixed(2)}x against the 50 ms poll (headline; target <= ${TARGET_RATIO}: ${ratio.p50 <= TARGET_RATIO ? 'met' : 'NOT met'}), ${ratio.p1000.toFixed(2)}x against the 1000 ms poll (machinery alone)`,
    );
    console.log(`  ratio of means: ${ratio.meanP50.toFixed(2)}x (50 ms poll), ${ratio.meanP1000.toFixed(2)}x (1000 ms poll)`);
    // Paired: each Berth run against the baseline runs of the same iteration (seconds apart), which
    // cancels slow drifts in machine load; the median of those ratios and of the differences.
    const paired = (list: BaselineRun[]) => ({
      ratio: stats(berth.map((r, i) => r.totalMs / (list[i] as BaselineRun).totalMs)).p50,
      extraMs: stats(berth.map((r, i) => r.totalMs - (list[i] as BaselineRun).totalMs)).p50,
    });
    const pairs = { p50: paired(base.p50), p1000: paired(base.p1000) };
    console.log(
      `  paired per iteration, median: ratio ${pairs.p50.ratio.toFixed(2)}x / extra ${pairs.p50.extraMs.toFixed(0)} ms (50 ms poll), ratio ${pairs.p1000.ratio.toFixed(2)}x / extra ${pairs.p1000.extraMs.toFixed(0)} ms (1000 ms poll)`,
    );

    console.log(`\nBerth per phase (time in each state, from the deployment history)`);
    console.log(header('phase'));
    const phaseStats: Record<string, Stats> = {};
    for (const p of PHASES) {
      phaseStats[p] = stats(berth.map((r) => r.phases[p] ?? 0));
      console.log(row(p, phaseStats[p] as Stats));
    }
    const split = {
      healthWait: stats(berth.map((r) => r.healthWaitMs)),
      noticeLag: stats(berth.map((r) => r.noticeLagMs)),
      probeDelay: stats(berth.flatMap((r) => r.probeDelaysMs)),
    };
    console.log(row('  verifying: waiting for the last "healthy"', split.healthWait));
    console.log(row('  verifying: controller noticing (100 ms poll)', split.noticeLag));
    console.log(row('per instance: start result → "healthy" event', split.probeDelay));
    const taskStats: Record<string, { roundTrip: Stats; agent: Stats; transport: Stats }> = {};
    for (const kind of ['prepare-image', 'start-instance']) {
      const list = berth.flatMap((r) => r.tasks.filter((t) => t.kind === kind));
      taskStats[kind] = {
        roundTrip: stats(list.map((t) => t.roundTripMs)),
        agent: stats(list.map((t) => t.agentMs)),
        transport: stats(list.map((t) => t.roundTripMs - t.agentMs)),
      };
      console.log(row(`${kind} task: round trip at the controller`, taskStats[kind].roundTrip));
      console.log(row(`${kind} task: applied on the agent`, taskStats[kind].agent));
      console.log(row(`${kind} task: the rest (NATS, gRPC, queues)`, taskStats[kind].transport));
    }

    console.log(`\nbaseline per phase`);
    console.log(header('phase'));
    const baseStats: Record<string, { start: Stats; perContainer: Stats; healthWait: Stats; file: Stats }> = {};
    for (const [variant, label] of [
      ['p50', '50 ms'],
      ['p1000', '1000 ms'],
    ] as const) {
      const runs = base[variant];
      baseStats[variant] = {
        start: stats(runs.map((r) => r.startMs)),
        perContainer: stats(runs.flatMap((r) => r.perContainerStartMs)),
        healthWait: stats(runs.map((r) => r.healthWaitMs)),
        file: stats(runs.map((r) => r.fileMs)),
      };
      console.log(row(`${label}: create + start + inspect (last of 3)`, baseStats[variant].start));
      console.log(row(`${label}: the same, per container`, baseStats[variant].perContainer));
      console.log(row(`${label}: then until the last health check passed`, baseStats[variant].healthWait));
      console.log(row(`${label}: write the file`, baseStats[variant].file));
    }

    const berthSlow = berth.flatMap((r) => r.probeDelaysMs).filter((ms) => ms >= 500).length;
    const firstProbe = (runs: BaselineRun[]) => runs.flatMap((r) => r.probes).filter((p) => p === 1).length;
    const total = RUNS * SCALE;
    console.log(
      `\nfirst health probe passed: Berth ~${total - berthSlow}/${total} instances ("healthy" < 500 ms after the start result), baseline 50 ms ${firstProbe(base.p50)}/${total}, baseline 1000 ms ${firstProbe(base.p1000)}/${total}`,
    );
    console.log(
      JSON.stringify({
        bench: 'deploy-overhead',
        runs: RUNS,
        bootMs: BOOT_MS,
        warmup: WARMUP,
        berth: b,
        baselinePoll50: b50,
        baselinePoll1000: b1000,
        ratio,
        paired: pairs,
        berthPhases: phaseStats,
        berthVerifying: split,
        berthTasks: taskStats,
        baselinePhases: baseStats,
        firstProbePassed: { berth: total - berthSlow, poll50: firstProbe(base.p50), poll1000: firstProbe(base.p1000), of: total },
      }),
    );
  } catch (err) {
    for (const agent of cluster?.agents ?? []) console.error(`agent ${agent.id} output (last 2000 chars):\n${agent.output.slice(-2000)}`);
    throw err;
  } finally {
    await cluster?.close().catch((err: unknown) => console.error(`cluster close: ${String(err)}`));
    await removeAgentContainers(baselineAgent).catch(() => undefined);
    await rm(fileDir, { recursive: true, force: true });
  }
}

await main();
