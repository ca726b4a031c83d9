#!/usr/bin/env bash
# `npm test`: installs and starts what the tests need, then runs the whole suite (unit,
# integration against real Docker and nats-server, end to end) and ends with the counts taken from
# vitest's own JSON report and its exit code. Extra arguments go to vitest (e.g. npm test -- test/unit).
# With BERTH_FAULTS_RECORD=1 (npm run test:faults) a passing full run of test/faults is kept in
# FAULTS.md (test/faults/record-faults.ts), after vitest has finished.
set -uo pipefail
cd "$(dirname "$0")/.."
# This run's own report and fault rows, so runs side by side on one checkout cannot mix them; the
# report is left at .berth/test-report.json afterwards.
report=.berth/test-report-$$.json
export BERTH_FAULTS_FILE="$PWD/.berth/faults-$$.jsonl"
rm -f "$report" .berth/test-report.json   # first, so a failed set-up can never leave an old count behind
trap 'rm -f "$BERTH_FAULTS_FILE" "$report"' EXIT
bash scripts/ensure-deps.sh --with-current-nats || { node scripts/test-summary.mjs "$report" 1; exit 1; }
mkdir -p .berth
# Type-check everything, tests and benchmarks included (vitest itself does not check types).
npx tsc -p tsconfig.check.json || { echo "berth: type check failed" >&2; node scripts/test-summary.mjs "$report" 1; exit 1; }
# The dashboard's sources (ui/src) are checked for the browser: the DOM, Preact's JSX.
npx tsc -p tsconfig.ui.json || { echo "berth: type check of the dashboard (ui/) failed" >&2; node scripts/test-summary.mjs "$report" 1; exit 1; }
# Lint and format (Biome, biome.json): what `npm run format` would change fails the run.
npx biome ci --error-on-warnings . || { echo "berth: lint or format check failed; npm run format fixes most of it" >&2; node scripts/test-summary.mjs "$report" 1; exit 1; }
# Berth's .proto files follow Buf's STANDARD lint rules (proto/buf.yaml; Google's vendored grpc/ aside).
npx buf lint proto || { echo "berth: buf lint found problems in proto/ (above); npm run lint:proto shows them again" >&2; node scripts/test-summary.mjs "$report" 1; exit 1; }
# proto/gen and proto/descriptors.binpb are generated from proto/*.proto and committed:
# regenerated here, they must be the same.
proto_tmp=$(mktemp -d)
if ! { bash scripts/gen-proto.sh "$proto_tmp" >/dev/null && diff -r "$proto_tmp/gen" proto/gen && cmp "$proto_tmp/descriptors.binpb" proto/descriptors.binpb; }; then
  echo "berth: proto/gen or proto/descriptors.binpb is not what proto/*.proto generate; run npm run gen:proto and commit the result" >&2
  rm -rf "$proto_tmp"; node scripts/test-summary.mjs "$report" 1; exit 1
fi
rm -rf "$proto_tmp"
# The checkout as it is: "SHORT_COMMIT DIRTY(0/1) FINGERPRINT" (FAULTS.md, the run's output, aside),
# taken before and after the run so FAULTS.md names the commit that was tested, and says so when
# it had uncommitted changes or changed while the run went on.
tree_state() {
  local commit dirty
  commit=$(git rev-parse --short HEAD 2>/dev/null) || { echo "? 1 ?"; return; }
  dirty=$([ -z "$(git status --porcelain -- . ':!FAULTS.md' 2>/dev/null)" ] && echo 0 || echo 1)
  echo "$commit $dirty $({ git rev-parse HEAD; git status --porcelain -- . ':!FAULTS.md'; git diff HEAD -- . ':!FAULTS.md'; } 2>/dev/null | sha256sum | cut -c1-16)"
}
export BERTH_RUN_START; BERTH_RUN_START=$(tree_state)
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@"
rc=$?
[ -f "$report" ] && cp "$report" .berth/test-report.json
if [ "${BERTH_FAULTS_RECORD:-}" = 1 ]; then
  BERTH_RUN_END=$(tree_state) npx tsx test/faults/record-faults.ts "$report" "$rc" || rc=1
fi
# The last line: a run vitest calls unsuccessful (or exits non-zero from) counts at least 1 failed.
node scripts/test-summary.mjs "$report" "$rc" || { [ "$rc" -ne 0 ] || rc=1; }
exit $rc
