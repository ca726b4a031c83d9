/** A binary min-heap under a comparator: built from a list in O(n), push and pop in O(log n). */
export class MinHeap<T> {
  private constructor(
    private readonly items: T[],
    private readonly before: (a: T, b: T) => number,
  ) {}

  /** Takes over `items` (no copy) and orders it as a heap. */
  static from<T>(items: T[], before: (a: T, b: T) => number): MinHeap<T> {
    const heap = new MinHeap(items, before);
    for (let i = (items.length >> 1) - 1; i >= 0; i--) heap.siftDown(i);
    return heap;
  }

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(items[i] as T, items[parent] as T) >= 0) break;
      [items[i], items[parent]] = [items[parent] as T, items[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(start: number): void {
    const items = this.items;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < items.length && this.before(items[left] as T, items[least] as T) < 0) least = left;
      if (right < items.length && this.before(items[right] as T, items[least] as T) < 0) least = right;
      if (least === i) return;
      [items[i], items[least]] = [items[least] as T, items[i] as T];
      i = least;
    }
  }
}
