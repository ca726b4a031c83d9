/**
 * Benchmark (prints figures; not a test): controllers that survive their host. Three `berth
 * controller --state-store nats` processes on a real three-node nats-server cluster (R3, every
 * node with sync_interval: always); the leader is SIGKILLed BENCH_FAILOVER_KILLS times (20).
 *
 * Failover time: from the SIGKILL to the other controller's /healthz saying it leads, polled every
 * 20 ms; p50 and p99 against the lease (--lease, BENCH_FAILOVER_LEASE, default 3s as shipped), the
 * figure a controller cannot beat without a shorter lease (Kubernetes' default lease is 15 s).
 * Target: under 5 s with the defaults.
 *
 * Hooks during failovers: from a moment before each kill until the new leader leads, a GitHub
 * ping with its own delivery id every BENCH_FAILOVER_HOOK_MS (100) to a controller that answers,
 * as a load balancer in front of them would (a refused connection goes to the other one). Every
 * hook answered 2xx counts as accepted; after each failover every accepted delivery must be in
 * the app's hook log (none lost). Target: 100 % accepted, none lost.
 *
 * The admin API during failovers: from 1 s before each kill until the new leader leads, a read
 * (GetApp) every 20 ms to a follower, and a change (SetEnv) every 200 ms sent as the CLI sends
 * it: to a follower, which names the leader, then to the leader; an unreachable or absent leader
 * is asked again every 100 ms until one answers. Each call's time, from its first try to its
 * answer, before the kill (the baseline, same run) and after it: p50 and p99, and the ratio.
 *
 * Run: npx tsc -p tsconfig.json && npx tsc -p tsconfig.bench.json && node dist-bench/bench/failover.js
 * Tunables: BENCH_FAILOVER_KILLS (20), BENCH_FAILOVER_LEASE (3s), BENCH_FAILOVER_HOOK_MS (100);
 * BENCH_FAILOVER_SHOW_SLOWEST=1 prints the slowest failover's controller log from the kill on.
 */
