/**
 * Benchmark (prints figures; not a test): a deployment as its users see it, through a real Traefik.
 *
 * 1. Trigger → the first request answered by the new release through Traefik, for a 3-instance
 *    deploy of the echo app (test/helpers/echo-image.ts: GET / answers {"release": BERTH_RELEASE})
 *    on 2 agents, next to the bare path in the same run. The figure is Berth p50 / bare p50.
 *
 *    Berth: `controller.runner.request(app, deploy)`; meanwhile a poller sends GET / with the app's
 *    Host header through the cluster's Traefik (file provider on the controller's Traefik
 *    directory, default 2 s throttle), each on a fresh connection, every POLL_MS, until the answer
 *    names the deployment's release. Berth answers through Traefik as soon as the routing stage
 *    has written the app's file and Traefik has loaded it; the deployment itself goes on
 *    (confirmation by every Traefik API, draining, stopping the old instances) and the next round
 *    starts once it has ended. Settings: stability window 0, drain 0, no postdeploy, health
 *    GET /healthz.
 *
 *    Bare: the same Docker operations through dockerode from this process (the container-create
 *    body from the agent's own buildContainerSpec: the same image, env, labels and port binding;
 *    BERTH_RELEASE is set per round, so the answer tells the new release from the old), the
 *    agent's probe (probeOnce, GET /healthz) every 50 ms until it passes, then the same kind of
 *    Traefik file (Berth's own renderAppConfig + serializeAppConfig: routers, retry middleware,
 *    load balancer with its health check) written atomically (temp file, fsync, rename, fsync of
 *    the directory) into a directory that a real Traefik of its own watches (file provider,
 *    default throttle), and the same poller through that Traefik until the new release answers.
 *    The previous round's containers stay routed and running until then, and are removed after.
 *    Two variants, each with its own Traefik:
 *      bare      the temp file in the watched directory's .berth-tmp/ subdirectory, as Berth
 *                writes it (the headline: the same file write on both sides);
 *      bare-out  the temp file in a sibling directory, renamed in.
 *    Both keep the temp file out of Traefik's watch: its file provider sends a configuration on
 *    every event in the directory, and its throttle (2s) holds back whatever follows the first,
 *    so a temp file created in the directory itself spent that first event on nothing and the
 *    rename waited ~2 s (as Berth did before traefik-files.ts moved its temp files).
 *
 *    Berth, bare and bare-out take turns in every iteration, the order rotating. Each round starts
 *    at least BENCH_SWITCH_QUIET_MS after the last change its Traefik saw (so no round inherits
 *    a throttle pause from the round before: a change holds the next one back up to 2 × 2 s) and
 *    at least 500 ms after the previous round.

 * 2. Routes written → each Traefik's confirmation, per provider, from every Berth deployment's
 *    recorded `routing.traefiks[].ms`: the cluster's Traefik on the file provider, one on the HTTP
 *    provider at Traefik's default poll (5s), and (BENCH_SWITCH_HTTP_1S=1, default) a third on the
 *    HTTP provider polling every 1s, added to the controller's --traefik-api by restarting it on
 *    the same ports and data directory before the agents join. Also the time in `routing` (from
 *    the deployment's history) and trigger → deployment succeeded.
 *
 * Run: npx tsc -p tsconfig.json && npx tsc -p tsconfig.bench.json && node dist-bench/bench/traefik-switch.js   (or: npm run bench)
 * Tunables: BENCH_SWITCH_RUNS (10), BENCH_SWITCH_WARMUP (1), BENCH_SWITCH_POLL_MS (10: the poller
 * through Traefik), BENCH_SWITCH_HEALTH_POLL_MS (50: the bare path's health poll),
 * BENCH_SWITCH_QUIET_MS (4500: the least time since the round's Traefik last changed),
 * BENCH_SWITCH_HTTP_1S (1: add the HTTP provider's Traefik polling every 1s; 0: leave it out).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';
import { serializeAppConfig, tempDir } from '../controller/adapters/traefik-files.js';
import type { Controller } from '../controller/controller.js';
import { agentStatus } from '../controller/core/agent-registry.js';
import { releaseKey, type Release } from '../controller/core/release.js';
import { renderAppConfig } from '../controller/core/traefik-config.js';
import { CLI, removeAgentContainers, startCluster, uniqueSuffix, type Cluster } from '../test/helpers/cluster.js';
import { applySpec, routedServers, waitForEnd } from '../test/helpers/deployments.js';
import { ECHO_IMAGE, ensureEchoImage } from '../test/helpers/echo-image.js';
import { getThrough, startTraefik, type Traefik } from '../test/helpers/traefik.js';
import { waitFor } from '../test/helpers/wait-for.js';
import { replaceFile } from '../shared/replace-file.js';
import { removeContainers, startBaselineContainers } from './baseline-containers.js';
import { intEnv, stats, type Stats } from './measure.js';

const SCALE = 3;
const TARGET_RATIO = 1.2;
/** A pause before every timed round: Docker finishes removing the last round's containers. */
const SETTLE_MS = 500;
/** The longest a round may wait for the new release to answer through Traefik. */
const ANSWER_TIMEOUT_MS = 60_000;

