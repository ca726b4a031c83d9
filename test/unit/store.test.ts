import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { types } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateBackend } from '../../controller/state/backend.js';
import type { Changes } from '../../controller/state/change-tracking.js';
import { emptyState, type ControllerState } from '../../controller/state/schema.js';
import { Store } from '../../controller/state/store.js';
import type { StateStoreKind } from '../../controller/config.js';
import { StateJournal } from '../../controller/state/journal.js';
import { readSnapshot } from '../../controller/state/snapshot.js';
import { registerHello } from '../../controller/core/agent-registry.js';

const hello = { agentId: 'a1', hostname: 'h', advertiseAddr: '127.0.0.1', labels: {}, cpus: 1, memoryBytes: 1, version: 'x', sessionId: 's', instances: [] };

/** What a restarted controller would load: the snapshot and journal, else state.json. */
async function onDisk(dir: string): Promise<{ instances: Record<string, unknown>; agents: Record<string, unknown> }> {
  const state = (await readSnapshot(join(dir, 'state.snapshot'))) ?? (JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as Record<string, unknown>);
  await new StateJournal(join(dir, 'state.journal')).replayInto(state);
  return state as { instances: Record<string, unknown>; agents: Record<string, unknown> };
}

/** Stores a test opened: closed after it (the journal keeps its file open). */
const opened: Store[] = [];
const openStore = async (dir: string, kind: StateStoreKind) => {
  const store = await Store.open(dir, kind);
  opened.push(store);
  return store;
};
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

describe.each<StateStoreKind>(['json', 'journal'])('Store (%s)', (kind) => {
  it('creates an empty state, persists changes and loads them again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await openStore(dir, kind);
    store.update((s) => {
      s.agents.a1 = registerHello(undefined, hello, 1000);
    });
    await store.flush();
    const again = await openStore(dir, kind);
    expect(again.data.agents.a1?.hostname).toBe('h');
    // No temp files are left next to the state.
    expect((await readdir(dir)).sort()).toEqual(kind === 'json' ? ['state.json'] : ['state.journal', 'state.snapshot']);
  });

  it('coalesces a burst of updates and ends with the last state on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await openStore(dir, kind);
    for (let i = 0; i < 200; i++) {
      store.update((s) => {
        s.instances[`i${i}`] = {
          instanceId: `i${i}`,
          agentId: 'a1',
          app: 'x',
          service: 'web',
          release: 'v1',
          deploymentId: null,
          container: 'web-1',
          createdAtMs: i,
        };
      });
    }
    await store.flush();
    expect(Object.keys((await onDisk(dir)).instances)).toHaveLength(200);
  });

  it('persisted() resolves once the changes made before it are on disk, even while changes keep coming', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await openStore(dir, kind);
    const put = (i: number) =>
      store.update((s) => {
        s.instances[`i${i}`] = {
          instanceId: `i${i}`,
          agentId: 'a1',
          app: 'x',
          service: 'web',
          release: 'v1',
          deploymentId: null,
          container: 'web-1',
          createdAtMs: i,
        };
      });
    put(0);
    const durable = store.persisted();
    // Changes keep coming after the call: they must not keep it waiting (flush() would).
    let i = 1;
    const busy = setInterval(() => put(i++), 1);
    try {
      await durable;
      expect((await onDisk(dir)).instances.i0).toBeDefined();
    } finally {
      clearInterval(busy);
    }
    // Nothing changed since the last write: at once.
    await store.flush();
    await store.persisted();
  });

  it('a temp file left by a crash mid-write does not stop the state from loading', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await openStore(dir, kind);
    store.update((s) => {
      s.agents.a1 = registerHello(undefined, hello, 1000);
    });
    await store.flush();
    await writeFile(join(dir, 'state.json.tmp-4242'), '{"schemaVersion":1,"agen');
    const again = await openStore(dir, kind);
    expect(again.data.agents.a1).toBeDefined();
  });

  it.each([
    ['truncated JSON', '{"schemaVersion":1,"agents":{', /is not valid JSON.*restore it from a backup/],
    ['another layout', '{"schemaVersion":7}', /unknown layout \(schemaVersion 7\)/],
  ])('refuses %s with a clear error instead of starting empty', async (_name, text, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    await writeFile(join(dir, 'state.json'), text);
    await expect(Store.open(dir, kind)).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringMatching(message) });
    // The file is left exactly as it was, for the operator to inspect.
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe(text);
  });
});

