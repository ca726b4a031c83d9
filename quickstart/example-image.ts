/**
 * The example's base image, made here with no registry: Debian's static busybox imported as a
 * root filesystem (what `docker import` does, through the Engine API).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { BerthError } from '../shared/errors.js';

export const EXAMPLE_BASE_IMAGE = 'berth-example/busybox:1';
const BUSYBOX = '/bin/busybox';
const APPLETS = ['sh', 'httpd', 'mkdir', 'cat', 'echo', 'sleep', 'date', 'env', 'ls', 'wget'];

/** Imports the base image unless it is present; answers whether it had to. */
export async function ensureExampleImage(docker: Docker): Promise<boolean> {
  const present = await docker
    .getImage(EXAMPLE_BASE_IMAGE)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (present) return false;
  if (!existsSync(BUSYBOX))
    throw new BerthError('INVALID_CONFIG', `${BUSYBOX} is missing: install Debian's busybox-static (apt-get install -y busybox-static)`);
  const root = await mkdtemp(join(tmpdir(), 'berth-example-'));
  try {
    for (const dir of ['bin', 'tmp', 'www']) await mkdir(join(root, dir));
    await copyFile(BUSYBOX, join(root, 'bin', 'busybox'));
    for (const applet of APPLETS) await symlink('busybox', join(root, 'bin', applet));
    // tar with an argv (no shell); its stdout is the body of the import.
    const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [repo, tag] = EXAMPLE_BASE_IMAGE.split(':') as [string, string];
    const stream = await docker.importImage(tar.stdout, { repo, tag, changes: ['ENV PATH=/bin'] } as object);
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return true;
}
