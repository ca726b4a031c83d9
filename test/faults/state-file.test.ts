/**
 * Fault: the controller killed (SIGKILL) while it writes its state, again and again (with each
 * --state-store: the whole file rewritten, or changes appended to the journal), and a corrupted
 * state file. Must hold: after every kill the controller starts again from a state that
 * loads and holds every change it acknowledged; a corrupted file is refused with a clear message
 * and left exactly as it was (never silently replaced by an empty state).
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary } from '../../cli/admin-client.js';
import { CLI } from '../helpers/cluster.js';
import { waitFor } from '../helpers/wait-for.js';
import { recordFault } from './fault-report.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import { specText } from '../helpers/app-specs.js';

const KINDS = ['json', 'journal'] as const;
const stacks = new Map<string, ProcessStack>();

beforeAll(async () => {
  for (const kind of KINDS) stacks.set(kind, await startProcessStack({ stateStore: kind }));
}, 60_000);

afterAll(async () => {
  for (const stack of stacks.values()) await stack.close();
}, 60_000);

describe('fault: the state file', { timeout: 300_000 }, () => {
  it.each(KINDS)('SIGKILL in the middle of writes (--state-store %s): the state loads every time and holds what was acknowledged', async (kind) => {
    const stack = stacks.get(kind) as ProcessStack;
    const KILLS = 8;
    let held = 0;
    const lost: string[] = [];
    let n = 0;
    for (let k = 0; k < KILLS; k++) {
      const admin = stack.admin();
      const acknowledged: string[] = [];
      // Applies as fast as the controller answers; the kill lands somewhere in a write.
      let stop = false;
      const writer = (async () => {
        while (!stop) {
          const name = `s${n++}`;
          const ok = await callUnary(admin.ApplyApp.bind(admin), {
            specText: specText({ name, services: { web: { image: 'x:1' } } }),
            source: 'fault',
          }).then(
            () => true,
            () => false,
          );
          if (ok) acknowledged.push(name);
        }
      })();
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 300)));
      await stack.killController();
      stop = true;
      await writer;
      let started = true;
      await stack.startController().catch(() => {
        started = false;
      });
      if (!started) {
        lost.push(`kill ${k + 1}: the controller did not start (${stack.controllerOutput().split('\n').slice(-3).join(' ')})`);
        break;
      }
      // The client's channel reconnects with its own backoff after the refusals during the restart.
      const listed = await waitFor('ListApps after the restart', () => callUnary(admin.ListApps.bind(admin), {}), 15_000, 200);
      const names = new Set(listed.apps.map((a) => a.name));
      const missing = acknowledged.filter((name) => !names.has(name));
      if (missing.length) lost.push(`kill ${k + 1}: ${missing.length} acknowledged apps missing (${missing.slice(0, 3).join(', ')})`);
      else held++;
    }
    recordFault({ fault: `controller SIGKILL during state writes (--state-store ${kind})`, injected: KILLS, held, lost });
    expect(lost).toEqual([]);
  });

  it('a corrupted state file is refused with a clear message and left as it was', async () => {
    const stack = stacks.get('json') as ProcessStack;
    await stack.killController();
    const file = join(stack.dataDir, 'state.json');
    const good = await readFile(file, 'utf8');
    const corrupt = good.slice(0, Math.floor(good.length / 2));
    await writeFile(file, corrupt);
    const exit = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [CLI, 'controller', '--data-dir', stack.dataDir, '--grpc-addr', '127.0.0.1:0', '--http-addr', '127.0.0.1:0', '--nats', stack.nats.url],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    const untouched = (await readFile(file, 'utf8')) === corrupt;
    const clear = /state file .*state\.json is not valid JSON .*restore it from a backup.*\[STORE_CORRUPT\]/.test(exit.stderr);
    const held = exit.code !== 0 && untouched && clear;
    recordFault({
      fault: 'state file corrupted (cut in half)',
      injected: 1,
      held: held ? 1 : 0,
      lost: held ? [] : [`exit ${exit.code}, file untouched: ${untouched}, message: ${exit.stderr.trim().slice(0, 200)}`],
    });
    expect(held).toBe(true);
    // Put it back so the stack can close cleanly.
    await writeFile(file, good);
    await stack.startController();
  });
});
