import { registerClass } from './graphRegistry';
/**
 * A double-ended queue over a growable ring buffer: O(1) push, shift and unshift. Array#shift is
 * O(n) on large arrays, which turned a queue of a million records quadratic.
 */
export class Deque<T> {
  private items: (T | undefined)[] = new Array<T | undefined>(16);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  peek(): T | undefined {
    return this.count > 0 ? this.items[this.head] : undefined;
  }

  peekLast(): T | undefined {
    return this.count > 0 ? this.items[(this.head + this.count - 1) & (this.items.length - 1)] : undefined;
  }

  /** The i-th item from the front (0 = head). */
  at(i: number): T | undefined {
    return i >= 0 && i < this.count ? this.items[(this.head + i) & (this.items.length - 1)] : undefined;
  }

  /** Inserts so that `item` becomes the i-th from the front: O(n), for rare re-ordering. */
  insertAt(i: number, item: T): void {
    const rest: T[] = [];
    while (this.count > i) rest.push(this.pop()!);
    this.push(item);
    for (let j = rest.length - 1; j >= 0; j--) this.push(rest[j]!);
  }

  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const index = (this.head + this.count - 1) & (this.items.length - 1);
    const item = this.items[index];
    this.items[index] = undefined;
    this.count--;
    return item;
  }

  push(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & (this.items.length - 1)] = item;
    this.count++;
  }

  unshift(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.head = (this.head - 1) & (this.items.length - 1);
    this.items[this.head] = item;
    this.count++;
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.count--;
    return item;
  }

  *[Symbol.iterator](): Generator<T> {
    for (let i = 0; i < this.count; i++) yield this.items[(this.head + i) & (this.items.length - 1)] as T;
  }

  /** Doubles the capacity (always a power of two, so indices wrap with a mask). */
  private grow(): void {
    const bigger = new Array<T | undefined>(this.items.length * 2);
    for (let i = 0; i < this.count; i++) bigger[i] = this.items[(this.head + i) & (this.items.length - 1)];
    this.items = bigger;
    this.head = 0;
  }
}

registerClass('Deque', Deque, { blank: () => new Deque() });
