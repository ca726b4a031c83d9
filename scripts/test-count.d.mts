export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** Why failures were counted that are not failed tests. */
  reasons: string[];
}

export function countTests(report: unknown, exitCode?: number | null): TestCounts;
export function summaryLine(counts: Pick<TestCounts, 'passed' | 'failed' | 'skipped'>): string;
export function coversInFull(report: unknown, files: string[]): { full: boolean; missing: string[] };
