/**
 * Each producer's summary for the report (send-to-acknowledgement percentiles, first send, last
 * acknowledgement, failures), carried on from the last report instead of read from every record
 * each time: at 10 minutes of the ten-minute workload that read was over half of a report's
 * 80–100 ms, and the app asks for a report after every fork, seek and command.
 *
 * The record table's columns are stored in chunks of CHUNK ids (columns.ts). Record ids are given
 * in send order and a record's status settles once, so once every id of a chunk's range is given
 * and none of its records is pending, the chunk's part of the summary never changes: it is kept
 * (sorted latencies per producer), per table, in a WeakMap beside the engine, never in its state.
 * A chunk a checkpoint shares is frozen (a write copies it first), so its part is also kept by the
 * chunk itself: a table restored from that checkpoint (a seek, an undo) finds the parts of the
 * chunks it shares instead of reading and sorting every record again. Only the chunks not yet
 * final are read at each report, and the percentiles are picked from the sorted parts.
 */
import { CHUNK, getByte, getFloat, getInt, type Column } from './columns';
import { ACKNOWLEDGED, FAILED, PENDING } from './ledgerTypes';

/** What the summary reads of the ledger's record table. */
export interface RecordColumns {
  /** Records sent, and the last one's id. */
  readonly size: number;
  readonly lastId: number;
  readonly status: Column<Uint8Array>;
  readonly producerIndex: Column<Int32Array>;
  readonly sentAt: Column<Float64Array>;
  readonly ackedAt: Column<Float64Array>;
}

export interface ProducerSummary {
  /** Acknowledged records (the count of send-to-acknowledgement times). */
  acknowledged: number;
  /** Nearest-rank percentile (0 < q ≤ 1) of the send-to-acknowledgement times, ms; 0 when none. */
  latencyPercentile(q: number): number;
  firstSentAt: number;
  lastAckedAt: number;
  failed: number;
}

/** One chunk's records of one producer; `latencies` ascending. */
interface Part {
  latencies: Float64Array;
  firstSentAt: number;
  lastAckedAt: number;
  failed: number;
}
/** By producer index (1-based, as in the table's `producerIndex`). */
type Parts = Map<number, Part>;

/** Per table: the parts of its chunks 0, 1, … that are final. */
const finalParts = new WeakMap<RecordColumns, Parts[]>();
/** Per frozen status chunk: the part it makes with the other columns' chunks it was read with. */
const sharedParts = new WeakMap<Uint8Array, { producerIndex: Int32Array; sentAt: Float64Array; ackedAt: Float64Array; parts: Parts }>();

/** The summary of the producer at `index` (1-based, as in the table's `producerIndex`). */
export function producerSummary(table: RecordColumns, index: number): ProducerSummary {
  const finals = finalsOf(table);
  const pieces: Part[] = [];
  for (const parts of finals) {
    const p = parts.get(index);
    if (p) pieces.push(p);
  }
  const end = chunkEnd(table);
  for (let k = finals.length; k < end; k++) {
    const p = readChunk(table, k).get(index);
    if (p) pieces.push(p);
  }
  return summaryOf(pieces);
}

/** The table's final chunks, carried on from the last call. */
function finalsOf(table: RecordColumns): Parts[] {
  let finals = finalParts.get(table);
  if (!finals) finalParts.set(table, (finals = []));
  const lastId = lastIdOf(table);
  for (let k = finals.length; (k + 1) * CHUNK - 1 <= lastId && settled(table, k); k++) finals.push(partsOf(table, k));
  return finals;
}

/** The newest record's id (0: none yet). */
function lastIdOf(table: RecordColumns): number {
  return table.size > 0 ? table.lastId : 0;
}

/** One past the last chunk that holds a record. */
function chunkEnd(table: RecordColumns): number {
  return table.size > 0 ? Math.floor(lastIdOf(table) / CHUNK) + 1 : 0;
}

/** Is no record of chunk `k` pending? */
function settled(table: RecordColumns, k: number): boolean {
  for (let id = k * CHUNK; id < (k + 1) * CHUNK; id++) {
    if (getInt(table.producerIndex, id) > 0 && getByte(table.status, id) === PENDING) return false;
  }
  return true;
}

