/**
 * Keeps the fault suite's table in FAULTS.md, after vitest has finished (scripts/test.sh runs it
 * with BERTH_FAULTS_RECORD=1, i.e. `npm run test:faults`): only for a run that vitest ended with
 * exit code 0, that counts no failure, and that ran every file of test/faults in full with every
 * test passed. The file says when, on which commit (and whether the tree had uncommitted
 * changes) and on what machine. Anything else leaves FAULTS.md alone and says why.
 *
 * Usage: tsx test/faults/record-faults.ts REPORT VITEST_EXIT_CODE
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { countTests, coversInFull } from '../../scripts/test-count.mjs';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { readFaultRows, renderFaultTable } from './fault-report.js';

const exec = async (cmd: string, args: string[]): Promise<string> => (await promisify(execFile)(cmd, args, { cwd: REPO_ROOT, timeout: 30_000 })).stdout.trim();

async function main(): Promise<number> {
  const [reportPath = join(REPO_ROOT, '.berth', 'test-report.json'), exitArg] = process.argv.slice(2);
  const exitCode = exitArg !== undefined && /^\d+$/.test(exitArg) ? Number(exitArg) : 1;
  const notWritten = (why: string) => {
    console.log(`berth: FAULTS.md not written: ${why}`);
    return 0;
  };
  const rows = readFaultRows();
  if (rows.length === 0) return notWritten('no fault was injected');
  if (exitCode !== 0) return notWritten(`vitest exited ${exitCode}`);
  let report: unknown = null;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch (err) {
    return notWritten(`no test report at ${reportPath} (${(err as Error).message})`);
  }
  const counts = countTests(report, exitCode);
  if (counts.failed > 0) return notWritten(`${counts.failed} failed (${counts.reasons.join('; ') || 'failed tests'})`);
  const dir = join(REPO_ROOT, 'test', 'faults');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(dir, f));
  const coverage = coversInFull(report, files);
  if (!coverage.full) {
    const shown = coverage.missing
      .slice(0, 3)
      .map((m) => m.replace(`${REPO_ROOT}/`, ''))
      .join('; ');
    return notWritten(
      `not a full run of test/faults (${coverage.missing.length} of ${files.length} files not run in full: ${shown}${coverage.missing.length > 3 ? '; …' : ''})`,
    );
  }

  const [commit, status, dockerVersion, natsVersion] = await Promise.all([
    exec('git', ['rev-parse', '--short', 'HEAD']).catch(() => '?'),
    exec('git', ['status', '--porcelain', '--', '.', ':!FAULTS.md']).catch(() => '?'),
    exec('docker', ['version', '--format', '{{.Server.Version}}']).catch(() => '?'),
    exec('nats-server', ['--version']).catch(() => '?'),
  ]);
  const revision = revisionOf(process.env.BERTH_RUN_START, process.env.BERTH_RUN_END, { commit, dirty: status !== '' });
  const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Docker Engine ${dockerVersion}, ${natsVersion}`;
  writeFileSync(
    join(REPO_ROOT, 'FAULTS.md'),
    `# Fault suite: the last full run\n\n${new Date().toISOString()}, ${revision}, on ${machine} — \`npm run test:faults\` (test/faults/: ${files.length} files, ${counts.passed} tests, all passed). Requests were sent through a real Traefik (file provider) to the app by its Host while the fault happened.\n\n${renderFaultTable(rows)}\n`,
  );
  console.log(`berth: FAULTS.md written (${revision})`);
  return 0;
}

/**
 * The commit the run tested: the checkout when it started (scripts/test.sh: BERTH_RUN_START and
 * BERTH_RUN_END, each "SHORT_COMMIT DIRTY FINGERPRINT"), with uncommitted changes when it had any
 * then, and saying so when it changed during the run; without them, the checkout now.
 */
function revisionOf(start: string | undefined, end: string | undefined, now: { commit: string; dirty: boolean }): string {
  const [startCommit, startDirty, startPrint] = (start ?? '').split(' ');
  if (!startCommit) return `commit ${now.commit}${now.dirty ? ' (with uncommitted changes)' : ''}`;
  const [endCommit, , endPrint] = (end ?? '').split(' ');
  const changed = !endPrint || endPrint !== startPrint;
  const moved = changed && endCommit && endCommit !== startCommit ? `, at ${endCommit} when it ended` : '';
  return `commit ${startCommit}${startDirty !== '0' || changed ? ' (with uncommitted changes)' : ''}${changed ? ` (the checkout changed while the suite ran${moved})` : ''}`;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`berth: FAULTS.md not written: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
