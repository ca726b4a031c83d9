/**
 * The image every test uses, built locally (nothing is pulled): Debian's static busybox imported
 * as a root filesystem, with a page for httpd to serve.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, copyFile, symlink, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from './exec.js';

export const TEST_IMAGE = 'berth-test/busybox:2';
const BUSYBOX = '/bin/busybox';
const APPLETS = ['sh', 'httpd', 'sleep', 'echo', 'cat', 'cp', 'rm', 'mkdir', 'test', 'env', 'nc', 'wget', 'ls', 'kill', 'true', 'false', 'head', 'tr'];

export async function ensureTestImage(): Promise<string> {
  const present = await docker('images', '-q', TEST_IMAGE);
  if (present) return TEST_IMAGE;
  if (!existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} is missing: install Debian's busybox-static (apt-get install -y busybox-static)`);
  const root = await mkdtemp(join(tmpdir(), 'berth-rootfs-'));
  try {
    await mkdir(join(root, 'bin'));
    await mkdir(join(root, 'www'));
    await mkdir(join(root, 'tmp'));
    await copyFile(BUSYBOX, join(root, 'bin', 'busybox'));
    for (const applet of APPLETS) await symlink('busybox', join(root, 'bin', applet));
    await writeFile(join(root, 'www', 'index.html'), 'hello from berth-test\n');
    // docker import reads a tar on stdin; tar is run with argv, no shell.
    await new Promise<void>((resolve, reject) => {
      const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const imp = spawn('docker', ['import', '-c', 'ENV PATH=/bin', '-c', 'CMD ["/bin/httpd","-f","-p","8080","-h","/www"]', '-', TEST_IMAGE], {
        stdio: ['pipe', 'ignore', 'inherit'],
      });
      tar.stdout.pipe(imp.stdin);
      imp.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker import exited ${code}`))));
      tar.on('error', reject);
      imp.on('error', reject);
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return TEST_IMAGE;
}
