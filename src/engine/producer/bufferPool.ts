/**
 * buffer.memory (Kafka's BufferPool): every open or unacknowledged batch holds its allocation
 * until it completes. When the pool is empty, send() blocks — waiters queue in order (the pool is
 * fair) and each is woken when enough memory comes back, or gives up after max.block.ms.
 */
import { Deque } from '../core/deque';
import { registerClass } from '../core/graphRegistry';

/** Whoever waits for memory: told once its bytes have been allocated to it. */
export interface MemoryWaiter {
  memoryGranted(): void;
}

/** A place in the pool's queue of waiters. */
export interface PoolWaiter {
  readonly bytes: number;
  readonly waiter: MemoryWaiter;
  cancelled: boolean;
}

export class BufferPool {
  private usedBytes = 0;
  private readonly waiters = new Deque<PoolWaiter>();

  constructor(private totalBytes: number) {}

  get used(): number {
    return this.usedBytes;
  }

  /** buffer.memory as configured now. */
  get total(): number {
    return this.totalBytes;
  }

  /** Someone is blocked waiting for memory: the accumulator sends lingering batches at once. */
  get exhausted(): boolean {
    return this.waiters.length > 0;
  }

  resize(totalBytes: number): void {
    this.totalBytes = totalBytes;
    this.serveWaiters();
  }

  /** Takes `bytes` now if they are free and nobody is queued ahead; false otherwise. */
  tryAllocate(bytes: number): boolean {
    if (this.waiters.length > 0 || this.usedBytes + bytes > this.totalBytes) return false;
    this.usedBytes += bytes;
    return true;
  }

  /**
   * Queues for `bytes`; `waiter.memoryGranted()` runs once they have been allocated to it.
   * Returns its place in the queue, for `cancel` (max.block.ms).
   */
  waitFor(bytes: number, waiter: MemoryWaiter): PoolWaiter {
    const entry: PoolWaiter = { bytes, waiter, cancelled: false };
    this.waiters.push(entry);
    return entry;
  }

  /** The waiter gives up (max.block.ms): it leaves the queue, and those behind it may go through. */
  cancel(entry: PoolWaiter): void {
    entry.cancelled = true;
    this.serveWaiters();
  }

  release(bytes: number): void {
    this.usedBytes -= bytes;
    this.serveWaiters();
  }

  private serveWaiters(): void {
    while (this.waiters.length > 0) {
      const head = this.waiters.peek()!;
      if (head.cancelled) {
        this.waiters.shift();
        continue;
      }
      if (this.usedBytes + head.bytes > this.totalBytes) return;
      this.waiters.shift();
      this.usedBytes += head.bytes;
      head.waiter.memoryGranted();
    }
  }
}

registerClass('BufferPool', BufferPool, { blank: () => new BufferPool(0) });
