/**
 * The partitioners for records without an explicit partition: keys hash with murmur2 over all
 * partitions; null keys go to the uniform sticky partitioner (KIP-794: stay on one partition for
 * batch.size bytes and until its batch is full, then pick the next at random, weighted toward
 * shorter queues) or, with
 * partitioner.class = RoundRobinPartitioner, to the next available partition in turn.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../core/random';
import { partitionForKey } from '../model/partitioner';
import { keyedPartition, RoundRobinPartitioner, UniformStickyPartitioner, type PartitionerView } from './partitioners';

/** A cluster view with fixed partitions and queue lengths (changeable by the test). */
function view(count: number, available: number[], queued: number[] = []): PartitionerView & { queued: number[]; available: number[] } {
  return {
    queued,
    available,
    partitionCount: () => count,
    availablePartitions() {
      return this.available;
    },
    queuedBatches(_topic, partition) {
      return this.queued[partition] ?? 0;
    },
  };
}

/** A random source that returns scripted values for `int` and records the ranges asked for. */
function scripted(values: number[]): Random & { asked: [number, number][] } {
  const asked: [number, number][] = [];
  return {
    asked,
    int(from, to) {
      asked.push([from, to]);
      const v = values.shift();
      if (v === undefined) throw new Error('no more scripted values');
      return v;
    },
    float: () => 0,
    fork() {
      return this;
    },
  };
}

describe('keyed partitioning', () => {
  it('is murmur2(key) mod the partition count, the same for the same key', () => {
    for (const key of ['user-1', 'user-2', 'a', '', 'ключ']) {
      expect(keyedPartition(key, 6)).toBe(partitionForKey(key, 6));
      expect(keyedPartition(key, 6)).toBe(keyedPartition(key, 6));
    }
  });
});

