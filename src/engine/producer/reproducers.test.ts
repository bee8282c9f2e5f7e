/**
 * Regression tests for the duplicates a random fault hunt found with idempotence on (acks=all,
 * RF 3, min.insync.replicas 2, unclean election off). Each scenario once ended with records
 * written twice: the engine renumbered retries that had already been written after an epoch bump,
 * or followed a stale leader. Kafka keeps a retried batch's epoch and sequence unless its own
 * partition asked for the bump, and ignores metadata with an older leader epoch (KIP-320).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { runScenario } from '../run/run';
import expiredRetries from './fixtures/expired-retries-dropped-responses.json';
import retriesExhausted from './fixtures/retries-exhausted-other-partitions.json';
import zombieLeader from './fixtures/zombie-leader-stale-metadata.json';
import noLeaderHint from './fixtures/new-4-no-leader-hint-on-not-leader.json';

function run(input: unknown): { events: TraceEvent[]; report: ReturnType<typeof runScenario> } {
  const events: TraceEvent[] = [];
  const report = runScenario(input, { onEvent: (e) => events.push(e) });
  return { events, report };
}

const of = <T extends TraceEvent['type']>(events: TraceEvent[], type: T): TraceEventOf<T>[] =>
  events.filter((e): e is TraceEventOf<T> => e.type === type);

/** How many times a partition leader (or the given broker as leader) appended each record. */
function leaderAppends(events: TraceEvent[], broker?: number): Map<number, number> {
  const n = new Map<number, number>();
  for (const e of of(events, 'Appended')) {
    if (e.role !== 'leader' || (broker !== undefined && e.broker !== broker)) continue;
    for (const id of e.recordIds) n.set(id, (n.get(id) ?? 0) + 1);
  }
  return n;
}

/**
 * Retries sent before `until` that went out with another sequence than their batch's first try
 * (a batch is named by its first record).
 */
function renumberedRetries(events: TraceEvent[], until = Infinity): number[] {
  const first = new Map<number, number>();
  const renumbered: number[] = [];
  for (const e of of(events, 'ProduceRequested')) {
    const id = e.recordIds[0]!;
    if (!first.has(id)) first.set(id, e.baseSequence);
    else if (e.t < until && first.get(id) !== e.baseSequence) renumbered.push(id);
  }
  return renumbered;
}

describe('hunt reproducers: no duplicates with idempotence on', () => {
  it('01: retries run out on the crashed leader’s partition; the other partitions’ retries keep their sequences and are recognised', () => {
    const { events, report } = run(retriesExhausted);
    expect(report.records).toMatchObject({ sent: 34, duplicated: 0, lostAcknowledged: 0 });
    expect([...leaderAppends(events).values()].every((n) => n === 1)).toBe(true);
    // Failing with retries exhausted does not renumber anything (Sender.completeBatch passes
    // adjustSequenceNumbers = false): no epoch bump here, and every retry keeps its sequence.
    expect(of(events, 'ProducerIdAssigned').map((e) => e.producerEpoch)).toEqual([0]);
    expect(renumberedRetries(events)).toEqual([]);
    // The retries of records the slow ISR kept unacknowledged were answered as duplicates.
    expect(of(events, 'Acked').some((e) => e.duplicate === true)).toBe(true);
  });

  it('02: expired retries leave the sequence unresolved; the epoch is bumped only once nothing of it is in flight', () => {
    const { events, report } = run(expiredRetries);
    expect(report.records).toMatchObject({ sent: 39, duplicated: 0, lostAcknowledged: 0 });
    expect([...leaderAppends(events).values()].every((n) => n === 1)).toBe(true);
    const bumps = of(events, 'ProducerIdAssigned').filter((e) => e.producerEpoch > 0);
    expect(bumps).toHaveLength(1);
    const bumpedAt = bumps[0]!.t;
    // Retries before the bump went out with their first sequence, in order, one at a time.
    expect(renumberedRetries(events, bumpedAt)).toEqual([]);
    // Every batch of partition 1 sent under epoch 0 was settled before the bump.
    const oldEpoch = of(events, 'ProduceRequested').filter((e) => e.partition === 1 && e.t < bumpedAt);
    const settled = new Map<number, number>();
    for (const e of [...of(events, 'Acked'), ...of(events, 'SendFailed')]) for (const id of e.recordIds) settled.set(id, e.t);
    for (const e of oldEpoch) expect(settled.get(e.recordIds[0]!)).toBeLessThanOrEqual(bumpedAt);
  });

  it('09: a broker cut off from the controller still claims the lead; once the producer knows a newer leader epoch it never goes back', () => {
    const { events, report } = run(zombieLeader);
    expect(report.records).toMatchObject({ sent: 55, acknowledged: 55, duplicated: 0, lostAcknowledged: 0 });
    // The real leader wrote every record once (the zombie's appends are truncated when it rejoins).
    const byLeader = leaderAppends(events, 2);
    expect(byLeader.size).toBe(55);
    expect([...byLeader.values()].every((n) => n === 1)).toBe(true);
    // Broker 1 (epoch 0) answered the producer's first metadata request; broker 2 leads since
    // epoch 1. After the first request to broker 2, none goes to broker 1 again.
    const requests = of(events, 'ProduceRequested');
    const firstToLeader = requests.findIndex((e) => e.broker === 2);
    expect(firstToLeader).toBeGreaterThan(0);
    expect(requests.slice(firstToLeader).filter((e) => e.broker === 1)).toEqual([]);
    expect(of(events, 'ProduceErrored').filter((e) => e.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER')).toEqual([]);
  });
});

describe('hunt findings: records sent after the cluster healed are acknowledged', () => {
  it('new-4: a NOT_LEADER_OR_FOLLOWER answer names the new leader (KIP-951), so the one retry goes there and the record is acknowledged', () => {
    const { events, report } = run(noLeaderHint);
    const p3 = (e: { producer: string }): boolean => e.producer === 'p3';
    // p3's metadata still names b1 after leadership of t1-0 moved to b2.
    expect(of(events, 'ProduceErrored').filter(p3).map((e) => [e.broker, e.error])).toEqual([[1, 'NOT_LEADER_OR_FOLLOWER']]);
    // Its retry (retry.backoff.ms 10, before any metadata answer) goes to b2, not b1 again.
    expect(of(events, 'ProduceRequested').filter(p3).map((e) => e.broker)).toEqual([1, 2]);
    expect(of(events, 'SendFailed').filter(p3)).toEqual([]);
    expect(of(events, 'Acked').filter(p3).flatMap((e) => e.recordIds)).toEqual([1]);
    expect(report.records).toMatchObject({ duplicated: 0, lostAcknowledged: 0 });
  });
});