import { randomUUID } from 'node:crypto';
import { openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { callUnary, createAdminClient } from '../cli/admin-client.js';
import { errorMessage, isBerthError } from '../shared/errors.js';
import { stopChild } from '../test/helpers/child-process.js';
import { startNatsCluster } from '../test/helpers/nats-cluster.js';
import { controllerHealth, sharedStateController, spawnSharedStateController, type SharedStateController } from '../test/helpers/shared-state-controller.js';
import { intEnv, stats } from './measure.js';

const KILLS = intEnv('BENCH_FAILOVER_KILLS', 20);
const LEASE = process.env.BENCH_FAILOVER_LEASE ?? '3s';
const HOOK_EVERY_MS = intEnv('BENCH_FAILOVER_HOOK_MS', 100);
const APP = 'failover-bench';

interface ControllerProcess extends SharedStateController {
  /** Killed by the benchmark: not started again by the exit handler. */
  killed: boolean;
}

/** Exits the benchmark did not cause (a leader that lost its lease exits 75), restarted as systemd would. */
let ownExits = 0;
let finishing = false;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const role = async (c: ControllerProcess): Promise<string | null> => (await controllerHealth(c))?.role ?? null;

async function waitForRole(c: ControllerProcess, wanted: string, timeoutMs: number): Promise<number> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    if ((await role(c)) === wanted) return performance.now();
    if (performance.now() > until) throw new Error(`controller ${c.id} did not become ${wanted} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

const cluster = await startNatsCluster();
const controllers: ControllerProcess[] = [];
for (const id of ['bench-ctl-1', 'bench-ctl-2', 'bench-ctl-3']) controllers.push({ ...(await sharedStateController(id)), killed: false });

function start(c: ControllerProcess): void {
  c.killed = false;
  // Its log says when it took the lease ('this controller leads now'): the failover split in two.
  const log = openSync(join(c.dataDir, 'controller.log'), 'a');
  const child = spawnSharedStateController(c, cluster.urls, LEASE, ['--log-level', 'info'], ['ignore', log, log]);
  child.once('exit', () => {
    if (finishing || c.killed || c.child !== child) return;
    ownExits++;
    setTimeout(() => start(c), 1000);
  });
}

/** The controller's log lines from `sinceMs` on (the slowest failover's are printed, to tell where its time went). */
async function logSince(c: ControllerProcess, sinceMs: number): Promise<string[]> {
  const lines = (await readFile(join(c.dataDir, 'controller.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return lines.filter((line) => {
    try {
      return Date.parse((JSON.parse(line) as { time?: string }).time ?? '') >= sinceMs;
    } catch {
      return false;
    }
  });
}

/** When (epoch ms) the controller's log last said it took the lease after `sinceMs`; null: not found. */
async function leaseTakenAt(c: ControllerProcess, sinceMs: number): Promise<number | null> {
  const lines = (await readFile(join(c.dataDir, 'controller.log'), 'utf8').catch(() => '')).split('\n');
  for (const line of lines.reverse()) {
    if (!line.includes('"this controller leads now"')) continue;
    const at = Date.parse((JSON.parse(line) as { time?: string }).time ?? '');
    return at >= sinceMs ? at : null;
  }
  return null;
}

/** The controller that says it leads (polled every 20 ms). */
async function findLeader(timeoutMs: number): Promise<ControllerProcess> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    for (const c of controllers) if ((await role(c)) === 'leader') return c;
    if (performance.now() > until) throw new Error(`no controller led within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Sends GitHub pings with fresh delivery ids until stopped; each to a controller that answers. */
function sendHooks(hookPath: string): { stop: () => Promise<{ sent: number; accepted: string[] }> } {
  let running = true;
  let sent = 0;
  const accepted: string[] = [];
  let next = 0;
  const loop = (async () => {
    while (running) {
      const delivery = randomUUID();
      sent++;
      for (let tries = 0; tries < controllers.length; tries++) {
        const c = controllers[next++ % controllers.length] as ControllerProcess;
        try {
          const res = await fetch(`http://127.0.0.1:${c.http}${hookPath}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': delivery },
            body: JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 }),
            signal: AbortSignal.timeout(10_000),
          });
          if (res.ok) {
            accepted.push(delivery);
            break;
          }
        } catch {
          // Refused: the killed one; a load balancer would send it to the other.
        }
      }
      await sleep(HOOK_EVERY_MS);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { sent, accepted };
    },
  };
}

type AdminClient = ReturnType<typeof createAdminClient>;

/**
 * Reads and changes through the admin API until stopped, each timed from its first try to its
 * answer; `phase()` says which bucket a call belongs to (before the kill, or during the failover).
 */
function sendAdminCalls(
  clients: Map<ControllerProcess, AdminClient>,
  byGrpcAddr: (addr: string) => AdminClient | undefined,
  follower: ControllerProcess,
  phase: () => 'before' | 'during',
) {
  let running = true;
  const reads = { before: [] as number[], during: [] as number[], failed: 0, errors: new Map<string, number>() };
  const writes = { before: [] as number[], during: [] as number[], failed: 0 };
  // A call that was still going when the leader was killed counts as during the failover.
  const bucketOf = (atStart: 'before' | 'during') => (atStart === 'before' && phase() === 'before' ? 'before' : 'during');
  const readLoop = (async () => {
    while (running) {
      const bucket = phase();
      const started = performance.now();
      const client = clients.get(follower) as AdminClient;
      try {
        await callUnary(client.GetApp.bind(client), { name: APP, reveal: false });
        reads[bucketOf(bucket)].push(performance.now() - started);
      } catch (err) {
        reads.failed++;
        const code = isBerthError(err) ? err.code : 'other';
        reads.errors.set(code, (reads.errors.get(code) ?? 0) + 1);
      }
      await sleep(20);
    }
  })();
  let n = 0;
  const writeLoop = (async () => {
    while (running) {
      const bucket = phase();
      const started = performance.now();
      const values = { BENCH_WRITE: String(n++) };
      let target: AdminClient = clients.get(follower) as AdminClient;
      for (;;) {
        try {
          await callUnary(target.SetEnv.bind(target), { app: APP, values });
          writes[bucketOf(bucket)].push(performance.now() - started);
          break;
        } catch (err) {
          const leader = isBerthError(err, 'NOT_LEADER') ? err.details.leader : undefined;
          const next = typeof leader === 'string' ? byGrpcAddr(leader) : undefined;
          if (performance.now() - started > 30_000) {
            writes.failed++;
            console.log(`  a change failed for 30 s: ${errorMessage(err)}`);
            break;
          }
          if (next && next !== target) target = next;
          else {
            target = clients.get(follower) as AdminClient;
            await sleep(100);
          }
        }
      }
      await sleep(200);
    }
  })();
  return {
    async stop() {
      running = false;
      await Promise.all([readLoop, writeLoop]);
      return { reads, writes };
    },
  };
}

try {
  for (const c of controllers) start(c);
  const leader0 = await findLeader(30_000);
  const token = (await readFile(join(leader0.dataDir, 'admin-token'), 'utf8')).trim();
  const adminOf = (c: ControllerProcess) => createAdminClient({ addr: `127.0.0.1:${c.grpc}`, token });
  const admin = adminOf(leader0);
  const readErrors = new Map<string, number>();
  const adminFigures = {
    reads: { before: [] as number[], during: [] as number[], failed: 0 },
    writes: { before: [] as number[], during: [] as number[], failed: 0 },
  };
  await callUnary(admin.ApplyApp.bind(admin), {
    specText: JSON.stringify({ name: APP, services: { web: { image: 'bench/none:1', port: 8080 } } }),
    source: 'bench',
  });
  const hook = await callUnary(admin.GetHook.bind(admin), { app: APP }).finally(() => admin.close());
  const hookPath = new URL(hook.hook?.url ?? '').pathname;

  const failovers: number[] = [];
  let slowest: { ms: number; lines: string[] } | null = null;
  /** From the kill to the follower's log line saying it took the lease (the rest is its start). */
  const leaseWaits: number[] = [];
  let sent = 0;
  let accepted = 0;
  let lost = 0;
  for (let k = 0; k < KILLS; k++) {
    const leader = await findLeader(30_000);
    const followers = controllers.filter((c) => c !== leader);
    for (const f of followers) await waitForRole(f, 'follower', 30_000);
    const follower = followers[k % followers.length] as ControllerProcess;
    let failing = false;
    // Clients of this round: a channel to the controller restarted last round may still be in
    // grpc-js's reconnect backoff, which would count against the controllers.
    const clients = new Map(controllers.map((c) => [c, adminOf(c)] as const));
    const byGrpcAddr = (addr: string) => {
      const c = controllers.find((x) => addr === `127.0.0.1:${x.grpc}`);
      return c ? clients.get(c) : undefined;
    };
    // Connected before the first call: a call on a channel still connecting can fail at once.
    await Promise.all([...clients.values()].map((c) => new Promise((r) => c.waitForReady(Date.now() + 5000, r))));
    const calls = sendAdminCalls(clients, byGrpcAddr, follower, () => (failing ? 'during' : 'before'));
    await sleep(700);
    const hooks = sendHooks(hookPath);
    await sleep(300);
    failing = true;
    const killedAt = performance.now();
    const killedAtMs = Date.now();
    leader.killed = true;
    leader.child?.kill('SIGKILL');
    await new Promise((r) => leader.child?.once('exit', r));
    const next = await findLeader(30_000);
    const leadingAt = performance.now();
    failovers.push(leadingAt - killedAt);
    const tookLease = await leaseTakenAt(next, killedAtMs);
    if (leadingAt - killedAt > (slowest?.ms ?? 0)) slowest = { ms: leadingAt - killedAt, lines: await logSince(next, killedAtMs) };
    if (tookLease !== null) leaseWaits.push(tookLease - killedAtMs);
    await sleep(300);
    const round = await hooks.stop();
    const admin = await calls.stop();
    for (const kind of ['reads', 'writes'] as const) {
      adminFigures[kind].before.push(...admin[kind].before);
      adminFigures[kind].during.push(...admin[kind].during);
      adminFigures[kind].failed += admin[kind].failed;
    }
    for (const [code, n] of admin.reads.errors) readErrors.set(code, (readErrors.get(code) ?? 0) + n);
    sent += round.sent;
    accepted += round.accepted.length;
    // Every accepted delivery reaches the new leader's hook log: those followers queued are decided
    // once it takes them from JetStream, so they are waited for (15 s at most).
    let missing = round.accepted;
    const until = performance.now() + 15_000;
    while (missing.length > 0 && performance.now() < until) {
      const c = adminOf(next);
      const log = await callUnary(c.ListHookLog.bind(c), { app: APP }).finally(() => c.close());
      const logged = new Set(log.entries.map((e) => e.deliveryId));
      missing = missing.filter((d) => !logged.has(d));
      if (missing.length > 0) await sleep(100);
    }
    lost += missing.length;
    start(leader);
  }
  finishing = true;

  const s = stats(failovers);
  const leaseMs = Number.parseFloat(LEASE) * (LEASE.endsWith('ms') ? 1 : 1000);
  console.log(`failover: ${KILLS} SIGKILLs of the leader, three controllers on a three-node NATS cluster (R3, sync_interval: always), --lease ${LEASE}`);
  console.log(
    `  leader killed -> new leader acting: p50 ${Math.round(s.p50)} ms, p99 ${Math.round(s.p99)} ms, max ${Math.round(s.max)} ms (${(s.p50 / leaseMs).toFixed(2)}x / ${(s.p99 / leaseMs).toFixed(2)}x the lease)`,
  );
  const w = stats(leaseWaits);
  console.log(
    `  of which waiting for the lease (kill -> 'leads now' in its log): p50 ${Math.round(w.p50)} ms, p99 ${Math.round(w.p99)} ms, max ${Math.round(w.max)} ms`,
  );
  console.log(`  leaders that stepped down on their own (lease lost, exit 75, restarted): ${ownExits}`);
  for (const kind of ['reads', 'writes'] as const) {
    const f = adminFigures[kind];
    const b = stats(f.before);
    const d = stats(f.during);
    console.log(
      `  admin ${kind === 'reads' ? 'reads (GetApp to a follower)' : 'changes (SetEnv to a follower, sent on to the leader)'}: ` +
        `before the kill p50 ${b.p50.toFixed(1)} ms, p99 ${b.p99.toFixed(1)} ms (${f.before.length}); ` +
        `during the failover p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms (${f.during.length}), ` +
        `p99 ${(d.p99 / Math.max(0.001, b.p99)).toFixed(1)}x; ${f.failed} failed${kind === 'reads' && readErrors.size ? ` (${[...readErrors].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}`,
    );
  }
  if (process.env.BENCH_FAILOVER_SHOW_SLOWEST === '1' && slowest) {
    console.log(`  the slowest failover (${Math.round(slowest.ms)} ms), the new leader's log from the kill:`);
    for (const line of slowest.lines.slice(0, 60)) console.log(`    ${line.slice(0, 240)}`);
  }
  console.log(
    `  hooks during failovers: ${sent} sent, ${accepted} accepted (${((100 * accepted) / Math.max(1, sent)).toFixed(1)} %), ${lost} accepted but never in the hook log (15 s after each failover)`,
  );
} finally {
  finishing = true;
  for (const c of controllers) await stopChild(c.child, 'SIGKILL').catch(() => undefined);
  await cluster.close();
  for (const c of controllers) await rm(c.dataDir, { recursive: true, force: true });
}
