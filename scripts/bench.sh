#!/usr/bin/env bash
# `npm run bench`: installs and starts what the benchmarks need, builds dist/ (the agent and
# controller run from it as real processes), then prints the control-plane figures:
#   bench/task-round-trip.ts  noop task round trip vs a bare NATS request/reply, and their ratio
#   bench/memory.ts           RSS of an idle agent and controller vs a bare Node.js process
# Benchmarks print figures; they do not pass or fail on them. Tunables: BENCH_N, BENCH_WARMUP,
# BENCH_CONCURRENCY, BENCH_ROUNDS, BENCH_IDLE_SECONDS (see each file's header).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx tsc -p tsconfig.json
echo "berth bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, node $(node --version), $(nats-server --version)"
npx tsx bench/task-round-trip.ts
echo
npx tsx bench/memory.ts
