/**
 * The RecordAccumulator on its own: records join the last batch of their partition until
 * batch.size bytes, each new batch takes batch.size from buffer.memory, a partition is ready when
 * its head batch is full, lingered or memory is short (never while a retry backs off), retried
 * batches go back in sequence order, and queued batches expire after delivery.timeout.ms.
 */
import { describe, expect, it } from 'vitest';
import { BATCH_OVERHEAD_BYTES, RECORD_OVERHEAD_BYTES, recordSizeBytes, type RecordData } from '../model/batch';
import { RecordAccumulator, type PartitionQueue } from './accumulator';
import { BufferPool } from './bufferPool';
import { ProducerBatch } from './producerBatch';

let nextId = 1;
/** A record whose size is exactly `bytes` (key null). */
function record(bytes: number): RecordData {
  const value = 'x'.repeat(bytes - RECORD_OVERHEAD_BYTES);
  const r: RecordData = { id: nextId, producer: 'p1', key: null, value, timestamp: 0, sendSeq: nextId++ };
  expect(recordSizeBytes(r)).toBe(bytes);
  return r;
}

function setup(opts: { batchSize?: number; linger?: number; memory?: number } = {}) {
  const batchSize = opts.batchSize ?? 1000;
  const linger = opts.linger ?? 10;
  const pool = new BufferPool(opts.memory ?? 10_000);
  const acc = new RecordAccumulator({ 'batch.size': batchSize, 'linger.ms': linger }, pool);
  const q = acc.queue('t', 0);
  const append = (bytes: number, now = 0): boolean => acc.tryAppend(q, record(bytes), bytes, now) > 0;
  return { acc, pool, q, append };
}

const counts = (q: PartitionQueue): number[] => [...q.batches].map((b) => b.recordCount);

/** A batch with an idempotent sequence, as the Sender leaves it after draining. */
function sequenced(baseSequence: number, records = 1): ProducerBatch {
  const b = new ProducerBatch('t', 0, 0, 100);
  for (let i = 0; i < records; i++) b.tryAppend(record(20), 20, Infinity);
  b.producerId = 7;
  b.producerEpoch = 0;
  b.baseSequence = baseSequence;
  b.closed = true;
  return b;
}

describe('RecordAccumulator: appending', () => {
  it('keeps one queue per topic and partition', () => {
    const { acc, q } = setup();
    expect(acc.queue('t', 0)).toBe(q);
    expect(acc.queue('t', 1)).not.toBe(q);
    expect(acc.queue('u', 0)).not.toBe(q);
    expect(acc.queues.map((x) => `${x.topic}-${x.partition}`)).toEqual(['t-0', 't-1', 'u-0']);
  });

  it('a record joins the last batch of its partition while batch.size allows', () => {
    const { acc, q, append } = setup({ batchSize: 1000 });
    // 61 bytes of header + 9 records of 100 = 961 ≤ 1000; a tenth would make 1061.
    for (let i = 0; i < 9; i++) expect(append(100)).toBe(true);
    expect(counts(q)).toEqual([9]);
    expect(q.batches.peek()!.sizeBytes).toBe(BATCH_OVERHEAD_BYTES + 900);
    expect(acc.queuedBatches('t', 0)).toBe(1);
  });

  it('opens a new batch when the last one is full, and closes the full one', () => {
    const { q, pool, append } = setup({ batchSize: 1000 });
    for (let i = 0; i < 10; i++) append(100);
    expect(counts(q)).toEqual([9, 1]);
    expect(q.batches.peek()!.closed).toBe(true);
    expect(q.batches.peekLast()!.closed).toBe(false);
    // Each batch took batch.size from buffer.memory.
    expect(pool.used).toBe(2000);
  });

  it('a record bigger than batch.size gets a batch of its own, sized for it', () => {
    const { q, pool, append } = setup({ batchSize: 1000 });
    append(100);
    append(1500);
    append(100);
    expect(counts(q)).toEqual([1, 1, 1]);
    expect(q.batches.at(1)!.allocatedBytes).toBe(1500 + BATCH_OVERHEAD_BYTES);
    expect(pool.used).toBe(1000 + 1561 + 1000);
  });

  it('does not open a batch without memory: the caller must wait', () => {
    const { q, pool, append } = setup({ batchSize: 1000, memory: 1500 });
    expect(append(600)).toBe(true);
    // 61 + 600 + 600 > 1000: a second batch is needed, and only 500 bytes are free.
    expect(append(600)).toBe(false);
    expect(counts(q)).toEqual([1]);
    expect(pool.used).toBe(1000);
    // As in Kafka, a batch a record did not fit in is closed for appends: even a small record
    // now needs a new batch, and so memory.
    expect(q.batches.peek()!.closed).toBe(true);
    expect(append(200)).toBe(false);
    expect(counts(q)).toEqual([1]);
  });

  it('appendWithMemory opens a batch with memory obtained by waiting, or gives it back if a batch had room', () => {
    const { acc, q, pool } = setup({ batchSize: 1000, memory: 3000 });
    acc.tryAppend(q, record(600), 600, 0);
    // The send waited for 1000 bytes, but meanwhile the open batch still has room for 300.
    expect(pool.tryAllocate(1000)).toBe(true);
    acc.appendWithMemory(q, record(300), 300, 1000, 5);
    expect(counts(q)).toEqual([2]);
    expect(pool.used).toBe(1000);
    // Now it does not fit: the waited-for memory becomes a new batch.
    expect(pool.tryAllocate(1000)).toBe(true);
    acc.appendWithMemory(q, record(300), 300, 1000, 6);
    expect(counts(q)).toEqual([2, 1]);
    expect(q.batches.peekLast()!.createdMs).toBe(6);
    expect(pool.used).toBe(2000);
  });

  it('deallocate gives a finished batch’s memory back to the pool', () => {
    const { acc, q, pool, append } = setup({ batchSize: 1000 });
    append(100);
    const batch = q.batches.shift()!;
    acc.deallocate(batch);
    expect(pool.used).toBe(0);
  });
});

