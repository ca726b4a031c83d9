import { describe, expect, it } from 'vitest';
import { DeliveryMemory } from '../../controller/core/delivery-memory.js';

const HOUR = 3_600_000;

describe('DeliveryMemory', () => {
  it('recalls the first value within the window, and nothing after it', () => {
    const memory = new DeliveryMemory<string>(10, 24 * HOUR);
    memory.remember('a', 'first', 0);
    memory.remember('a', 'second', 1);
    expect(memory.recall('a', 24 * HOUR)).toBe('first');
    expect(memory.recall('a', 24 * HOUR + 1)).toBeUndefined();
    expect(memory.size).toBe(0);
  });

  it('forgets by age in arrival order', () => {
    const memory = new DeliveryMemory<number>(10, 10);
    for (let i = 0; i < 5; i++) memory.remember(`k${i}`, i, i * 5);
    // Remembered at 0, 5, 10, 15, 20: at 22, k0, k1 and k2 are over 10 old; k3 and k4 are not.
    expect(memory.recall('k3', 22)).toBe(3);
    expect(['k0', 'k1', 'k2', 'k4'].map((k) => memory.recall(k, 22))).toEqual([undefined, undefined, undefined, 4]);
    expect(memory.size).toBe(2);
  });

  it('holds at most its capacity, forgetting the oldest first, across many wraps of the ring', () => {
    const capacity = 100;
    const memory = new DeliveryMemory<number>(capacity, 24 * HOUR);
    for (let i = 0; i < 1050; i++) memory.remember(`k${i}`, i, i);
    expect(memory.size).toBe(capacity);
    expect(memory.recall('k949', 1050)).toBeUndefined();
    expect(memory.recall('k950', 1050)).toBe(950);
    expect(memory.recall('k1049', 1050)).toBe(1049);
    // Expiry after wrapping still goes oldest first.
    expect(memory.recall('k1049', 1000 + 24 * HOUR)).toBe(1049);
    expect(memory.size).toBe(50);
    expect(memory.recall('k999', 1000 + 24 * HOUR)).toBeUndefined();
  });
});
