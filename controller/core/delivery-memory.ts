/**
 * What a hook answered per delivery id, so that a redelivery gets the same answer and deploys
 * nothing. Bounded by age (the redelivery window) and by count: anyone holding a hook URL can send
 * fresh delivery ids, so the oldest go first once the memory is full. Pure: the caller passes the
 * clock.
 *
 * A ring of keys in arrival order sits beside the map, so forgetting the oldest never walks the
 * map (V8 walks over the holes deleted entries leave at a Map's front, which made every request
 * pay for the deliveries forgotten before it).
 */
export class DeliveryMemory<T> {
  private readonly entries = new Map<string, { atMs: number; value: T }>();
  private readonly ring: string[];
  private head = 0;
  private count = 0;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
  ) {
    this.ring = new Array<string>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The value remembered for `key` within the window, or undefined. */
  recall(key: string, nowMs: number): T | undefined {
    this.forgetExpired(nowMs);
    return this.entries.get(key)?.value;
  }

  /** Remembers `value` for `key` unless it already holds one (the first answer stays). */
  remember(key: string, value: T, nowMs: number): void {
    this.forgetExpired(nowMs);
    if (this.entries.has(key)) return;
    if (this.count === this.capacity) this.forgetOldest();
    this.ring[(this.head + this.count) % this.capacity] = key;
    this.count++;
    this.entries.set(key, { atMs: nowMs, value });
  }

  private forgetExpired(nowMs: number): void {
    while (this.count > 0) {
      const oldest = this.entries.get(this.ring[this.head] as string);
      if (oldest && nowMs - oldest.atMs <= this.windowMs) return;
      this.forgetOldest();
    }
  }

  private forgetOldest(): void {
    this.entries.delete(this.ring[this.head] as string);
    this.ring[this.head] = '';
    this.head = (this.head + 1) % this.capacity;
    this.count--;
  }
}
