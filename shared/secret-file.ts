/**
 * Files that hold secrets (agent credentials, NATS keys, the CLI's settings): written whole or
 * not at all (temp file, fsync, rename), readable by their owner only, in a directory only the
 * owner can list.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeSecretFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(text);
    await file.sync();
  } catch (err) {
    await file.close();
    await rm(temp, { force: true });
    throw err;
  }
  await file.close();
  await rename(temp, path);
  // A file that existed with wider permissions was replaced; this makes sure of the mode anyway
  // (open's mode is filtered by the umask).
  await chmod(path, 0o600);
}
