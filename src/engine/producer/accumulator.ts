/**
 * The RecordAccumulator: per topic, one deque of batches per partition. A record joins the last
 * batch of its partition's deque or opens a new one (taking batch.size from buffer.memory). The
 * Sender asks which leaders are ready and drains at most one batch per partition per request.
 */
import { Deque } from '../core/deque';
import { BATCH_OVERHEAD_BYTES, type RecordData } from '../model/batch';
import type { BufferPool } from './bufferPool';
import { ProducerBatch } from './producerBatch';
import { registerClass } from '../core/graphRegistry';

/** One partition's deque, and what the Sender and idempotence keep per partition. */
export class PartitionQueue {
  readonly batches = new Deque<ProducerBatch>();
  /** Records sent to this partition so far: each record's `sendSeq`, for the `reordered` count. */
  sendCount = 0;
  /** max.in.flight = 1: a drained partition is muted until its batch completes. */
  muted = false;
  // Idempotence (Kafka's TxnPartitionEntry).
  nextSequence = 0;
  lastAckedSequence = -1;
  /**
   * Drained and not yet settled (on the wire, or queued for a retry), by base sequence
   * (TxnPartitionEntry.inflightBatchesBySequence).
   */
  readonly inFlight: ProducerBatch[] = [];
  /**
   * An expired retry may have been written: the sequence after it, until the batches in flight
   * settle (TransactionManager.partitionsWithUnresolvedSequences); null when none.
   */
  unresolvedNextSequence: number | null = null;
  /** The producer epoch the sequences above belong to (TxnPartitionEntry.producerIdAndEpoch). */
  sequenceEpoch = -1;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}
}

/** The producer's live settings (a `set` action changes them in place). */
export interface AccumulatorSettings {
  readonly 'batch.size': number;
  readonly 'linger.ms': number;
}

export class RecordAccumulator {
  private readonly byTopic = new Map<string, PartitionQueue[]>();
  /** Every partition queue, in creation order (the Sender walks them). */
  readonly queues: PartitionQueue[] = [];

  constructor(
    private readonly settings: AccumulatorSettings,
    readonly pool: BufferPool,
  ) {}

  queue(topic: string, partition: number): PartitionQueue {
    let list = this.byTopic.get(topic);
    if (!list) {
      list = [];
      this.byTopic.set(topic, list);
    }
    let q = list[partition];
    if (!q) {
      q = new PartitionQueue(topic, partition);
      list[partition] = q;
      this.queues.push(q);
    }
    return q;
  }

  queuedBatches(topic: string, partition: number): number {
    return this.byTopic.get(topic)?.[partition]?.batches.length ?? 0;
  }

  /** Bytes a new batch for this record takes from buffer.memory. */
  allocationFor(recordBytes: number): number {
    return Math.max(this.settings['batch.size'], recordBytes + BATCH_OVERHEAD_BYTES);
  }

  /**
   * Appends to the partition's last open batch, or opens a new one if buffer.memory allows.
   * Returns the bytes the deque grew by, as RecordAppendResult.appendedBytes counts them: the
   * record's, or a new batch's with its header. 0: no room and no memory — the caller must wait
   * for `allocationFor(recordBytes)`.
   */
  tryAppend(q: PartitionQueue, record: RecordData, recordBytes: number, now: number): number {
    const last = q.batches.peekLast();
    if (last && last.tryAppend(record, recordBytes, this.settings['batch.size'])) return recordBytes;
    const bytes = this.allocationFor(recordBytes);
    if (!this.pool.tryAllocate(bytes)) return 0;
    return this.openBatch(q, record, recordBytes, bytes, now);
  }

  /** After waiting for memory: append, giving the memory back if a batch had room after all. */
  appendWithMemory(q: PartitionQueue, record: RecordData, recordBytes: number, allocatedBytes: number, now: number): number {
    const last = q.batches.peekLast();
    if (last && last.tryAppend(record, recordBytes, this.settings['batch.size'])) {
      this.pool.release(allocatedBytes);
      return recordBytes;
    }
    return this.openBatch(q, record, recordBytes, allocatedBytes, now);
  }

  private openBatch(q: PartitionQueue, record: RecordData, recordBytes: number, allocatedBytes: number, now: number): number {
    const last = q.batches.peekLast();
    if (last) last.closed = true;
    const batch = new ProducerBatch(q.topic, q.partition, now, allocatedBytes);
    batch.tryAppend(record, recordBytes, Infinity);
    q.batches.push(batch);
    return batch.sizeBytes;
  }

  /** RecordAccumulator.allBatchesFull: only the last batch of a deque may be incomplete. */
  allBatchesFull(q: PartitionQueue): boolean {
    const last = q.batches.peekLast();
    return !last || last.isFull(this.settings['batch.size']);
  }

  /**
   * Would a record of this size need a new batch? Then, as RecordAccumulator.tryAppend does when
   * the record does not fit, the last batch is closed for appends.
   */
  closeIfNoRoom(q: PartitionQueue, recordBytes: number): void {
    const last = q.batches.peekLast();
    if (last && !last.hasRoomFor(recordBytes, this.settings['batch.size'])) last.closed = true;
  }

  /**
   * RecordAccumulator.partitionReady for one partition's head batch: sendable when full (another
   * batch waits behind it, or it is closed), lingered long enough, or memory is exhausted; never
   * while a retry is backing off. Returns 0 if ready now, else the ms until it may be.
   */
  readyIn(q: PartitionQueue, now: number): number {
    const head = q.batches.peek();
    if (!head) return Infinity;
    const waited = now - head.lastAttemptMs;
    if (head.attempts > 0 && waited < head.backoffMs) return head.backoffMs - waited;
    const full = q.batches.length > 1 || head.closed;
    if (full || this.pool.exhausted) return 0;
    const linger = this.settings['linger.ms'];
    return waited >= linger ? 0 : linger - waited;
  }

  /** Puts a batch back for a retry (RecordAccumulator.reenqueue). */
  reenqueue(q: PartitionQueue, batch: ProducerBatch, backoffMs: number, now: number): void {
    batch.attempts++;
    batch.lastAttemptMs = now;
    batch.backoffMs = backoffMs;
    if (!batch.hasSequence) {
      q.batches.unshift(batch);
      return;
    }
    // insertInSequenceOrder: retried batches of an idempotent producer go back in sequence order.
    let i = 0;
    while (i < q.batches.length && q.batches.at(i)!.hasSequence && q.batches.at(i)!.baseSequence < batch.baseSequence) i++;
    q.batches.insertAt(i, batch);
  }

  /** Removes and returns queued batches past delivery.timeout.ms (RecordAccumulator.expiredBatches). */
  expireQueued(q: PartitionQueue, deliveryTimeoutMs: number, now: number): ProducerBatch[] {
    const expired: ProducerBatch[] = [];
    for (let head = q.batches.peek(); head && head.hasReachedDeliveryTimeout(deliveryTimeoutMs, now); head = q.batches.peek()) {
      q.batches.shift();
      head.closed = true;
      expired.push(head);
    }
    return expired;
  }

  /** A batch completed (or failed): its memory goes back to the pool, waking blocked sends. */
  deallocate(batch: ProducerBatch): void {
    this.pool.release(batch.allocatedBytes);
  }
}

registerClass('PartitionQueue', PartitionQueue, { blank: () => new PartitionQueue('', 0) });

registerClass('RecordAccumulator', RecordAccumulator, { blank: () => new RecordAccumulator(null as never, null as never) });