describe('UniformStickyPartitioner', () => {
  it('stays on one partition until batch.size bytes went to it, then switches', () => {
    const v = view(3, [0, 1, 2]);
    // Equal queues: every partition weighs 1, cumulative [1, 2, 3]; picks 0..2 map to p0..p2.
    const random = scripted([1, 2, 0]);
    const p = new UniformStickyPartitioner(v, random, { 'batch.size': 100 });
    expect(p.partition('t')).toBe(1);
    p.onAppend('t', 1, 40, true);
    expect(p.partition('t')).toBe(1);
    p.onAppend('t', 1, 40, true);
    expect(p.partition('t')).toBe(1);
    // 120 ≥ 100 bytes: the next record goes elsewhere.
    p.onAppend('t', 1, 40, true);
    expect(p.partition('t')).toBe(2);
    p.onAppend('t', 2, 100, true);
    expect(p.partition('t')).toBe(0);
    expect(random.asked).toEqual([
      [0, 2],
      [0, 2],
      [0, 2],
    ]);
  });

  it('ignores appends to other partitions (keyed or explicit records) when counting bytes', () => {
    const random = scripted([0, 1]);
    const p = new UniformStickyPartitioner(view(2, [0, 1]), random, { 'batch.size': 100 });
    expect(p.partition('t')).toBe(0);
    p.onAppend('t', 1, 500, true);
    expect(p.partition('t')).toBe(0);
    p.onAppend('t', 0, 100, true);
    expect(p.partition('t')).toBe(1);
  });

  it('keeps one sticky partition per topic', () => {
    const p = new UniformStickyPartitioner(view(3, [0, 1, 2]), scripted([2, 0]), { 'batch.size': 100 });
    expect(p.partition('a')).toBe(2);
    expect(p.partition('b')).toBe(0);
    expect(p.partition('a')).toBe(2);
  });

  it('weighs each available partition by (longest queue + 1 − its queue): shorter queues are likelier', () => {
    // Queues 3, 0, 1 batches: weights 1, 4, 3 — cumulative 1, 5, 8.
    const expected = [0, 1, 1, 1, 1, 2, 2, 2];
    const picks = expected.map((_, pick) => {
      const random = scripted([pick]);
      const p = new UniformStickyPartitioner(view(3, [0, 1, 2], [3, 0, 1]), random, { 'batch.size': 100 });
      const partition = p.partition('t');
      expect(random.asked).toEqual([[0, 7]]);
      return partition;
    });
    expect(picks).toEqual(expected);
  });

  it('with a seeded random source, picks partitions in proportion to those weights', () => {
    const v = view(3, [0, 1, 2], [3, 0, 1]);
    const p = new UniformStickyPartitioner(v, createRandom(42, 'partitioner-test'), { 'batch.size': 1 });
    const n = 8000;
    const hits = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const partition = p.partition('t');
      hits[partition]!++;
      p.onAppend('t', partition, 1, true); // one byte ≥ batch.size 1: switch after every record
    }
    // Expected shares 1/8, 4/8, 3/8 = 1000, 4000, 3000; a binomial's sd here is below 50.
    expect(hits[0]).toBeGreaterThan(800);
    expect(hits[0]).toBeLessThan(1200);
    expect(hits[1]).toBeGreaterThan(3800);
    expect(hits[1]).toBeLessThan(4200);
    expect(hits[2]).toBeGreaterThan(2800);
    expect(hits[2]).toBeLessThan(3200);
  });

  it('picks only among available partitions (those with a known leader)', () => {
    // Partitions 1 and 3 of 4 have a leader; queues equal: cumulative [1, 2].
    const random = scripted([1, 0]);
    const p = new UniformStickyPartitioner(view(4, [1, 3]), random, { 'batch.size': 10 });
    expect(p.partition('t')).toBe(3);
    p.onAppend('t', 3, 10, true);
    expect(p.partition('t')).toBe(1);
    expect(random.asked).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it('defers the switch while the partition’s last batch is not full, until it is or 2 × batch.size went there', () => {
    // BuiltInPartitioner.updatePartitionInfo(…, enableSwitch): the accumulator passes
    // enableSwitch = false while the last batch still has room.
    const random = scripted([0, 1, 2]);
    const p = new UniformStickyPartitioner(view(3, [0, 1, 2]), random, { 'batch.size': 100 });
    expect(p.partition('t')).toBe(0);
    p.onAppend('t', 0, 120, false);
    expect(p.partition('t')).toBe(0);
    // Before the next append the batch turned out full (or the record does not fit): switch now.
    expect(p.switchIfDone('t')).toBe(true);
    expect(p.partition('t')).toBe(1);
    // Below batch.size nothing switches, full batch or not.
    p.onAppend('t', 1, 60, true);
    expect(p.switchIfDone('t')).toBe(false);
    expect(p.partition('t')).toBe(1);
    // At 2 × batch.size it switches even with the last batch not full.
    p.onAppend('t', 1, 139, false);
    expect(p.partition('t')).toBe(1);
    p.onAppend('t', 1, 1, false);
    expect(p.partition('t')).toBe(2);
  });

  it('before any metadata, picks any of the partitions at random', () => {
    const random = scripted([4]);
    const p = new UniformStickyPartitioner(view(6, []), random, { 'batch.size': 10 });
    expect(p.partition('t')).toBe(4);
    expect(random.asked).toEqual([[0, 5]]);
  });
});

describe('RoundRobinPartitioner', () => {
  it('hands out the available partitions in turn, record by record', () => {
    const p = new RoundRobinPartitioner(view(6, [0, 1, 2, 3, 4, 5]));
    const picks = Array.from({ length: 13 }, () => p.partition('t'));
    expect(picks).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5, 0]);
  });

  it('skips partitions without a leader', () => {
    const p = new RoundRobinPartitioner(view(6, [1, 2, 5]));
    expect(Array.from({ length: 7 }, () => p.partition('t'))).toEqual([1, 2, 5, 1, 2, 5, 1]);
  });

  it('goes over all partitions while none is known to be available', () => {
    const p = new RoundRobinPartitioner(view(3, []));
    expect(Array.from({ length: 4 }, () => p.partition('t'))).toEqual([0, 1, 2, 0]);
  });

  it('counts per topic', () => {
    const p = new RoundRobinPartitioner(view(3, [0, 1, 2]));
    expect([p.partition('a'), p.partition('a'), p.partition('b'), p.partition('a'), p.partition('b')]).toEqual([0, 1, 0, 2, 1]);
  });
});
