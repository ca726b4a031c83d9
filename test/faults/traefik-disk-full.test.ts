/**
 * Fault: the disk under the Traefik directory is full (a 64 KiB tmpfs, filled up). Must hold: the
 * app's previous file stays exactly as it was and keeps routing to the old release, which keeps
 * answering; the deployment fails in routing with a reason that names the problem.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, fetchText, removeAppContainers, routedServers } from '../helpers/deployments.js';
import { run } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { recordFault } from './fault-report.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const app = `fdisk-${suffix}`;
let cluster: Cluster;
let traefikDir: string;
let mounted = false;

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '200ms' });
  await cluster.startAgent(`fdisk-${suffix}`);
  traefikDir = cluster.controller.config.traefikDir;
  await mkdir(traefikDir, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', traefikDir]);
  mounted = true;
});

afterAll(async () => {
  if (mounted) await run('umount', [traefikDir]).catch(() => undefined);
  await cluster?.close();
  await removeAppContainers(app);
});

describe('fault: the disk under the Traefik directory is full', { timeout: 120_000 }, () => {
  it('the previous file stays intact and keeps routing; the deployment fails in routing and says why', async () => {
    applySpec(
      cluster.controller,
      specText({ name: app, domains: [`${app}.example.test`], drain: '0s', services: { web: { image: TEST_IMAGE, port: 8080, scale: 1 } } }),
    );
    expect((await deploy(cluster.controller, app)).state).toBe('succeeded');
    const file = join(traefikDir, `${app}.yml`);
    const before = await readFile(file, 'utf8');

    // Fill the filesystem to the last byte.
    const filler = join(traefikDir, 'filler');
    const chunk = Buffer.alloc(1024, 'x');
    let bytes = 0;
    for (;;) {
      try {
        await writeFile(filler, chunk, { flag: 'a' });
        bytes += chunk.length;
      } catch {
        break;
      }
    }
    for (;;) {
      try {
        await writeFile(filler, Buffer.alloc(1, 'x'), { flag: 'a' });
      } catch {
        break;
      }
    }

    const d = await deploy(cluster.controller, app);
    const after = await readFile(file, 'utf8');
    const answers = await Promise.all(((await routedServers(cluster.controller, app))[`${app}-web`] ?? []).map(fetchText));
    const lost: string[] = [];
    if (d.state !== 'failed' || d.failure?.phase !== 'routing') lost.push(`the deployment ended ${d.state}${d.failure ? ` in ${d.failure.phase}` : ''}`);
    if (!/no space|ENOSPC/i.test(d.failure?.reason ?? '')) lost.push(`the reason does not say the disk is full: ${d.failure?.reason ?? 'none'}`);
    if (after !== before) lost.push('the previous file changed');
    if (answers.length === 0 || !answers.every((a) => a.includes('hello from berth-test'))) lost.push('the old release stopped answering');
    recordFault({ fault: 'disk full under the Traefik directory (64 KiB tmpfs)', injected: 1, held: lost.length === 0 ? 1 : 0, lost });
    await rm(filler, { force: true });
    expect(bytes).toBeGreaterThan(0);
    expect(lost).toEqual([]);
  });
});
