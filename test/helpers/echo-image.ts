/**
 * The echo test app (test/fixtures/echo-server, Go standard library only), built locally and
 * nothing pulled: a static binary alone in a root filesystem, `docker import`ed as ECHO_IMAGE.
 * The image carries a hash of the sources in a label, so a changed server is rebuilt, not reused.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { docker } from './exec.js';
import { REPO_ROOT } from './repo-root.js';

export const ECHO_IMAGE = 'berth-test/echo:1';
export const ECHO_SOURCE_DIR = join(REPO_ROOT, 'test', 'fixtures', 'echo-server');
const SOURCE_LABEL = 'berth.test.echo-source';
const SOURCES = ['go.mod', 'main.go'];
/**
 * Beside the server, Debian's static busybox with a few applets: postdeploy commands and one-offs
 * run with /bin/sh -c in the release's image. Part of the hash, so a change rebuilds the image.
 */
const BUSYBOX = '/bin/busybox';
const APPLETS = ['sh', 'sleep', 'echo', 'cat', 'env', 'true', 'false', 'tr'];

const execFileAsync = promisify(execFile);
let building: Promise<string> | undefined;

/** Builds ECHO_IMAGE unless an image built from these very sources is present. */
export function ensureEchoImage(): Promise<string> {
  building ??= build().finally(() => (building = undefined));
  return building;
}

async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of SOURCES) hash.update(`${name}\0`).update(await readFile(join(ECHO_SOURCE_DIR, name)));
  hash.update(`applets\0${APPLETS.join(',')}`);
  return hash.digest('hex').slice(0, 16);
}

/** `go` on PATH, else the official tarball's place; an error saying what to install otherwise. */
export function goBinary(): string {
  const candidates = [
    ...(process.env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'go')),
    '/usr/local/go/bin/go',
  ];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  throw new Error(
    `the Go toolchain (go >= 1.22) is needed to build ${ECHO_IMAGE} from ${ECHO_SOURCE_DIR} and 'go' is not on PATH nor at /usr/local/go/bin/go: ` +
      'install it (the official tarball from https://go.dev/dl/ unpacked into /usr/local, or apt-get install -y golang-go where Debian ships >= 1.22)',
  );
}

async function build(): Promise<string> {
  const hash = await sourceHash();
  const present = await docker('image', 'inspect', '--format', `{{index .Config.Labels "${SOURCE_LABEL}"}}`, ECHO_IMAGE).catch(() => undefined);
  if (present === hash) return ECHO_IMAGE;
  const go = goBinary();
  const root = await mkdtemp(join(tmpdir(), 'berth-echo-rootfs-'));
  try {
    await mkdir(join(root, 'tmp'));
    await mkdir(join(root, 'bin'));
    await copyFile(BUSYBOX, join(root, 'bin', 'busybox')).catch((err: Error) => {
      throw new Error(`${BUSYBOX} is needed in ${ECHO_IMAGE} (install Debian's busybox-static): ${err.message}`);
    });
    for (const applet of APPLETS) await symlink('busybox', join(root, 'bin', applet));
    // Self-contained: no HOME needed, no toolchain download, no module proxy (there are no modules).
    const cache = join(tmpdir(), 'berth-echo-go');
    const env = {
      ...process.env,
      CGO_ENABLED: '0',
      GOOS: 'linux',
      GOTOOLCHAIN: 'local',
      GOPROXY: 'off',
      GOWORK: 'off',
      GOFLAGS: '',
      GOCACHE: join(cache, 'build'),
      GOPATH: join(cache, 'path'),
    };
    try {
      await execFileAsync(go, ['build', '-trimpath', '-ldflags=-s -w', '-o', join(root, 'echo-server'), '.'], {
        cwd: ECHO_SOURCE_DIR,
        env,
        timeout: 300_000,
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (err) {
      const e = err as Error & { stderr?: string };
      throw new Error(`building ${ECHO_IMAGE}: ${go} build failed in ${ECHO_SOURCE_DIR}: ${e.stderr?.trim() || e.message}`);
    }
    // tar | docker import, both with argv; files owned by root whoever builds.
    await new Promise<void>((resolve, reject) => {
      const tar = spawn('tar', ['--owner=0', '--group=0', '--numeric-owner', '-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
      const changes = ['CMD ["/echo-server"]', 'ENV PATH=/bin', 'EXPOSE 8080', `LABEL ${SOURCE_LABEL}=${hash}`].flatMap((c) => ['-c', c]);
      const imp = spawn('docker', ['import', ...changes, '-', ECHO_IMAGE], { stdio: ['pipe', 'ignore', 'inherit'] });
      tar.stdout.pipe(imp.stdin);
      tar.on('exit', (code) => code !== 0 && reject(new Error(`tar exited ${code}`)));
      imp.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker import of ${ECHO_IMAGE} exited ${code}`))));
      tar.on('error', reject);
      imp.on('error', reject);
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return ECHO_IMAGE;
}
