/**
 * The prepare-image task: make sure this agent holds the image a service's instances start from.
 * An image source is pulled only if absent. A git source is resolved to a commit and
 * berth/APP-SERVICE:SHA is built from a clone at that commit, unless the engine already has that
 * tag (built by Berth: it carries the commit and Procfile labels).
 */
import { lstat, mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { BerthError, toBerthError } from '../../../shared/errors.js';
import type { Logger } from '../../../shared/logger.js';
import { gitImageTag, type PrepareImageSpec, type PreparedImage, type TaskOf } from '../../../shared/task.js';
import type { ContainerRuntime, ImageInfo } from '../../adapters/docker.js';
import { cloneAt, resolveCommit } from '../../adapters/git.js';
import { COMMIT_LABEL, parseProcfile, PROCFILE_LABEL, procfileFromLabel } from '../../core/procfile.js';
import { runSteps } from '../steps.js';
import type { TaskOutput } from '../task-output.js';
import type { TaskContext, TaskOutcome } from './task-context.js';

/** The task: pulls or builds the image; build output is streamed like a one-off's. */
export async function prepareImageTask(ctx: TaskContext, task: TaskOf<'prepare-image'>, log: Logger): Promise<TaskOutcome> {
  const output = ctx.output();
  try {
    const prepared = await prepareImage(ctx.docker, task.spec, output, log);
    const how = !prepared.fresh ? 'already present' : prepared.commitSha ? 'built' : 'pulled';
    return { instance: null, message: `${prepared.image} ${how}`, prepared, outputTail: output.lastLines() };
  } finally {
    output.close();
  }
}

/** Lines of build output quoted in the message of a failed build (all are in outputTail). */
const MESSAGE_TAIL_LINES = 5;
const PROCFILE_MAX_BYTES = 1024 * 1024;

export async function prepareImage(docker: ContainerRuntime, spec: PrepareImageSpec, output: TaskOutput, log: Logger): Promise<PreparedImage> {
  const source = spec.source;
  if (source.type === 'image') {
    const ctx: { image: ImageInfo | null; fresh: boolean } = { image: null, fresh: false };
    await runSteps(
      [
        {
          name: 'find-image',
          run: async (c) => {
            c.image = await docker.inspectImage(source.image);
          },
        },
        {
          name: 'pull-image',
          run: async (c) => {
            if (c.image) return;
            log.info({ image: source.image }, 'pulling image');
            await docker.pullImage(source.image);
            c.fresh = true;
            c.image = await docker.inspectImage(source.image);
            if (!c.image) throw new BerthError('IMAGE_NOT_FOUND', `image ${source.image} is still missing after its pull`);
          },
        },
      ],
      ctx,
      log,
    );
    return { image: source.image, imageId: (ctx.image as ImageInfo).id, commitSha: '', procfile: {}, fresh: ctx.fresh };
  }

  const ctx: { commit: string; tag: string; dir: string | null; procfile: Record<string, string>; imageId: string; fresh: boolean } = {
    commit: '',
    tag: '',
    dir: null,
    procfile: {},
    imageId: '',
    fresh: false,
  };
  try {
    await runSteps(
      [
        {
          name: 'check-paths',
          run: async () => {
            // Checked before anything else so that a bad spec fails the same way whether or not the image exists.
            for (const [what, path] of [
              ['build context', source.context],
              ['Dockerfile', source.dockerfile],
            ] as const) {
              if (leaves(path))
                throw new BerthError('INVALID_ARGUMENT', `${what} ${path} is outside ${what === 'Dockerfile' ? 'the build context' : 'the repository'}`, {
                  path,
                });
            }
          },
        },
        {
          name: 'resolve-commit',
          run: async (c) => {
            c.commit = await resolveCommit(source.repo, source.ref);
            c.tag = gitImageTag(spec.app, spec.service, c.commit);
          },
        },
        {
          name: 'find-image',
          run: async (c) => {
            const image = await docker.inspectImage(c.tag);
            const procfile = procfileFromLabel(image?.labels[PROCFILE_LABEL]);
            // Only an image Berth built for this commit is reused; anything else under the tag is rebuilt.
            if (image && procfile && image.labels[COMMIT_LABEL] === c.commit) {
              c.imageId = image.id;
              c.procfile = procfile;
            }
          },
        },
        {
          name: 'clone',
          run: async (c) => {
            if (c.imageId) return;
            c.dir = await mkdtemp(join(tmpdir(), 'berth-build-'));
            log.info({ commit: c.commit }, 'cloning');
            await cloneAt(source.repo, c.commit, c.dir);
          },
        },
        {
          name: 'read-procfile',
          run: async (c) => {
            if (c.dir) c.procfile = await readProcfile(c.dir);
          },
        },
        {
          name: 'build-image',
          run: async (c) => {
            if (!c.dir) return;
            const contextDir = await pathInside(c.dir, source.context, 'build context', 'the repository');
            const dockerfile = await pathInside(contextDir, source.dockerfile, 'Dockerfile', `the build context ${source.context}`);
            log.info({ tag: c.tag }, 'building image');
            try {
              await docker.buildImage(
                contextDir,
                {
                  dockerfile: relative(contextDir, dockerfile).split(sep).join('/'),
                  tag: c.tag,
                  labels: { [PROCFILE_LABEL]: JSON.stringify(c.procfile), [COMMIT_LABEL]: c.commit },
                },
                output.line,
              );
            } catch (err) {
              const e = toBerthError(err);
              if (e.code !== 'BUILD_FAILED') throw e;
              const last = output.lastLines(MESSAGE_TAIL_LINES);
              throw new BerthError('BUILD_FAILED', `build of ${c.tag} failed: ${e.message}${last.length ? `; last lines:\n${last.join('\n')}` : ''}`, {
                ...e.details,
                outputTail: output.lastLines(),
              });
            }
            const built = await docker.inspectImage(c.tag);
            if (!built) throw new BerthError('BUILD_FAILED', `build of ${c.tag} finished but the image is missing`);
            c.imageId = built.id;
            c.fresh = true;
          },
        },
      ],
      ctx,
      log,
    );
  } finally {
    if (ctx.dir)
      await rm(ctx.dir, { recursive: true, force: true }).catch((err) => log.warn({ dir: ctx.dir, err: String(err) }, 'cannot remove build directory'));
  }
  return { image: ctx.tag, imageId: ctx.imageId, commitSha: ctx.commit, procfile: ctx.procfile, fresh: ctx.fresh };
}

/** The Procfile at the repository root; none is an empty one. */
async function readProcfile(repoDir: string): Promise<Record<string, string>> {
  const path = join(repoDir, 'Procfile');
  const stat = await lstat(path).catch(() => null);
  if (!stat) return {};
  // A symlink could point anywhere on the agent; only a plain file of the repository is read.
  if (!stat.isFile()) throw new BerthError('INVALID_ARGUMENT', 'Procfile must be a regular file');
  if (stat.size > PROCFILE_MAX_BYTES) throw new BerthError('INVALID_ARGUMENT', `Procfile is larger than ${PROCFILE_MAX_BYTES} bytes`);
  return parseProcfile(await readFile(path, 'utf8'));
}

/** Whether a relative path, read as written, leads out of its directory. */
function leaves(path: string): boolean {
  const rel = posix.relative('/root', posix.resolve('/root', path));
  return rel === '..' || rel.startsWith('../');
}

/** Resolves path under root, following symlinks, and refuses anything outside root. */
async function pathInside(root: string, path: string, what: string, rootName: string): Promise<string> {
  const realRoot = await realpath(root);
  let real: string;
  try {
    real = await realpath(resolve(realRoot, path));
  } catch {
    throw new BerthError('INVALID_ARGUMENT', `${what} ${path} does not exist in ${rootName}`, { path });
  }
  const rel = relative(realRoot, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw new BerthError('INVALID_ARGUMENT', `${what} ${path} is outside ${rootName}`, { path });
  return real;
}
