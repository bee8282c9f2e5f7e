/**
 * The ledger's per-record facts (sim/ledger.ts): what each record's producer sent, where it went,
 * what the producer was told and when. Record ids are dense (1, 2, 3 …), so the facts live in
 * typed columns indexed by id rather than in a million objects.
 */
import { registerClass } from '../core/graphRegistry';
import { float64Column, getByte, getInt, int32Column, putByte, putFloat, putInt, uint8Column } from './columns';
import { PENDING } from './ledgerTypes';
import { producerSummary, type ProducerSummary } from './producerSummary';

export class RecordTable {
  readonly status = uint8Column();
  /** Index of the record's partition in the ledger's tracks. */
  readonly partitionIndex = int32Column();
  /** 1-based index into `producers`, so 0 means "never sent". */
  readonly producerIndex = int32Column();
  readonly offset = int32Column();
  readonly leaderOffset = int32Column();
  readonly sentAt = float64Column();
  readonly ackedAt = float64Column();
  /** The record's send sequence (Batch record `sendSeq`), noted when it is first committed. */
  readonly sendSeq = int32Column();
  /** Committed copies in the lineage. */
  readonly copies = uint8Column();
  readonly flags = uint8Column();
  /**
   * How many records were sent, and the last one's id: all that is read of the ids (a list of every
   * id, 300,000 on the 10-minute workload, was copied whole by every restore).
   */
  size = 0;
  lastId = 0;
  readonly producers: string[] = [];
  /** Records per status (PENDING, ACKNOWLEDGED, FAILED). */
  readonly counts = [0, 0, 0];

  has(id: number): boolean {
    return getInt(this.producerIndex, id) > 0;
  }

  producerOf(id: number): string {
    return this.producers[getInt(this.producerIndex, id) - 1]!;
  }

  /** A record was sent (pending, no offset yet). */
  add(id: number, producer: string, partitionIndex: number, t: number): void {
    this.size++;
    this.lastId = id;
    putByte(this.status, id, PENDING);
    putInt(this.partitionIndex, id, partitionIndex);
    putInt(this.producerIndex, id, this.indexOfProducer(producer));
    putInt(this.offset, id, -1);
    putInt(this.leaderOffset, id, -1);
    putFloat(this.sentAt, id, t);
    putFloat(this.ackedAt, id, -1);
    this.counts[PENDING]!++;
  }

  /** The producer was told (acknowledged or failed); only a pending record settles, once. */
  settle(id: number, status: number, offset: number, t: number): void {
    if (!this.has(id) || getByte(this.status, id) !== PENDING) return;
    putByte(this.status, id, status);
    putInt(this.offset, id, offset);
    putFloat(this.ackedAt, id, t);
    this.counts[PENDING]!--;
    this.counts[status]!++;
  }

  /**
   * One producer's send-to-acknowledgement times (ms, sorted), when it first sent, when it was last
   * acknowledged, and how many failed (carried on between calls: producerSummary.ts).
   */
  producerSummary(producer: string): ProducerSummary {
    return producerSummary(this, this.producers.indexOf(producer) + 1);
  }

  /** 1-based, so 0 in the column means "never sent". */
  private indexOfProducer(producer: string): number {
    let index = this.producers.indexOf(producer);
    if (index < 0) index = this.producers.push(producer) - 1;
    return index + 1;
  }
}

registerClass('RecordTable', RecordTable, { blank: () => new RecordTable() });
