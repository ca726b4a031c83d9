#!/usr/bin/env bash
# `npm test`: installs and starts what the tests need, then runs the whole suite (unit,
# integration against real Docker and nats-server, end to end) and ends with the counts taken from
# vitest's own JSON report. Extra arguments go to vitest (e.g. npm test -- test/unit).
set -uo pipefail
cd "$(dirname "$0")/.."
report=.berth/test-report.json
rm -f "$report"   # first, so a failed set-up can never leave an old count behind
bash scripts/ensure-deps.sh || exit 1
mkdir -p .berth
# Type-check everything, tests and benchmarks included (vitest itself does not check types).
npx tsc -p tsconfig.check.json || { echo "berth: type check failed" >&2; node scripts/test-summary.mjs "$report"; exit 1; }
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
rc=$?
node scripts/test-summary.mjs "$report"
exit $rc
