#!/usr/bin/env bash
# `npm run bench`: installs and starts what the benchmarks need, builds dist/ (the agent and
# controller run from it as real processes) and dist-bench/ (the benchmarks and the code they run
# in-process, compiled by tsc as production is: under tsx, esbuild's keepNames wraps every closure
# Berth creates in a naming call that production code does not make), then prints the figures:
#   bench/task-round-trip.ts  noop task round trip vs a bare NATS request/reply, and their ratio
#   bench/memory.ts           RSS of an idle agent and controller vs a bare Node.js process
#   bench/deploy-overhead.ts  trigger → routed of a 3-instance deploy on 2 agents vs the same
#                             Docker operations through dockerode, and their ratio
#   bench/traefik-switch.ts   trigger → first answer of the new release through a real Traefik vs
#                             the same Docker operations, file and Traefik done directly, and
#                             each Traefik's confirmation per provider (file, HTTP at 5s and 1s)
#   bench/hooks-throughput.ts signed GitHub pushes answered per second on the coalescing path vs a
#                             bare node:http server answering 202, their ratio, and memory over the run
#   bench/admin-latency.ts    admin API GetApp/ListApps p50/p99 with 1,000 apps stored vs a bare
#                             grpc-js unary echo, and their ratios
#   bench/placement.ts        placements per second (100,000 instances over 1,000 agents) and the
#                             growth from 10 to 10,000 agents, vs the previous scheduler
#   bench/routing.ts          one app's Traefik file changed while 10,000 apps exist vs the bare
#                             atomic write of the same bytes; other files untouched
#   bench/state-store.ts      one durable state write with 10,000 apps and their history: journal
#                             and json stores vs a bare append + fdatasync
#   bench/state-store-nats.ts one durable state write in NATS (R3 on a three-node cluster, sync
#                             always) with 1,000 apps vs the journal store in the same run
#   bench/report-intake.ts    instance health reports per second over 50 agents' report streams vs
#                             a bare grpc-js streaming echo of the same service, and their ratio
#   bench/dashboard.ts        first contentful paint and sign-in form ready of /ui in Chromium vs
#                             a bare HTML page with the same form, and the dashboard's asset sizes
#   bench/failover.ts         20 SIGKILLs of the leader of three controllers on a three-node NATS
#                             cluster: time until another leads, p50/p99 against the lease, hooks
#                             accepted during the failovers and found in the hook log after, and
#                             admin reads and changes sent to a follower, before the kill vs during
#   bench/fleet.ts            1,000 simulated agents (real NATS connections and report streams, an
#                             in-memory runtime): the controller at rest, and a wave of 10,000
#                             instances until routed vs bare NATS request/reply for as many tasks
# Benchmarks print figures; they do not pass or fail on them. Tunables: BENCH_N, BENCH_WARMUP,
# BENCH_CONCURRENCY, BENCH_ROUNDS, BENCH_IDLE_SECONDS, BENCH_DEPLOY_RUNS, BENCH_DEPLOY_WARMUP,
# BENCH_DEPLOY_BOOT_MS, BENCH_SWITCH_*, BENCH_HOOK_SECONDS, BENCH_HOOK_ROUNDS, BENCH_HOOK_CONCURRENCY,
# BENCH_HOOK_WARMUP_SECONDS, BENCH_HOOK_PROFILE, BENCH_ADMIN_APPS, BENCH_ADMIN_N, BENCH_ADMIN_WARMUP,
# BENCH_ADMIN_CONCURRENCY, BENCH_ADMIN_PROFILE, BENCH_PLACEMENT_*, BENCH_ROUTING_*, BENCH_STATE_*, BENCH_STATE_NATS_*, BENCH_INTAKE_*,
# BENCH_FLEET_*, BENCH_FAILOVER_*
# (see each file's header).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --with-current-nats
npm run build
npx tsc -p tsconfig.bench.json
echo "berth bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, node $(node --version), $(nats-server --version)"
node dist-bench/bench/task-round-trip.js
echo
node dist-bench/bench/memory.js
echo
node dist-bench/bench/deploy-overhead.js
echo
node dist-bench/bench/traefik-switch.js
echo
node dist-bench/bench/hooks-throughput.js
echo
node dist-bench/bench/admin-latency.js
echo
node dist-bench/bench/placement.js
echo
node --max-old-space-size=8192 dist-bench/bench/routing.js
echo
node --max-old-space-size=8192 dist-bench/bench/state-store.js
echo
node --max-old-space-size=4096 dist-bench/bench/state-store-nats.js
echo
node dist-bench/bench/report-intake.js
echo
node --max-old-space-size=4096 dist-bench/bench/fleet.js
echo
node dist-bench/bench/failover.js
echo
node dist-bench/bench/dashboard.js