const fmt = (ms: number) => (Number.isNaN(ms) ? '-' : ms.toFixed(1)).padStart(8);
const row = (label: string, s: Stats) => `  ${label.padEnd(50)} ${fmt(s.p50)} ${fmt(s.p90)} ${fmt(s.mean)} ${fmt(s.min)} ${fmt(s.max)}`;
const header = (label: string) =>
  `  ${label.padEnd(50)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'mean ms'.padStart(8)} ${'min ms'.padStart(8)} ${'max ms'.padStart(8)}`;

// ---------------------------------------------------------------------------------------------
// The poller: GET / through a Traefik's entry point with the app's Host header, a fresh connection
// each time, every pollMs, until the answer names the wanted release. The same on both sides.

interface PollResult {
  /** performance.now() when the first answer from the new release arrived. */
  answeredAt: number;
  /** Answers before it: 200 from the old release, anything else (404 before any route, 502, errors). */
  old: number;
  other: number;
}

function pollThrough(traefik: Traefik, host: string, isNew: (release: string) => boolean, pollMs: number, signal: AbortSignal): Promise<PollResult> {
  return (async () => {
    const deadline = performance.now() + ANSWER_TIMEOUT_MS;
    let old = 0;
    let other = 0;
    for (;;) {
      signal.throwIfAborted();
      try {
        const answer = await getThrough(traefik.webPort, host, '/', 2000);
        const at = performance.now();
        let release: string | null = null;
        if (answer.status === 200) {
          try {
            release = String((JSON.parse(answer.body) as { release?: unknown }).release ?? '');
          } catch {
            release = null;
          }
        }
        if (release !== null && isNew(release)) return { answeredAt: at, old, other };
        if (release !== null) old++;
        else other++;
      } catch {
        other++;
      }
      if (performance.now() > deadline) throw new Error(`the new release did not answer through Traefik (${host}) within ${ANSWER_TIMEOUT_MS} ms`);
      await sleep(pollMs, undefined, { signal });
    }
  })();
}

// ---------------------------------------------------------------------------------------------
// Berth: one deployment, from the request to the first answer of the new release through Traefik.

interface BerthRun {
  /** Trigger → first answer from the new release through the cluster's (file provider) Traefik. */
  totalMs: number;
  /** Time in each state, from the deployment's history (ms resolution). */
  phases: Record<string, number>;
  /** From entering routing (just before the file is written) to the first new answer. */
  routingToAnswerMs: number;
  /** performance.now() of entering routing (from the history, ms resolution). */
  routingAt: number;
  /** Trigger → entering draining (every Traefik confirmed; deploy-overhead's "routed"). */
  drainingMs: number;
  /** Trigger → succeeded. */
  succeededMs: number;
  /** routing.traefiks[].ms per API, and routing.waitedMs. */
  confirmations: Array<{ api: string; confirmed: boolean; ms: number }>;
  waitedMs: number;
  old: number;
  other: number;
}

const PHASES = ['queued', 'building', 'starting', 'verifying', 'routing', 'draining'] as const;

