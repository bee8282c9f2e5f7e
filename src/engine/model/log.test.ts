/**
 * PartitionLog: one replica's log of one partition, with Kafka's offsets (log start, log end, high
 * watermark, recovery point), segments that roll and get deleted by retention, and the leader-epoch
 * cache kept in step with the batches.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_OVERHEAD_BYTES, makeBatch, RECORD_OVERHEAD_BYTES, type Batch, type RecordData } from './batch';
import { PartitionLog, type LogConfig } from './log';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Kafka's defaults: 1 GiB segments, rolled after 7 days, never flushed, kept 7 days, no size limit. */
const DEFAULTS: LogConfig = { segmentBytes: 1 << 30, segmentMs: 7 * DAY_MS, flushMessages: null, retentionMs: 7 * DAY_MS, retentionBytes: -1 };
const config = (overrides: Partial<LogConfig> = {}): LogConfig => ({ ...DEFAULTS, ...overrides });

/** A one-record batch with a 1-byte value and no key. */
const ONE_RECORD_BATCH_BYTES = BATCH_OVERHEAD_BYTES + RECORD_OVERHEAD_BYTES + 1;

let nextId = 1;
function record(timestamp: number): RecordData {
  return { id: nextId++, producer: 'p1', key: null, value: 'v', timestamp, sendSeq: nextId };
}

/** A batch of `count` records stamped at the log's end offset, as a leader would append it. */
function nextBatch(log: PartitionLog, opts: { count?: number; timestamp?: number; epoch?: number } = {}): Batch {
  const records = Array.from({ length: opts.count ?? 1 }, () => record(opts.timestamp ?? 0));
  return makeBatch(records, log.logEndOffset, opts.epoch ?? 0);
}

/** Appends one-record batches with the given timestamps, each at now = its timestamp. */
function appendAt(log: PartitionLog, timestamps: number[], cfg: LogConfig, epoch = 0): boolean[] {
  return timestamps.map((t) => log.append(nextBatch(log, { timestamp: t, epoch }), cfg));
}

const offsetsOf = (batches: Iterable<Batch>): number[] => [...batches].flatMap((b) => Array.from({ length: b.records.length }, (_, i) => b.baseOffset + i));
const segmentBases = (log: PartitionLog): number[] => log.segments.map((s) => s.baseOffset);

/** Segments of `perSegment` one-record batches each (rolled by segment.bytes). */
const bySize = (perSegment: number, overrides: Partial<LogConfig> = {}): LogConfig => config({ segmentBytes: perSegment * ONE_RECORD_BATCH_BYTES, ...overrides });

describe('PartitionLog: append', () => {
  it('starts empty at offset 0', () => {
    const log = new PartitionLog();
    expect([log.logStartOffset, log.logEndOffset, log.highWatermark, log.recoveryPoint]).toEqual([0, 0, 0, 0]);
    expect(log.lastBatchEpoch()).toBe(-1);
    expect(log.read(0, 1000)).toEqual([]);
  });

  it('appends batches at the log end offset and moves the LEO past their last offset', () => {
    const log = new PartitionLog();
    log.append(nextBatch(log, { count: 3 }), config());
    expect(log.logEndOffset).toBe(3);
    log.append(nextBatch(log, { count: 2 }), config());
    expect(log.logEndOffset).toBe(5);
    expect(offsetsOf(log.allBatches())).toEqual([0, 1, 2, 3, 4]);
    // Appending does not commit: the high watermark is the leader's business.
    expect(log.highWatermark).toBe(0);
  });

  it('refuses a batch whose base offset is not the log end offset (no gaps, no overwrites)', () => {
    const log = new PartitionLog();
    log.append(nextBatch(log), config());
    expect(() => log.append(makeBatch([record(0)], 5, 0), config())).toThrow(/log end offset is 1/);
    expect(() => log.append(makeBatch([record(0)], 0, 0), config())).toThrow();
    expect(log.logEndOffset).toBe(1);
  });

  it('records where each leader epoch starts, and the epoch of the last batch', () => {
    const log = new PartitionLog();
    log.append(nextBatch(log, { count: 2, epoch: 0 }), config());
    log.append(nextBatch(log, { epoch: 0 }), config());
    log.append(nextBatch(log, { epoch: 2 }), config());
    expect(log.epochs.all()).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 3 },
    ]);
    expect(log.lastBatchEpoch()).toBe(2);
  });
});

