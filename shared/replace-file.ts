/**
 * Files replaced whole or not at all: a crash leaves the old file or the new one, never a torn
 * one (the state file, its snapshot, the Traefik files).
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `temp` (beside `path`) with `fill`, fsyncs it, renames it over `path` and fsyncs the
 * directory. The temp file is removed when anything fails.
 */
export async function replaceFile(path: string, options: { temp: string; mode: number }, fill: (file: FileHandle) => Promise<void>): Promise<void> {
  try {
    const file = await open(options.temp, 'w', options.mode);
    try {
      await fill(file);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(options.temp, path);
  } catch (err) {
    await rm(options.temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dirname(path));
}

/** fsync of a directory: makes a rename inside it durable (the new name survives a crash). */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
