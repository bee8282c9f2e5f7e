/**
 * What a consumer owns and where it stands (Kafka's SubscriptionState plus the fetch buffer): per
 * assigned partition the position (the next offset poll returns) and the records fetched but not
 * yet returned. poll() drains up to max.poll.records and moves positions past what it returns.
 */
import type { Batch, RecordData } from '../../model/batch';
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

/** What a poll that finds nothing returns (never changed: the caller keeps only non-empty batches). */
const NOTHING: PolledRecord[] = [];

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

  /** Appends the fetched batches' records at or after the position (whole batches may start before it). */
  fill(p: OwnedPartition, batches: readonly Batch[]): void {
    const from = p.position ?? 0;
    for (let bi = 0; bi < batches.length; bi++) {
      const b = batches[bi]!;
      const records = b.records;
      for (let i = Math.max(0, from - b.baseOffset); i < records.length; i++) p.buffer.push({ partition: p.key, offset: b.baseOffset + i, record: records[i]!, epoch: b.leaderEpoch });
    }
  }

  /** Moves the position, dropping what was buffered; `epoch` is the new position's offset epoch, when known. */
  seek(p: OwnedPartition, offset: number, epoch: number | null = null): void {
    p.position = offset;
    p.offsetEpoch = epoch;
    p.buffer = [];
    p.bufferHead = 0;
  }

  /** How many records are buffered? Buffers drained to their end are emptied on the way (as `drain` does). */
  private bufferedCount(): number {
    let n = 0;
    for (const p of this.owned.values()) {
      if (p.bufferHead < p.buffer.length) n += p.buffer.length - p.bufferHead;
      else if (p.buffer.length > 0) {
        p.buffer = [];
        p.bufferHead = 0;
      }
    }
    return n;
  }

  /** Takes up to `max` buffered records, moving positions past them (nothing: an empty array not to be changed). */
  drain(max: number): PolledRecord[] {
    const n = this.owned.size;
    if (n === 0 || max <= 0) return NOTHING;
    const buffered = this.bufferedCount();
    // Most polls find nothing buffered (a wake per answer): what the loops below do then.
    if (buffered === 0) {
      this.drainFrom = (this.drainFrom % n) + 1;
      return NOTHING;
    }
    // Partitions in turn from the `start`-th (in the map's order, no copy of it): from it to the
    // end, then from the first up to it; the records into an array of the size they fill.
    const start = this.drainFrom % n;
    const out = new Array<PolledRecord>(Math.min(buffered, max));
    let got = 0;
    let i = 0;
    for (const p of this.owned.values()) {
      if (got === out.length) break;
      if (i >= start) got = this.take(p, i, out, got, max);
      i++;
    }
    i = 0;
    for (const p of this.owned.values()) {
      if (i >= start || got === out.length) break;
      got = this.take(p, i, out, got, max);
      i++;
    }
    if (got < max) this.drainFrom = start + 1;
    return out;
  }

  /**
   * Moves the records buffered for `p` (the `i`-th owned) into `out` from `got` on, as many as fit;
   * returns how many `out` holds then. The next drain starts after the partition that filled `max`.
   */
  private take(p: OwnedPartition, i: number, out: PolledRecord[], got: number, max: number): number {
    while (p.bufferHead < p.buffer.length && got < out.length) {
      const r = p.buffer[p.bufferHead++]!;
      out[got++] = r;
      p.position = r.offset + 1;
      p.offsetEpoch = r.epoch;
    }
    if (p.bufferHead >= p.buffer.length) {
      p.buffer = [];
      p.bufferHead = 0;
    }
    if (got > 0 && got >= max) this.drainFrom = (i + 1) % this.owned.size;
    return got;
  }
}

registerClass('Subscriptions', Subscriptions, { blank: () => new Subscriptions() });
