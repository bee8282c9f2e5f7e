/**
 * One replica's log of one partition: segments of batches, the log start offset (LSO), the log end
 * offset (LEO), the high watermark (HW), the leader-epoch cache and the recovery point (what has
 * been fsynced; everything above it lives only in the page cache).
 *
 * Plain data and small functions; the broker decides when to call them.
 */
import type { Batch } from './batch';
import { EpochCache } from './epochCache';
import { ProducerStateTable } from './producerState';
import { countRecords, emptySegment, lowerBound, NO_BATCHES, segmentHolding, type DeletedSegment, type LogConfig, type Segment } from './segment';
import { registerClass } from '../core/graphRegistry';
import { growsOnly, rewrote } from '../core/graphShare';

// The segment types and searches live in segment.ts; re-exported so a log's readers import one file.
export { lowerBound, NO_BATCHES, segmentHolding, type DeletedSegment, type LogConfig, type Segment } from './segment';

export class PartitionLog {
  segments: Segment[] = [emptySegment(0)];
  logStartOffset = 0;
  logEndOffset = 0;
  highWatermark = 0;
  /** Offsets below this are on disk (fsynced); the rest only in the page cache. */
  recoveryPoint = 0;
  lastFlushTime = 0;
  readonly epochs = new EpochCache();
  /** Idempotent producers' last batches, for duplicate and sequence checks. */
  readonly producers = new ProducerStateTable();

  get activeSegment(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  get sizeBytes(): number {
    let size = 0;
    for (const s of this.segments) size += s.sizeBytes;
    return size;
  }

  /**
   * Epoch of the last batch, -1 when the log holds none: kept as batches come and go (a follower
   * compares it for every partition of every fetch; a walk to the last batch was a tenth of that).
   */
  private lastEpoch = -1;

  /** Epoch of the last batch in the log, -1 when the log holds none. */
  lastBatchEpoch(): number {
    return this.lastEpoch;
  }

  /** The last batch's epoch, found by walking back from the active segment (after batches went). */
  private findLastBatchEpoch(): number {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const batches = this.segments[i]!.batches;
      if (batches.length > 0) return batches[batches.length - 1]!.leaderEpoch;
    }
    return -1;
  }

  /**
   * Appends a batch whose offsets start at the LEO. Returns true when the append rolled a new
   * segment first (Kafka rolls when the batch would overflow `segment.bytes`, or when its records
   * are more than `segment.ms` younger than the segment's first record).
   */
  append(batch: Batch, config: LogConfig): boolean {
    if (batch.baseOffset !== this.logEndOffset) {
      throw new Error(`append at ${batch.baseOffset} but the log end offset is ${this.logEndOffset}`);
    }
    let active = this.activeSegment;
    let rolled = false;
    if (active.batches.length > 0) {
      // LogSegment.shouldRoll: time is measured between record timestamps, not by the clock.
      const tooBig = active.sizeBytes + batch.sizeBytes > config.segmentBytes;
      const tooOld = batch.maxTimestamp - active.firstTimestamp > config.segmentMs;
      if (tooBig || tooOld) {
        active = this.roll();
        rolled = true;
      }
    }
    if (active.batches.length === 0) active.firstTimestamp = batch.maxTimestamp;
    active.batches.push(batch);
    this.lastEpoch = batch.leaderEpoch;
    active.sizeBytes += batch.sizeBytes;
    if (batch.maxTimestamp > active.maxTimestamp) active.maxTimestamp = batch.maxTimestamp;
    this.logEndOffset = batch.lastOffset + 1;
    this.epochs.assign(batch.leaderEpoch, batch.baseOffset);
    this.producers.update(batch);
    return rolled;
  }

  /**
   * Starts a new active segment at the LEO. Kafka flushes the segment it rolls away from
   * (`UnifiedLog.roll` schedules `flushUptoOffsetExclusive(newSegment.baseOffset)`), so the
   * recovery point moves up to the new segment's base offset.
   */
  roll(): Segment {
    const segment = emptySegment(this.logEndOffset);
    this.segments.push(segment);
    this.recoveryPoint = Math.max(this.recoveryPoint, segment.baseOffset);
    return segment;
  }

