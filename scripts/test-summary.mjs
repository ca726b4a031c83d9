// Prints "N passed, N failed, N skipped" from vitest's JSON report, the last line CI reads.
// A missing or unreadable report counts as a failure, so a run that tested nothing cannot pass.
import { readFileSync } from 'node:fs';

const path = process.argv[2] ?? '.berth/test-report.json';
try {
  const r = JSON.parse(readFileSync(path, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A file can fail with every test passing (a failing beforeAll/afterAll): it counts as a failure.
  const failedSuites = (r.testResults ?? []).filter((t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + failedSuites} failed, ${skipped} skipped`);
  if (r.numTotalTests === 0) process.exitCode = 1;
} catch (err) {
  console.log(`0 passed, 1 failed, 0 skipped`);
  console.error(`no test report at ${path}: ${err.message}`);
  process.exitCode = 1;
}
