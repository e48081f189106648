/**
 * A first-in first-out list without a bound: O(1) amortised to add at the back and to take from the
 * front, one array slot per item. (`Array#shift` moves every item once the array is large, which
 * would make taking a session's oldest ticket cost as much as the session holds.)
 */
export class Queue<T> {
  private items: (T | undefined)[] = [];
  /** Index of the front item; the slots before it are taken and emptied. */
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The front item, left in place. */
  peek(): T | undefined {
    return this.items[this.head];
  }

  /** Takes the front item. */
  shift(): T | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Drop the taken slots once they are half the array: a copy of at most as many items as were
    // taken since the last one, so the cost per item stays constant.
    if (this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Front first. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}
