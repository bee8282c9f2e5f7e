/**
 * buffer.memory (Kafka's BufferPool): allocations succeed while memory is free; once someone
 * waits, the pool is fair — later requests queue behind the head, even small ones that would fit —
 * and memory coming back wakes waiters in order. A waiter that gives up (max.block.ms) leaves the
 * queue and lets the next one through.
 */
import { describe, expect, it } from 'vitest';
import { BufferPool, type MemoryWaiter } from './bufferPool';

/** A waiter that runs `granted` when its memory comes. */
const waiter = (granted: () => void = () => {}): MemoryWaiter => ({ memoryGranted: granted });

describe('BufferPool', () => {
  it('allocates until the memory is used up, and takes released memory back', () => {
    const pool = new BufferPool(100);
    expect(pool.tryAllocate(60)).toBe(true);
    expect(pool.tryAllocate(40)).toBe(true);
    expect(pool.used).toBe(100);
    expect(pool.tryAllocate(1)).toBe(false);
    pool.release(40);
    expect(pool.used).toBe(60);
    expect(pool.tryAllocate(40)).toBe(true);
    expect(pool.exhausted).toBe(false);
  });

  it('is exhausted while anyone waits', () => {
    const pool = new BufferPool(100);
    pool.tryAllocate(100);
    expect(pool.exhausted).toBe(false);
    const entry = pool.waitFor(10, waiter());
    expect(pool.exhausted).toBe(true);
    pool.cancel(entry);
    expect(pool.exhausted).toBe(false);
  });

  it('wakes waiters first come, first served, each once its memory is free', () => {
    const pool = new BufferPool(100);
    pool.tryAllocate(100);
    const woken: string[] = [];
    pool.waitFor(60, waiter(() => woken.push('A')));
    pool.waitFor(30, waiter(() => woken.push('B')));
    pool.release(50);
    // A needs 60 and only 50 are free: A stays blocked, and B may not overtake it.
    expect(woken).toEqual([]);
    expect(pool.used).toBe(50);
    pool.release(10);
    expect(woken).toEqual(['A']);
    expect(pool.used).toBe(100);
    pool.release(30);
    expect(woken).toEqual(['A', 'B']);
    expect(pool.used).toBe(100);
    expect(pool.exhausted).toBe(false);
  });

  it('makes new allocations queue behind waiters, even ones that would fit (fairness)', () => {
    const pool = new BufferPool(100);
    pool.tryAllocate(80);
    pool.waitFor(50, waiter());
    // 20 bytes are free, but the head waiter comes first.
    expect(pool.tryAllocate(10)).toBe(false);
    expect(pool.used).toBe(80);
  });

  it('wakes several waiters with one release when there is room for all of them', () => {
    const pool = new BufferPool(100);
    pool.tryAllocate(100);
    const woken: number[] = [];
    for (const n of [20, 30, 40]) pool.waitFor(n, waiter(() => woken.push(n)));
    pool.release(100);
    expect(woken).toEqual([20, 30, 40]);
    expect(pool.used).toBe(90);
  });

  it('a cancelled waiter (max.block.ms) never wakes, and the one behind it goes through', () => {
    const pool = new BufferPool(100);
    pool.tryAllocate(70);
    const woken: string[] = [];
    const a = pool.waitFor(50, waiter(() => woken.push('A')));
    pool.waitFor(20, waiter(() => woken.push('B')));
    expect(woken).toEqual([]);
    pool.cancel(a);
    // 30 are free: B fits now that A is gone.
    expect(woken).toEqual(['B']);
    expect(pool.used).toBe(90);
    pool.release(90);
    expect(woken).toEqual(['B']);
    expect(pool.used).toBe(0);
  });

  it('resize serves waiters that fit in the bigger pool', () => {
    const pool = new BufferPool(100);
    pool.tryAllocate(100);
    const woken: string[] = [];
    pool.waitFor(50, waiter(() => woken.push('A')));
    pool.resize(200);
    expect(woken).toEqual(['A']);
    expect(pool.used).toBe(150);
  });
});
