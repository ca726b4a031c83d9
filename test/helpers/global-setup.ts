/**
 * Runs once before all test files. Integration tests need a Docker Engine and nats-server; when
 * either is missing the run fails here with what to do. Tests never skip for lack of them.
 */
import { resolve } from 'node:path';
import { docker, run } from './exec.js';
import { ensureTestImage } from './test-image.js';

export default async function setup(): Promise<void> {
  // `npm run test:unit` runs the pure tests alone, without Docker or NATS.
  if (process.env.BERTH_UNIT_ONLY === '1') return;
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
  await ensureTestImage();
  // Agents run as real processes from the build, so the build must match the sources.
  await run(process.execPath, [resolve(import.meta.dirname, '../../node_modules/typescript/bin/tsc'), '-p', resolve(import.meta.dirname, '../../tsconfig.json')], { timeoutMs: 180_000 });
}
