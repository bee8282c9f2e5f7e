/**
 * Records and batches: plain, immutable data shared by reference between replicas (a follower
 * stores the very batch object its leader sent — offsets and epochs are the same on every
 * replica, as in Kafka where followers copy batches byte for byte).
 */

export interface RecordData {
  /** Unique across the simulation: the ledger's handle on this record. */
  readonly id: number;
  readonly producer: string;
  readonly key: string | null;
  readonly value: string;
  /** CreateTime, virtual ms. */
  readonly timestamp: number;
  /** The order in which the producer sent records to this partition (for `reordered`). */
  readonly sendSeq: number;
}

export interface Batch {
  readonly baseOffset: number;
  /** Inclusive. */
  readonly lastOffset: number;
  readonly leaderEpoch: number;
  readonly records: readonly RecordData[];
  readonly sizeBytes: number;
  readonly maxTimestamp: number;
  /** The idempotent producer's stamp (RecordBatch header); NO_PRODUCER_ID (-1) when not idempotent. */
  readonly producerId: number;
  readonly producerEpoch: number;
  /** Sequence number of the first record; -1 (NO_SEQUENCE) when not idempotent. */
  readonly baseSequence: number;
}


/**
 * Size the playground gives a record batch on disk: Kafka's v2 batch header is 61 bytes, and each
 * record adds a few bytes of varint framing around its key and value. These are rounded figures:
 * they only need to make segment and retention sizes behave like Kafka's in proportion.
 */
export const BATCH_OVERHEAD_BYTES = 61;
export const RECORD_OVERHEAD_BYTES = 10;

/** UTF-8 length of a string, without allocating. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function recordSizeBytes(r: RecordData): number {
  return RECORD_OVERHEAD_BYTES + (r.key === null ? 0 : utf8Length(r.key)) + utf8Length(r.value);
}

/**
 * Stamps records with offsets and the leader's epoch, without a producer id (Kafka's
 * RecordBatch.NO_PRODUCER_ID): batches that do not come from an idempotent producer.
 */
export function makeBatch(records: readonly RecordData[], baseOffset: number, leaderEpoch: number): Batch {
  let size = BATCH_OVERHEAD_BYTES;
  let maxTimestamp = -1;
  for (const r of records) {
    size += recordSizeBytes(r);
    if (r.timestamp > maxTimestamp) maxTimestamp = r.timestamp;
  }
  return {
    baseOffset,
    lastOffset: baseOffset + records.length - 1,
    leaderEpoch,
    records,
    sizeBytes: size,
    maxTimestamp,
    producerId: -1,
    producerEpoch: -1,
    baseSequence: -1,
  };
}

/** The leader's copy of a producer's batch: same records and header, its offsets and epoch. */
export function stampBatch(sent: Batch, baseOffset: number, leaderEpoch: number): Batch {
  // One literal in Batch's field order (makeBatch's, ProducerBatch.toWire's), not a spread: the
  // log keeps this object as long as the record lives, and a spread's copy came out half as big
  // again. Same fields in the same order: the same JSON.
  return {
    baseOffset,
    lastOffset: baseOffset + sent.records.length - 1,
    leaderEpoch,
    records: sent.records,
    sizeBytes: sent.sizeBytes,
    maxTimestamp: sent.maxTimestamp,
    producerId: sent.producerId,
    producerEpoch: sent.producerEpoch,
    baseSequence: sent.baseSequence,
  };
}

/** A batch as the producer builds it, before the leader assigns offsets and epoch. */
export function unstampedBatch(records: readonly RecordData[]): Batch {
  return makeBatch(records, -1, -1);
}
