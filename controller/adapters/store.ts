/**
 * The controller's state, kept with lowdb in DATA_DIR/state.json.
 *
 * lowdb keeps the whole state in memory; this adapter makes each write atomic and durable (temp
 * file in the same directory, fsync, rename, fsync of the directory), so a crash mid-write leaves
 * either the old file or the new one, never a torn one. A file that does not parse is refused
 * with a clear error: silently starting empty would forget the whole fleet.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { AgentRecord } from '../../shared/agent.js';
import type { AppSpec } from '../../shared/app-spec.js';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { newHookToken } from '../../shared/ids.js';
import type { DeploymentRecord } from '../core/deployment-record.js';
import type { Release } from '../core/release.js';

/** An instance the controller asked an agent to start; anything else an agent runs is a stray. */
export interface KnownInstance {
  instanceId: string;
  agentId: string;
  app: string;
  service: string;
  release: string;
  deploymentId: string | null;
  /** The CONTAINER variable it got (web-1). */
  container: string;
  createdAtMs: number;
}

export interface AppRecord {
  spec: AppSpec;
  createdAtMs: number;
  updatedAtMs: number;
  /** What Traefik sends traffic to now: a release and its instances; null before the first routing. */
  routed: { release: string; instanceIds: string[] } | null;
  /** Releases are numbered per app; the next one gets this number. */
  nextReleaseNumber: number;
  /** The redeployment hook: the URL's token, and the webhook secret signatures are checked with. */
  hook: { token: string; secret: string | null };
  /** Deployment notifications: URLs POSTed at each state change, signed with the secret. */
  notify: { urls: string[]; secret: string };
  /** GitHub deployments and statuses for hook-triggered deployments; null: none. */
  github: { token: string; apiUrl: string } | null;
}

/** One redeployment hook request and what was decided (`berth hooks log`). */
export interface HookLogEntry {
  atMs: number;
  source: string;
  event: string;
  deliveryId: string | null;
  decision: 'deploy' | 'ignored' | 'ping' | 'rejected';
  reason: string;
  services: string[];
  ref: string | null;
  deploymentId: string | null;
  dryRun: boolean;
}

/** A named admin API token (berth tokens create); the token itself is never stored. */
export interface TokenRecord {
  name: string;
  scope: 'admin' | 'read';
  /** SHA-256 of the token, hex. */
  hash: string;
  createdAtMs: number;
}

/** A join token (berth agents join-token): usable by any number of new agents until it expires. */
export interface JoinTokenRecord {
  /** SHA-256 of the token, hex. */
  hash: string;
  createdAtMs: number;
  expiresAtMs: number;
}

/** An enrolled agent's credential: the hash of the secret it got from Join. */
export interface AgentCredentialRecord {
  hash: string;
  createdAtMs: number;
  hostname: string;
}

export interface ControllerState {
  schemaVersion: 1;
  agents: Record<string, AgentRecord>;
  instances: Record<string, KnownInstance>;
  apps: Record<string, AppRecord>;
  /** Keyed by "APP/vN". */
  releases: Record<string, Release>;
  deployments: Record<string, DeploymentRecord>;
  /** Per app, newest last, bounded. */
  hookLog: Record<string, HookLogEntry[]>;
  tokens: Record<string, TokenRecord>;
  joinTokens: JoinTokenRecord[];
  /** Keyed by agent id. Removing an agent (berth agents remove) revokes its credential. */
  agentCredentials: Record<string, AgentCredentialRecord>;
}

export function emptyState(): ControllerState {
  return { schemaVersion: 1, agents: {}, instances: {}, apps: {}, releases: {}, deployments: {}, hookLog: {}, tokens: {}, joinTokens: [], agentCredentials: {} };
}

