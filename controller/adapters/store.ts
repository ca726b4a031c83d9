/**
 * The controller's state, kept with lowdb in DATA_DIR/state.json.
 *
 * lowdb keeps the whole state in memory; this adapter makes each write atomic and durable (temp
 * file in the same directory, fsync, rename, fsync of the directory), so a crash mid-write leaves
 * either the old file or the new one, never a torn one. A file that does not parse is refused
 * with a clear error: silently starting empty would forget the whole fleet.
 *
 * Two ways to write (`--state-store`): `json` rewrites the whole of state.json on every write
 * (simple, and fine for small installations); `journal` appends only the records that changed to
 * DATA_DIR/state.journal and rewrites the snapshot DATA_DIR/state.snapshot only when the journal
 * has outgrown it (state-journal.ts, state-snapshot.ts), so a write costs what changed, whatever
 * the fleet's size. Changes are tracked per record of each table by update(). Either way a start
 * loads whatever is there (a snapshot and journal, else state.json) and writes it afresh its own
 * way, so a data dir can move from one to the other.
 */
import type { HookReasonCode } from '../core/hook-event.js';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { AgentRecord } from '../../shared/agent.js';
import type { AppSpec } from '../../shared/app-spec.js';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { replaceFile } from '../../shared/replace-file.js';
import { newHookToken } from '../../shared/ids.js';
import type { DeploymentRecord } from '../core/deployment-record.js';
import type { Release } from '../core/release.js';
import type { StateStoreKind } from '../config.js';
import { JOURNAL_MIN_COMPACT_BYTES, StateJournal, type JournalEntry } from './state-journal.js';
import { readSnapshot, writeSnapshot } from './state-snapshot.js';

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
  /** The reason as a stable label; absent in entries written before it was recorded. */
  code?: HookReasonCode;
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
  return {
    schemaVersion: 1,
    agents: {},
    instances: {},
    apps: {},
    releases: {},
    deployments: {},
    hookLog: {},
    tokens: {},
    joinTokens: [],
    agentCredentials: {},
  };
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
    await replaceFile(this.path, { temp: `${this.path}.tmp-${process.pid}`, mode: 0o600 }, (file) => file.writeFile(JSON.stringify(data)));
  }
}

