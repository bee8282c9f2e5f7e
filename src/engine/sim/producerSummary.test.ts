/**
 * A producer's summary carried on between reports (producerSummary.ts) against the one-pass count
 * it replaced, after every step of random sends and settlements (acknowledged or failed, in any
 * order, some left pending for long) from two producers. A failure prints fast-check's seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getByte, getFloat, getInt } from './columns';
import { RecordTable } from './ledgerRecords';
import { ACKNOWLEDGED, FAILED } from './ledgerTypes';

/** The one-pass summary the report used before. */
function readAll(table: RecordTable, producer: string) {
  const index = table.producers.indexOf(producer) + 1;
  const latencies: number[] = [];
  let firstSentAt = Infinity;
  let lastAckedAt = -Infinity;
  let failed = 0;
  for (const id of table.ids) {
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
              expect(table.producerSummary(p), `${p} after step ${i}`).toEqual(readAll(table, p));
            }
          }
        }
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });
});