/** A final chunk's parts: the ones kept by its frozen chunks if another table read them, else read now. */
function partsOf(table: RecordColumns, k: number): Parts {
  const status = table.status.chunks[k];
  const producerIndex = table.producerIndex.chunks[k];
  const sentAt = table.sentAt.chunks[k];
  const ackedAt = table.ackedAt.chunks[k];
  const frozen = [table.status, table.producerIndex, table.sentAt, table.ackedAt].every((c) => c.owned[k] !== 1);
  if (!frozen || !status || !producerIndex || !sentAt || !ackedAt) return readChunk(table, k);
  const kept = sharedParts.get(status);
  if (kept && kept.producerIndex === producerIndex && kept.sentAt === sentAt && kept.ackedAt === ackedAt) return kept.parts;
  const parts = readChunk(table, k);
  sharedParts.set(status, { producerIndex, sentAt, ackedAt, parts });
  return parts;
}

/** Reads chunk `k`'s records into parts by producer. */
function readChunk(table: RecordColumns, k: number): Parts {
  const parts: Parts = new Map();
  const latencies = new Map<Part, number[]>();
  for (let id = Math.max(1, k * CHUNK); id < (k + 1) * CHUNK; id++) {
    const p = getInt(table.producerIndex, id);
    if (p <= 0) continue;
    let part = parts.get(p);
    if (!part) {
      parts.set(p, (part = { latencies: NONE, firstSentAt: Infinity, lastAckedAt: -Infinity, failed: 0 }));
      latencies.set(part, []);
    }
    const sentAt = getFloat(table.sentAt, id);
    part.firstSentAt = Math.min(part.firstSentAt, sentAt);
    const status = getByte(table.status, id);
    if (status === FAILED) part.failed++;
    if (status !== ACKNOWLEDGED) continue;
    const ackedAt = getFloat(table.ackedAt, id);
    latencies.get(part)!.push(ackedAt - sentAt);
    part.lastAckedAt = Math.max(part.lastAckedAt, ackedAt);
  }
  for (const [part, l] of latencies) part.latencies = Float64Array.from(l).sort();
  return parts;
}

const NONE = new Float64Array(0);

function summaryOf(pieces: readonly Part[]): ProducerSummary {
  let firstSentAt = Infinity;
  let lastAckedAt = -Infinity;
  let failed = 0;
  let acknowledged = 0;
  const sorted: Float64Array[] = [];
  for (const p of pieces) {
    firstSentAt = Math.min(firstSentAt, p.firstSentAt);
    lastAckedAt = Math.max(lastAckedAt, p.lastAckedAt);
    failed += p.failed;
    acknowledged += p.latencies.length;
    if (p.latencies.length > 0) sorted.push(p.latencies);
  }
  return {
    acknowledged,
    latencyPercentile: (q) => (acknowledged === 0 ? 0 : kthSmallest(sorted, Math.min(acknowledged - 1, Math.ceil(q * acknowledged) - 1))),
    firstSentAt,
    lastAckedAt,
    failed,
  };
}

/** How many values of the ascending array are at most `v` (the index of the first one above it). */
function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many values of the ascending arrays are at most `v`. */
function countAtMost(arrays: readonly Float64Array[], v: number): number {
  let n = 0;
  for (const a of arrays) n += upperBound(a, v);
  return n;
}

/**
 * The value at rank `k` (0-based) of the ascending arrays taken together, without merging them: a
 * bisection over values between the smallest and the largest, then the smallest value above the
 * lower bound (some array's value, so the answer is exact).
 */
function kthSmallest(arrays: readonly Float64Array[], k: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    lo = Math.min(lo, a[0]!);
    hi = Math.max(hi, a[a.length - 1]!);
  }
  if (countAtMost(arrays, lo) > k) return lo;
  // Invariant: at most k values are ≤ lo; more than k are ≤ hi.
  let converged = false;
  for (let i = 0; i < 200 && !converged; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) converged = true;
    else if (countAtMost(arrays, mid) > k) hi = mid;
    else lo = mid;
  }
  // Values a few hundred halvings apart (not send-to-acknowledgement times): sort them all.
  if (!converged) return Float64Array.from(arrays.flatMap((a) => [...a])).sort()[k]!;
  let best = Infinity;
  for (const a of arrays) {
    // The first value above lo in each array; the least of them is the answer.
    const l = upperBound(a, lo);
    if (l < a.length) best = Math.min(best, a[l]!);
  }
  return best;
}
