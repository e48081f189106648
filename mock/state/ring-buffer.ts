/** A fixed-capacity list that drops its oldest item when full: O(1) to add, whatever the size. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the item; returns the oldest one when it had to make room for it. */
  push(item: T): T | undefined {
    const slot = (this.start + this.count) % this.capacity;
    const dropped = this.count === this.capacity ? this.items[slot] : undefined;
    this.items[slot] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    return dropped;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }
}
