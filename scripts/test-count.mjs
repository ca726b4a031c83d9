// The counts CI reads ("N passed, N failed, N skipped"), from vitest's JSON report and its exit
// code. Pure, so test/unit/test-count.test.ts can check it.
//
// What vitest 4's JSON report says of a run that did not succeed (found by experiment, 4.1.12):
// - a failing test: numFailedTests, the file's status "failed", the assertion "failed"; success false.
// - a file that does not import (a throw at top level, a missing module), a describe() that
//   throws, a file with no tests: the file "failed" with its message, no assertions at all,
//   numFailedTests 0, numFailedTestSuites 1, success false.
// - beforeAll throws: the file "failed" with its message, its tests "skipped" and counted in
//   numPendingTests (not failed), success false. afterAll throws: the file "failed", every test
//   "passed".
// - global setup throws: the report is written with nothing in it (0 tests, 0 suites), success false.
// - no test file matched: the same empty report, success false.
// - an unhandled error or rejection during the run ("Unhandled Errors", exit code 1): nothing in
//   the report at all: every test passed, success true. Only the exit code says so.
// - a test worker killed (SIGKILL): "Unhandled Errors", exit code 1; the file "passed", its tests
//   "pending" but not counted as pending (numTotalTests exceeds passed + failed + pending + todo),
//   success true.
// - a global teardown that throws: exit code 0, success true ("error during close" on stderr);
//   the teardown has to set process.exitCode itself.
// - a bad config or an unknown CLI option: no report at all.

/**
 * @param {any} report the parsed JSON report, or null when there is none (or it does not parse)
 * @param {number | null} exitCode vitest's exit code; null when unknown
 * @returns {{ passed: number, failed: number, skipped: number, reasons: string[] }}
 *   reasons: why failures were counted that are not failed tests
 */
export function countTests(report, exitCode = null) {
  const reasons = [];
  if (!report || typeof report !== 'object') {
    reasons.push('no test report');
    if (exitCode !== null && exitCode !== 0) reasons.push(`vitest exited ${exitCode}`);
    return { passed: 0, failed: 1, skipped: 0, reasons };
  }
  const num = (v) => (Number.isFinite(v) ? v : 0);
  const passed = num(report.numPassedTests);
  const failedTests = num(report.numFailedTests);
  const skipped = num(report.numPendingTests) + num(report.numTodoTests);
  let failed = failedTests;
  // A file can fail with no test failing (it did not import, a hook threw, it has no tests).
  for (const file of Array.isArray(report.testResults) ? report.testResults : []) {
    const assertions = Array.isArray(file.assertionResults) ? file.assertionResults : [];
    if (file.status === 'failed' && !assertions.some((a) => a.status === 'failed')) {
      failed++;
      reasons.push(`${file.name ?? 'a test file'} failed with no failed test: ${String(file.message ?? '').split('\n')[0] || 'no message'}`);
    }
  }
  // Tests that never reported a result (their worker died): counted in numTotalTests only.
  const unaccounted = num(report.numTotalTests) - passed - failedTests - skipped;
  if (unaccounted > 0) {
    failed += unaccounted;
    reasons.push(`${unaccounted} test(s) never reported a result (a worker died?)`);
  }
  if (num(report.numTotalTests) === 0 && failed === 0) {
    failed = 1;
    reasons.push('the run tested nothing (no test file matched, or the global setup threw)');
  }
  if (report.success === false && failed === 0) {
    failed = 1;
    reasons.push('vitest reports the run unsuccessful (a global setup that threw?)');
  }
  if (exitCode !== null && exitCode !== 0 && failed === 0) {
    failed = 1;
    reasons.push(`vitest exited ${exitCode} with every test passed (unhandled errors? a teardown that failed?)`);
  }
  return { passed, failed, skipped, reasons };
}

export function summaryLine({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/**
 * Whether the report covers every one of `files` (absolute paths), each run in full with every
 * test passed: what a run must be for FAULTS.md to be written from it.
 * @returns {{ full: boolean, missing: string[] }} missing: why not, file by file
 */
export function coversInFull(report, files) {
  if (!report || !Array.isArray(report.testResults)) return { full: false, missing: ['no test report'] };
  const missing = [];
  for (const name of files) {
    const file = report.testResults.find((t) => t.name === name);
    if (!file) missing.push(`${name}: not run`);
    else if (file.status !== 'passed') missing.push(`${name}: ${file.status}`);
    else {
      const assertions = Array.isArray(file.assertionResults) ? file.assertionResults : [];
      const notPassed = assertions.filter((a) => a.status !== 'passed');
      if (assertions.length === 0) missing.push(`${name}: no tests`);
      else if (notPassed.length) missing.push(`${name}: ${notPassed.length} test(s) ${[...new Set(notPassed.map((a) => a.status))].join('/')}`);
    }
  }
  return { full: missing.length === 0, missing };
}