export class AtomicJsonFile<T> implements Adapter<T> {
  constructor(private readonly path: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new BerthError(
        'STORE_CORRUPT',
        `state file ${this.path} is not valid JSON (${errorMessage(err)}); restore it from a backup or move it aside to start with an empty state`,
        { path: this.path },
      );
    }
  }

  async write(data: T): Promise<void> {
    const tmp = `${this.path}.tmp-${process.pid}`;
    const file = await open(tmp, 'w', 0o600);
    try {
      await file.writeFile(JSON.stringify(data));
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(tmp, this.path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    await syncDirectory(join(this.path, '..'));
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Changes are made to `data` in memory and written behind: at most one write runs at a time and
 * any changes made meanwhile go out in the next one, so a burst of updates costs two writes.
 */
export class Store {
  private writing: Promise<void> | null = null;
  private dirty = false;
  private lastError: unknown = null;
  /** Changes made so far, and how many of them the last finished write holds. */
  private changeSeq = 0;
  private writtenSeq = 0;
  private persistWaiters: Array<{ seq: number; resolve: () => void; reject: (err: Error) => void }> = [];

  private constructor(private readonly db: Low<ControllerState>, readonly path: string) {}

  static async open(dataDir: string): Promise<Store> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const path = join(dataDir, 'state.json');
    const db = new Low<ControllerState>(new AtomicJsonFile<ControllerState>(path), emptyState());
    await db.read();
    if (db.data.schemaVersion !== 1 || typeof db.data.agents !== 'object' || typeof db.data.instances !== 'object') {
      throw new BerthError('STORE_CORRUPT', `state file ${path} has an unknown layout (schemaVersion ${String(db.data.schemaVersion)}); it was written by another version of Berth`, { path });
    }
    // Tables added after schema 1 was first written start empty in older files.
    db.data.apps ??= {};
    db.data.releases ??= {};
    db.data.deployments ??= {};
    db.data.hookLog ??= {};
    db.data.tokens ??= {};
    db.data.joinTokens ??= [];
    db.data.agentCredentials ??= {};
    for (const instance of Object.values(db.data.instances)) instance.container ??= instance.instanceId;
    for (const app of Object.values(db.data.apps)) {
      app.routed ??= null;
      app.nextReleaseNumber ??= 1;
      app.hook ??= { token: newHookToken(), secret: null };
      app.notify ??= { urls: [], secret: newHookToken() };
      app.github ??= null;
    }
    const store = new Store(db, path);
    await store.flush(true);
    return store;
  }

  get data(): ControllerState {
    return this.db.data;
  }

  /** Applies a change to the state and schedules a write. */
  update(change: (state: ControllerState) => void): void {
    change(this.db.data);
    this.markDirty();
  }

  markDirty(): void {
    this.changeSeq++;
    this.dirty = true;
    if (!this.writing) this.writing = this.writeLoop();
  }

  /**
   * Resolves once every change made before the call is on disk: the next write that starts after
   * it, shared by every caller waiting meanwhile (a group commit). Unlike flush() it does not wait
   * for changes made later, so a busy store cannot keep it waiting.
   */
  persisted(): Promise<void> {
    const seq = this.changeSeq;
    if (this.writtenSeq >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => this.persistWaiters.push({ seq, resolve, reject }));
  }

  /** Resolves when everything changed so far is on disk; rejects if the last write failed. */
  async flush(force = false): Promise<void> {
    if (force) this.markDirty();
    while (this.writing) await this.writing;
    if (this.lastError) throw new BerthError('STORE_WRITE_FAILED', `cannot write ${this.path}: ${errorMessage(this.lastError)}`);
  }

  healthy(): boolean {
    return this.lastError === null;
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        const seq = this.changeSeq;
        try {
          await this.db.write();
          this.lastError = null;
          this.writtenSeq = seq;
          this.settleWaiters(null);
        } catch (err) {
          this.lastError = err;
          this.settleWaiters(err);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private settleWaiters(err: unknown): void {
    const waiting = this.persistWaiters;
    this.persistWaiters = [];
    for (const w of waiting) {
      if (err) w.reject(new BerthError('STORE_WRITE_FAILED', `cannot write ${this.path}: ${errorMessage(err)}`));
      else if (w.seq <= this.writtenSeq) w.resolve();
      else this.persistWaiters.push(w);
    }
  }
}
