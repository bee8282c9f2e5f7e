/** The fetch buffer and positions: what poll() returns, in what order, and where it leaves each position. */
import { describe, expect, it } from 'vitest';
import { makeBatch, type RecordData } from '../../model/batch';
import { Subscriptions, type OwnedPartition } from './subscriptions';

let nextId = 1;
function records(n: number): RecordData[] {
  return Array.from({ length: n }, (_, i) => ({ id: nextId++, producer: 'p1', key: null, value: 'v', timestamp: i, sendSeq: i }));
}

/** Owns `keys`, each positioned at 0 with `perPartition` records buffered from there, in leader epoch 4. */
function owning(keys: string[], perPartition: number): Subscriptions {
  const subs = new Subscriptions();
  for (const key of keys) {
    subs.add(key);
    const p = subs.owned.get(key)!;
    subs.seek(p, 0);
    subs.fill(p, [makeBatch(records(perPartition), 0, 4)]);
  }
  return subs;
}

const offsets = (polled: { partition: string; offset: number }[]) => polled.map((r) => `${r.partition}@${r.offset}`);

describe('the fetch buffer', () => {
  it('keeps only the records at or after the position when a fetched batch starts before it', () => {
    const subs = new Subscriptions();
    subs.add('t-0');
    const p = subs.owned.get('t-0')!;
    subs.seek(p, 7);
    const batch = makeBatch(records(5), 5, 2);
    subs.fill(p, [batch, makeBatch(records(2), 10, 3)]);
    expect(subs.buffered(p)).toBe(5);
    const polled = subs.drain(100);
    expect(offsets(polled)).toEqual(['t-0@7', 't-0@8', 't-0@9', 't-0@10', 't-0@11']);
    expect(polled[0]!.record).toBe(batch.records[2]);
    // The position moves past what poll returned, with the leader epoch of its last record (KIP-320).
    expect(p).toMatchObject({ position: 12, offsetEpoch: 3 });
    expect(subs.buffered(p)).toBe(0);
  });

  it('returns at most max.poll.records, and the next poll starts with the partition after the one that filled it', () => {
    const subs = owning(['t-0', 't-1', 't-2'], 3);
    expect(offsets(subs.drain(4))).toEqual(['t-0@0', 't-0@1', 't-0@2', 't-1@0']);
    expect(offsets(subs.drain(4))).toEqual(['t-2@0', 't-2@1', 't-2@2', 't-1@1']);
    expect(offsets(subs.drain(4))).toEqual(['t-1@2']);
    expect(subs.drain(4)).toEqual([]);
    const positions = [...subs.owned.values()].map((p: OwnedPartition) => p.position);
    expect(positions).toEqual([3, 3, 3]);
  });

  it('hands out every partition in turn when each has more than one poll takes, each record once and in offset order', () => {
    const subs = owning(['t-0', 't-1', 't-2'], 10);
    const polls: string[][] = [];
    for (let batch = subs.drain(4); batch.length > 0; batch = subs.drain(4)) polls.push(offsets(batch));
    expect(polls.slice(0, 6).map((poll) => poll[0]!.split('@')[0])).toEqual(['t-0', 't-1', 't-2', 't-0', 't-1', 't-2']);
    const all = polls.flat();
    expect(all).toHaveLength(30);
    for (const key of ['t-0', 't-1', 't-2']) expect(all.filter((r) => r.startsWith(`${key}@`))).toEqual(Array.from({ length: 10 }, (_, i) => `${key}@${i}`));
  });

  it('a poll that finds nothing buffered returns no records and leaves the positions alone', () => {
    const subs = owning(['t-0', 't-1'], 2);
    subs.drain(10);
    expect(subs.drain(10)).toEqual([]);
    expect([...subs.owned.values()].map((p) => [p.position, subs.buffered(p)])).toEqual([
      [2, 0],
      [2, 0],
    ]);
  });
});