const instance = (i: number, app = 'x') => ({
  instanceId: `i${i}`,
  agentId: 'a1',
  app,
  service: 'web',
  release: 'v1',
  deploymentId: null,
  container: 'web-1',
  createdAtMs: i,
});

describe('Store (journal)', () => {
  it('appends only the records a change touched, removals included, and loads them over the snapshot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await openStore(dir, 'journal');
    store.update((s) => {
      for (let i = 0; i < 100; i++) s.instances[`i${i}`] = instance(i);
    });
    await store.flush();
    const snapshot = await readFile(join(dir, 'state.snapshot'), 'utf8');
    const before = (await readFile(join(dir, 'state.journal'), 'utf8')).length;
    store.update((s) => {
      delete s.instances.i3;
      const i5 = s.instances.i5;
      if (i5) i5.release = 'v2';
      s.joinTokens.push({ hash: 'h', createdAtMs: 1, expiresAtMs: 2 });
    });
    await store.flush();
    // The snapshot was not rewritten; the journal says exactly what changed.
    expect(await readFile(join(dir, 'state.snapshot'), 'utf8')).toBe(snapshot);
    const lines = (await readFile(join(dir, 'state.journal'), 'utf8'))
      .slice(before)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => `${String(l.t)}/${String(l.k ?? '')}/${l.d ? 'removed' : 'set'}`).sort()).toEqual(
      ['instances/i3/removed', 'instances/i5/set', 'joinTokens//set'].sort(),
    );
    await store.close();
    const again = await openStore(dir, 'journal');
    expect(Object.keys(again.data.instances)).toHaveLength(99);
    expect(again.data.instances.i5?.release).toBe('v2');
    expect(again.data.joinTokens).toHaveLength(1);
    await again.close();
  });

  it('journals what a change writes, however deep, and not what it only reads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await openStore(dir, 'journal');
    store.update((s) => {
      for (let i = 0; i < 50; i++) s.instances[`i${i}`] = instance(i, i % 2 ? 'odd' : 'even');
      s.agents.a1 = registerHello(undefined, hello, 1000);
    });
    await store.flush();
    const before = (await readFile(join(dir, 'state.journal'), 'utf8')).length;
    store.update((s) => {
      // Looks through the whole table, removes two.
      for (const [id, i] of Object.entries(s.instances)) if (i.app === 'odd' && Number(id.slice(1)) < 4) delete s.instances[id];
      // A change deep inside a record.
      const agent = s.agents.a1;
      if (agent) agent.labels.zone = 'x';
      s.hookLog.shop ??= [];
      s.hookLog.shop.push({
        atMs: 1,
        source: 'github',
        event: 'push',
        deliveryId: null,
        decision: 'ignored',
        reason: 'r',
        services: [],
        ref: null,
        deploymentId: null,
        dryRun: false,
      });
    });
    await store.flush();
    const lines = (await readFile(join(dir, 'state.journal'), 'utf8'))
      .slice(before)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: string; k?: string });
    expect(lines.map((l) => `${l.t}/${l.k ?? ''}`).sort()).toEqual(['agents/a1', 'hookLog/shop', 'instances/i1', 'instances/i3']);
    await store.close();
    const again = await openStore(dir, 'journal');
    expect(again.data.agents.a1?.labels).toEqual({ zone: 'x' });
    expect(again.data.hookLog.shop).toHaveLength(1);
    expect(Object.keys(again.data.instances)).toHaveLength(48);
    await again.close();
  });

  it('stores what a change builds from what it read, never the tracking proxies', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await openStore(dir, 'journal');
    store.update((s) => {
      for (let i = 0; i < 3; i++) s.instances[`i${i}`] = instance(i, 'shop');
      s.agents.a1 = registerHello(undefined, hello, 1000);
    });
    // The shapes the deployment stages use: a list mapped from itself, records copied from
    // others, a record set whole from one read in the same change; each many times over.
    for (let round = 0; round < 20; round++) {
      store.update((s) => {
        const agent = s.agents.a1;
        if (agent) agent.labels = { ...agent.labels, round: String(round) };
        s.hookLog.shop = (s.hookLog.shop ?? []).map((entry) => entry);
        s.hookLog.shop.push({
          atMs: round,
          source: 'github',
          event: 'push',
          deliveryId: null,
          decision: 'ignored',
          reason: 'r',
          services: [],
          ref: null,
          deploymentId: null,
          dryRun: false,
        });
        s.instances.copy = { ...(s.instances.i0 as NonNullable<typeof s.instances.i0>), instanceId: 'copy' };
        const nested = { wrapper: { inner: s.instances.i1 } };
        s.instances.i2 = nested.wrapper.inner as NonNullable<typeof s.instances.i1>;
      });
    }
    const proxiesIn = (value: unknown): number =>
      typeof value !== 'object' || value === null
        ? 0
        : (types.isProxy(value) ? 1 : 0) + Object.values(value).reduce<number>((n, child) => n + proxiesIn(child), 0);
    expect(proxiesIn(store.data)).toBe(0);
    expect(store.data.hookLog.shop).toHaveLength(20);
    await store.close();
    const again = await openStore(dir, 'journal');
    expect(again.data.agents.a1?.labels).toEqual({ round: '19' });
    expect(again.data.instances.copy?.instanceId).toBe('copy');
    expect(again.data.hookLog.shop).toHaveLength(20);
  });
  it('drops a last line a crash cut short, and refuses a bad line before the last', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await openStore(dir, 'journal');
    store.update((s) => {
      s.instances.i1 = instance(1);
    });
    await store.flush();
    await store.close();
    const journal = join(dir, 'state.journal');
    const good = await readFile(journal, 'utf8');
    await writeFile(journal, `${good}{"t":"instances","k":"i2","v":{"instanceId":"i2"`);
    const cut = await openStore(dir, 'journal');
    expect(Object.keys(cut.data.instances)).toEqual(['i1']);
    await cut.close();

    const dir2 = await mkdtemp(join(tmpdir(), 'berth-store-'));
    await writeFile(join(dir2, 'state.json'), JSON.stringify({ schemaVersion: 1, agents: {}, instances: {} }));
    const bad = `{"t":"instances","k":"i1","v":{}}\nnot json\n{"t":"instances","k":"i2","v":{}}\n`;
    await writeFile(join(dir2, 'state.journal'), bad);
    await expect(Store.open(dir2, 'journal')).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      message: expect.stringMatching(/state\.journal line 2 is not a valid entry/),
    });
    expect(await readFile(join(dir2, 'state.journal'), 'utf8')).toBe(bad);
    // A snapshot is written whole or not at all: any bad line in it, the last included, is refused.
    const dir3 = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const cutSnapshot = '{"t":"schemaVersion","v":1}\n{"t":"agents","v":{}}\n{"t":"instances","v":{';
    await writeFile(join(dir3, 'state.snapshot'), cutSnapshot);
    await expect(Store.open(dir3, 'journal')).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      message: expect.stringMatching(/state\.snapshot line 3 is not a valid entry/),
    });
    expect(await readFile(join(dir3, 'state.snapshot'), 'utf8')).toBe(cutSnapshot);
  });

  it('writes a new snapshot once the journal outgrows it, and the journal starts over', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await openStore(dir, 'journal');
    // Over 1 MiB of changes to one small record set: the snapshot stays small, the journal grows.
    for (let round = 0; round < 40; round++) {
      store.update((s) => {
        for (let i = 0; i < 50; i++) s.instances[`i${i}`] = { ...instance(i), release: `v${round}-${'x'.repeat(400)}` };
      });
      await store.flush();
    }
    // The snapshot is written beside the appends; close() waits for it.
    await store.close();
    const journalSize = (await readFile(join(dir, 'state.journal'))).length;
    expect(journalSize).toBeLessThan(1024 * 1024);
    expect(await readdir(dir)).not.toContain('state.journal.prev');
    expect((await onDisk(dir)).instances.i7).toMatchObject({ release: expect.stringMatching(/^v39-/) });
    const snapshot = (await readSnapshot(join(dir, 'state.snapshot'))) as { instances: Record<string, { release: string }> };
    expect(snapshot.instances.i7?.release).toMatch(/^v[1-9]/);
  });

  it('a crash while a snapshot was being written: the set-aside journal and the current one are both replayed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    await writeFile(join(dir, 'state.snapshot'), '{"t":"schemaVersion","v":1}\n{"t":"agents","v":{}}\n{"t":"instances","v":{}}\n');
    await writeFile(
      join(dir, 'state.journal.prev'),
      `${JSON.stringify({ t: 'instances', k: 'i1', v: instance(1) })}\n${JSON.stringify({ t: 'instances', k: 'i2', v: instance(2) })}\n`,
    );
    await writeFile(
      join(dir, 'state.journal'),
      `${JSON.stringify({ t: 'instances', k: 'i2', d: 1 })}\n${JSON.stringify({ t: 'instances', k: 'i3', v: instance(3) })}\n`,
    );
    const store = await openStore(dir, 'journal');
    expect(Object.keys(store.data.instances).sort()).toEqual(['i1', 'i3']);
    await store.close();
    expect((await readdir(dir)).sort()).toEqual(['state.journal', 'state.snapshot']);
  });

  it('a data dir moves between json and journal: each loads what the other wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const journaled = await openStore(dir, 'journal');
    journaled.update((s) => {
      s.instances.i1 = instance(1);
    });
    await journaled.flush();
    await journaled.close();
    const json = await openStore(dir, 'json');
    expect(json.data.instances.i1).toBeDefined();
    // The snapshot and journal are folded into state.json and removed.
    expect(await readdir(dir)).toEqual(['state.json']);
    json.update((s) => {
      s.instances.i2 = instance(2);
    });
    await json.flush();
    const back = await openStore(dir, 'journal');
    expect(Object.keys(back.data.instances).sort()).toEqual(['i1', 'i2']);
    await back.close();
    expect((await readdir(dir)).sort()).toEqual(['state.journal', 'state.snapshot']);
  });
});

