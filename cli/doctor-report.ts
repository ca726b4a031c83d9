/**
 * `berth doctor`'s report: one line per check, what to do under each that failed, and the exit
 * status (0 only when every check that ran passed). Pure.
 */
export interface CheckResult {
  check: string;
  /** pass; fail; skip: not asked for here (no token given, no agent credentials on this host). */
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

const MARKS: Record<CheckResult['status'], string> = { pass: 'ok  ', fail: 'FAIL', skip: 'skip' };

export function renderReport(results: CheckResult[]): string {
  const width = Math.max(...results.map((r) => r.check.length));
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${MARKS[r.status]}  ${r.check.padEnd(width)}  ${r.detail}`);
    if (r.status === 'fail' && r.fix) lines.push(`      ${' '.repeat(width)}  → ${r.fix}`);
  }
  const failed = results.filter((r) => r.status === 'fail').length;
  lines.push(failed === 0 ? 'every check passed' : `${failed} check${failed === 1 ? '' : 's'} failed`);
  return lines.join('\n');
}

export function reportExitCode(results: CheckResult[]): number {
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}

/** The clock skew verdict: the controller's clock (its HTTP Date, to the second) against ours at the request's middle. */
export function judgeClockSkew(serverDateMs: number, sentMs: number, receivedMs: number, toleranceMs = 5000): CheckResult {
  // Date has whole seconds: the server's time lies in [date, date + 1 s).
  const skew = serverDateMs + 500 - (sentMs + receivedMs) / 2;
  const seconds = (skew / 1000).toFixed(1);
  if (Math.abs(skew) <= toleranceMs) return { check: 'clock', status: 'pass', detail: `within ${Math.ceil(Math.abs(skew) / 1000)} s of the controller's` };
  return {
    check: 'clock',
    status: 'fail',
    detail: `${seconds} s ${skew > 0 ? 'behind' : 'ahead of'} the controller's`,
    fix: 'synchronise the clocks (systemctl enable --now systemd-timesyncd, or chrony): task deadlines and heartbeats compare times across hosts',
  };
}

/** Node 20 or newer. */
export function judgeNode(version: string): CheckResult {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  if (major >= 20) return { check: 'node', status: 'pass', detail: `${version} (20 or newer needed)` };
  return {
    check: 'node',
    status: 'fail',
    detail: `${version} is too old`,
    fix: 'install Node.js 20 or newer (Debian: apt-get install nodejs from bookworm-backports or NodeSource)',
  };
}

export function judgeDisk(freeBytes: number, path: string, minBytes: number): CheckResult {
  const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (freeBytes >= minBytes) return { check: 'disk', status: 'pass', detail: `${gib(freeBytes)} free under ${path}` };
  return {
    check: 'disk',
    status: 'fail',
    detail: `${gib(freeBytes)} free under ${path}, less than ${gib(minBytes)}`,
    fix: "free space for images ('docker image prune -a' removes images no container uses), or give the engine a bigger disk",
  };
}
