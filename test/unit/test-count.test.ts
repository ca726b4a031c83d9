import { describe, expect, it } from 'vitest';
import { countTests, coversInFull, summaryLine } from '../../scripts/test-count.mjs';

/** vitest 4's JSON report, trimmed to what the counting reads; each shape as vitest wrote it. */
type Assertion = { status: string; title: string };
type File = { name: string; status: string; message: string; assertionResults: Assertion[] };
function report(counts: { total: number; passed: number; failed: number; pending?: number; todo?: number }, success: boolean, files: File[]) {
  return {
    numTotalTestSuites: files.length,
    numTotalTests: counts.total,
    numPassedTests: counts.passed,
    numFailedTests: counts.failed,
    numPendingTests: counts.pending ?? 0,
    numTodoTests: counts.todo ?? 0,
    success,
    testResults: files,
  };
}
const file = (name: string, status: string, assertions: string[], message = ''): File => ({
  name,
  status,
  message,
  assertionResults: assertions.map((s, i) => ({ status: s, title: `t${i}` })),
});

describe('countTests', () => {
  it('counts a clean run as it is, skipped and todo as skipped', () => {
    const r = report({ total: 3, passed: 1, failed: 0, pending: 1, todo: 1 }, true, [file('/r/a.test.ts', 'passed', ['skipped', 'todo', 'passed'])]);
    expect(countTests(r, 0)).toEqual({ passed: 1, failed: 0, skipped: 2, reasons: [] });
    expect(summaryLine(countTests(r, 0))).toBe('1 passed, 0 failed, 2 skipped');
  });

  it('counts failed tests', () => {
    const r = report({ total: 2, passed: 1, failed: 1 }, false, [file('/r/a.test.ts', 'failed', ['passed', 'failed'])]);
    expect(countTests(r, 1)).toMatchObject({ passed: 1, failed: 1, reasons: [] });
  });

  it('counts a file that does not import (no tests in the report) as failed', () => {
    const r = report({ total: 0, passed: 0, failed: 0 }, false, [file('/r/import.test.ts', 'failed', [], 'import boom')]);
    const c = countTests(r, 1);
    expect(c.failed).toBe(1);
    expect(c.reasons.join()).toContain('import boom');
  });

  it('counts a beforeAll that throws (its tests reported skipped) and an afterAll that throws (every test passed) as failed', () => {
    const before = report({ total: 2, passed: 0, failed: 0, pending: 2 }, false, [file('/r/b.test.ts', 'failed', ['skipped', 'skipped'], 'beforeAll boom')]);
    expect(countTests(before, 1)).toMatchObject({ passed: 0, failed: 1, skipped: 2 });
    const after = report({ total: 1, passed: 1, failed: 0 }, false, [file('/r/a.test.ts', 'failed', ['passed'], 'afterAll boom')]);
    expect(countTests(after, 1)).toMatchObject({ passed: 1, failed: 1 });
  });

  it('counts a global setup that throws (an empty report, success false) as failed, whatever the exit code says', () => {
    const r = report({ total: 0, passed: 0, failed: 0 }, false, []);
    expect(countTests(r, 1).failed).toBe(1);
    expect(countTests(r, 0).failed).toBe(1);
    expect(countTests(r, null).failed).toBe(1);
  });

  it('counts unhandled errors (a clean report, exit code 1) as failed, and trusts a clean report with exit 0', () => {
    const r = report({ total: 1, passed: 1, failed: 0 }, true, [file('/r/u.test.ts', 'passed', ['passed'])]);
    expect(countTests(r, 1)).toMatchObject({ passed: 1, failed: 1 });
    expect(countTests(r, 0)).toMatchObject({ passed: 1, failed: 0 });
    expect(countTests(r, null)).toMatchObject({ passed: 1, failed: 0 });
  });

  it('counts tests that never reported (their worker was killed: "pending", success true) as failed', () => {
    const r = report({ total: 2, passed: 0, failed: 0 }, true, [file('/r/k.test.ts', 'passed', ['pending', 'pending'])]);
    expect(countTests(r, 1)).toMatchObject({ passed: 0, failed: 2, skipped: 0 });
    // Even were the exit code lost.
    expect(countTests(r, null).failed).toBe(2);
  });

  it('counts no report as 1 failed', () => {
    expect(countTests(null, 1)).toMatchObject({ passed: 0, failed: 1, skipped: 0 });
    expect(countTests(null, 0).failed).toBe(1);
    expect(countTests('garbage', null).failed).toBe(1);
  });

  it('never adds more than one failure for an unsuccessful run on top of what it counted', () => {
    const r = report({ total: 2, passed: 1, failed: 1 }, false, [
      file('/r/a.test.ts', 'failed', ['passed', 'failed']),
      file('/r/b.test.ts', 'failed', [], 'import boom'),
    ]);
    expect(countTests(r, 1)).toMatchObject({ passed: 1, failed: 2 });
  });
});

describe('coversInFull', () => {
  const files = ['/r/test/faults/a.test.ts', '/r/test/faults/b.test.ts'];
  it('holds when every file ran and every test in it passed', () => {
    const r = report({ total: 2, passed: 2, failed: 0 }, true, [
      file(files[0] as string, 'passed', ['passed']),
      file(files[1] as string, 'passed', ['passed']),
    ]);
    expect(coversInFull(r, files)).toEqual({ full: true, missing: [] });
  });
  it('does not hold for a file not run, a test skipped or never run, or no report', () => {
    const one = report({ total: 1, passed: 1, failed: 0 }, true, [file(files[0] as string, 'passed', ['passed'])]);
    expect(coversInFull(one, files)).toEqual({ full: false, missing: [`${files[1]}: not run`] });
    const skipped = report({ total: 2, passed: 1, failed: 0, pending: 1 }, true, [
      file(files[0] as string, 'passed', ['passed']),
      file(files[1] as string, 'passed', ['skipped']),
    ]);
    expect(coversInFull(skipped, files).full).toBe(false);
    const killed = report({ total: 2, passed: 1, failed: 0 }, true, [
      file(files[0] as string, 'passed', ['passed']),
      file(files[1] as string, 'passed', ['pending']),
    ]);
    expect(coversInFull(killed, files).full).toBe(false);
    expect(coversInFull(null, files).full).toBe(false);
  });
});
