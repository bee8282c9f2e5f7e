/**
 * The leader-epoch cache (Kafka's LeaderEpochFileCache): epoch → start offset. It is what lets a
 * follower truncate to where its log really diverges from the leader's (KIP-101, KIP-279) instead
 * of to its high watermark.
 */
import { describe, expect, it } from 'vitest';
import { EpochCache } from './epochCache';

function cacheOf(...entries: [epoch: number, startOffset: number][]): EpochCache {
  const cache = new EpochCache();
  for (const [epoch, start] of entries) cache.assign(epoch, start);
  return cache;
}

const pairs = (cache: EpochCache): [number, number][] => cache.all().map((e) => [e.epoch, e.startOffset]);

describe('EpochCache.assign', () => {
  it('records each new epoch with the offset where it starts, in order', () => {
    const cache = cacheOf([0, 0], [2, 5], [4, 9]);
    expect(pairs(cache)).toEqual([
      [0, 0],
      [2, 5],
      [4, 9],
    ]);
    expect(cache.latestEpoch()).toBe(4);
    expect(cache.startOffsetOf(2)).toBe(5);
    expect(cache.startOffsetOf(3)).toBeUndefined();
  });

  it('an empty cache has no latest epoch', () => {
    expect(new EpochCache().latestEpoch()).toBe(-1);
    expect(new EpochCache().all()).toEqual([]);
  });

  it('ignores the same epoch again at a later offset (every batch of an epoch calls assign)', () => {
    const cache = cacheOf([0, 0], [0, 3], [0, 7], [1, 8], [1, 9]);
    expect(pairs(cache)).toEqual([
      [0, 0],
      [1, 8],
    ]);
  });

  it('replaces an entry at the same start offset: that older epoch never held a record', () => {
    // A leader elected in epoch 1 at offset 5 that wrote nothing, then epoch 2 starting at 5.
    const cache = cacheOf([0, 0], [1, 5], [2, 5]);
    expect(pairs(cache)).toEqual([
      [0, 0],
      [2, 5],
    ]);
  });

  it('an older epoch arriving at the latest entry’s start replaces it (a leader that never wrote, then followed)', () => {
    // This replica was elected in epoch 2 at offset 5 and wrote nothing; as a follower it then
    // copies epoch-1 batches from offset 5 on (LeaderEpochFileCache drops non-monotonic entries).
    const cache = cacheOf([0, 0], [2, 5]);
    cache.assign(1, 5);
    expect(pairs(cache)).toEqual([
      [0, 0],
      [1, 5],
    ]);
  });

  it('a newer epoch starting below the latest entry drops every entry at or above its start', () => {
    const cache = cacheOf([0, 0], [2, 5], [3, 7]);
    cache.assign(4, 5);
    expect(pairs(cache)).toEqual([
      [0, 0],
      [4, 5],
    ]);
  });
});

