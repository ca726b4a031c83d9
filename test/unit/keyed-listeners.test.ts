import { describe, expect, it } from 'vitest';
import { KeyedListeners } from '../../shared/keyed-listeners.js';

describe('KeyedListeners', () => {
  it('tells the listeners of a key only, until removed or dropped', () => {
    const listeners = new KeyedListeners<number>();
    const seen: string[] = [];
    const removeA = listeners.add('a', (n) => seen.push(`a1:${n}`));
    listeners.add('a', (n) => seen.push(`a2:${n}`));
    listeners.add('b', (n) => seen.push(`b:${n}`));
    listeners.emit('a', 1);
    removeA();
    listeners.emit('a', 2);
    listeners.drop('a');
    listeners.emit('a', 3);
    expect(seen).toEqual(['a1:1', 'a2:1', 'a2:2']);
    expect([listeners.has('a'), listeners.has('b')]).toEqual([false, true]);
  });

  it('a listener may remove itself while it is told', () => {
    const listeners = new KeyedListeners<number>();
    const seen: number[] = [];
    const remove = listeners.add('a', (n) => {
      seen.push(n);
      remove();
    });
    listeners.add('a', (n) => seen.push(n * 10));
    listeners.emit('a', 1);
    listeners.emit('a', 2);
    expect(seen).toEqual([1, 10, 20]);
  });
});
