// Prints "N passed, N failed, N skipped" from vitest's JSON report, the last line CI reads.
// Usage: node scripts/test-summary.mjs REPORT [VITEST_EXIT_CODE]
// A run vitest calls unsuccessful counts as at least 1 failed, even when every test passed
// (scripts/test-count.mjs says what each case looks like): a missing or unreadable report, a
// global setup that threw, a file that did not import or whose hooks threw, tests that never
// reported, a run that tested nothing, and a non-zero exit code (unhandled errors). Exits 1 when
// anything counted as failed.
import { readFileSync } from 'node:fs';
import { countTests, summaryLine } from './test-count.mjs';

const path = process.argv[2] ?? '.berth/test-report.json';
const exitArg = process.argv[3];
// Absent: unknown (a report read on its own); anything but a whole number: a failure.
const exitCode = exitArg === undefined ? null : /^\d+$/.test(exitArg) ? Number(exitArg) : 1;
let report = null;
try {
  report = JSON.parse(readFileSync(path, 'utf8'));
} catch (err) {
  console.error(`berth: no test report at ${path}: ${err.message}`);
}
const counts = countTests(report, exitCode);
for (const reason of counts.reasons) console.error(`berth: counted as failed: ${reason}`);
console.log(summaryLine(counts));
if (counts.failed > 0) process.exitCode = 1;
