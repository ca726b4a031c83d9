import { describe, expect, it } from 'vitest';
import { nextProbeDelay } from '../../agent/runner/health-prober.js';

describe('nextProbeDelay', () => {
  it.each([
    ['the first probes of a booting instance are fast', { health: 'unknown' as const, bootProbes: 1 }, 2000, 100],
    ['and back off, doubling', { health: 'unknown' as const, bootProbes: 4 }, 2000, 800],
    ['up to the interval', { health: 'unknown' as const, bootProbes: 9 }, 2000, 2000],
    ['a healthy instance is probed at the interval', { health: 'healthy' as const, bootProbes: 1 }, 2000, 2000],
    ['so is an unhealthy one', { health: 'unhealthy' as const, bootProbes: 0 }, 1000, 1000],
  ])('%s', (_name, watch, interval, delay) => {
    expect(nextProbeDelay(watch, interval)).toBe(delay);
  });
});
