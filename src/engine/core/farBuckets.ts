/**
 * The event queue's buckets outside its ring (eventQueue.ts): timers further ahead than the ring
 * reaches and fractional times. A min-heap by time, and the same buckets by time for scheduling
 * onto a time that already has one.
 *
 * A bucket emptied by cancellations leaves the map at once and the heap in batches. Most far
 * buckets are max.poll.interval.ms (5 min) timers re-armed on every poll: kept until their time
 * they outlived every young collection, were promoted, and by the end of a 10-minute run were
 * ~100,000 buckets of old-generation garbage. Empty, a bucket runs nothing, so dropping it keeps
 * the order; out of the map it takes no new task: a later task at its time gets a new bucket, and
 * no two live buckets share a time.
 */
import { registerClass } from './graphRegistry';
import { popHeap, pushHeap, type Bucket, type BucketEntry } from './bucket';

/** Released buckets may wait in the heap until they are this many and half of it. */
const DROP_BATCH = 1024;

export class FarBuckets<T extends BucketEntry> {
  private heap: Bucket<T>[] = [];
  private readonly byTime = new Map<number, Bucket<T>>();
  /** Buckets released and still in the heap. */
  private released = 0;

  /** The bucket new tasks at `time` join, if it has one. */
  at(time: number): Bucket<T> | undefined {
    return this.byTime.get(time);
  }

  /** The earliest bucket, emptied or not; null when there is none. */
  first(): Bucket<T> | null {
    return this.heap.length > 0 ? this.heap[0]! : null;
  }

  add(bucket: Bucket<T>): void {
    this.byTime.set(bucket.time, bucket);
    pushHeap(this.heap, bucket);
  }

  /** A bucket its cancellations emptied: it takes no new task, and leaves the heap with a batch. */
  release(bucket: Bucket<T>): void {
    if (this.byTime.get(bucket.time) !== bucket) return;
    this.byTime.delete(bucket.time);
    if (++this.released > DROP_BATCH && this.released * 2 > this.heap.length) this.dropEmpty();
  }

  /** The first bucket (`first()`), run or emptied, leaves. */
  removeFirst(bucket: Bucket<T>): void {
    if (this.byTime.get(bucket.time) === bucket) this.byTime.delete(bucket.time);
    else if (this.released > 0) this.released--;
    popHeap(this.heap);
  }

  /** Every empty bucket leaves, released or not. */
  dropEmpty(): void {
    const live: Bucket<T>[] = [];
    for (const bucket of this.heap) {
      if (bucket.live > 0) live.push(bucket);
      else if (this.byTime.get(bucket.time) === bucket) this.byTime.delete(bucket.time);
    }
    // Live far buckets have distinct times: sorted by time, the array is a valid min-heap.
    live.sort((x, y) => x.time - y.time);
    this.heap = live;
    this.released = 0;
  }

  /** Every bucket, in heap order. */
  buckets(): readonly Bucket<T>[] {
    return this.heap;
  }
}

registerClass('FarBuckets', FarBuckets, { blank: () => new FarBuckets() });