async function berthRound(controller: Controller, app: string, traefik: Traefik, host: string, pollMs: number): Promise<BerthRun> {
  const aborter = new AbortController();
  const t0 = performance.now();
  const d = controller.runner.request(app, { kind: 'deploy', services: [], refs: {}, withPostdeploy: false });
  // The release name is set while building; until then nothing is the new release.
  const isNew = (release: string) => {
    const name = controller.store.data.deployments[d.id]?.release ?? '';
    return name !== '' && release === name;
  };
  const polled = pollThrough(traefik, host, isNew, pollMs, aborter.signal);
  const ended = waitForEnd(controller, d.id, 120_000).then((end) => {
    if (end.state !== 'succeeded') {
      aborter.abort();
      throw new Error(`deployment ${d.id} ended ${end.state}: ${end.failure?.reason ?? end.warnings.join('; ')}`);
    }
    return end;
  });
  const [poll, end] = await Promise.all([polled, ended]);
  const at = (state: string) => end.history.find((h) => h.state === state)?.atMs as number;
  const phases: Record<string, number> = {};
  for (const [i, h] of end.history.entries()) {
    const next = end.history[i + 1];
    if (next && (PHASES as readonly string[]).includes(h.state)) phases[h.state] = next.atMs - h.atMs;
  }
  // History is on Date.now() (ms), the poller on the performance clock: both relative to the
  // request (the queued entry is written by request() itself, synchronously).
  const queuedAt = at('queued');
  const totalMs = poll.answeredAt - t0;
  if (!end.routing) throw new Error(`deployment ${d.id} has no routing record`);
  return {
    totalMs,
    phases,
    routingToAnswerMs: totalMs - (at('routing') - queuedAt),
    routingAt: t0 + (at('routing') - queuedAt),
    drainingMs: at('draining') - queuedAt,
    succeededMs: at('succeeded') - queuedAt,
    confirmations: end.routing.traefiks.map((t) => ({ api: t.api, confirmed: t.confirmed, ms: t.ms })),
    waitedMs: end.routing.waitedMs,
    old: poll.old,
    other: poll.other,
  };
}

// ---------------------------------------------------------------------------------------------
// Bare: the same Docker operations through dockerode, the same kind of file, another Traefik.

interface BareRun {
  totalMs: number;
  /** Create + start + inspect, until the last of the 3 containers is done. */
  startMs: number;
  /** From then until the last container answered its health check. */
  healthWaitMs: number;
  /** Writing the file (render, YAML, atomic write). */
  fileMs: number;
  /** From the file written to the first answer of the new release through Traefik. */
  pickupMs: number;
  /** performance.now() when the file was in place. */
  writtenAt: number;
  probes: number[];
  old: number;
  other: number;
  containerIds: string[];
}

type BareVariant = 'bare' | 'bare-out';

interface BareSide {
  variant: BareVariant;
  /** The directory its Traefik watches. */
  dir: string;
  /** Where the temp file is written before the rename: `dir` itself, or a sibling directory. */
  tmpDir: string;
  traefik: Traefik;
  previous: string[];
  runs: BareRun[];
}

