/**
 * Which records of the state a change touched, for backends that write only what changed (the
 * journal). A change sees the state through proxies that note each record of a table it sets,
 * deletes or changes anything in; reads note nothing, so a change that looks through a whole
 * table (to find an app's releases) is noted only for what it changes.
 */
import { WHOLE_TABLES, type ControllerState } from './schema.js';

/** What changed since the last take(): every record (`all`), or these keys per table ("" for tables kept whole). */
export interface Changes {
  all: boolean;
  tables: Map<string, Set<string>>;
}

export class ChangeTracker {
  private changed = new Map<string, Set<string>>();
  /** Every record must go out (a change made without saying where, or the first write). */
  private changedAll = true;
  /** The object behind each proxy, to store that object and never the proxy. */
  private readonly proxyTargets = new WeakMap<object, object>();

  note(table: string, key: string): void {
    const whole = WHOLE_TABLES.has(table);
    const keys = this.changed.get(whole ? '' : table) ?? new Set<string>();
    keys.add(whole ? table : key);
    this.changed.set(whole ? '' : table, keys);
  }

  noteAll(): void {
    this.changedAll = true;
  }

  /** What changed since the last take; tracking starts over. */
  take(): Changes {
    const changes = { all: this.changedAll, tables: this.changed };
    this.changedAll = false;
    this.changed = new Map();
    return changes;
  }

  /** Changes that did not reach the disk: the next take carries them again. */
  putBack(changes: Changes): void {
    this.changedAll ||= changes.all;
    for (const [table, keys] of changes.tables) {
      const now = this.changed.get(table);
      if (now) for (const key of keys) now.add(key);
      else this.changed.set(table, keys);
    }
  }

  /** `state` seen through proxies that note what a change writes. */
  track(state: ControllerState): ControllerState {
    const note = (table: string, key: string) => this.note(table, key);
    const replaced = () => this.noteAll();
    const writeTracked = <T extends object>(value: T, written: () => void): T => this.writeTracked(value, written);
    const withoutProxies = <T>(value: T): T => this.withoutProxies(value);
    return new Proxy(state, {
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

  /**
   * `value` seen through a proxy that calls `written` when it, or anything reached through it, is
   * set or deleted. Reads note nothing: a change that looks through a whole table (to find an app's
   * releases) journals only what it changes.
   */
  private writeTracked<T extends object>(value: T, written: () => void): T {
    const proxy = new Proxy(value, {
      get: (target, key) => {
        const child = Reflect.get(target, key) as unknown;
        return typeof child === 'object' && child !== null ? this.writeTracked(child, written) : child;
      },
      set: (target, key, child) => {
        written();
        return Reflect.set(target, key, this.withoutProxies(child));
      },
      deleteProperty: (target, key) => {
        written();
        return Reflect.deleteProperty(target, key);
      },
    });
    this.proxyTargets.set(proxy, value);
    return proxy;
  }

  /**
   * `value` with every tracking proxy in it replaced by the object behind it. A change that builds
   * a value from what it read (`plan.start.map(...)`) holds proxies; stored, they would outlive the
   * change, note writes to a finished change's records, and wrap again at every later change (a
   * fleet wave slowed to a halt reading plans through thousands of nested proxies).
   */
  private withoutProxies<T>(value: T): T {
    if (typeof value !== 'object' || value === null) return value;
    const target = this.proxyTargets.get(value);
    if (target) return target as T;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (typeof child !== 'object' || child === null) continue;
      const raw = this.withoutProxies(child);
      if (raw !== child) record[key] = raw;
    }
    return value;
  }
}
