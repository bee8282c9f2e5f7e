/**
 * Reordering verdicts across an unclean election that removes committed records.
 *
 * The smallest case: orders-0 on [b1, b2], unclean election on, min.insync.replicas 1. The link
 * b1–b2 is cut at 1 s, so b2 (holding records 1–10) drops out of the ISR and b1 commits alone.
 * One produce request (record 51) is lost on the wire at 5 s; records 52–70 are written and
 * acknowledged by b1 alone. b1 crashes at 7 s; record 51's request fails with the connection and
 * is retried; when b1's session expires b2 is elected uncleanly with records 1–10, and 11–50 and
 * 52–70 (acknowledged) are lost. Record 51 then reaches b2 and is written after record 10.
 *
 * The ledger used to keep, per producer, the latest record it had seen committed (70) after the
 * election cut it away, and called 51 "reordered after 70" — a record no log holds any more. The
 * partition's order is its log's (a consumer reads 1–10, 51), and the report counted 0 reordered.
 * Kafka itself: without idempotence the new leader appends what arrives (its log becomes the
 * partition's; the old leader truncates to it on return); with idempotence the new leader's
 * producer state (rebuilt from its own log) sees a sequence gap, answers OUT_OF_ORDER_SEQUENCE_NUMBER,
 * and the idempotent producer bumps its epoch and resends from sequence 0
 * (TransactionManager.canRetry → requestIdempotentEpochBumpForPartition, KIP-360), keeping the
 * send order.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEventOf, Traced } from '../core/trace';
import { createSimulation } from './simulation';

function scenario(count: number, producer: Record<string, unknown> = { acks: '1', 'enable.idempotence': false }) {
  return {
    name: 'unclean election after a lost request',
    seed: 1,
    until: 30000,
    brokers: 3,
    topics: [{ name: 'orders', partitions: 1, 'replication.factor': 2, 'replica.assignment': [[1, 2]] }],
    broker: { 'min.insync.replicas': 1, 'unclean.leader.election.enable': true, 'replica.lag.time.max.ms': 2000 },
    producers: [{ id: 'p1', 'max.in.flight.requests.per.connection': 5, 'request.timeout.ms': 30000, ...producer }],
    script: [
      { at: 0, do: 'produce', producer: 'p1', topic: 'orders', count, every: 100, key: 'k{i}' },
      { at: 1000, do: 'cut', between: ['b1', 'b2'] },
      { at: 5000, do: 'dropRequests', broker: 1, count: 1 },
      { at: 7000, do: 'crash', broker: 1 },
    ],
  };
}

function run(input: unknown) {
  const sim = createSimulation(input);
  const idOfKey = new Map<string, number>();
  const reordered: TraceEventOf<'RecordReordered'>[] = [];
  const lost = new Set<number>();
  const errors: TraceEventOf<'ProduceErrored'>[] = [];
  let election: Traced | undefined;
  sim.subscribe((e) => {
    if (e.type === 'RecordSent') idOfKey.set(e.key ?? '', e.recordId);
    else if (e.type === 'RecordReordered') reordered.push(e);
    else if (e.type === 'RecordLost') lost.add(e.recordId);
    else if (e.type === 'ProduceErrored') errors.push(e);
    else if (e.type === 'LeaderElected' && e.unclean) election = e;
  });
  sim.runUntil(30000);
  const report = sim.report({ logs: true });
  const log = report.logs!['orders-0']!.map((r) => idOfKey.get(r.key ?? '')!);
  return { sim, report, reordered, lost, errors, election, log };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('an unclean election cuts committed records: reordering is judged against what survives', () => {
  const r = run(scenario(70));

  it('b2 is elected uncleanly with records 1–10; the 59 acknowledged records only b1 had are lost', () => {
    expect(r.election).toMatchObject({ leader: 2, unclean: true });
    expect([...r.lost].sort((a, b) => a - b)).toEqual([...range(11, 50), ...range(52, 70)]);
    expect(r.report.records.lostAcknowledged).toBe(59);
  });

  it('the retried record 51 lands right after record 10: in order, and no verdict says otherwise', () => {
    expect(r.log).toEqual([...range(1, 10), 51]);
    expect(r.reordered).toEqual([]);
    expect(r.report.records.reordered).toBe(0);
    expect(r.report.records.acknowledged).toBe(70);
  });

  it("record 51's story: its retry after the crash, the write by the new leader, its acknowledgement, and no verdict", () => {
    const story = r.sim.story(51);
    const retried = story.findIndex((e) => e.type === 'ProduceErrored' && e.willRetry);
    const written = story.findIndex((e) => e.type === 'Appended' && e.role === 'leader' && e.broker === 2);
    const acked = story.findIndex((e) => e.type === 'Acked');
    expect(retried).toBeGreaterThanOrEqual(0);
    expect(written).toBeGreaterThan(retried);
    expect(acked).toBeGreaterThan(written);
    expect(story.some((e) => e.type.startsWith('Record') && e.type !== 'RecordSent')).toBe(false);
  });

  it("a lost record's story ends in its RecordLost, caused by the unclean election", () => {
    const story = r.sim.story(70);
    expect(story.at(-1)).toMatchObject({ type: 'RecordLost', recordId: 70, cause: r.election!.id });
    expect(story.some((e) => e.id === r.election!.id)).toBe(true);
  });

  it('still reports real reordering after the cut: each one is behind a later record the final log holds', () => {
    // The producer keeps sending: records written while b1 was down overtake the retried ones.
    const busy = run(scenario(200));
    expect(busy.reordered.length).toBeGreaterThan(0);
    expect(busy.reordered).toHaveLength(busy.report.records.reordered);
    for (const v of busy.reordered) {
      expect(busy.lost.has(v.after)).toBe(false);
      expect(busy.log.indexOf(v.after)).toBeGreaterThanOrEqual(0);
      expect(busy.log.indexOf(v.after)).toBeLessThan(busy.log.indexOf(v.recordId));
      expect(v.after).toBeGreaterThan(v.recordId);
    }
  });

  it('with idempotence the new leader refuses the sequence gap, the producer starts over, and order holds', () => {
    const idem = run(scenario(70, { acks: 'all', 'enable.idempotence': true }));
    expect(idem.errors.some((e) => e.broker === 2 && e.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && e.willRetry)).toBe(true);
    expect(idem.log).toEqual([...range(1, 10), ...range(51, 70)]);
    expect(idem.reordered).toEqual([]);
    expect(idem.report.records.reordered).toBe(0);
  });
});