async function bareRound(
  docker: Docker,
  release: Release,
  agentId: string,
  round: number,
  healthPollMs: number,
  side: BareSide,
  host: string,
  pollMs: number,
): Promise<BareRun> {
  const { dir, tmpDir, traefik } = side;
  // Its own release name, so the answer tells this round's containers from the last round's.
  const rel: Release = { ...release, name: `${side.variant}-${round}` };
  const deploymentId = `${side.variant}${round}`;
  const aborter = new AbortController();
  const t0 = performance.now();
  const polled = pollThrough(traefik, host, (r) => r === rel.name, pollMs, aborter.signal);
  try {
    const containers = await startBaselineContainers(docker, {
      release: rel,
      agentId,
      deploymentId,
      idPrefix: `bench-sw-${side.variant}-r${round}`,
      scale: SCALE,
      pollMs: healthPollMs,
    });
    const started = containers.map((c) => c.startedAt);
    const healthyAt = performance.now();
    // The same kind of file as Berth's: its renderer and YAML, one service, one domain.
    const config = renderAppConfig({
      app: release.app,
      services: [{ service: 'web', domains: [host], servers: containers.map((c) => c.url), healthPath: '/healthz' }],
    });
    if (!config) throw new Error('nothing to route');
    const text = serializeAppConfig(release.app, config);
    await replaceFile(join(dir, `${release.app}.yml`), { temp: join(tmpDir, `.${release.app}.yml.tmp`), mode: 0o644 }, (file) => file.writeFile(text));
    const writtenAt = performance.now();
    const poll = await polled;
    return {
      totalMs: poll.answeredAt - t0,
      startMs: Math.max(...started) - t0,
      healthWaitMs: healthyAt - Math.max(...started),
      fileMs: writtenAt - healthyAt,
      pickupMs: poll.answeredAt - writtenAt,
      writtenAt,
      probes: containers.map((c) => c.probes),
      old: poll.old,
      other: poll.other,
      containerIds: containers.map((c) => c.id),
    };
  } finally {
    aborter.abort();
    await polled.catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with npx tsc -p tsconfig.json`);
  const RUNS = intEnv('BENCH_SWITCH_RUNS', 10);
  const WARMUP = intEnv('BENCH_SWITCH_WARMUP', 1, 0);
  const POLL_MS = intEnv('BENCH_SWITCH_POLL_MS', 10);
  const HEALTH_POLL_MS = intEnv('BENCH_SWITCH_HEALTH_POLL_MS', 50);
  const QUIET_MS = intEnv('BENCH_SWITCH_QUIET_MS', 4500, 0);
  const HTTP_1S = intEnv('BENCH_SWITCH_HTTP_1S', 1, 0) > 0;
  await ensureEchoImage();

  const suffix = uniqueSuffix();
  const app = `bench-sw-${suffix}`;
  const host = `${app}.example.test`;
  const agentIds = [`bench-swa-${suffix}`, `bench-swb-${suffix}`];
  // Bare containers carry this agent id in their labels: no Berth agent watches them, and
  // removeAgentContainers finds them all at the end.
  const bareAgent = `bench-swbare-${suffix}`;
  const docker = new Docker();
  const bareRoot = await mkdtemp(join(tmpdir(), 'berth-bench-switch-'));
  let cluster: Cluster | null = null;
  let http1s: Traefik | null = null;
  const sides: BareSide[] = [];
  try {
    // Production heartbeat and log level for the agents (the test cluster's are 500 ms and debug).
    cluster = await startCluster({ stabilityWindow: '0s', heartbeatTtl: '15s', httpProviderTraefik: { pollInterval: '5s' } });
    const c = cluster;
    const [fileTraefik, http5s] = c.traefiks as [Traefik, Traefik];
    const labels = new Map<string, string>([
      [fileTraefik.api, 'file provider'],
      [http5s.api, 'HTTP provider, poll 5s'],
    ]);
    if (HTTP_1S) {
      // A third Traefik on the HTTP provider polling every second; the controller confirms with it
      // too once restarted (same ports, same data directory) with its API added.
      http1s = await startTraefik({ http: { endpoint: `http://127.0.0.1:${c.controller.httpPort}/traefik/dynamic`, pollInterval: '1s' } });
      labels.set(http1s.api, 'HTTP provider, poll 1s');
      await c.stopController();
      await c.startController({ traefikApis: [...c.traefiks.map((t) => t.api), http1s.api] });
    }
    // The bare paths, each with a Traefik of its own (a provider's throttle is per Traefik).
    for (const variant of ['bare', 'bare-out'] as const) {
      const dir = join(bareRoot, variant);
      const tmpDir = variant === 'bare' ? tempDir(dir) : join(bareRoot, `${variant}-tmp`);
      await mkdir(dir, { recursive: true });
      await mkdir(tmpDir, { recursive: true });
      sides.push({ variant, dir, tmpDir, traefik: await startTraefik({ fileDirectory: dir }), previous: [], runs: [] });
    }
    const [inside, outside] = sides as [BareSide, BareSide];
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

    applySpec(
      controller,
      JSON.stringify({
        name: app,
        domains: [host],
        drain: '0s',
        services: { web: { image: ECHO_IMAGE, port: 8080, scale: SCALE, health: { path: '/healthz', bootTimeout: '30s' } } },
      }),
    );

    console.log(
      `traefik switch: trigger → first answer of the new release through Traefik, ${SCALE} echo instances on 2 agents; ${RUNS} runs after ${WARMUP} warm-up; stability window 0, drain 0, no postdeploy, health GET /healthz; poll through Traefik every ${POLL_MS} ms (fresh connection), bare health poll ${HEALTH_POLL_MS} ms; each round starts >= ${QUIET_MS} ms after its Traefik's last change`,
    );
    console.log(
      `  Berth: Traefik ${fileTraefik.api} (file provider; the answers), ${http5s.api} (HTTP provider, 5s)${http1s ? `, ${http1s.api} (HTTP provider, 1s)` : ''}; bare: ${inside.traefik.api} (temp file in the watched directory, as Berth), ${outside.traefik.api} (temp file beside it); all at the default 2s throttle`,
    );
    const berth: BerthRun[] = [];
    let release: Release | null = null;
    // performance.now() of the last change to each Traefik's configuration (the file written).
    const lastChange = new Map<string, number>();
    const quiet = async (kind: string) => {
      const since = performance.now() - (lastChange.get(kind) ?? -Infinity);
      await sleep(Math.max(SETTLE_MS, QUIET_MS - since));
    };

    const runBerth = async (keep: boolean) => {
      const run = await berthRound(controller, app, fileTraefik, host, POLL_MS);
      if (keep) berth.push(run);
      lastChange.set('berth', run.routingAt);
      const routed = (await routedServers(controller, app))[`${app}-web`] ?? [];
      if (routed.length !== SCALE) throw new Error(`expected ${SCALE} routed servers, the Traefik file lists ${routed.length}`);
      const routedRelease = controller.store.data.apps[app]?.routed?.release ?? '';
      release = controller.store.data.releases[releaseKey(app, routedRelease)] ?? null;
    };
    const runBare = async (side: BareSide, round: number, keep: boolean) => {
      const run = await bareRound(docker, release as Release, bareAgent, round, HEALTH_POLL_MS, side, host, POLL_MS);
      if (keep) side.runs.push(run);
      lastChange.set(side.variant, run.writtenAt);
      // The previous round's containers go after the timed part, as Berth's old instances do.
      await removeContainers(docker, side.previous);
      side.previous = run.containerIds;
    };

    const kinds = ['berth', 'bare', 'bare-out'] as const;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const keep = i >= WARMUP;
      // The first run is Berth's: the bare paths take its release's container spec.
      const order = i === 0 ? kinds : kinds.map((_, k) => kinds[(k + i) % kinds.length] as (typeof kinds)[number]);
      for (const kind of order) {
        await quiet(kind);
        if (kind === 'berth') await runBerth(keep);
        else await runBare(kind === 'bare' ? inside : outside, i, keep);
      }
      if (keep) {
        const b = berth.at(-1) as BerthRun;
        const confirms = b.confirmations.map((t) => `${labels.get(t.api) ?? t.api} ${t.confirmed ? t.ms : `NOT (${t.ms})`}`).join(', ');
        console.log(
          `  run ${i - WARMUP + 1}: ${order.join(' → ')}; Berth ${b.totalMs.toFixed(0)} ms, bare ${(inside.runs.at(-1) as BareRun).totalMs.toFixed(0)} ms, bare-out ${(outside.runs.at(-1) as BareRun).totalMs.toFixed(0)} ms; confirmed (ms after the write): ${confirms}; succeeded at ${b.succeededMs} ms`,
        );
      } else console.log(`  warm-up: ${order.join(' → ')}`);
    }

    // ---- 1. trigger → first answer from the new release through Traefik
    const b = stats(berth.map((r) => r.totalMs));
    const bb = stats(inside.runs.map((r) => r.totalMs));
    const bo = stats(outside.runs.map((r) => r.totalMs));
    console.log(`\n1. trigger → first answer from the new release through Traefik (N=${RUNS})`);
    console.log(header('path'));
    console.log(row('Berth deploy', b));
    console.log(row(`bare (health poll ${HEALTH_POLL_MS} ms; temp file in the dir)`, bb));
    console.log(row(`bare-out (the same; temp file beside the dir)`, bo));
    const paired = (list: BareRun[]) => ({
      ratio: stats(berth.map((r, i) => r.totalMs / (list[i] as BareRun).totalMs)).p50,
      extraMs: stats(berth.map((r, i) => r.totalMs - (list[i] as BareRun).totalMs)).p50,
    });
    const ratio = { p50: b.p50 / bb.p50, mean: b.mean / bb.mean, outsideP50: b.p50 / bo.p50, outsideMean: b.mean / bo.mean };
    const pairs = { bare: paired(inside.runs), bareOut: paired(outside.runs) };
    console.log(
      `  ratio Berth p50 / bare p50: ${ratio.p50.toFixed(2)}x (headline, the same file write; target <= ${TARGET_RATIO}: ${ratio.p50 <= TARGET_RATIO ? 'met' : 'NOT met'}); ratio of means ${ratio.mean.toFixed(2)}x`,
    );
    console.log(`  paired per iteration, median: ratio ${pairs.bare.ratio.toFixed(2)}x / extra ${pairs.bare.extraMs.toFixed(0)} ms`);
    console.log(
      `  against bare-out: p50 ${ratio.outsideP50.toFixed(2)}x, means ${ratio.outsideMean.toFixed(2)}x, paired median ${pairs.bareOut.ratio.toFixed(2)}x / extra ${pairs.bareOut.extraMs.toFixed(0)} ms`,
    );

    console.log(`\n  Berth, time in each state (deployment history) and the switch`);
    console.log(header('phase'));
    const phaseStats: Record<string, Stats> = {};
    for (const p of PHASES) {
      phaseStats[p] = stats(berth.map((r) => r.phases[p] ?? 0));
      console.log(row(p, phaseStats[p] as Stats));
    }
    const routingToAnswer = stats(berth.map((r) => r.routingToAnswerMs));
    const beforeRouting = stats(berth.map((r) => r.totalMs - r.routingToAnswerMs));
    console.log(row('trigger → entering routing', beforeRouting));
    console.log(row('entering routing → first new answer', routingToAnswer));
    const bareSteps: Record<string, Record<string, Stats>> = {};
    for (const side of sides) {
      console.log(`\n  ${side.variant}, per step`);
      console.log(header('step'));
      const steps = {
        start: stats(side.runs.map((r) => r.startMs)),
        healthWait: stats(side.runs.map((r) => r.healthWaitMs)),
        file: stats(side.runs.map((r) => r.fileMs)),
        pickup: stats(side.runs.map((r) => r.pickupMs)),
      };
      bareSteps[side.variant] = steps;
      console.log(row('create + start + inspect (last of 3)', steps.start));
      console.log(row('then until the last health check passed', steps.healthWait));
      console.log(row('render + write the file', steps.file));
      console.log(row('file written → first new answer (pickup)', steps.pickup));
    }
    const count = (list: Array<{ old: number; other: number }>) => ({ old: list.reduce((a, r) => a + r.old, 0), other: list.reduce((a, r) => a + r.other, 0) });
    const answers = { berth: count(berth), bare: count(inside.runs), bareOut: count(outside.runs) };
    const firstProbe = sides
      .flatMap((s) => s.runs)
      .flatMap((r) => r.probes)
      .filter((p) => p === 1).length;
    console.log(
      `  answers before the switch: Berth ${answers.berth.old} from the old release, ${answers.berth.other} not 200; bare ${answers.bare.old} / ${answers.bare.other}; bare-out ${answers.bareOut.old} / ${answers.bareOut.other}; bare first health probe passed ${firstProbe}/${2 * RUNS * SCALE}`,
    );

    // ---- 2. routes written → confirmation, per provider
    console.log(`\n2. routes written → Traefik's confirmation (routing.traefiks[].ms; the controller reads each API every 100 ms)`);
    console.log(header('Traefik'));
    const providers: Record<string, Stats & { unconfirmed: number }> = {};
    for (const [api, label] of labels) {
      const list = berth.flatMap((r) => r.confirmations.filter((t) => t.api === api));
      providers[label] = { ...stats(list.map((t) => t.ms)), unconfirmed: list.filter((t) => !t.confirmed).length };
      console.log(row(label, providers[label]) + (providers[label].unconfirmed ? `  (${providers[label].unconfirmed} not confirmed)` : ''));
    }
    const waited = stats(berth.map((r) => r.waitedMs));
    const draining = stats(berth.map((r) => r.drainingMs));
    const succeeded = stats(berth.map((r) => r.succeededMs));
    console.log(row('routing.waitedMs (the slowest Traefik)', waited));
    console.log(row('time in routing (history)', phaseStats.routing as Stats));
    console.log(row('trigger → draining (all confirmed)', draining));
    console.log(row('trigger → deployment succeeded', succeeded));

    console.log(
      JSON.stringify({
        bench: 'traefik-switch',
        runs: RUNS,
        warmup: WARMUP,
        pollMs: POLL_MS,
        healthPollMs: HEALTH_POLL_MS,
        quietMs: QUIET_MS,
        berth: b,
        bare: bb,
        bareOut: bo,
        ratio,
        paired: pairs,
        berthPhases: phaseStats,
        berthBeforeRouting: beforeRouting,
        berthRoutingToAnswer: routingToAnswer,
        bareSteps,
        answersBeforeSwitch: answers,
        confirmation: providers,
        routingWaited: waited,
        triggerToDraining: draining,
        triggerToSucceeded: succeeded,
      }),
    );
  } catch (err) {
    for (const agent of cluster?.agents ?? []) console.error(`agent ${agent.id} output (last 2000 chars):\n${agent.output.slice(-2000)}`);
    throw err;
  } finally {
    await cluster?.close().catch((err: unknown) => console.error(`cluster close: ${String(err)}`));
    await http1s?.stop().catch(() => undefined);
    await Promise.all(sides.map((s) => s.traefik.stop().catch(() => undefined)));
    await removeAgentContainers(bareAgent).catch(() => undefined);
    await rm(bareRoot, { recursive: true, force: true });
  }
}

await main();
