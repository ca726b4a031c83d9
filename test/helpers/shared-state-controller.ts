/**
 * `berth controller --state-store nats` as a real process, one of several sharing their state in
 * a NATS cluster (the fault suite's failover rows and bench/failover.ts): its ports and data dir,
 * how it is started, and what its /healthz says it is.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './cluster.js';
import { freePort } from './free-port.js';

export interface SharedStateController {
  id: string;
  http: number;
  grpc: number;
  dataDir: string;
  child: ChildProcess | null;
}

export async function sharedStateController(id: string): Promise<SharedStateController> {
  return { id, http: await freePort(), grpc: await freePort(), dataDir: await mkdtemp(join(tmpdir(), `berth-${id}-`)), child: null };
}

/** Starts it against the cluster at `natsUrls` with `--lease`, and any flags more; returns the child. */
export function spawnSharedStateController(
  c: SharedStateController,
  natsUrls: string,
  lease: string,
  extra: string[],
  stdio: StdioOptions = 'ignore',
): ChildProcess {
  c.child = spawn(
    process.execPath,
    [
      CLI,
      'controller',
      '--state-store',
      'nats',
      '--state-replicas',
      '3',
      '--lease',
      lease,
      '--controller-id',
      c.id,
      '--data-dir',
      c.dataDir,
      '--nats',
      natsUrls,
      '--http-addr',
      `127.0.0.1:${c.http}`,
      '--grpc-addr',
      `127.0.0.1:${c.grpc}`,
      ...extra,
    ],
    { stdio },
  );
  return c.child;
}

/** What its /healthz says (role leader or follower, term); null: it does not answer. */
export async function controllerHealth(c: SharedStateController): Promise<{ role?: string; term?: number } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${c.http}/healthz`, { signal: AbortSignal.timeout(500) });
    return (await res.json()) as { role?: string; term?: number };
  } catch {
    return null;
  }
}
