/**
 * Runs once before all test files. Integration tests need a Docker Engine, nats-server and
 * Traefik; when one is missing the run fails here with what to do. Tests never skip for lack of them.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { faultsFile, readFaultRows, renderFaultTable } from '../faults/fault-report.js';
import { natsServerBinary } from '../../shared/nats-server-binary.js';
import { traefikBinary } from '../../shared/traefik-binary.js';
import { docker, run } from './exec.js';
import { REPO_ROOT } from './repo-root.js';
import { ensureEchoImage } from './echo-image.js';
import { ensureTestImage } from './test-image.js';

/**
 * After the run: the fault suite's table (test/faults), printed when any fault was injected.
 * FAULTS.md is written only after vitest has finished, from a passing full run
 * (scripts/test.sh, test/faults/record-faults.ts): a teardown cannot see whether tests failed.
 * A teardown that throws is only logged by vitest, which still exits 0: a failure here sets the
 * exit code itself.
 */
async function reportFaults(ownFile: boolean): Promise<void> {
  try {
    const rows = readFaultRows();
    if (ownFile) rmSync(faultsFile(), { force: true });
    if (rows.length === 0) return;
    process.stdout.write(`\nfault suite: what was injected, and what held\n${renderFaultTable(rows)}\n`);
  } catch (err) {
    process.stderr.write(`berth: the fault report failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}

export default async function setup(): Promise<(() => Promise<void>) | void> {
  // `npm run test:unit` runs the pure tests alone, without Docker or NATS.
  if (process.env.BERTH_UNIT_ONLY === '1') return;
  // The fault rows of this run only: scripts/test.sh names the file (it reads it after vitest);
  // otherwise a file of this run's own, removed once its table is printed.
  const ownFile = !process.env.BERTH_FAULTS_FILE;
  if (ownFile) process.env.BERTH_FAULTS_FILE = resolve(REPO_ROOT, '.berth', `faults-${process.pid}.jsonl`);
  rmSync(faultsFile(), { force: true });
  try {
    await docker('info', '--format', '{{.ServerVersion}}');
  } catch (err) {
    throw new Error(`the Docker Engine is not running (docker info failed: ${(err as Error).message}); run 'npm test', which starts it, or start dockerd`);
  }
  try {
    await run('nats-server', ['--version']);
  } catch {
    throw new Error("nats-server is not installed: run 'npm test' (it installs Debian's nats-server as root) or install it");
  }
  // The JetStream state store runs on a current nats-server; its error says what to run.
  natsServerBinary(REPO_ROOT);
  // Routes are proven through a real Traefik (test/helpers/traefik.ts); its error says what to run.
  traefikBinary(REPO_ROOT);
  await ensureTestImage();
  await ensureEchoImage();
  // Agents run as real processes from the build, so the build must match the sources.
  await run(
    process.execPath,
    [resolve(import.meta.dirname, '../../node_modules/typescript/bin/tsc'), '-p', resolve(import.meta.dirname, '../../tsconfig.json')],
    { timeoutMs: 180_000 },
  );
  // The dashboard the controller serves at /ui (dist/ui).
  await run(process.execPath, [resolve(import.meta.dirname, '../../scripts/build-ui.mjs')], { timeoutMs: 120_000 });
  return () => reportFaults(ownFile);
}