describe('Store over a backend of its own', () => {
  /** A backend in memory: what each write was given, and failures on demand. */
  class MemoryBackend implements StateBackend {
    readonly path = 'memory';
    readonly tracksRecords = true;
    writes: Array<{ all: boolean; tables: Record<string, string[]> }> = [];
    failNext = false;
    async write(_state: ControllerState, changes: Changes): Promise<void> {
      if (this.failNext) {
        this.failNext = false;
        throw new Error('disk on fire');
      }
      this.writes.push({ all: changes.all, tables: Object.fromEntries([...changes.tables].map(([t, keys]) => [t, [...keys].sort()])) });
    }
    failure(): unknown {
      return null;
    }
    async close(): Promise<void> {}
  }

  it('is given the records each change touched, and again after a write that failed', async () => {
    const backend = new MemoryBackend();
    const store = new Store(emptyState(), backend);
    await store.flush(true);
    store.update((s) => {
      s.agents.a1 = registerHello(undefined, hello, 1000);
    });
    await store.flush();
    backend.failNext = true;
    store.update((s) => {
      delete s.agents.a1;
      s.joinTokens.push({ hash: 'h', createdAtMs: 1, expiresAtMs: 2 });
    });
    await expect(store.flush()).rejects.toMatchObject({ code: 'STORE_WRITE_FAILED', message: 'cannot write memory: disk on fire' });
    expect(store.healthy()).toBe(false);
    store.update((s) => {
      s.tokens.ci = { name: 'ci', scope: 'read', hash: 'x', createdAtMs: 1 };
    });
    await store.flush();
    expect(store.healthy()).toBe(true);
    expect(backend.writes).toEqual([
      { all: true, tables: {} },
      { all: false, tables: { agents: ['a1'] } },
      { all: false, tables: { '': ['joinTokens'], agents: ['a1'], tokens: ['ci'] } },
    ]);
  });
});