/** Tables kept as one value in the journal (small lists); every other table is journaled by key. */
const WHOLE_TABLES = new Set(['schemaVersion', 'joinTokens']);

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
  /** Records changed since the last write, by table ("" for a table kept whole); journal only. */
  private changed = new Map<string, Set<string>>();
  /** Every record must go out (a change made without saying where, or the first write). */
  private changedAll = true;
  private snapshotBytes = 0;
  /** A snapshot being written beside the appends (journal only). */
  private compacting: Promise<void> | null = null;

  private constructor(
    private readonly db: Low<ControllerState>,
    readonly path: string,
    private readonly journal: StateJournal | null,
  ) {}

  static async open(dataDir: string, kind: StateStoreKind = 'json'): Promise<Store> {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    const path = join(dataDir, 'state.json');
    const snapshotPath = join(dataDir, 'state.snapshot');
    const journal = new StateJournal(join(dataDir, 'state.journal'));
    const db = new Low<ControllerState>(new AtomicJsonFile<ControllerState>(path), emptyState());
    // Whatever the kind now, a snapshot and journal left by `journal` hold the newest state.
    const snapshot = await readSnapshot(snapshotPath);
    if (snapshot) db.data = snapshot as unknown as ControllerState;
    else await db.read();
    const source = snapshot ? snapshotPath : path;
    if (db.data.schemaVersion !== 1 || typeof db.data.agents !== 'object' || typeof db.data.instances !== 'object') {
      throw new BerthError(
        'STORE_CORRUPT',
        `state file ${source} has an unknown layout (schemaVersion ${String(db.data.schemaVersion)}); it was written by another version of Berth`,
        { path: source },
      );
    }
    await journal.replayInto(db.data as unknown as Record<string, unknown>);
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
    const store = new Store(db, kind === 'json' ? path : snapshotPath, kind === 'journal' ? journal : null);
    // Everything written afresh the current way; then the other way's files go, so a later switch
    // back never loads an old copy.
    await store.flush(true);
    if (kind === 'json') {
      await rm(journal.path, { force: true });
      await rm(snapshotPath, { force: true });
    } else {
      await rm(path, { force: true });
    }
    return store;
  }

  get data(): ControllerState {
    return this.db.data;
  }

  /**
   * Applies a change to the state and schedules a write. With the journal, the change sees the
   * state through proxies that note each record of a table it sets, deletes or changes anything
   * in (reads note nothing), and those records are what the next write appends.
   */
  update(change: (state: ControllerState) => void): void {
    change(this.journal ? this.tracked() : this.db.data);
    this.scheduleWrite();
  }

  /**
   * Schedules a write of a change made to `data` directly. `record`: the record that changed;
   * without it every record goes out (with the journal, that is a snapshot).
   */
  markDirty(record?: { table: keyof ControllerState; key: string }): void {
    if (record) this.note(record.table, record.key);
    else this.changedAll = true;
    this.scheduleWrite();
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

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    await this.compacting;
    await this.journal?.close();
  }

  private scheduleWrite(): void {
    this.changeSeq++;
    this.dirty = true;
    if (!this.writing) this.writing = this.writeLoop();
  }

  private note(table: string, key: string): void {
    const whole = WHOLE_TABLES.has(table);
    const keys = this.changed.get(whole ? '' : table) ?? new Set<string>();
    keys.add(whole ? table : key);
    this.changed.set(whole ? '' : table, keys);
  }

  private tracked(): ControllerState {
    const note = (table: string, key: string) => this.note(table, key);
    const replaced = () => (this.changedAll = true);
    return new Proxy(this.db.data, {
      get(state, table) {
        const value = Reflect.get(state, table) as unknown;
        if (typeof table !== 'string' || typeof value !== 'object' || value === null) return value;
        if (WHOLE_TABLES.has(table)) return writeTracked(value as object, () => note(table, ''));
        return new Proxy(value as Record<string, unknown>, {
          get(records, key) {
            const record = Reflect.get(records, key) as unknown;
            if (typeof key !== 'string' || typeof record !== 'object' || record === null) return record;
            return writeTracked(record, () => note(table, key));
          },
          set(records, key, record) {
            if (typeof key === 'string') note(table, key);
            return Reflect.set(records, key, withoutProxies(record));
          },
          deleteProperty(records, key) {
            if (typeof key === 'string') note(table, key);
            return Reflect.deleteProperty(records, key);
          },
        });
      },
      set(state, table, value) {
        // A small table kept whole is noted; a keyed table replaced at once is a snapshot (rare).
        if (typeof table === 'string' && WHOLE_TABLES.has(table)) note(table, '');
        else replaced();
        return Reflect.set(state, table, withoutProxies(value));
      },
    });
  }

  /** The journal entries for what changed: the records as they are now. */
  private changedEntries(changed: Map<string, Set<string>>): JournalEntry[] {
    const state = this.db.data as unknown as Record<string, Record<string, unknown>>;
    const entries: JournalEntry[] = [];
    for (const [table, keys] of changed) {
      if (table === '') {
        for (const whole of keys) entries.push({ t: whole, v: state[whole] });
        continue;
      }
      const records = state[table] ?? {};
      for (const key of keys) {
        const value = Object.hasOwn(records, key) ? records[key] : undefined;
        entries.push(value === undefined ? { t: table, k: key, d: 1 } : { t: table, k: key, v: value });
      }
    }
    return entries;
  }

  private async writeOnce(): Promise<void> {
    const all = this.changedAll;
    const changed = this.changed;
    this.changedAll = false;
    this.changed = new Map();
    if (!this.journal) {
      await this.db.write();
      return;
    }
    try {
      if (!all) {
        const size = await this.journal.append(this.changedEntries(changed));
        if (size >= Math.max(JOURNAL_MIN_COMPACT_BYTES, this.snapshotBytes) && !this.compacting) {
          // Set aside here, between appends; the snapshot is then written beside the next ones.
          await this.journal.setAside();
          this.compacting = this.compact();
        }
        return;
      }
      // Everything at once (at open, or a change that did not say where): nothing appends
      // meanwhile, so the snapshot holds it all and both journals start over.
      await this.compacting;
      this.snapshotBytes = await writeSnapshot(this.path, this.db.data as unknown as Record<string, unknown>);
      await this.journal.truncate();
    } catch (err) {
      // Not written: the next write must carry these records again.
      this.changedAll ||= all;
      for (const [table, keys] of changed) {
        const now = this.changed.get(table);
        if (now) for (const key of keys) now.add(key);
        else this.changed.set(table, keys);
      }
      throw err;
    }
  }

  /** A new snapshot beside the appends; the journal set aside before it goes once it is on disk. */
  private compact(): Promise<void> {
    const journal = this.journal as StateJournal;
    return (async () => {
      try {
        this.snapshotBytes = await writeSnapshot(this.path, this.db.data as unknown as Record<string, unknown>);
        await journal.dropSetAside();
      } catch (err) {
        // The set-aside journal stays and is replayed at the next start; the next one tries again.
        this.lastError = err;
      } finally {
        this.compacting = null;
      }
    })();
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        const seq = this.changeSeq;
        try {
          await this.writeOnce();
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

/** The object behind each proxy writeTracked() made, to store that object and never the proxy. */
const proxyTargets = new WeakMap<object, object>();

/**
 * `value` seen through a proxy that calls `written` when it, or anything reached through it, is
 * set or deleted. Reads note nothing: a change that looks through a whole table (to find an app's
 * releases) journals only what it changes.
 */
function writeTracked<T extends object>(value: T, written: () => void): T {
  const proxy = new Proxy(value, {
    get(target, key) {
      const child = Reflect.get(target, key) as unknown;
      return typeof child === 'object' && child !== null ? writeTracked(child, written) : child;
    },
    set(target, key, child) {
      written();
      return Reflect.set(target, key, withoutProxies(child));
    },
    deleteProperty(target, key) {
      written();
      return Reflect.deleteProperty(target, key);
    },
  });
  proxyTargets.set(proxy, value);
  return proxy;
}

/**
 * `value` with every tracking proxy in it replaced by the object behind it. A change that builds
 * a value from what it read (`plan.start.map(...)`) holds proxies; stored, they would outlive the
 * change, note writes to a finished change's records, and wrap again at every later change (a
 * fleet wave slowed to a halt reading plans through thousands of nested proxies).
 */
function withoutProxies<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const target = proxyTargets.get(value);
  if (target) return target as T;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (typeof child !== 'object' || child === null) continue;
    const raw = withoutProxies(child);
    if (raw !== child) record[key] = raw;
  }
  return value;
}
