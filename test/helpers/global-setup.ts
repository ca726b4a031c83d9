/**
 * Runs once before all test files. Integration tests need a Docker Engine, nats-server and
 * Traefik; when one is missing the run fails here with what to do. Tests never skip for lack of them.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { FAULTS_FILE, readFaultRows, renderFaultTable } from '../faults/fault-report.js';
import { traefikBinary } from '../../shared/traefik-binary.js';
import { docker, run } from './exec.js';
import { REPO_ROOT } from './repo-root.js';
import { ensureTestImage } from './test-image.js';

/**
 * After the run: the fault suite's table (test/faults), printed when any fault was injected; with
 * BERTH_FAULTS_RECORD=1 (npm run test:faults) also kept in FAULTS.md with the date and machine.
 */
async function reportFaults(): Promise<void> {
  const rows = readFaultRows();
  if (rows.length === 0) return;
  const table = renderFaultTable(rows);
  process.stdout.write(`\nfault suite: what was injected, and what held\n${table}\n`);
  if (process.env.BERTH_FAULTS_RECORD !== '1') return;
  const [dockerVersion, natsVersion] = await Promise.all([docker('version', '--format', '{{.Server.Version}}').catch(() => '?'), run('nats-server', ['--version']).catch(() => '?')]);
  const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Docker Engine ${dockerVersion.trim()}, ${natsVersion.trim()}`;
  writeFileSync(
    resolve(import.meta.dirname, '../../FAULTS.md'),
    `# Fault suite: the last full run\n\n${new Date().toISOString()} on ${machine} — \`npm run test:faults\` (test/faults/).\n\n${table}\n`,
  );
}

export default async function setup(): Promise<(() => Promise<void>) | void> {
  // `npm run test:unit` runs the pure tests alone, without Docker or NATS.
  if (process.env.BERTH_UNIT_ONLY === '1') return;
  rmSync(FAULTS_FILE, { force: true });
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
  // Routes are proven through a real Traefik (test/helpers/traefik.ts); its error says what to run.
  traefikBinary(REPO_ROOT);
  await ensureTestImage();
  // Agents run as real processes from the build, so the build must match the sources.
  await run(process.execPath, [resolve(import.meta.dirname, '../../node_modules/typescript/bin/tsc'), '-p', resolve(import.meta.dirname, '../../tsconfig.json')], { timeoutMs: 180_000 });
  return reportFaults;
}
