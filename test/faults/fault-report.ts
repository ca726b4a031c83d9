/**
 * The fault suite's report: each scenario records, per fault it injected, how many times it was
 * injected, how many times everything that must hold held, what was lost, and for scenarios that
 * probe the app through Traefik meanwhile, how many requests the probe sent and how many failed.
 * The global teardown prints the table after every run that injected a fault; a passing full run
 * of `npm run test:faults` keeps it in FAULTS.md (record-faults.ts, after vitest has finished).
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../helpers/repo-root.js';

export interface FaultRow {
  fault: string;
  injected: number;
  held: number;
  /** What was lost, in words ("2 probe failures outside the switch", "1 stray container"); empty: nothing. */
  lost: string[];
  /** Requests the route probe sent meanwhile, and how many of them failed (none: no probe). */
  requests?: number;
  failedRequests?: number;
}

/**
 * This run's rows: BERTH_FAULTS_FILE, which scripts/test.sh sets for each run and the global setup
 * otherwise sets to a file of its own (test workers inherit it), so runs side by side on one
 * checkout never share, wipe or mix each other's rows.
 */
export function faultsFile(): string {
  return process.env.BERTH_FAULTS_FILE || join(REPO_ROOT, '.berth', 'faults.jsonl');
}

export function recordFault(row: FaultRow): void {
  mkdirSync(dirname(faultsFile()), { recursive: true });
  appendFileSync(faultsFile(), `${JSON.stringify(row)}\n`);
}

export function readFaultRows(): FaultRow[] {
  try {
    return readFileSync(faultsFile(), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as FaultRow);
  } catch {
    return [];
  }
}

/** Rows of the same fault added up, in the order first seen. */
export function mergeFaultRows(rows: FaultRow[]): FaultRow[] {
  const merged = new Map<string, FaultRow>();
  for (const row of rows) {
    const seen = merged.get(row.fault);
    if (seen) {
      merged.set(row.fault, {
        fault: row.fault,
        injected: seen.injected + row.injected,
        held: seen.held + row.held,
        lost: [...seen.lost, ...row.lost],
        ...(seen.requests !== undefined || row.requests !== undefined
          ? { requests: (seen.requests ?? 0) + (row.requests ?? 0), failedRequests: (seen.failedRequests ?? 0) + (row.failedRequests ?? 0) }
          : {}),
      });
    } else merged.set(row.fault, { ...row, lost: [...row.lost] });
  }
  return [...merged.values()];
}

export function renderFaultTable(rows: FaultRow[]): string {
  const lines = ['| fault or abuse | injected | everything held | requests through Traefik | failed | lost |', '| --- | ---: | ---: | ---: | ---: | --- |'];
  for (const r of mergeFaultRows(rows)) {
    const probe = r.requests === undefined ? '— | —' : `${r.requests} | ${r.failedRequests ?? 0}`;
    lines.push(`| ${r.fault} | ${r.injected} | ${r.held} | ${probe} | ${r.lost.length ? r.lost.join('; ') : 'nothing'} |`);
  }
  return lines.join('\n');
}
