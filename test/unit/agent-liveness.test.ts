import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Store } from '../../controller/state/store.js';
import { registerHello } from '../../controller/core/agent-registry.js';
import { startLivenessSweep } from '../../controller/pipeline/agent-liveness.js';

const TTL = 10_000;
const hello = (agentId: string) => ({
  agentId,
  hostname: 'h',
  advertiseAddr: '127.0.0.1',
  labels: {},
  cpus: 1,
  memoryBytes: 1,
  version: 'x',
  sessionId: 's',
  instances: [],
});

describe('the liveness sweep', () => {
  let store: Store;
  let stop = () => undefined as unknown;
  const down: string[] = [];
  let delayMs = 0;

  beforeEach(async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    store = await Store.open(await mkdtemp(join(tmpdir(), 'berth-liveness-')));
    store.update((s) => {
      s.agents.quiet = registerHello(undefined, hello('quiet'), Date.now());
    });
    down.length = 0;
    delayMs = 0;
    stop = startLivenessSweep(
      store,
      TTL,
      pino({ level: 'silent' }),
      (ids) => down.push(...ids),
      () => delayMs,
    );
  });
  afterEach(async () => {
    stop();
    vi.useRealTimers();
    await store.close();
  });

  it('marks a silent agent down a TTL after its last heartbeat', () => {
    vi.advanceTimersByTime(TTL);
    expect(down).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(down).toEqual(['quiet']);
    expect(store.data.agents.quiet?.alive).toBe(false);
  });

  it('gives the grace the controller reads heartbeats late, up to four TTLs', () => {
    delayMs = 6_000;
    vi.advanceTimersByTime(TTL + 5_000);
    expect(down).toEqual([]);
    vi.advanceTimersByTime(2_000);
    expect(down).toEqual(['quiet']);
  });

  it('caps the grace at four TTLs', () => {
    delayMs = 3_600_000;
    vi.advanceTimersByTime(5 * TTL + 1_000);
    expect(down).toEqual(['quiet']);
  });

  it('after a stall of the controller, reads the sockets before it sweeps (one tick late, never two)', () => {
    vi.advanceTimersByTime(1_000);
    // The process stood still for 30 s: the clock moved, no timer ran.
    vi.setSystemTime(Date.now() + 30_000);
    vi.advanceTimersByTime(1_000);
    expect(down).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(down).toEqual(['quiet']);
  });
});
