import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../controller/adapters/store.js';
import { registerHello } from '../../controller/core/agent-registry.js';

const hello = { agentId: 'a1', hostname: 'h', advertiseAddr: '127.0.0.1', labels: {}, cpus: 1, memoryBytes: 1, version: 'x', sessionId: 's', instances: [] };

describe('Store (lowdb with atomic writes)', () => {
  it('creates an empty state, persists changes and loads them again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await Store.open(dir);
    store.update((s) => {
      s.agents.a1 = registerHello(undefined, hello, 1000);
    });
    await store.flush();
    const again = await Store.open(dir);
    expect(again.data.agents.a1?.hostname).toBe('h');
    // No temp files are left next to the state.
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it('coalesces a burst of updates and ends with the last state on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await Store.open(dir);
    for (let i = 0; i < 200; i++) {
      store.update((s) => {
        s.instances[`i${i}`] = { instanceId: `i${i}`, agentId: 'a1', app: 'x', service: 'web', release: 'v1', deploymentId: null, container: 'web-1', createdAtMs: i };
      });
    }
    await store.flush();
    const onDisk = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { instances: Record<string, unknown> };
    expect(Object.keys(onDisk.instances)).toHaveLength(200);
  });

  it('persisted() resolves once the changes made before it are on disk, even while changes keep coming', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await Store.open(dir);
    const put = (i: number) =>
      store.update((s) => {
        s.instances[`i${i}`] = { instanceId: `i${i}`, agentId: 'a1', app: 'x', service: 'web', release: 'v1', deploymentId: null, container: 'web-1', createdAtMs: i };
      });
    put(0);
    const durable = store.persisted();
    // Changes keep coming after the call: they must not keep it waiting (flush() would).
    let i = 1;
    const busy = setInterval(() => put(i++), 1);
    try {
      await durable;
      const onDisk = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { instances: Record<string, unknown> };
      expect(onDisk.instances.i0).toBeDefined();
    } finally {
      clearInterval(busy);
    }
    // Nothing changed since the last write: at once.
    await store.flush();
    await store.persisted();
  });

  it('a temp file left by a crash mid-write does not stop the state from loading', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    const store = await Store.open(dir);
    store.update((s) => {
      s.agents.a1 = registerHello(undefined, hello, 1000);
    });
    await store.flush();
    await writeFile(join(dir, 'state.json.tmp-4242'), '{"schemaVersion":1,"agen');
    const again = await Store.open(dir);
    expect(again.data.agents.a1).toBeDefined();
  });

  it.each([
    ['truncated JSON', '{"schemaVersion":1,"agents":{', /is not valid JSON.*restore it from a backup/],
    ['another layout', '{"schemaVersion":7}', /unknown layout \(schemaVersion 7\)/],
  ])('refuses %s with a clear error instead of starting empty', async (_name, text, message) => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-store-'));
    await writeFile(join(dir, 'state.json'), text);
    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringMatching(message) });
    // The file is left exactly as it was, for the operator to inspect.
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe(text);
  });
});
