/**
 * A producer's summary carried on between reports (producerSummary.ts) against the one-pass count
 * it replaced, after every step of random sends and settlements (acknowledged or failed, in any
 * order, some left pending for long) from two producers. A failure prints fast-check's seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK, getByte, getFloat, getInt, type Column } from './columns';
import { RecordTable } from './ledgerRecords';
import { ACKNOWLEDGED, FAILED } from './ledgerTypes';
import type { ProducerSummary } from './producerSummary';

/** The one-pass summary the report used before. */
function readAll(table: RecordTable, producer: string) {
  const index = table.producers.indexOf(producer) + 1;
  const latencies: number[] = [];
  let firstSentAt = Infinity;
  let lastAckedAt = -Infinity;
  let failed = 0;
  // Ids are dense (1, 2, 3 …): every sent record's id is at most the last one's.
  for (let id = 1; id <= table.lastId; id++) {
    if (getInt(table.producerIndex, id) !== index) continue;
    firstSentAt = Math.min(firstSentAt, getFloat(table.sentAt, id));
    const status = getByte(table.status, id);
    if (status === FAILED) failed++;
    if (status !== ACKNOWLEDGED) continue;
    latencies.push(getFloat(table.ackedAt, id) - getFloat(table.sentAt, id));
    lastAckedAt = Math.max(lastAckedAt, getFloat(table.ackedAt, id));
  }
  return { latencies: Float64Array.from(latencies).sort(), firstSentAt, lastAckedAt, failed };
}

/** Nearest-rank percentile of sorted values; 0 when there are none (what the report printed before). */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const QS = [0.01, 0.25, 0.5, 0.9, 0.99, 1];

/** What the report reads of a summary, from either kind. */
function plain(s: ProducerSummary | ReturnType<typeof readAll>) {
  const at = 'latencies' in s ? (q: number) => percentile(s.latencies, q) : (q: number) => s.latencyPercentile(q);
  const acknowledged = 'latencies' in s ? s.latencies.length : s.acknowledged;
  return { acknowledged, percentiles: QS.map(at), firstSentAt: s.firstSentAt, lastAckedAt: s.lastAckedAt, failed: s.failed };
}

type Step = { do: 'send'; producer: 'p1' | 'p2' } | { do: 'settle'; pick: number; failed: boolean } | { do: 'report' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ do: fc.constant('send' as const), producer: fc.constantFrom('p1' as const, 'p2' as const) }),
  fc.record({ do: fc.constant('settle' as const), pick: fc.nat(1000), failed: fc.boolean() }),
  fc.constant({ do: 'report' as const }),
);

describe("a producer's summary carried on between reports", () => {
  it('reads as a one-pass count at every report', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 80 }), (steps) => {
        const table = new RecordTable();
        const pending: number[] = [];
        let nextId = 1;
        let now = 0;
        for (const [i, s] of steps.entries()) {
          now += 1 + (i % 7);
          if (s.do === 'send') {
            table.add(nextId, s.producer, 0, now);
            pending.push(nextId++);
          } else if (s.do === 'settle' && pending.length > 0) {
            // Any pending record, not only the oldest: acknowledgements come out of send order.
            const [id] = pending.splice(s.pick % pending.length, 1);
            table.settle(id!, s.failed ? FAILED : ACKNOWLEDGED, 0, now);
          } else if (s.do === 'report') {
            for (const p of ['p1', 'p2']) {
              if (!table.producers.includes(p)) continue;
              expect(plain(table.producerSummary(p)), `${p} after step ${i}`).toEqual(plain(readAll(table, p)));
            }
          }
        }
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('reads as a one-pass count in tables of many chunks, and in copies that share their frozen chunks (a restore) and go their own ways', () => {
    const columns = ['status', 'partitionIndex', 'producerIndex', 'offset', 'leaderOffset', 'sentAt', 'ackedAt', 'sendSeq', 'copies', 'flags'] as const;
    /** What a checkpoint and its restore do: both tables hold the same chunks, frozen, and copy one before writing it. */
    const copyOf = (table: RecordTable): RecordTable => {
      const copy = new RecordTable();
      for (const name of columns) {
        const from = table[name] as Column<Uint8Array>;
        from.freeze();
        (copy[name] as Column<Uint8Array>).chunks.push(...from.chunks);
      }
      copy.size = table.size;
      copy.lastId = table.lastId;
      copy.producers.push(...table.producers);
      copy.counts.splice(0, 3, ...table.counts);
      return copy;
    };
    const act = fc.record({ sends: fc.integer({ min: 0, max: 900 }), settle: fc.integer({ min: 0, max: 100 }).map((n) => n / 100), copy: fc.boolean(), which: fc.nat() });
    fc.assert(
      fc.property(fc.array(act, { minLength: 3, maxLength: 12 }), fc.integer({ min: 1, max: 1000 }), (acts, seed) => {
        let random = seed;
        const next = () => (random = (random * 16807) % 2147483647) / 2147483647;
        const tables = [{ table: new RecordTable(), pending: [] as number[], nextId: 1, now: 0 }];
        for (const [i, a] of acts.entries()) {
          const at = tables[a.which % tables.length]!;
          for (let n = 0; n < a.sends; n++) {
            at.now += 1;
            at.table.add(at.nextId, next() < 0.7 ? 'p1' : 'p2', 0, at.now);
            at.pending.push(at.nextId++);
          }
          // Settle a share of the pending records, in any order; some stay pending for long.
          for (let n = Math.floor(a.settle * at.pending.length); n > 0; n--) {
            const [id] = at.pending.splice(Math.floor(next() * at.pending.length), 1);
            at.now += next() * 3;
            at.table.settle(id!, next() < 0.1 ? FAILED : ACKNOWLEDGED, 0, at.now);
          }
          if (a.copy) tables.push({ ...at, table: copyOf(at.table), pending: [...at.pending] });
          for (const p of ['p1', 'p2']) {
            if (!at.table.producers.includes(p)) continue;
            expect(plain(at.table.producerSummary(p)), `${p} after step ${i}`).toEqual(plain(readAll(at.table, p)));
          }
        }
        expect(CHUNK).toBeLessThan(900 * 12);
      }),
      { seed: 20261129, numRuns: 60 },
    );
  });
});
