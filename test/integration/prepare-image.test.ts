import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputNotice } from '../../controller/pipeline/report-intake.js';
import { gitImageTag } from '../../shared/task.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { docker, run } from '../helpers/exec.js';
import { TEST_IMAGE } from '../helpers/test-image.js';

const suffix = uniqueSuffix();
const agentId = `prepare-${suffix}`;
const app = `prep${suffix}`;
let cluster: Cluster;
const output: OutputNotice[] = [];
const tempDirs: string[] = [];

const git = (dir: string, ...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-C', dir, ...args]);

/** A git repository in a temp dir with these files committed on branch main; returns its path. */
async function makeRepo(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-repo-'));
  tempDirs.push(dir);
  await run('git', ['init', '-q', '-b', 'main', dir]);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  await git(dir, 'add', '.');
  await git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

const imageId = async (ref: string) => docker('image', 'inspect', '--format', '{{.Id}}', ref);
const linesOf = (taskId: string) => output.filter((o) => o.taskId === taskId).flatMap((o) => o.lines);
const prepare = (service: string, source: Record<string, unknown>) =>
  cluster.controller.dispatcher.run({ kind: 'prepare-image', agentId, deploymentId: 'd1', spec: { app, service, source: source as never } }, 90_000);

beforeAll(async () => {
  cluster = await startCluster();
  await cluster.startAgent(agentId);
  cluster.controller.intake.onOutput((notice) => output.push(notice));
});

afterAll(async () => {
  await cluster?.close();
  const images = (await docker('images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=berth/${app}-*`)).split('\n').filter(Boolean);
  if (images.length) await docker('rmi', '-f', ...images);
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('prepare-image: image source', () => {
  it('uses an image the agent already has as it is', async () => {
    const result = await prepare('web', { type: 'image', image: TEST_IMAGE });
    expect(result.status).toBe('ok');
    expect(result.prepared).toEqual({ image: TEST_IMAGE, imageId: await imageId(TEST_IMAGE), commitSha: '', procfile: {}, fresh: false });
  });

  it('fails with the engine message when an absent image cannot be pulled', async () => {
    // A registry on a closed loopback port: the pull fails at once, without the internet.
    const result = await prepare('web', { type: 'image', image: '127.0.0.1:1/nothing:1' });
    expect(result.status).toBe('failed');
    expect(result.errorCode).toBe('IMAGE_NOT_FOUND');
    expect(result.message).toMatch(/127\.0\.0\.1:1\/nothing:1 is not on this host and could not be pulled: .*(connection refused|dial tcp)/i);
    expect(result.prepared).toBeNull();
  });
});

describe('prepare-image: git source', () => {
  let repo: string;
  let sha: string;

  beforeAll(async () => {
    repo = await makeRepo({
      Dockerfile: `FROM ${TEST_IMAGE}\nCOPY page.html /www/index.html\nRUN echo built-by-berth\n`,
      'page.html': 'hello from git\n',
      Procfile: '# processes\nweb: httpd -f -p $PORT -h /www\npostdeploy: echo migrated\n',
    });
    sha = (await git(repo, 'rev-parse', 'HEAD')).trim();
  });

  it('resolves the branch, builds berth/APP-SERVICE:SHA with the Procfile, and streams the build output', async () => {
    const result = await prepare('web', { type: 'git', repo: `file://${repo}`, ref: 'main' });
    expect(result.status, result.message).toBe('ok');
    const tag = gitImageTag(app, 'web', sha);
    expect(result.prepared).toEqual({
      image: tag,
      imageId: await imageId(tag),
      commitSha: sha,
      procfile: { web: 'httpd -f -p $PORT -h /www', postdeploy: 'echo migrated' },
      fresh: true,
    });
    expect(linesOf(result.taskId)).toContain('built-by-berth');
    expect(linesOf(result.taskId).some((l) => /^Step 1\/\d+ : FROM/.test(l))).toBe(true);
    // The built image holds the file from the repository.
    expect(await docker('run', '--rm', tag, 'cat', '/www/index.html')).toBe('hello from git');
  });

  it('a second prepare of the same commit (by branch or by SHA) reuses the image and reads the Procfile from its label', async () => {
    const first = await imageId(gitImageTag(app, 'web', sha));
    for (const ref of ['main', sha]) {
      const result = await prepare('web', { type: 'git', repo: `file://${repo}`, ref });
      expect(result.status, result.message).toBe('ok');
      expect(result.prepared).toEqual({
        image: gitImageTag(app, 'web', sha),
        imageId: first,
        commitSha: sha,
        procfile: { web: 'httpd -f -p $PORT -h /www', postdeploy: 'echo migrated' },
        fresh: false,
      });
      expect(linesOf(result.taskId)).toEqual([]);
    }
  });

  it('two prepares of one service at once build once', async () => {
    await git(repo, 'commit', '-q', '--allow-empty', '-m', 'second');
    const second = (await git(repo, 'rev-parse', 'HEAD')).trim();
    const [a, b] = await Promise.all([
      prepare('web', { type: 'git', repo: `file://${repo}`, ref: 'main' }),
      prepare('web', { type: 'git', repo: `file://${repo}`, ref: 'main' }),
    ]);
    expect([a.status, b.status]).toEqual(['ok', 'ok']);
    expect([a.prepared?.commitSha, b.prepared?.commitSha]).toEqual([second, second]);
    expect([a.prepared?.fresh, b.prepared?.fresh].sort()).toEqual([false, true]);
    expect(a.prepared?.imageId).toBe(b.prepared?.imageId);
  });

  it('resolves a tag and builds from a context directory', async () => {
    const dir = await makeRepo({ README: 'no Procfile here\n' });
    await run('mkdir', [join(dir, 'svc')]);
    await writeFile(join(dir, 'svc', 'Dockerfile.prod'), `FROM ${TEST_IMAGE}\nCOPY hello.txt /hello.txt\n`);
    await writeFile(join(dir, 'svc', 'hello.txt'), 'from the context\n');
    await git(dir, 'add', '.');
    await git(dir, 'commit', '-q', '-m', 'svc');
    await git(dir, 'tag', '-a', '-m', 'release 1', 'v1');
    const tagged = (await git(dir, 'rev-parse', 'v1^{commit}')).trim();
    const result = await prepare('api', { type: 'git', repo: `file://${dir}`, ref: 'v1', context: 'svc', dockerfile: 'Dockerfile.prod' });
    expect(result.status, result.message).toBe('ok');
    expect(result.prepared?.commitSha).toBe(tagged);
    expect(result.prepared?.procfile).toEqual({});
    expect(await docker('run', '--rm', gitImageTag(app, 'api', tagged), 'cat', '/hello.txt')).toBe('from the context');
  });

  it('refuses a build context outside the repository', async () => {
    const result = await prepare('web', { type: 'git', repo: `file://${repo}`, ref: 'main', context: '../..' });
    expect(result.status).toBe('failed');
    expect(result.errorCode).toBe('INVALID_ARGUMENT');
    expect(result.message).toMatch(/build context \.\.\/\.\. is outside the repository/);
  });

  it('a failing Dockerfile fails the task with BUILD_FAILED, the engine message and the last lines', async () => {
    const bad = await makeRepo({ Dockerfile: `FROM ${TEST_IMAGE}\nRUN echo about-to-fail; exit 3\n` });
    const result = await prepare('broken', { type: 'git', repo: `file://${bad}`, ref: 'main' });
    expect(result.status).toBe('failed');
    expect(result.errorCode).toBe('BUILD_FAILED');
    expect(result.message).toMatch(/build of berth\/.*-broken:[0-9a-f]{40} failed: .*returned a non-zero code: 3/);
    expect(result.message).toContain('about-to-fail');
    expect(result.outputTail).toContain('about-to-fail');
    expect(linesOf(result.taskId)).toContain('about-to-fail');
  });

  it('an unknown ref fails with a message naming the ref and the repository', async () => {
    const result = await prepare('web', { type: 'git', repo: `file://${repo}`, ref: 'no-such-branch' });
    expect(result.status).toBe('failed');
    expect(result.errorCode).toBe('NOT_FOUND');
    expect(result.message).toContain(`ref "no-such-branch" is neither a branch nor a tag of file://${repo}`);
  });

  it("an unreachable repository fails with git's message", async () => {
    const result = await prepare('web', { type: 'git', repo: `file://${repo}-missing`, ref: 'main' });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/git ls-remote .*-missing failed: .*(does not appear to be a git repository|not found|fatal)/i);
  });
});