  /** Batches from `fromOffset` (a batch boundary) on, up to about `maxBytes` (at least one batch). */
  read(fromOffset: number, maxBytes: number): readonly Batch[] {
    // Nothing to read (most follower fetches of a caught-up follower): one shared empty list.
    if (fromOffset >= this.logEndOffset) return NO_BATCHES;
    const out: Batch[] = [];
    let bytes = 0;
    let si = this.segmentIndexFor(fromOffset);
    for (; si < this.segments.length; si++) {
      const batches = this.segments[si]!.batches;
      let bi = lowerBound(batches, fromOffset);
      for (; bi < batches.length; bi++) {
        const b = batches[bi]!;
        if (out.length > 0 && bytes + b.sizeBytes > maxBytes) return out;
        out.push(b);
        bytes += b.sizeBytes;
      }
    }
    return out;
  }

  /**
   * `read`, kept to the batches wholly below `endOffset` (a consumer's fetch: the high watermark).
   * The same batches as `read(…).filter((b) => b.lastOffset < endOffset)`: those form a prefix of
   * the read, and the byte limit only ever stops it later. No copy, and the shared empty list when
   * there is nothing (most consumer fetches of a caught-up group).
   */
  readBelow(fromOffset: number, maxBytes: number, endOffset: number): readonly Batch[] {
    if (fromOffset >= this.logEndOffset || fromOffset >= endOffset) return NO_BATCHES;
    let out: Batch[] | null = null;
    let bytes = 0;
    for (let si = this.segmentIndexFor(fromOffset); si < this.segments.length; si++) {
      const batches = this.segments[si]!.batches;
      for (let bi = lowerBound(batches, fromOffset); bi < batches.length; bi++) {
        const b = batches[bi]!;
        if (b.lastOffset >= endOffset) return out ?? NO_BATCHES;
        if (out !== null && bytes + b.sizeBytes > maxBytes) return out;
        (out ??= []).push(b);
        bytes += b.sizeBytes;
      }
    }
    return out ?? NO_BATCHES;
  }

  /** Batches from the one holding `fromOffset` on, lazily (stop early: no array is built). */
  *batchesFrom(fromOffset: number): Generator<Batch> {
    if (fromOffset >= this.logEndOffset) return;
    let si = this.segmentIndexFor(fromOffset);
    let bi = lowerBound(this.segments[si]!.batches, fromOffset);
    for (; si < this.segments.length; si++, bi = 0) {
      const batches = this.segments[si]!.batches;
      for (; bi < batches.length; bi++) yield batches[bi]!;
    }
  }

  /** Every batch, oldest first. */
  *allBatches(): Generator<Batch> {
    for (const s of this.segments) yield* s.batches;
  }

  /** Ids of the records at or above `offset`, in offset order: what `truncateTo(offset)` would remove. */
  recordIdsFrom(offset: number): number[] {
    const ids: number[] = [];
    if (offset >= this.logEndOffset) return ids;
    for (let si = this.segmentIndexFor(offset); si < this.segments.length; si++) {
      for (const b of this.segments[si]!.batches) {
        if (b.lastOffset < offset) continue;
        b.records.forEach((r, i) => {
          if (b.baseOffset + i >= offset) ids.push(r.id);
        });
      }
    }
    return ids;
  }

  /** Drops every batch at or above `offset`. Returns how many records were removed. */
  truncateTo(offset: number): number {
    if (offset >= this.logEndOffset) return 0;
    let removed = 0;
    while (this.segments.length > 1 && this.activeSegment.baseOffset >= offset) {
      removed += countRecords(this.segments.pop()!.batches);
    }
    const active = this.activeSegment;
    rewrote(active.batches);
    while (active.batches.length > 0 && active.batches[active.batches.length - 1]!.baseOffset >= offset) {
      const b = active.batches.pop()!;
      active.sizeBytes -= b.sizeBytes;
      removed += b.records.length;
    }
    if (active.batches.length === 0) active.firstTimestamp = -1;
    active.maxTimestamp = active.batches.reduce((m, b) => Math.max(m, b.maxTimestamp), -1);
    this.logEndOffset = Math.max(offset, this.logStartOffset);
    this.highWatermark = Math.min(this.highWatermark, this.logEndOffset);
    this.recoveryPoint = Math.min(this.recoveryPoint, this.logEndOffset);
    this.epochs.truncateFromEnd(this.logEndOffset);
    this.producers.truncateTo(this.logEndOffset);
    this.lastEpoch = this.findLastBatchEpoch();
    return removed;
  }

