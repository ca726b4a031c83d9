import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../controller/core/min-heap.js';
import { prng } from '../helpers/prng.js';

describe('MinHeap', () => {
  it('pops in comparator order whether built from a list or pushed one by one, with pushes between pops', () => {
    const rand = prng(3);
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: Math.floor(rand() * 50) }, () => Math.floor(rand() * 20));
      const heap = MinHeap.from(values.slice(0, values.length >> 1), (a, b) => a - b);
      for (const v of values.slice(values.length >> 1)) heap.push(v);
      const out: number[] = [];
      while (heap.size > 0) {
        const v = heap.pop() as number;
        out.push(v);
        // A popped value pushed back bigger comes out later, as placement does with a slot.
        if (v < 5) heap.push(v + 20);
      }
      expect(out).toEqual([...out].sort((a, b) => a - b));
      expect(out.filter((v) => v < 20).sort((a, b) => a - b)).toEqual([...values].sort((a, b) => a - b));
    }
    expect(MinHeap.from([], (a: number, b: number) => a - b).pop()).toBeUndefined();
  });
});
