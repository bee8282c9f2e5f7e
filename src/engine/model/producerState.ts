/**
 * What a partition's log remembers about each idempotent producer (Kafka's ProducerStateManager):
 * its epoch and the last five batches it wrote — first and last sequence, first and last offset.
 * Every replica keeps it, updated on every append (leader or follower), so a new leader can tell
 * a retried batch from a new one.
 *
 * Kafka rebuilds this from snapshots and the log after a truncation; here a truncation drops the
 * entries at or above the truncation point, which leaves the same last sequence per producer.
 */
import type { Batch } from './batch';
import { registerClass } from '../core/graphRegistry';

/** ProducerStateEntry.NUM_BATCHES_TO_RETAIN */
export const BATCHES_TO_RETAIN = 5;

export interface BatchMetadata {
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
}

interface ProducerEntry {
  epoch: number;
  batches: BatchMetadata[];
}

/** The verdict on a batch an idempotent producer wants appended. */
export type SequenceCheck =
  | { kind: 'append' }
  /** Already written: answer with the original offsets, append nothing. */
  | { kind: 'duplicate'; baseOffset: number; lastOffset: number }
  | { kind: 'error'; error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH' | 'DUPLICATE_SEQUENCE_NUMBER' };

export class ProducerStateTable {
  private readonly producers = new Map<number, ProducerEntry>();

  /**
   * ProducerAppendInfo.checkProducerEpoch + checkSequence and the duplicate lookup of
   * UnifiedLog.analyzeAndValidateProducerState, for a batch arriving at the leader.
   */
  check(batch: Batch): SequenceCheck {
    if (batch.producerId < 0) return { kind: 'append' };
    const entry = this.producers.get(batch.producerId);
    const lastSeq = batch.baseSequence + batch.records.length - 1;
    if (entry && batch.producerEpoch < entry.epoch) return { kind: 'error', error: 'INVALID_PRODUCER_EPOCH' };
    if (!entry || batch.producerEpoch > entry.epoch) {
      // A new producer, or a bumped epoch: its sequence starts over at 0. (Kafka accepts any
      // sequence from a producer it has no state for at all, since retention may have deleted its
      // batches; producer state here outlives retention, so a missing entry means a new producer.)
      return batch.baseSequence === 0 ? { kind: 'append' } : { kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
    }
    const duplicate = entry.batches.find((b) => b.firstSeq === batch.baseSequence && b.lastSeq === lastSeq);
    if (duplicate) return { kind: 'duplicate', baseOffset: duplicate.firstOffset, lastOffset: duplicate.lastOffset };
    const first = entry.batches[0];
    const last = entry.batches[entry.batches.length - 1];
    // Older than the five batches remembered: written long ago, but its offsets are forgotten.
    // The client takes this as success without an offset (Sender.completeBatch's
    // DUPLICATE_SEQUENCE_NUMBER case).
    if (first && last && batch.baseSequence < first.firstSeq && lastSeq <= last.lastSeq) return { kind: 'error', error: 'DUPLICATE_SEQUENCE_NUMBER' };
    const expected = last ? last.lastSeq + 1 : 0;
    return batch.baseSequence === expected ? { kind: 'append' } : { kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
  }

  /** Records an appended batch (leader and followers alike). */
  update(batch: Batch): void {
    if (batch.producerId < 0) return;
    let entry = this.producers.get(batch.producerId);
    if (!entry || batch.producerEpoch > entry.epoch) {
      entry = { epoch: batch.producerEpoch, batches: [] };
      this.producers.set(batch.producerId, entry);
    }
    entry.batches.push({
      firstSeq: batch.baseSequence,
      lastSeq: batch.baseSequence + batch.records.length - 1,
      firstOffset: batch.baseOffset,
      lastOffset: batch.lastOffset,
    });
    if (entry.batches.length > BATCHES_TO_RETAIN) entry.batches.shift();
  }

  /** Forgets batches at or above `offset` (the log was truncated there). */
  truncateTo(offset: number): void {
    for (const [id, entry] of this.producers) {
      entry.batches = entry.batches.filter((b) => b.lastOffset < offset);
      if (entry.batches.length === 0) this.producers.delete(id);
    }
  }

  clear(): void {
    this.producers.clear();
  }
}

registerClass('ProducerStateTable', ProducerStateTable, { blank: () => new ProducerStateTable() });
