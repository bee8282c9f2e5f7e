/**
 * The ledger's committed lineage of a partition (sim/ledger.ts): what a consumer could read, the
 * leader's log below its high watermark, followed as the high watermark moves and cut where a new
 * leader's log departs from it.
 */
import type { TraceEventOf, Traced } from '../core/trace';
import { lowerBound, segmentHolding, type PartitionLog } from '../model/log';
import type { Column } from './columns';
import type { Track } from './ledgerTypes';

/** Where each newly committed record goes. */
export interface Placer {
  place(t: Track, offset: number, record: { id: number; producer: string; sendSeq: number }, e: Traced<TraceEventOf<'HighWatermarkAdvanced'>>): void;
}

/** Reads the records from the track's cursor up to the new high watermark into the lineage. */
export function readCommitted(t: Track, log: PartitionLog, e: Traced<TraceEventOf<'HighWatermarkAdvanced'>>, placer: Placer): void {
  // Every HW advance passes here: plain index loops over the segments (log.batchesFrom's walk,
  // without a generator), usually over the last batch or two.
  const from = Math.max(t.cursor, log.logStartOffset);
  const segments = log.segments;
  if (from < log.logEndOffset) {
    let si = segmentHolding(segments, from);
    let bi = lowerBound(segments[si]!.batches, from);
    walk: for (; si < segments.length; si++, bi = 0) {
      const batches = segments[si]!.batches;
      for (; bi < batches.length; bi++) {
        const b = batches[bi]!;
        for (let i = 0; i < b.records.length; i++) {
          const offset = b.baseOffset + i;
          if (offset < t.cursor) continue;
          if (offset >= e.highWatermark) break;
          placer.place(t, offset, b.records[i]!, e);
        }
        if (b.lastOffset + 1 >= e.highWatermark) break walk;
      }
    }
  }
  t.cursor = Math.max(t.cursor, e.highWatermark);
}

/**
 * A new leader's log is the partition's truth: the lineage is cut where it departs from that log
 * (an unclean election), each removed record losing a committed copy. Returns the ids the new
 * leader's log holds, and whether anything committed was cut.
 */
export function cutLineage(t: Track, log: PartitionLog, copies: Column<Uint8Array>): { held: Set<number>; cut: boolean } {
  const held = new Map<number, number>();
  for (const b of log.allBatches()) b.records.forEach((r, i) => held.set(b.baseOffset + i, r.id));
  let cut = t.cursor;
  for (let o = Math.max(log.logStartOffset, 0); o < t.cursor; o++) {
    const id = t.lineage.get(o);
    if (id > 0 && held.get(o) !== id) {
      cut = o;
      break;
    }
  }
  for (let o = cut; o < t.cursor; o++) {
    const id = t.lineage.get(o);
    if (id > 0) copies.set(id, Math.max(0, copies.get(id) - 1));
    t.lineage.set(o, 0);
  }
  const wasCut = cut < t.cursor;
  t.cursor = cut;
  return { held: new Set(held.values()), cut: wasCut };
}

/**
 * After a cut, each producer's reordering marker ("the latest record it sent that is committed")
 * is taken again from the lineage that survives: a record committed from now on is judged against
 * records a consumer can still read, not against records the cut removed (which have their own
 * verdict, RecordLost, when they were acknowledged). Kafka's order guarantee is the order of the
 * partition's log (Log/UnifiedLog appends in offset order; a consumer reads offsets in order); after
 * an unclean election that log is the new leader's (Partition.makeLeader: the new leader keeps its
 * own log; the old leader truncates to it on return, ReplicaFetcherThread via
 * OffsetsForLeaderEpoch), so the removed records are no longer "before" anything.
 * `sendSeqOf` gives a committed record's send sequence (ids of one producer and partition are
 * allocated in send order, so the highest id is the highest sequence).
 */
export function rebaseLatest(t: Track, producerOf: (id: number) => string, sendSeqOf: (id: number) => number): void {
  t.latest.clear();
  for (let o = 0; o < t.cursor; o++) {
    const id = t.lineage.get(o);
    if (id <= 0) continue;
    const producer = producerOf(id);
    const latest = t.latest.get(producer);
    if (!latest || id > latest.id) t.latest.set(producer, { seq: sendSeqOf(id), id });
  }
}