describe('EpochCache.endOffsetFor (KIP-101 OffsetsForLeaderEpoch)', () => {
  // Epoch 0 holds offsets 0-4, epoch 2 holds 5-8, epoch 4 holds 9 to the log end (12).
  const cache = cacheOf([0, 0], [2, 5], [4, 9]);
  const LEO = 12;

  it('a known epoch ends where the next epoch starts', () => {
    expect(cache.endOffsetFor(0, LEO)).toEqual({ epoch: 0, endOffset: 5 });
    expect(cache.endOffsetFor(2, LEO)).toEqual({ epoch: 2, endOffset: 9 });
  });

  it('the latest epoch ends at the log end offset', () => {
    expect(cache.endOffsetFor(4, LEO)).toEqual({ epoch: 4, endOffset: 12 });
    expect(cache.endOffsetFor(4, 20)).toEqual({ epoch: 4, endOffset: 20 });
  });

  it('an epoch this replica never saw answers with the largest epoch below it and that epoch’s end', () => {
    expect(cache.endOffsetFor(1, LEO)).toEqual({ epoch: 0, endOffset: 5 });
    expect(cache.endOffsetFor(3, LEO)).toEqual({ epoch: 2, endOffset: 9 });
  });

  it('an epoch older than every known one ends where the first known epoch starts (its records are gone)', () => {
    const trimmed = cacheOf([2, 5], [4, 9]);
    expect(trimmed.endOffsetFor(1, LEO)).toEqual({ epoch: 1, endOffset: 5 });
  });

  it('an epoch newer than the latest is UNDEFINED', () => {
    expect(cache.endOffsetFor(7, LEO)).toEqual({ epoch: -1, endOffset: -1 });
  });

  it('answers epoch -1 and offset -1 (UNDEFINED) for an empty cache or the undefined epoch', () => {
    expect(new EpochCache().endOffsetFor(0, 7)).toEqual({ epoch: -1, endOffset: -1 });
    expect(new EpochCache().endOffsetFor(5, 7)).toEqual({ epoch: -1, endOffset: -1 });
    expect(cache.endOffsetFor(-1, LEO)).toEqual({ epoch: -1, endOffset: -1 });
  });

  it('KIP-101 scenario 2: the leader tells a follower where their common epoch ended', () => {
    // A led epoch 0 and wrote offsets 0 and 1; B copied only offset 0. Both died; B came back
    // first, led epoch 1 and wrote its own offset 1. A, now a follower, asks B about epoch 0.
    const a = cacheOf([0, 0]);
    const b = cacheOf([0, 0], [1, 1]);
    expect(b.endOffsetFor(0, 2)).toEqual({ epoch: 0, endOffset: 1 });
    // A's own epoch 0 runs to its log end (2): it must cut offset 1, which B never had.
    expect(a.endOffsetFor(0, 2)).toEqual({ epoch: 0, endOffset: 2 });
  });
});

describe('EpochCache truncation', () => {
  it('truncateFromEnd forgets epochs that start at or beyond the new log end', () => {
    const cache = cacheOf([0, 0], [2, 5], [4, 9]);
    cache.truncateFromEnd(10);
    expect(pairs(cache)).toEqual([
      [0, 0],
      [2, 5],
      [4, 9],
    ]);
    cache.truncateFromEnd(9);
    expect(pairs(cache)).toEqual([
      [0, 0],
      [2, 5],
    ]);
    cache.truncateFromEnd(6);
    expect(cache.latestEpoch()).toBe(2);
    cache.truncateFromEnd(5);
    expect(pairs(cache)).toEqual([[0, 0]]);
    cache.truncateFromEnd(0);
    expect(pairs(cache)).toEqual([]);
  });

  it('truncateFromStart keeps the epoch that contains the new log start, now starting there', () => {
    const cache = cacheOf([0, 0], [2, 5], [4, 9]);
    cache.truncateFromStart(7);
    expect(pairs(cache)).toEqual([
      [2, 7],
      [4, 9],
    ]);
  });

  it('truncateFromStart at an epoch boundary drops the epochs before it', () => {
    const cache = cacheOf([0, 0], [2, 5], [4, 9]);
    cache.truncateFromStart(9);
    expect(pairs(cache)).toEqual([[4, 9]]);
  });

  it('truncateFromStart past every epoch start keeps the latest epoch, starting at the new log start', () => {
    const cache = cacheOf([0, 0], [2, 5], [4, 9]);
    cache.truncateFromStart(11);
    expect(pairs(cache)).toEqual([[4, 11]]);
    expect(cache.endOffsetFor(4, 12)).toEqual({ epoch: 4, endOffset: 12 });
  });

  it('truncateFromStart below the first epoch start changes nothing', () => {
    const cache = cacheOf([2, 5], [4, 9]);
    cache.truncateFromStart(3);
    expect(pairs(cache)).toEqual([
      [2, 5],
      [4, 9],
    ]);
  });
});
