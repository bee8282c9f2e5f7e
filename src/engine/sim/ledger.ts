/**
 * The ledger: every record's fate, classified from the trace. It knows what was sent and what
 * the producers were told; at the end the report compares that with the final logs.
 *
 * Record ids are dense (1, 2, 3 …), so the ledger keeps one typed array per field, indexed by id:
 * a million records cost a few typed arrays instead of a million objects.
 */
import type { TraceEvent } from '../core/trace';
import { partitionKey } from './context';

export type RecordStatus = 'pending' | 'acknowledged' | 'failed';
const STATUSES: readonly RecordStatus[] = ['pending', 'acknowledged', 'failed'];
const PENDING = 0;
const ACKNOWLEDGED = 1;
const FAILED = 2;

/** One record's entry, as the report reads it. */
export interface LedgerEntry {
  readonly id: number;
  readonly producer: string;
  readonly topic: string;
  readonly partition: number;
  readonly status: RecordStatus;
  /** Offset the producer was told (-1 for acks=0, unknown). */
  readonly offset: number;
  /** Where a leader last appended it (-1 if none did): stands in for `offset` under acks=0. */
  readonly leaderOffset: number;
  /** Virtual time of send(), and of the acknowledgement (-1 if none). */
  readonly sentAt: number;
  readonly ackedAt: number;
}

class Column<A extends Int32Array | Float64Array | Uint8Array> {
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}

  ensure(index: number): void {
    if (index < this.data.length) return;
    let n = this.data.length * 2;
    while (n <= index) n *= 2;
    const bigger = this.make(n);
    bigger.set(this.data);
    this.data = bigger;
  }
}

const int32 = (n: number): Int32Array => new Int32Array(n);
const float64 = (n: number): Float64Array => new Float64Array(n);
const uint8 = (n: number): Uint8Array => new Uint8Array(n);

export class Ledger {
  private readonly status = new Column(uint8(1024), uint8);
  private readonly partitionIndex = new Column(int32(1024), int32);
  private readonly producerIndex = new Column(int32(1024), int32);
  private readonly offset = new Column(int32(1024), int32);
  private readonly leaderOffset = new Column(int32(1024), int32);
  private readonly sentAt = new Column(float64(1024), float64);
  private readonly ackedAt = new Column(float64(1024), float64);
  /** Every id seen, in send order. */
  private ids: number[] = [];
  private readonly partitions: { topic: string; partition: number }[] = [];
  /** topic → partition → index into `partitions`. */
  private readonly partitionIndexOf = new Map<string, number[]>();
  private readonly producers: string[] = [];
  private readonly counts = [0, 0, 0];

  observe(event: TraceEvent): void {
    switch (event.type) {
      case 'RecordSent':
        return this.sent(event.recordId, event.producer, event.topic, event.partition, event.t);
      case 'Acked': {
        const ids = event.recordIds;
        for (let i = 0; i < ids.length; i++) this.settle(ids[i]!, ACKNOWLEDGED, event.offset < 0 ? -1 : event.offset + i, event.t);
        return;
      }
      case 'Appended':
        if (event.role === 'leader') {
          const ids = event.recordIds;
          for (let i = 0; i < ids.length; i++) if (this.has(ids[i]!)) this.leaderOffset.data[ids[i]!] = event.baseOffset + i;
        }
        return;
      case 'SendFailed':
        for (const id of event.recordIds) this.settle(id, FAILED, -1, -1);
        return;
      default:
        return;
    }
  }

  get size(): number {
    return this.ids.length;
  }

  count(status: RecordStatus): number {
    return this.counts[STATUSES.indexOf(status)]!;
  }

  has(id: number): boolean {
    return id < this.producerIndex.data.length && this.producerIndex.data[id]! > 0;
  }

  entry(id: number): LedgerEntry {
    const p = this.partitions[this.partitionIndex.data[id]!]!;
    return {
      id,
      producer: this.producers[this.producerIndex.data[id]! - 1]!,
      topic: p.topic,
      partition: p.partition,
      status: STATUSES[this.status.data[id]!]!,
      offset: this.offset.data[id]!,
      leaderOffset: this.leaderOffset.data[id]!,
      sentAt: this.sentAt.data[id]!,
      ackedAt: this.ackedAt.data[id]!,
    };
  }

  /** Ids of the records sent to each partition (`topic-partition`), in send order. */
  idsByPartition(): Map<string, number[]> {
    const out = new Map<string, number[]>();
    const lists = this.partitions.map((p) => {
      const list: number[] = [];
      out.set(partitionKey(p.topic, p.partition), list);
      return list;
    });
    for (const id of this.ids) lists[this.partitionIndex.data[id]!]!.push(id);
    return out;
  }

  isAcknowledged(id: number): boolean {
    return this.status.data[id] === ACKNOWLEDGED;
  }

  /**
   * One producer's records in one pass: send-to-acknowledgement times of the acknowledged ones
   * (ms, sorted), when it first sent, when it was last acknowledged, and how many failed.
   */
  producerSummary(producer: string): { latencies: Float64Array; firstSentAt: number; lastAckedAt: number; failed: number } {
    const index = this.producers.indexOf(producer) + 1;
    const latencies: number[] = [];
    let firstSentAt = Infinity;
    let lastAckedAt = -Infinity;
    let failed = 0;
    for (const id of this.ids) {
      if (this.producerIndex.data[id] !== index) continue;
      firstSentAt = Math.min(firstSentAt, this.sentAt.data[id]!);
      const status = this.status.data[id];
      if (status === FAILED) failed++;
      if (status !== ACKNOWLEDGED) continue;
      latencies.push(this.ackedAt.data[id]! - this.sentAt.data[id]!);
      lastAckedAt = Math.max(lastAckedAt, this.ackedAt.data[id]!);
    }
    return { latencies: Float64Array.from(latencies).sort(), firstSentAt, lastAckedAt, failed };
  }

  private sent(id: number, producer: string, topic: string, partition: number, t: number): void {
    if (id >= this.status.data.length) {
      for (const column of [this.status, this.partitionIndex, this.producerIndex, this.offset, this.leaderOffset, this.sentAt, this.ackedAt]) column.ensure(id);
    }
    this.ids.push(id);
    this.status.data[id] = PENDING;
    this.partitionIndex.data[id] = this.indexOfPartition(topic, partition);
    this.producerIndex.data[id] = this.indexOfProducer(producer);
    this.offset.data[id] = -1;
    this.leaderOffset.data[id] = -1;
    this.sentAt.data[id] = t;
    this.ackedAt.data[id] = -1;
    this.counts[PENDING]!++;
  }

  private settle(id: number, status: number, offset: number, t: number): void {
    if (!this.has(id) || this.status.data[id] !== PENDING) return;
    this.status.data[id] = status;
    this.offset.data[id] = offset;
    this.ackedAt.data[id] = t;
    this.counts[PENDING]!--;
    this.counts[status]!++;
  }

  private indexOfPartition(topic: string, partition: number): number {
    let byPartition = this.partitionIndexOf.get(topic);
    if (!byPartition) this.partitionIndexOf.set(topic, (byPartition = []));
    let index = byPartition[partition];
    if (index === undefined) {
      index = this.partitions.length;
      this.partitions.push({ topic, partition });
      byPartition[partition] = index;
    }
    return index;
  }

  /** 1-based, so 0 in the column means "never sent". */
  private indexOfProducer(producer: string): number {
    let index = this.producers.indexOf(producer);
    if (index < 0) index = this.producers.push(producer) - 1;
    return index + 1;
  }
}