describe('RecordAccumulator: readyIn', () => {
  it('an empty partition is never ready', () => {
    const { acc, q } = setup();
    expect(acc.readyIn(q, 0)).toBe(Infinity);
  });

  it('a lone open batch is ready once it has lingered linger.ms', () => {
    const { acc, q, append } = setup({ linger: 10 });
    append(100, 5);
    expect(acc.readyIn(q, 5)).toBe(10);
    expect(acc.readyIn(q, 12)).toBe(3);
    expect(acc.readyIn(q, 15)).toBe(0);
    expect(acc.readyIn(q, 100)).toBe(0);
  });

  it('with linger.ms 0 a batch is ready at once', () => {
    const { acc, q, append } = setup({ linger: 0 });
    append(100, 5);
    expect(acc.readyIn(q, 5)).toBe(0);
  });

  it('a full head batch is ready at once, without lingering', () => {
    const { acc, q, append } = setup({ batchSize: 1000, linger: 1000 });
    for (let i = 0; i < 10; i++) append(100, 0);
    expect(q.batches.length).toBe(2);
    expect(acc.readyIn(q, 0)).toBe(0);
  });

  it('a closed head batch (drained once, or full) is ready at once', () => {
    const { acc, q, append } = setup({ linger: 1000 });
    append(100, 0);
    q.batches.peek()!.closed = true;
    expect(acc.readyIn(q, 0)).toBe(0);
  });

  it('every partition is ready while a send waits for memory', () => {
    const { acc, q, pool, append } = setup({ linger: 1000, memory: 1000 });
    append(100, 0);
    expect(acc.readyIn(q, 0)).toBe(1000);
    pool.waitFor(1000, { memoryGranted: () => {} });
    expect(acc.readyIn(q, 0)).toBe(0);
  });

  it('a retried batch is not ready until its backoff is over, even when full', () => {
    const { acc, q, append } = setup({ batchSize: 1000, linger: 0 });
    for (let i = 0; i < 10; i++) append(100, 0);
    const head = q.batches.shift()!;
    acc.reenqueue(q, head, 100, 50);
    expect(head.attempts).toBe(1);
    expect(acc.readyIn(q, 50)).toBe(100);
    expect(acc.readyIn(q, 120)).toBe(30);
    expect(acc.readyIn(q, 150)).toBe(0);
  });
});

describe('RecordAccumulator: reenqueue and expiry', () => {
  it('puts a batch without a sequence back at the head of its deque', () => {
    const { acc, q, append } = setup({ batchSize: 1000 });
    for (let i = 0; i < 19; i++) append(100, 0);
    const first = q.batches.shift()!;
    expect(counts(q)).toEqual([9, 1]);
    acc.reenqueue(q, first, 0, 10);
    expect(q.batches.peek()).toBe(first);
    expect(counts(q)).toEqual([9, 9, 1]);
  });

  it('puts sequenced batches back in sequence order, ahead of batches not yet sequenced', () => {
    const { acc, q, append } = setup();
    append(100, 0); // a fresh, unsequenced batch at the tail
    const s0 = sequenced(0, 2);
    const s2 = sequenced(2, 3);
    const s5 = sequenced(5, 1);
    acc.reenqueue(q, s5, 0, 1);
    acc.reenqueue(q, s0, 0, 1);
    acc.reenqueue(q, s2, 0, 1);
    const order = [...q.batches].map((b) => b.baseSequence);
    expect(order).toEqual([0, 2, 5, -1]);
  });

  it('expireQueued removes head batches past delivery.timeout.ms and leaves younger ones', () => {
    const { acc, q, append } = setup({ batchSize: 1000 });
    for (let i = 0; i < 9; i++) append(100, 0); // batch created at 0
    for (let i = 0; i < 9; i++) append(100, 40); // batch created at 40
    append(100, 80); // batch created at 80
    expect(acc.expireQueued(q, 100, 99)).toEqual([]);
    const expired = acc.expireQueued(q, 100, 140);
    expect(expired.map((b) => b.createdMs)).toEqual([0, 40]);
    expect(expired.every((b) => b.closed)).toBe(true);
    expect([...q.batches].map((b) => b.createdMs)).toEqual([80]);
  });
});
