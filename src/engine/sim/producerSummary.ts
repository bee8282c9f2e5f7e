/**
 * Each producer's summary for the report (send-to-acknowledgement times sorted, first send, last
 * acknowledgement, failures), carried on from the last report instead of read from every record
 * each time: at 10 minutes of the ten-minute workload that read was over half of a report's
 * 80–100 ms, and the app asks for a report after every fork, seek and command.
 *
 * A record's status settles once (ledgerRecords.ts `settle`), so the records before the first one
 * still pending never change: their part is kept, per producer, in a WeakMap beside the engine,
 * never in its state (a restored simulation has a new table and starts over). Only the records
 * from the first pending one on are read again.
 */
import { getByte, getFloat, getInt, type Column } from './columns';
import { ACKNOWLEDGED, FAILED, PENDING } from './ledgerTypes';

/** What the summary reads of the ledger's record table. */
export interface RecordColumns {
  readonly ids: readonly number[];
  readonly status: Column<Uint8Array>;
  readonly producerIndex: Column<Int32Array>;
  readonly sentAt: Column<Float64Array>;
  readonly ackedAt: Column<Float64Array>;
}

export interface ProducerSummary {
  /** Send-to-acknowledgement times of the acknowledged records, ms, ascending. */
  latencies: Float64Array;
  firstSentAt: number;
  lastAckedAt: number;
  failed: number;
}

interface Carried {
  /** Every record before this index in `ids` has settled. */
  settledUpTo: number;
  byProducer: Map<number, ProducerSummary>;
}

const carried = new WeakMap<RecordColumns, Carried>();

/** The summary of the producer at `index` (1-based, as in the table's `producerIndex`). */
export function producerSummary(table: RecordColumns, index: number): ProducerSummary {
  const c = settle(table);
  const kept = c.byProducer.get(index) ?? empty();
  const tail = empty();
  addRecords(table, c.settledUpTo, table.ids.length, (p) => (p === index ? tail : null));
  return {
    latencies: tail.latencies.length === 0 ? kept.latencies : mergeSorted(kept.latencies, tail.latencies.sort()),
    firstSentAt: Math.min(kept.firstSentAt, tail.firstSentAt),
    lastAckedAt: Math.max(kept.lastAckedAt, tail.lastAckedAt),
    failed: kept.failed + tail.failed,
  };
}

/** Moves the settled mark past every record settled since, adding them to their producers. */
function settle(table: RecordColumns): Carried {
  let c = carried.get(table);
  if (!c) carried.set(table, (c = { settledUpTo: 0, byProducer: new Map() }));
  let end = c.settledUpTo;
  while (end < table.ids.length && getByte(table.status, table.ids[end]!) !== PENDING) end++;
  if (end === c.settledUpTo) return c;
  const added = new Map<number, ProducerSummary>();
  addRecords(table, c.settledUpTo, end, (p) => added.get(p) ?? (added.set(p, empty()), added.get(p)!));
  for (const [p, more] of added) {
    const kept = c.byProducer.get(p) ?? empty();
    c.byProducer.set(p, {
      latencies: mergeSorted(kept.latencies, more.latencies.sort()),
      firstSentAt: Math.min(kept.firstSentAt, more.firstSentAt),
      lastAckedAt: Math.max(kept.lastAckedAt, more.lastAckedAt),
      failed: kept.failed + more.failed,
    });
  }
  c.settledUpTo = end;
  return c;
}

/** Adds records `ids[from..to)` to the summary `into` gives for their producer (null: skip). */
function addRecords(table: RecordColumns, from: number, to: number, into: (producer: number) => ProducerSummary | null): void {
  const grown = new Map<ProducerSummary, number[]>();
  for (let i = from; i < to; i++) {
    const id = table.ids[i]!;
    const s = into(getInt(table.producerIndex, id));
    if (!s) continue;
    s.firstSentAt = Math.min(s.firstSentAt, getFloat(table.sentAt, id));
    const status = getByte(table.status, id);
    if (status === FAILED) s.failed++;
    if (status !== ACKNOWLEDGED) continue;
    let latencies = grown.get(s);
    if (!latencies) grown.set(s, (latencies = []));
    latencies.push(getFloat(table.ackedAt, id) - getFloat(table.sentAt, id));
    s.lastAckedAt = Math.max(s.lastAckedAt, getFloat(table.ackedAt, id));
  }
  for (const [s, latencies] of grown) s.latencies = Float64Array.from(latencies);
}

function empty(): ProducerSummary {
  return { latencies: new Float64Array(0), firstSentAt: Infinity, lastAckedAt: -Infinity, failed: 0 };
}

/** Two ascending arrays as one. */
function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