describe('PartitionLog: segment rolling', () => {
  it('rolls when the next batch would overflow segment.bytes (a batch that exactly fills it stays)', () => {
    const log = new PartitionLog();
    const rolled = appendAt(log, [0, 0, 0, 0, 0, 0, 0], bySize(3));
    expect(rolled).toEqual([false, false, false, true, false, false, true]);
    expect(segmentBases(log)).toEqual([0, 3, 6]);
    expect(log.segments.map((s) => s.sizeBytes)).toEqual([3, 3, 1].map((n) => n * ONE_RECORD_BATCH_BYTES));
    expect(log.sizeBytes).toBe(7 * ONE_RECORD_BATCH_BYTES);
  });

  it('never rolls an empty active segment, even for a batch larger than segment.bytes', () => {
    const log = new PartitionLog();
    expect(log.append(nextBatch(log, { count: 10 }), config({ segmentBytes: 10 }))).toBe(false);
    expect(segmentBases(log)).toEqual([0]);
    // The next batch cannot fit next to it: a new segment.
    expect(log.append(nextBatch(log), config({ segmentBytes: 10 }))).toBe(true);
    expect(segmentBases(log)).toEqual([0, 10]);
  });

  it('rolls once the active segment is older than segment.ms (counted from its first batch)', () => {
    const log = new PartitionLog();
    const cfg = config({ segmentMs: 1000 });
    expect(appendAt(log, [100, 600, 1099], cfg)).toEqual([false, false, false]);
    expect(appendAt(log, [1101], cfg)).toEqual([true]);
    expect(segmentBases(log)).toEqual([0, 3]);
    // The new segment's clock starts with its own first batch.
    expect(appendAt(log, [2000, 2100, 2102], cfg)).toEqual([false, false, true]);
    expect(segmentBases(log)).toEqual([0, 3, 6]);
  });

  it('measures segment.ms between record timestamps, strictly (LogSegment.shouldRoll)', () => {
    const log = new PartitionLog();
    const cfg = config({ segmentMs: 1000 });
    // Exactly segment.ms apart does not roll; a follower copying old records late does not roll
    // on every batch, because the records' own timestamps are close together.
    expect(appendAt(log, [0, 1000, 1000, 1001], cfg)).toEqual([false, false, false, true]);
    expect(segmentBases(log)).toEqual([0, 3]);
  });

  it('flushes the segment it rolls away from: the recovery point moves to the new segment', () => {
    const log = new PartitionLog();
    appendAt(log, [0, 0, 0], bySize(2));
    expect(log.recoveryPoint).toBe(2);
    expect(log.unflushedRecords()).toBe(1);
    appendAt(log, [0, 0], bySize(2));
    expect(log.recoveryPoint).toBe(4);
  });

  it('roll() starts an empty active segment at the LEO, and appends continue in it', () => {
    const log = new PartitionLog();
    appendAt(log, [0, 0], config());
    const segment = log.roll();
    expect(segment.baseOffset).toBe(2);
    expect(log.activeSegment).toBe(segment);
    expect(log.recoveryPoint).toBe(2);
    appendAt(log, [0], config());
    expect(log.activeSegment.batches.map((b) => b.baseOffset)).toEqual([2]);
  });
});

