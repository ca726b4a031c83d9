/** Listeners by key (watchers of one deployment, of one run): added, told, and dropped with the key. */
export class KeyedListeners<T> {
  private readonly byKey = new Map<string, Set<(value: T) => void>>();

  /** Returns the function that removes it. */
  add(key: string, listener: (value: T) => void): () => void {
    const set = this.byKey.get(key) ?? new Set();
    set.add(listener);
    this.byKey.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byKey.get(key) === set) this.byKey.delete(key);
    };
  }

  has(key: string): boolean {
    return (this.byKey.get(key)?.size ?? 0) > 0;
  }

  emit(key: string, value: T): void {
    for (const listener of [...(this.byKey.get(key) ?? [])]) listener(value);
  }

  /** Every listener of the key goes (what they watch has ended). */
  drop(key: string): void {
    this.byKey.delete(key);
  }
}
