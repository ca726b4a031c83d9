/**
 * Writes TRAEFIK_DIR/APP.yml for Traefik's file provider (watching the directory). A write is
 * atomic: a temp file in TRAEFIK_DIR/.berth-tmp/ (same filesystem, so the rename is atomic), fsync,
 * check of the bytes as parsed back, rename, fsync of the directory. Unchanged content is not
 * rewritten; an app with nothing to route has its file removed. On any failure the previous
 * file stays as it was.
 *
 * Why not a temp file beside APP.yml: Traefik reloads the directory on any event in it and then
 * throttles the next reload for providersThrottleDuration (2 s), so creating the temp file there
 * spent the reload on nothing and held back the rename that carries the change by 2 s. Traefik
 * does not watch subdirectories, and reads only .yml/.yaml/.toml files in them.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { replaceFile } from '../../shared/replace-file.js';
import { validateTraefikConfig, type TraefikDynamic } from '../core/traefik-config.js';

export type WriteOutcome = 'written' | 'unchanged' | 'removed' | 'absent';

export function appConfigPath(dir: string, app: string): string {
  return join(dir, `${app}.yml`);
}

/** Where writes are prepared: inside the Traefik directory, where its watch does not reach. */
export function tempDir(dir: string): string {
  return join(dir, '.berth-tmp');
}

export function serializeAppConfig(app: string, config: TraefikDynamic): string {
  return `# Written by Berth for app ${app}; changes here are overwritten.\n${stringifyYaml(config, { lineWidth: 0 })}`;
}

export async function writeAppConfig(dir: string, app: string, config: TraefikDynamic | null): Promise<WriteOutcome> {
  const path = appConfigPath(dir, app);
  const previous = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw routingError(path, err);
  });
  if (config === null) {
    if (previous === null) return 'absent';
    await rm(path).catch((err) => {
      throw routingError(path, err);
    });
    return 'removed';
  }
  const text = serializeAppConfig(app, config);
  if (text === previous) return 'unchanged';
  const problems = validateTraefikConfig(parseYaml(text));
  if (problems.length) throw new BerthError('INVALID_CONFIG', `refusing to write ${path}: ${problems.join('; ')}`, { path, problems });

  try {
    await mkdir(tempDir(dir), { recursive: true });
    await replaceFile(path, { temp: join(tempDir(dir), `${app}.yml.tmp-${process.pid}`), mode: 0o644 }, (file) => file.writeFile(text));
  } catch (err) {
    throw routingError(path, err);
  }
  return 'written';
}

function routingError(path: string, err: unknown): BerthError {
  return new BerthError('ROUTING_FAILED', `cannot write Traefik file ${path}: ${errorMessage(err)}`, { path }, { cause: err });
}
