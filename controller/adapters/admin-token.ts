/**
 * The admin token: created once at first start in DATA_DIR/admin-token, readable by its owner only.
 * Controllers that share their state in NATS share one: the state's, written to each data dir.
 */
import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../shared/errors.js';
import { newToken } from '../../shared/ids.js';
import { replaceFile } from '../../shared/replace-file.js';
import type { Store } from '../state/store.js';

export function adminTokenPath(dataDir: string): string {
  return join(dataDir, 'admin-token');
}

export async function ensureAdminToken(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = adminTokenPath(dataDir);
  try {
    // 'wx' fails when the file exists, so two controllers starting at once cannot both write one.
    const file = await open(path, 'wx', 0o600);
    const token = newToken();
    try {
      await file.writeFile(`${token}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    return token;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A token file someone made readable by others is narrowed again.
    await chmod(path, 0o600);
    return readAdminToken(dataDir);
  }
}

export async function readAdminToken(dataDir: string): Promise<string> {
  const path = adminTokenPath(dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new BerthError('NOT_FOUND', `no admin token at ${path}: start the controller once with --data-dir ${dataDir} to create it`);
    }
    throw err;
  }
  const token = text.trim();
  if (!token) throw new BerthError('INVALID_CONFIG', `${path} is empty: delete it and restart the controller to create a new token`);
  return token;
}

/**
 * The admin token of controllers sharing one state: the one in the state, written to this data
 * dir too (so `berth controller token` prints it here); the first controller puts its own there.
 */
export async function shareAdminToken(store: Store, dataDir: string): Promise<string> {
  const shared = store.data.cluster.adminToken;
  if (!shared) {
    const token = await ensureAdminToken(dataDir);
    store.update((s) => {
      s.cluster = { ...s.cluster, adminToken: token };
    });
    await store.persisted();
    return token;
  }
  await keepSharedAdminToken(shared, dataDir);
  return shared;
}

/** Writes the shared admin token to this data dir unless it is there already (a follower does it too). */
export async function keepSharedAdminToken(shared: string, dataDir: string): Promise<void> {
  const path = adminTokenPath(dataDir);
  if ((await readFile(path, 'utf8').catch(() => '')).trim() !== shared) {
    await replaceFile(path, { temp: `${path}.tmp-${process.pid}`, mode: 0o600 }, (file) => file.writeFile(`${shared}\n`));
  }
}
