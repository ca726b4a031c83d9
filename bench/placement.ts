/**
 * Benchmark (prints figures; not a test): the pure scheduler (controller/core/placement.ts).
 * Target: at least 20,000 placements per second on one core for 100,000 instances over 1,000
 * agents with labels, and a cost that grows no worse than n log n from 10 to 10,000 agents.
 *
 * The fleet: agents with a zone label (4 zones) and a gpu label on one in ten; a tenth of them are
 * down or draining. The work: services of 10 replicas each (so 10,000 services for 100,000
 * instances), 70 % without placement labels, 25 % pinned to a zone, 5 % to gpu agents, placed one
 * after another as the controller would, each agent's load growing with what it was given.
 *
 * Figures: the headline run (100,000 instances over 1,000 agents), then per fleet size the cost
 * of one placement and its growth next to n log n's over the same sizes (per placement, a service
 * with 10 replicas looks at every agent once: linear in n is expected). The baseline in the same
 * run is the previous scheduler (sort every eligible agent for each replica), on fewer instances.
 *
 * Run: npx tsc -p tsconfig.bench.json && node dist-bench/bench/placement.js   (or: npm run bench)
 * Tunables: BENCH_PLACEMENT_INSTANCES (100000), BENCH_PLACEMENT_AGENTS (1000),
 * BENCH_PLACEMENT_ROUNDS (3; the best of them is reported).
 */
import { placeReplicas, type PlacementAgent, type PlacementRequest } from '../controller/core/placement.js';
import { intEnv } from './measure.js';

const INSTANCES = intEnv('BENCH_PLACEMENT_INSTANCES', 100_000);
const AGENTS = intEnv('BENCH_PLACEMENT_AGENTS', 1_000);
const ROUNDS = intEnv('BENCH_PLACEMENT_ROUNDS', 3);
const REPLICAS = 10;
const ZONES = ['zone-a', 'zone-b', 'zone-c', 'zone-d'];

/** A deterministic fleet of n agents. */
function fleet(n: number): PlacementAgent[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `agent-${String(i).padStart(5, '0')}`,
    status: i % 10 === 2 ? 'down' : i % 10 === 5 ? 'draining' : 'ready',
    labels: { zone: ZONES[i % ZONES.length] as string, ...(i % 10 === 1 ? { gpu: 'yes' } : {}) },
    load: 0,
  }));
}

function requestFor(i: number): PlacementRequest {
  const kind = i % 20;
  const labels: Record<string, string> = kind < 14 ? {} : kind < 19 ? { zone: ZONES[i % ZONES.length] as string } : { gpu: 'yes' };
  return { app: `app-${i}`, service: 'web', replicas: REPLICAS, labels };
}

type Scheduler = (request: PlacementRequest, agents: PlacementAgent[]) => string[];

const current: Scheduler = (request, agents) => {
  const r = placeReplicas(request, agents);
  if (!r.ok) throw new Error(r.reason);
  return r.placements.map((p) => p.agentId);
};

/** The scheduler before the heap: per replica, sort every eligible agent and take the first. */
const sortEveryReplica: Scheduler = (request, agents) => {
  const eligible = agents.filter((a) => a.status === 'ready' && Object.entries(request.labels).every(([k, v]) => a.labels[k] === v));
  const load = new Map(eligible.map((a) => [a.id, a.load]));
  const taken = new Map<string, number>(eligible.map((a) => [a.id, 0]));
  const out: string[] = [];
  for (let r = 0; r < request.replicas; r++) {
    const best = [...eligible].sort(
      (a, b) => (taken.get(a.id) ?? 0) - (taken.get(b.id) ?? 0) || (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id.localeCompare(b.id),
    )[0] as PlacementAgent;
    out.push(best.id);
    taken.set(best.id, (taken.get(best.id) ?? 0) + 1);
    load.set(best.id, (load.get(best.id) ?? 0) + 1);
  }
  return out;
};

/** Places `instances` over a fresh fleet of n; returns ms per placement (best of ROUNDS). */
function run(schedule: Scheduler, n: number, instances: number, rounds = ROUNDS): { msPerPlacement: number; spread: number } {
  let best = Infinity;
  let spread = 0;
  for (let round = 0; round < rounds; round++) {
    const agents = fleet(n);
    const byId = new Map(agents.map((a) => [a.id, a]));
    const t0 = performance.now();
    for (let i = 0; i < instances / REPLICAS; i++) {
      for (const id of schedule(requestFor(i), agents)) (byId.get(id) as PlacementAgent).load++;
    }
    best = Math.min(best, (performance.now() - t0) / instances);
    const loads = agents.filter((a) => a.status === 'ready' && !a.labels.gpu).map((a) => a.load);
    spread = Math.max(...loads) - Math.min(...loads);
  }
  return { msPerPlacement: best, spread };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(`placement: ${fmt(INSTANCES)} instances (services of ${REPLICAS}) over ${fmt(AGENTS)} agents with zone and gpu labels, best of ${ROUNDS}`);
run(current, AGENTS, Math.min(INSTANCES, 20_000), 1); // warm-up
const headline = run(current, AGENTS, INSTANCES);
console.log(
  `  Berth:    ${fmt(1000 / headline.msPerPlacement)} placements/s (${fmt(headline.msPerPlacement * 1000, 2)} µs each; target ≥ 20,000/s); load spread over unlabelled ready agents: ${headline.spread}`,
);
const baselineInstances = Math.max(REPLICAS, Math.min(INSTANCES, 2_000));
const baseline = run(sortEveryReplica, AGENTS, baselineInstances);
console.log(
  `  baseline (sort every eligible agent per replica, ${fmt(baselineInstances)} instances): ${fmt(1000 / baseline.msPerPlacement)} placements/s; Berth is ${fmt(baseline.msPerPlacement / headline.msPerPlacement, 1)}× faster`,
);

console.log('\ngrowth with the fleet (20,000 instances each; per placement, next to n log n and n from 10 agents):');
console.log('  agents   µs/placement   growth   n log n growth   n growth');
const sizes = [10, 100, 1_000, 10_000];
let first = 0;
for (const n of sizes) {
  const { msPerPlacement } = run(current, n, 20_000);
  if (n === sizes[0]) first = msPerPlacement;
  const nlogn = (n * Math.log2(n)) / (10 * Math.log2(10));
  console.log(
    `  ${String(n).padStart(6)}   ${fmt(msPerPlacement * 1000, 3).padStart(12)}   ${fmt(msPerPlacement / first, 1).padStart(6)}×   ${fmt(nlogn, 1).padStart(13)}×   ${fmt(n / 10).padStart(7)}×`,
  );
}
