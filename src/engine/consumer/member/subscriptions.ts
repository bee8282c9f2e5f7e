/**
 * What a consumer owns and where it stands (Kafka's SubscriptionState plus the fetch buffer): per
 * assigned partition the position (the next offset poll returns) and the records fetched but not
 * yet returned. poll() drains up to max.poll.records and moves positions past what it returns.
 */
import type { RecordData } from '../../model/batch';
import { registerClass } from '../../core/graphRegistry';
import { splitPartitionKey } from '../../sim/context';

export interface PolledRecord {
  partition: string;
  offset: number;
  record: RecordData;
  /** The leader epoch of the record's batch: the position's epoch once it is returned (KIP-320). */
  epoch: number;
}

export interface OwnedPartition {
  readonly key: string;
  readonly topic: string;
  readonly partition: number;
  /** null until it is known (committed offset fetched, or reset). */
  position: number | null;
  buffer: PolledRecord[];
  bufferHead: number;
  /** A position lookup (OffsetFetch or ListOffsets) is running. */
  seeking: boolean;
  /**
   * KIP-320 (Kafka's FetchPosition): the leader epoch of the record just before the position
   * (null when unknown: a position from a commit or a reset), and the leader epoch the position
   * was last checked against (null: not yet). A new leader epoch with a known offset epoch means
   * the position is checked with OffsetForLeaderEpoch before the next fetch (`validating`).
   */
  offsetEpoch: number | null;
  checkedEpoch: number | null;
  validating: boolean;
}

export class Subscriptions {
  readonly owned = new Map<string, OwnedPartition>();
  /** Rotates where draining starts, so no partition starves. */
  private drainFrom = 0;

  keys(): string[] {
    return [...this.owned.keys()];
  }

  add(key: string): void {
    if (this.owned.has(key)) return;
    const [topic, partition] = splitPartitionKey(key);
    this.owned.set(key, { key, topic, partition, position: null, buffer: [], bufferHead: 0, seeking: false, offsetEpoch: null, checkedEpoch: null, validating: false });
  }

  remove(key: string): void {
    this.owned.delete(key);
  }

  clear(): void {
    this.owned.clear();
  }

  buffered(p: OwnedPartition): number {
    return p.buffer.length - p.bufferHead;
  }

  /** The leader epochs of those positions, where known (what a commit of them carries, KIP-320). */
  positionEpochs(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of this.owned.values()) if (p.position !== null && p.offsetEpoch !== null) out[p.key] = p.offsetEpoch;
    return out;
  }

  /** Subscriptions.allConsumed: the position of every owned partition that has one. */
  positions(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const p of this.owned.values()) if (p.position !== null) out[p.key] = p.position;
    return out;
  }

  /** Appends fetched records at or after the position (whole batches may start before it). */
  fill(p: OwnedPartition, records: PolledRecord[]): void {
    const from = p.position ?? 0;
    for (const r of records) if (r.offset >= from) p.buffer.push(r);
  }

  /** Moves the position, dropping what was buffered; `epoch` is the new position's offset epoch, when known. */
  seek(p: OwnedPartition, offset: number, epoch: number | null = null): void {
    p.position = offset;
    p.offsetEpoch = epoch;
    p.buffer = [];
    p.bufferHead = 0;
  }

  /** Is any record buffered? Buffers drained to their end are emptied on the way (as `drain` does). */
  private anyBuffered(): boolean {
    let any = false;
    for (const p of this.owned.values()) {
      if (p.bufferHead < p.buffer.length) any = true;
      else if (p.buffer.length > 0) {
        p.buffer = [];
        p.bufferHead = 0;
      }
    }
    return any;
  }

  /** Takes up to `max` buffered records, moving positions past them. */
  drain(max: number): PolledRecord[] {
    const out: PolledRecord[] = [];
    if (this.owned.size === 0) return out;
    // Most polls find nothing buffered (a wake per answer): what the loop below does then, without
    // a copy of the partitions or a new empty buffer for each.
    if (max > 0 && !this.anyBuffered()) {
      this.drainFrom = (this.drainFrom % this.owned.size) + 1;
      return out;
    }
    const parts = [...this.owned.values()];
    const start = this.drainFrom % parts.length;
    for (let i = 0; i < parts.length && out.length < max; i++) {
      const p = parts[(start + i) % parts.length]!;
      while (p.bufferHead < p.buffer.length && out.length < max) {
        const r = p.buffer[p.bufferHead++]!;
        out.push(r);
        p.position = r.offset + 1;
        p.offsetEpoch = r.epoch;
      }
      if (p.bufferHead >= p.buffer.length) {
        p.buffer = [];
        p.bufferHead = 0;
      }
      if (out.length > 0 && out.length >= max) this.drainFrom = (start + i + 1) % parts.length;
    }
    if (out.length < max) this.drainFrom = start + 1;
    return out;
  }
}

registerClass('Subscriptions', Subscriptions, { blank: () => new Subscriptions() });
