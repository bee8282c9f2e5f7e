/**
 * A batch as the producer holds it (Kafka's ProducerBatch): records for one partition, appended
 * while it is open, then drained into a ProduceRequest, possibly several times (retries).
 */
import { BATCH_OVERHEAD_BYTES, type Batch, type RecordData } from '../model/batch';
import { registerClass } from '../core/graphRegistry';

export class ProducerBatch {
  /** Appended to while open; trimmed to its length when drained (`close`). */
  records: RecordData[] = [];
  /** Header plus records, as the batch would go on the wire. */
  sizeBytes = BATCH_OVERHEAD_BYTES;
  maxTimestamp = -1;
  /** No more appends: it was full, or it has been drained. */
  closed = false;
  /** Times the batch was put back for a retry (Kafka's `attempts`). */
  attempts = 0;
  /** When it was created or last re-enqueued: linger and retry backoff count from here. */
  lastAttemptMs: number;
  /** Backoff to wait before the next try (0 before the first retry). */
  backoffMs = 0;
  /** Idempotence: set when first drained, kept across retries unless an epoch bump re-stamps it. */
  producerId = -1;
  producerEpoch = -1;
  baseSequence = -1;
  /** Re-stamped by an epoch bump (ProducerBatch.sequenceHasBeenReset). */
  sequenceReset = false;
  /** Settled (acknowledged or failed): late answers for it are ignored. */
  done = false;
  /** Drained at least once (counted in the producer's `batches`). */
  everSent = false;
  /** In a request that has not been answered yet. */
  onWire = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly createdMs: number,
    /** What it took from buffer.memory: batch.size, or the record's size if bigger. */
    readonly allocatedBytes: number,
  ) {
    this.lastAttemptMs = createdMs;
  }

  get recordCount(): number {
    return this.records.length;
  }

  get lastSequence(): number {
    return this.baseSequence + this.records.length - 1;
  }

  get hasSequence(): boolean {
    return this.baseSequence >= 0;
  }

  /** MemoryRecordsBuilder.hasRoomFor: the first record always fits. */
  hasRoomFor(recordBytes: number, limitBytes: number): boolean {
    return !this.closed && (this.records.length === 0 || this.sizeBytes + recordBytes <= limitBytes);
  }

  /** ProducerBatch.isFull: closed for appends, or its bytes reached the limit. */
  isFull(limitBytes: number): boolean {
    return this.closed || (this.records.length > 0 && this.sizeBytes >= limitBytes);
  }

  /** Appends if there is room; a batch a record did not fit in is closed (closeForRecordAppends). */
  tryAppend(record: RecordData, recordBytes: number, limitBytes: number): boolean {
    if (this.closed) return false;
    if (!this.hasRoomFor(recordBytes, limitBytes)) {
      this.closed = true;
      return false;
    }
    this.records.push(record);
    this.sizeBytes += recordBytes;
    if (record.timestamp > this.maxTimestamp) this.maxTimestamp = record.timestamp;
    return true;
  }

  /**
   * Closed for appends as it is drained into a request. Its records go to the leader's log and
   * live as long as the log does: an array grown by appends keeps spare capacity (17 slots for
   * the one or two records of most batches), which every collection then copies; an exact copy
   * does not.
   */
  close(): void {
    this.closed = true;
    this.records = this.records.slice();
  }

  /**
   * The wire form: unstamped offsets, with the idempotent producer's header fields. Built from
   * the sizes counted on append (the same as makeBatch would count), without a pass over records.
   */
  toWire(): Batch {
    return {
      baseOffset: -1,
      lastOffset: this.records.length - 2,
      leaderEpoch: -1,
      records: this.records,
      sizeBytes: this.sizeBytes,
      maxTimestamp: this.maxTimestamp,
      producerId: this.producerId,
      producerEpoch: this.producerEpoch,
      baseSequence: this.baseSequence,
    };
  }

  recordIds(): number[] {
    return this.records.map((r) => r.id);
  }

  /** ProducerBatch.hasReachedDeliveryTimeout */
  hasReachedDeliveryTimeout(deliveryTimeoutMs: number, now: number): boolean {
    return now - this.createdMs >= deliveryTimeoutMs;
  }
}

registerClass('ProducerBatch', ProducerBatch, { blank: () => new ProducerBatch('', 0, 0, 0) });
