import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OneOffResults } from '../../agent/adapters/oneoff-results.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function results(keepMs?: number): Promise<{ store: OneOffResults; dir: string }> {
  const base = await mkdtemp(join(tmpdir(), 'berth-oneoffs-'));
  dirs.push(base);
  const dir = join(base, 'oneoffs');
  return { store: new OneOffResults(dir, keepMs), dir };
}

const DAY = 24 * 3_600_000;

describe('OneOffResults', () => {
  it('answers with what was recorded for the one-off, and nothing for another', async () => {
    const { store } = await results();
    const result = { exitCode: 3, message: 'exited with status 3', outputTail: ['migrating', 'boom'], finishedAtMs: Date.now() };
    await store.remember('shop-postdeploy-d1', result);
    expect(await store.recall('shop-postdeploy-d1')).toEqual(result);
    expect(await store.recall('shop-postdeploy-d2')).toBeNull();
  });

  it('forgets a result older than a day, and its file once another is recorded', async () => {
    const { store, dir } = await results();
    const now = Date.now();
    await store.remember('old', { exitCode: 0, message: 'exited with status 0', outputTail: [], finishedAtMs: now - DAY - 1 });
    expect(await store.recall('old', now)).toBeNull();
    const old = new Date(now - DAY - 60_000);
    await utimes(join(dir, 'old.json'), old, old);
    await store.remember('new', { exitCode: 0, message: 'exited with status 0', outputTail: [], finishedAtMs: now });
    expect(await readdir(dir)).toEqual(['new.json']);
  });

  it('an unreadable record is no record (the one-off is then asked of Docker)', async () => {
    const { store, dir } = await results();
    await store.remember('x', { exitCode: 0, message: 'ok', outputTail: [], finishedAtMs: Date.now() });
    await writeFile(join(dir, 'x.json'), '{"exitCode": "zero"');
    expect(await store.recall('x')).toBeNull();
  });
});
