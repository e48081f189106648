/**
 * A fixed-capacity list that drops its oldest item when full: O(1) to add, whatever the size. The
 * array grows as items arrive rather than being allocated at full capacity: every session holds two
 * rings of 1 000, and a stream of new sessions must not allocate 16 KB each for them.
 */
export class RingBuffer<T> {
  private readonly items: T[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Adds the item; returns the oldest one when it had to make room for it. */
  push(item: T): T | undefined {
    // Until it is full the ring is a plain array (start stays 0); then each item replaces the oldest.
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return undefined;
    }
    const dropped = this.items[this.start];
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    return dropped;
  }

  /** Oldest first. */
  toArray(): T[] {
    return this.start === 0
      ? this.items.slice()
      : [...this.items.slice(this.start), ...this.items.slice(0, this.start)];
  }
}