  /** Empties the log and restarts it at `offset` (a follower that fell below the leader's LSO). */
  truncateFullyAndStartAt(offset: number): void {
    this.segments = [emptySegment(offset)];
    this.lastEpoch = -1;
    this.logStartOffset = offset;
    this.logEndOffset = offset;
    this.highWatermark = offset;
    this.recoveryPoint = offset;
    this.epochs.truncateFromEnd(0);
    this.producers.clear();
  }

  flush(now: number): void {
    this.recoveryPoint = this.logEndOffset;
    this.lastFlushTime = now;
  }

  /** Records in the page cache only. */
  unflushedRecords(): number {
    return this.logEndOffset - this.recoveryPoint;
  }

  /**
   * Retention (Kafka's `UnifiedLog.deleteOldSegments`): first by size, then by time. Whole
   * segments go, oldest first, and only segments wholly below the high watermark; the empty
   * active segment never does. If every segment goes, a new empty active segment starts at the
   * LEO, and the log start offset follows the first remaining segment.
   */
  deleteExpiredSegments(now: number, config: LogConfig): DeletedSegment[] {
    const deleted: DeletedSegment[] = [];
    if (config.retentionBytes >= 0) {
      let excess = this.sizeBytes - config.retentionBytes;
      this.deleteOldest('retention.bytes', deleted, (segment) => {
        if (excess - segment.sizeBytes < 0) return false;
        excess -= segment.sizeBytes;
        return true;
      });
    }
    if (config.retentionMs >= 0) {
      this.deleteOldest('retention.ms', deleted, (segment) => now - segment.maxTimestamp > config.retentionMs);
    }
    if (deleted.length > 0) {
      this.lastEpoch = this.findLastBatchEpoch();
      this.advanceLogStartOffset(this.segments[0]!.baseOffset);
    }
    return deleted;
  }

  /** `UnifiedLog.deletableSegments` + `deleteSegments`, for one retention rule. */
  private deleteOldest(reason: DeletedSegment['reason'], deleted: DeletedSegment[], expired: (segment: Segment) => boolean): void {
    for (;;) {
      const segment = this.segments[0]!;
      const isLast = this.segments.length === 1;
      const upperBound = isLast ? this.logEndOffset : this.segments[1]!.baseOffset;
      if ((isLast && segment.batches.length === 0) || upperBound > this.highWatermark || !expired(segment)) return;
      if (isLast) this.roll();
      this.segments.shift();
      deleted.push({ baseOffset: segment.baseOffset, endOffset: upperBound, reason, recordIds: segment.batches.flatMap((b) => b.records.map((r) => r.id)) });
    }
  }

  /** Moves the LSO forward (retention here, or the leader's LSO learned by a follower). */
  advanceLogStartOffset(offset: number): void {
    if (offset <= this.logStartOffset) return;
    if (offset > this.logEndOffset) {
      this.truncateFullyAndStartAt(offset);
      return;
    }
    while (this.segments.length > 1 && this.segments[1]!.baseOffset <= offset) this.segments.shift();
    this.lastEpoch = this.findLastBatchEpoch();
    this.logStartOffset = offset;
    // UnifiedLog.maybeIncrementLogStartOffset: nothing below the start is unflushed or uncommitted.
    this.highWatermark = Math.max(this.highWatermark, offset);
    this.recoveryPoint = Math.max(this.recoveryPoint, offset);
    this.epochs.truncateFromStart(offset);
  }

  private segmentIndexFor(offset: number): number {
    return segmentHolding(this.segments, offset);
  }
}

registerClass('PartitionLog', PartitionLog, {
  blank: () => new PartitionLog(),
  // A segment's batches change only by append, but in `truncateTo` (which says so): a checkpoint
  // shares their old chunks without comparing them (core/graphShare.ts).
  beforeEncode: (o) => {
    for (const s of (o as PartitionLog).segments) growsOnly(s.batches);
  },
});
