/** Cells of a replica's log as the snapshot and `Simulation.logWindow` show them. */
import type { Batch } from '../model/batch';
import type { PartitionLog } from '../model/log';
import type { LogCell } from './snapshot.types';

/** Cells of one log from `fromOffset`, at most `count`, oldest first. */
export function logCells(log: PartitionLog, fromOffset: number, count: number): LogCell[] {
  const out: LogCell[] = [];
  const from = Math.max(fromOffset, log.logStartOffset);
  const to = Math.min(log.logEndOffset, from + Math.max(0, count));
  if (from >= to) return out;
  for (const batch of batchesFrom(log, from)) {
    for (let i = 0; i < batch.records.length; i++) {
      const offset = batch.baseOffset + i;
      if (offset < from) continue;
      if (offset >= to) return out;
      const r = batch.records[i]!;
      out.push({
        offset,
        recordId: r.id,
        key: r.key,
        producer: r.producer,
        leaderEpoch: batch.leaderEpoch,
        flushed: offset < log.recoveryPoint,
        belowHighWatermark: offset < log.highWatermark,
      });
    }
  }
  return out;
}

/** Batches holding `from` and after, walking segments from the end (tails are near the end). */
function* batchesFrom(log: PartitionLog, from: number): Generator<Batch> {
  const segs = log.segments;
  let si = segs.length - 1;
  while (si > 0 && segs[si]!.baseOffset > from) si--;
  for (; si < segs.length; si++) {
    const batches = segs[si]!.batches;
    let bi = batches.length;
    while (bi > 0 && batches[bi - 1]!.lastOffset >= from) bi--;
    for (; bi < batches.length; bi++) yield batches[bi]!;
  }
}
