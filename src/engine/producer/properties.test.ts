/**
 * The idempotent producer's promise under random fault schedules (crashes, restarts, cuts,
 * isolation, lost requests and answers, slow brokers): with acks=all, idempotence on, RF 3,
 * min.insync.replicas 2 and unclean election off, the final logs hold no duplicate, no record out
 * of the order it was sent, and every acknowledged record. fast-check prints the seed and the
 * shrunk schedule of any failure; replay it with `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run/run';

const NODES = ['b1', 'b2', 'b3', 'controller', 'p1'] as const;
const FAULT_WINDOW_MS = 30000;
const SETTLE_AT_MS = 35000;

type Fault =
  | { at: number; do: 'crash' | 'restart'; broker: number }
  | { at: number; do: 'cut'; between: [string, string] }
  | { at: number; do: 'isolate'; node: string }
  | { at: number; do: 'heal' }
  | { at: number; do: 'dropRequests' | 'dropResponses'; broker: number; count: number }
  | { at: number; do: 'slow'; broker: number; 'latency.ms': number };

const at = fc.integer({ min: 0, max: FAULT_WINDOW_MS });
const broker = fc.integer({ min: 1, max: 3 });
const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ at, do: fc.constantFrom('crash' as const, 'restart' as const), broker }),
  fc
    .tuple(at, fc.constantFrom(...NODES), fc.constantFrom(...NODES))
    .filter(([, a, b]) => a !== b)
    .map(([t, a, b]) => ({ at: t, do: 'cut' as const, between: [a, b] as [string, string] })),
  fc.record({ at, do: fc.constant('isolate' as const), node: fc.constantFrom(...NODES) }),
  fc.record({ at, do: fc.constant('heal' as const) }),
  fc.record({ at, do: fc.constantFrom('dropRequests' as const, 'dropResponses' as const), broker, count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ at, do: fc.constant('slow' as const), broker, 'latency.ms': fc.integer({ min: 0, max: 2000 }) }),
);

/** acks=all, idempotence, RF 3, min ISR 2, unclean off; keyed and unkeyed records; faults, then all healed. */
function idempotentScenario(seed: number, faults: Fault[]) {
  return {
    name: 'property: the idempotent producer under faults',
    seed,
    until: SETTLE_AT_MS + 60000,
    brokers: 3,
    topics: [{ name: 't', partitions: 2, 'replication.factor': 3 }],
    broker: { 'min.insync.replicas': 2, 'unclean.leader.election.enable': false, 'replica.lag.time.max.ms': 10000, 'leader.imbalance.check.interval.seconds': 20 },
    producers: [{ id: 'p1', acks: 'all', 'enable.idempotence': true, 'request.timeout.ms': 2000 }],
    network: { 'jitter.ms': 3 },
    script: [
      { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 200, every: 50, key: 'k{i}' },
      { at: 25, do: 'produce', producer: 'p1', topic: 't', count: 200, every: 50 },
      ...faults,
      { at: SETTLE_AT_MS, do: 'heal' },
      ...[1, 2, 3].flatMap((b) => [
        { at: SETTLE_AT_MS, do: 'slow', broker: b, 'latency.ms': 0 },
        { at: SETTLE_AT_MS, do: 'restart', broker: b },
      ]),
    ],
  };
}

describe('the idempotent producer under random faults (acks=all, RF 3, min.insync.replicas 2, unclean off)', () => {
  it('never duplicates, never reorders, never loses an acknowledged record', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fault, { maxLength: 8 }), (seed, faults) => {
        const report = runScenario(idempotentScenario(seed, faults));
        expect(report.records.sent).toBe(400);
        expect(report.records.duplicated).toBe(0);
        expect(report.records.reordered).toBe(0);
        expect(report.records.lostAcknowledged).toBe(0);
      }),
      { numRuns: 40, seed: 20260303, verbose: 1 },
    );
  }, 60_000);
});
