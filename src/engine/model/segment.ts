/**
 * A log's building blocks: the settings a log applies, its segments (batches with their size and
 * timestamps), what retention reports of a deleted segment, and the binary searches over segments
 * and batches by offset. Plain data and pure functions; the log (log.ts) holds and changes them.
 */
import type { Batch } from './batch';

/** The topic's effective log settings (topic override, else the broker's). */
export interface LogConfig {
  segmentBytes: number;
  segmentMs: number;
  /** null = never. */
  flushMessages: number | null;
  /** -1 = forever. */
  retentionMs: number;
  /** -1 = no limit. */
  retentionBytes: number;
}

export interface Segment {
  readonly baseOffset: number;
  batches: Batch[];
  sizeBytes: number;
  /** Timestamp of the first batch appended: `segment.ms` rolls count from it. */
  firstTimestamp: number;
  /** Largest record timestamp: time-based retention deletes by it. */
  maxTimestamp: number;
}

export interface DeletedSegment {
  baseOffset: number;
  endOffset: number;
  reason: 'retention.ms' | 'retention.bytes';
  /** The records the segment held, in offset order. */
  recordIds: number[];
}

export function emptySegment(baseOffset: number): Segment {
  return { baseOffset, batches: [], sizeBytes: 0, firstTimestamp: -1, maxTimestamp: -1 };
}

/** The empty batch list, shared (frozen: a list of batches is never changed once made). */
export const NO_BATCHES: readonly Batch[] = Object.freeze([]);

/** Index of the last segment whose base offset is ≤ offset (0 when none is). */
export function segmentHolding(segments: readonly { readonly baseOffset: number }[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.baseOffset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the first batch whose last offset is ≥ offset. */
export function lowerBound(batches: readonly Batch[], offset: number): number {
  let lo = 0;
  let hi = batches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (batches[mid]!.lastOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function countRecords(batches: readonly Batch[]): number {
  let n = 0;
  for (const b of batches) n += b.records.length;
  return n;
}