describe('PartitionLog: read', () => {
  const log = new PartitionLog();
  log.append(nextBatch(log, { count: 2 }), bySize(2));
  appendAt(log, [0, 0, 0, 0], bySize(2));
  // Batches: [0-1] | [2] [3] | [4] [5]  (a roll before offsets 2 and 4)

  it('reads by offset across segments up to the log end', () => {
    expect(segmentBases(log)).toEqual([0, 2, 4]);
    expect(offsetsOf(log.read(0, 1 << 20))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(offsetsOf(log.read(3, 1 << 20))).toEqual([3, 4, 5]);
  });

  it('returns the whole batch that contains the requested offset', () => {
    const batches = log.read(1, 1 << 20);
    expect(batches[0]!.baseOffset).toBe(0);
    expect(offsetsOf(batches)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('stops at maxBytes but always returns at least one batch', () => {
    expect(offsetsOf(log.read(2, 2 * ONE_RECORD_BATCH_BYTES))).toEqual([2, 3]);
    expect(offsetsOf(log.read(2, 2 * ONE_RECORD_BATCH_BYTES - 1))).toEqual([2]);
    expect(offsetsOf(log.read(2, 1))).toEqual([2]);
  });

  it('returns nothing at or past the log end offset', () => {
    expect(log.read(6, 1 << 20)).toEqual([]);
    expect(log.read(60, 1 << 20)).toEqual([]);
  });
});

describe('PartitionLog: truncateTo', () => {
  function threeSegments(): PartitionLog {
    const log = new PartitionLog();
    appendAt(log, [0, 0, 0], bySize(2), 0);
    appendAt(log, [0, 0, 0], bySize(2), 1);
    // [0 1] [2 | 3] [4 5]  epochs 0@0, 1@3
    return log;
  }

  it('drops every batch at or above the offset, whole segments included, and reports the records removed', () => {
    const log = threeSegments();
    expect(segmentBases(log)).toEqual([0, 2, 4]);
    expect(log.truncateTo(3)).toBe(3);
    expect(log.logEndOffset).toBe(3);
    expect(segmentBases(log)).toEqual([0, 2]);
    expect(offsetsOf(log.allBatches())).toEqual([0, 1, 2]);
    expect(log.activeSegment.sizeBytes).toBe(ONE_RECORD_BATCH_BYTES);
    // The log goes on from the new end.
    log.append(nextBatch(log, { epoch: 2 }), bySize(2));
    expect(offsetsOf(log.allBatches())).toEqual([0, 1, 2, 3]);
  });

  it('clamps the high watermark and the recovery point to the new end', () => {
    const log = threeSegments();
    log.highWatermark = 5;
    log.flush(0);
    expect(log.recoveryPoint).toBe(6);
    log.truncateTo(3);
    expect(log.highWatermark).toBe(3);
    expect(log.recoveryPoint).toBe(3);
  });

  it('keeps a lower high watermark and recovery point as they are', () => {
    const log = threeSegments();
    log.highWatermark = 1;
    expect(log.recoveryPoint).toBe(4);
    log.truncateTo(5);
    expect(log.highWatermark).toBe(1);
    expect(log.recoveryPoint).toBe(4);
  });

  it('forgets leader epochs that start at or beyond the new end', () => {
    const log = threeSegments();
    log.truncateTo(3);
    expect(log.epochs.all()).toEqual([{ epoch: 0, startOffset: 0 }]);
    expect(log.lastBatchEpoch()).toBe(0);
  });

  it('truncating to 0 empties the log', () => {
    const log = threeSegments();
    expect(log.truncateTo(0)).toBe(6);
    expect(log.logEndOffset).toBe(0);
    expect([...log.allBatches()]).toEqual([]);
    expect(log.epochs.all()).toEqual([]);
    expect(log.lastBatchEpoch()).toBe(-1);
  });

  it('does nothing at or beyond the log end offset', () => {
    const log = threeSegments();
    expect(log.truncateTo(6)).toBe(0);
    expect(log.truncateTo(100)).toBe(0);
    expect(log.logEndOffset).toBe(6);
    expect(offsetsOf(log.allBatches())).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('PartitionLog: recordIdsFrom', () => {
  it('lists the ids a truncation to an offset would remove, in offset order', () => {
    const log = new PartitionLog();
    appendAt(log, [0, 10, 20, 30], bySize(2));
    const ids = [...log.allBatches()].map((b) => b.records[0]!.id);
    expect(log.recordIdsFrom(1)).toEqual(ids.slice(1));
    expect(log.recordIdsFrom(4)).toEqual([]);
    expect(log.truncateTo(1)).toBe(3);
  });
});

describe('PartitionLog: retention (deleteExpiredSegments)', () => {
  /** [0 1] [2 3] [4 5] [6], timestamps 0, 10, ..., 60; everything committed. */
  function oldLog(): PartitionLog {
    const log = new PartitionLog();
    appendAt(log, [0, 10, 20, 30, 40, 50, 60], bySize(2, { retentionMs: -1 }));
    log.highWatermark = log.logEndOffset;
    return log;
  }

  it('deletes by time whole segments whose largest timestamp is older than retention.ms, oldest first', () => {
    const log = oldLog();
    const ids = [...log.allBatches()].map((b) => b.records[0]!.id);
    const deleted = log.deleteExpiredSegments(135, bySize(2, { retentionMs: 100 }));
    expect(deleted.map((d) => d.recordIds)).toEqual([ids.slice(0, 2), ids.slice(2, 4)]);
    expect(deleted).toMatchObject([
      { baseOffset: 0, endOffset: 2, reason: 'retention.ms' },
      { baseOffset: 2, endOffset: 4, reason: 'retention.ms' },
    ]);
    expect(segmentBases(log)).toEqual([4, 6]);
    expect(log.logStartOffset).toBe(4);
    expect(offsetsOf(log.allBatches())).toEqual([4, 5, 6]);
  });

  it('keeps a segment whose largest timestamp is exactly retention.ms old', () => {
    const log = oldLog();
    // The oldest segment's largest timestamp is 10.
    expect(log.deleteExpiredSegments(110, bySize(2, { retentionMs: 100 }))).toEqual([]);
    expect(log.logStartOffset).toBe(0);
    expect(log.deleteExpiredSegments(111, bySize(2, { retentionMs: 100 }))).toMatchObject([{ baseOffset: 0, endOffset: 2, reason: 'retention.ms' }]);
    expect(log.logStartOffset).toBe(2);
  });

  it('deletes by size while the log stays at or above retention.bytes without the segment', () => {
    const log = oldLog();
    // 7 batches; keep at least 4 batches' worth: two 2-batch segments go (7 → 5 → 3 would undershoot).
    const deleted = log.deleteExpiredSegments(0, bySize(2, { retentionMs: -1, retentionBytes: 4 * ONE_RECORD_BATCH_BYTES }));
    expect(deleted).toMatchObject([{ baseOffset: 0, endOffset: 2, reason: 'retention.bytes' }]);
    expect(log.sizeBytes).toBe(5 * ONE_RECORD_BATCH_BYTES);
    const more = log.deleteExpiredSegments(0, bySize(2, { retentionMs: -1, retentionBytes: 3 * ONE_RECORD_BATCH_BYTES }));
    expect(more).toMatchObject([{ baseOffset: 2, endOffset: 4, reason: 'retention.bytes' }]);
    expect(log.logStartOffset).toBe(4);
    expect(log.sizeBytes).toBe(3 * ONE_RECORD_BATCH_BYTES);
  });

  it('deletes nothing when retention.ms and retention.bytes are both -1 (keep forever)', () => {
    const log = oldLog();
    expect(log.deleteExpiredSegments(1e15, bySize(2, { retentionMs: -1, retentionBytes: -1 }))).toEqual([]);
    expect(log.logStartOffset).toBe(0);
  });

  it('never deletes a segment that is not wholly below the high watermark', () => {
    const log = oldLog();
    log.highWatermark = 3;
    const deleted = log.deleteExpiredSegments(1e9, bySize(2, { retentionMs: 100 }));
    expect(deleted.map((d) => d.baseOffset)).toEqual([0]);
    expect(log.logStartOffset).toBe(2);
    // Once the HW passes the segment, it goes too.
    log.highWatermark = 4;
    expect(log.deleteExpiredSegments(1e9, bySize(2, { retentionMs: 100 })).map((d) => d.baseOffset)).toEqual([2]);
    expect(log.logStartOffset).toBe(4);
  });

  it('deletes nothing while the high watermark is 0, however old the records', () => {
    const log = oldLog();
    log.highWatermark = 0;
    expect(log.deleteExpiredSegments(1e9, bySize(2, { retentionMs: 1, retentionBytes: 0 }))).toEqual([]);
    expect(log.logStartOffset).toBe(0);
  });

  it('deleting every segment rolls a new empty active segment at the LEO, which becomes the log start offset', () => {
    const log = oldLog();
    const deleted = log.deleteExpiredSegments(1e9, bySize(2, { retentionMs: 100 }));
    expect(deleted.map((d) => [d.baseOffset, d.endOffset])).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 7],
    ]);
    expect(segmentBases(log)).toEqual([7]);
    expect(log.activeSegment.batches).toEqual([]);
    expect(log.logStartOffset).toBe(7);
    expect(log.logEndOffset).toBe(7);
    expect(log.sizeBytes).toBe(0);
    // Offsets keep growing: retention never reuses an offset.
    log.append(nextBatch(log), bySize(2));
    expect(offsetsOf(log.allBatches())).toEqual([7]);
  });

  it('an empty log has nothing to delete', () => {
    const log = new PartitionLog();
    expect(log.deleteExpiredSegments(1e12, config({ retentionMs: 0, retentionBytes: 0 }))).toEqual([]);
    expect(segmentBases(log)).toEqual([0]);
  });

  it('moves the epoch cache forward with the log start offset', () => {
    const log = new PartitionLog();
    appendAt(log, [0, 0], bySize(2), 0);
    appendAt(log, [0, 0, 100], bySize(2), 1);
    log.highWatermark = log.logEndOffset;
    // [0 1](e0) [2 3](e1) [4](e1)
    log.deleteExpiredSegments(150, bySize(2, { retentionMs: 100 }));
    expect(log.logStartOffset).toBe(4);
    expect(log.epochs.all()).toEqual([{ epoch: 1, startOffset: 4 }]);
  });
});

describe('PartitionLog: log start offset', () => {
  function sixInThreeSegments(): PartitionLog {
    const log = new PartitionLog();
    appendAt(log, [0, 0], bySize(2), 0);
    appendAt(log, [0, 0, 0, 0], bySize(2), 3);
    return log; // [0 1](e0) [2 3] [4 5](e3)
  }

  it('advanceLogStartOffset drops the segments wholly below it and keeps the one containing it', () => {
    const log = sixInThreeSegments();
    log.advanceLogStartOffset(3);
    expect(log.logStartOffset).toBe(3);
    expect(segmentBases(log)).toEqual([2, 4]);
    expect(log.logEndOffset).toBe(6);
    expect(log.epochs.all()).toEqual([{ epoch: 3, startOffset: 3 }]);
  });

  it('advanceLogStartOffset raises the high watermark and the recovery point to the new start', () => {
    const log = sixInThreeSegments();
    log.recoveryPoint = 0;
    log.highWatermark = 0;
    log.advanceLogStartOffset(5);
    expect([log.highWatermark, log.recoveryPoint]).toEqual([5, 5]);
    // A power loss now loses only what is above the start: the deleted records are not "lost".
    expect(log.unflushedRecords()).toBe(1);
  });

  it('advanceLogStartOffset never moves the log start offset backwards', () => {
    const log = sixInThreeSegments();
    log.advanceLogStartOffset(4);
    log.advanceLogStartOffset(2);
    expect(log.logStartOffset).toBe(4);
    expect(segmentBases(log)).toEqual([4]);
  });

  it('advanceLogStartOffset beyond the log end empties the log and restarts it there', () => {
    const log = sixInThreeSegments();
    log.advanceLogStartOffset(10);
    expect([log.logStartOffset, log.logEndOffset, log.highWatermark, log.recoveryPoint]).toEqual([10, 10, 10, 10]);
    expect([...log.allBatches()]).toEqual([]);
    expect(log.epochs.all()).toEqual([]);
  });

  it('truncateFullyAndStartAt empties the log and restarts every offset at the given one', () => {
    const log = sixInThreeSegments();
    log.highWatermark = 6;
    log.truncateFullyAndStartAt(20);
    expect([log.logStartOffset, log.logEndOffset, log.highWatermark, log.recoveryPoint]).toEqual([20, 20, 20, 20]);
    expect(segmentBases(log)).toEqual([20]);
    expect([...log.allBatches()]).toEqual([]);
    expect(log.epochs.all()).toEqual([]);
    expect(log.lastBatchEpoch()).toBe(-1);
    log.append(makeBatch([record(0)], 20, 5), config());
    expect(log.logEndOffset).toBe(21);
    expect(log.epochs.all()).toEqual([{ epoch: 5, startOffset: 20 }]);
  });
});

describe('PartitionLog: flush and the page cache', () => {
  it('everything appended is unflushed (page cache only) until a flush', () => {
    const log = new PartitionLog();
    log.append(nextBatch(log, { count: 3 }), config());
    log.append(nextBatch(log, { count: 2 }), config());
    expect(log.unflushedRecords()).toBe(5);
    log.flush(42);
    expect(log.unflushedRecords()).toBe(0);
    expect(log.recoveryPoint).toBe(5);
    expect(log.lastFlushTime).toBe(42);
    log.append(nextBatch(log), config());
    expect(log.unflushedRecords()).toBe(1);
  });

  it('a power loss (truncating to the recovery point) keeps exactly the flushed records', () => {
    const log = new PartitionLog();
    appendAt(log, [0, 0, 0], config());
    log.flush(0);
    appendAt(log, [0, 0], config());
    const lost = log.unflushedRecords();
    expect(log.truncateTo(log.recoveryPoint)).toBe(lost);
    expect(offsetsOf(log.allBatches())).toEqual([0, 1, 2]);
  });
});

describe('PartitionLog: the last batch\'s epoch', () => {
  /** What lastBatchEpoch must say: the epoch of the last batch of the last segment holding any. */
  const walked = (log: PartitionLog): number => [...log.allBatches()].reduce((_, b) => b.leaderEpoch, -1);
  const step = fc.oneof(
    fc.record({ do: fc.constant('append' as const), epoch: fc.integer({ min: 0, max: 4 }), count: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ do: fc.constant('truncate' as const), back: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ do: fc.constant('retain' as const), keep: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ do: fc.constant('advanceStart' as const), by: fc.integer({ min: 0, max: 8 }) }),
    fc.record({ do: fc.constant('roll' as const) }),
  );

  it('stays the last batch\'s through appends, truncation, retention, a moved log start and rolls', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const log = new PartitionLog();
        const cfg = bySize(2);
        for (const s of steps) {
          if (s.do === 'append') log.append(nextBatch(log, { count: s.count, epoch: Math.max(s.epoch, log.lastBatchEpoch()) }), cfg);
          else if (s.do === 'truncate') log.truncateTo(Math.max(log.logStartOffset, log.logEndOffset - s.back));
          else if (s.do === 'retain') {
            log.highWatermark = log.logEndOffset;
            log.deleteExpiredSegments(0, bySize(2, { retentionBytes: s.keep * ONE_RECORD_BATCH_BYTES }));
          } else if (s.do === 'advanceStart') log.advanceLogStartOffset(log.logStartOffset + s.by);
          else log.roll();
          expect(log.lastBatchEpoch()).toBe(walked(log));
        }
      }),
      { seed: 31, numRuns: 400 },
    );
  });
});
