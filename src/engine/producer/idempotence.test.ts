/**
 * Duplicates, reordering and the idempotent producer, observed through scenarios. Without
 * idempotence a lost answer makes a retry write the batch twice, and a lost request with several
 * requests in flight lets later batches land first. With idempotence the broker recognises a
 * retried batch by its sequence numbers and answers with the original offsets, rejects a gap with
 * OUT_OF_ORDER_SEQUENCE_NUMBER, and the producer resends in order.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { runScenario } from '../run/run';

function run(input: Record<string, unknown>): { events: TraceEvent[]; report: ReturnType<typeof runScenario> } {
  const events: TraceEvent[] = [];
  const report = runScenario(input, { onEvent: (e) => events.push(e) });
  return { events, report };
}

const of = <T extends TraceEvent['type']>(events: TraceEvent[], type: T): TraceEventOf<T>[] =>
  events.filter((e): e is TraceEventOf<T> => e.type === type);

/**
 * 3 brokers, topic `t` with one partition whose leader is pinned to broker 1 (RF 3), producer p1
 * with acks=all and a 2 s request timeout (so a retry happens well within the run), 50 records
 * 10 ms apart, after `faults` at time 0.
 */
function scenario(producer: Record<string, unknown>, faults: unknown[], count = 50): Record<string, unknown> {
  return {
    name: 'idempotence',
    seed: 1,
    brokers: 3,
    topics: [{ name: 't', partitions: 1, 'replication.factor': 3, 'replica.assignment': [[1, 2, 3]] }],
    producers: [{ id: 'p1', acks: 'all', 'request.timeout.ms': 2000, ...producer }],
    script: [...faults, { at: 0, do: 'produce', producer: 'p1', topic: 't', count, every: 10 }],
  };
}

/** Record ids in the order the partition leader appended them (first copy of each). */
function leaderOrder(events: TraceEvent[]): number[] {
  const seen = new Set<number>();
  const order: number[] = [];
  for (const e of of(events, 'Appended')) {
    if (e.role !== 'leader') continue;
    for (const id of e.recordIds) {
      if (seen.has(id)) continue;
      seen.add(id);
      order.push(id);
    }
  }
  return order;
}

/** Records in the produce requests that `dropRequests` lost. */
function lostRequestRecords(events: TraceEvent[]): number[] {
  const lostAt = of(events, 'MessageDropped').filter((e) => e.reason === 'dropRequests').map((e) => e.t);
  return of(events, 'ProduceRequested')
    .filter((e) => lostAt.includes(e.t))
    .flatMap((e) => e.recordIds);
}

/** How many times the leader appended each record. */
function leaderAppends(events: TraceEvent[]): Map<number, number> {
  const n = new Map<number, number>();
  for (const e of of(events, 'Appended')) if (e.role === 'leader') for (const id of e.recordIds) n.set(id, (n.get(id) ?? 0) + 1);
  return n;
}

describe('lost produce responses', () => {
  const dropTwoAnswers = [{ at: 0, do: 'dropResponses', broker: 1, count: 2 }];

  it('without idempotence, the retries write records twice', () => {
    const { events, report } = run(scenario({ 'enable.idempotence': false }, dropTwoAnswers));
    expect(report.records.duplicated).toBeGreaterThan(0);
    expect(report.records).toMatchObject({ sent: 50, acknowledged: 50, lostAcknowledged: 0 });
    // Every extra copy belongs to a batch that was retried after its answer went missing.
    const retried = new Set(of(events, 'ProduceErrored').flatMap((e) => e.recordIds));
    const twice = [...leaderAppends(events)].filter(([, n]) => n > 1).map(([id]) => id);
    expect(twice.length).toBe(report.records.duplicated);
    for (const id of twice) expect(retried.has(id)).toBe(true);
  });

  it('with idempotence, no duplicates and every record acknowledged', () => {
    const { events, report } = run(scenario({ 'enable.idempotence': true }, dropTwoAnswers));
    expect(report.records.duplicated).toBe(0);
    expect(report.records.acknowledged).toBe(report.records.sent);
    expect(report.records).toMatchObject({ sent: 50, failed: 0, lostAcknowledged: 0, reordered: 0 });
    // The retries happened, and the broker did not append them again.
    expect(report.producers[0]!.retries).toBeGreaterThan(0);
    expect([...leaderAppends(events).values()].every((n) => n === 1)).toBe(true);
  });
});

describe('a lost produce request', () => {
  // Lost after ~20 batches went through, so the broker knows the producer: the gap after the lost
  // batch is an ordinary one (the next request is the one for record 21, sent at 205 ms).
  const dropOneRequest = [{ at: 202, do: 'dropRequests', broker: 1, count: 1 }];

  it('without idempotence and with 5 requests in flight, the retried batch lands after later ones', () => {
    const { events, report } = run(scenario({ 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 5 }, dropOneRequest));
    expect(report.records.reordered).toBeGreaterThan(0);
    expect(report.records).toMatchObject({ sent: 50, acknowledged: 50, duplicated: 0 });
    // Record 21's request was lost: records sent after it are in the log before it.
    const lost = lostRequestRecords(events);
    expect(lost).toEqual([21]);
    const order = leaderOrder(events);
    expect(order.indexOf(22)).toBeLessThan(order.indexOf(21));
  });

  it('with idempotence, the broker refuses the gap and the producer resends in order: nothing reordered', () => {
    const { events, report } = run(scenario({ 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 5 }, dropOneRequest));
    expect(report.records).toMatchObject({ sent: 50, acknowledged: 50, duplicated: 0, reordered: 0 });
    // The batch after the lost one arrived first, with a gap in the sequence.
    expect(lostRequestRecords(events)).toEqual([21]);
    const gap = of(events, 'ProduceErrored').filter((e) => e.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(gap.length).toBeGreaterThan(0);
    expect(gap.every((e) => e.willRetry)).toBe(true);
    const order = leaderOrder(events);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(order).toHaveLength(50);
  });

  it('with max.in.flight.requests.per.connection 1 (no idempotence), nothing is reordered', () => {
    const { events, report } = run(scenario({ 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 1 }, dropOneRequest));
    expect(lostRequestRecords(events)).toEqual([21]);
    expect(report.producers[0]!.retries).toBeGreaterThan(0);
    expect(report.records).toMatchObject({ sent: 50, acknowledged: 50, duplicated: 0, reordered: 0 });
    const order = leaderOrder(events);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('the idempotent producer', () => {
  it('gets a producer id and epoch from the cluster before sending, and stamps its batches with sequences', () => {
    const { events } = run(scenario({}, [], 5));
    const assigned = of(events, 'ProducerIdAssigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ producer: 'p1', producerEpoch: 0 });
    const requests = of(events, 'ProduceRequested');
    expect(requests[0]!.t).toBeGreaterThanOrEqual(assigned[0]!.t);
    // One record per batch here (10 ms apart, linger 5 ms): sequences 0, 1, 2, …
    expect(requests.map((e) => e.baseSequence)).toEqual([0, 1, 2, 3, 4]);
  });

  it('is on by default: Kafka’s defaults are acks=all, enable.idempotence=true', () => {
    const { events } = run({ ...scenario({}, [], 3), producers: [{ id: 'p1' }] });
    expect(of(events, 'ProducerIdAssigned')).toHaveLength(1);
    expect(of(events, 'ProduceRequested').map((e) => e.baseSequence)).toEqual([0, 1, 2]);
  });

  it('a retried batch the broker already has is answered with its original offset, marked duplicate', () => {
    // The answer to record 1's request is lost; records 2 and 3 follow. After the request
    // timeout, record 1 is retried: it is among the last 5 batches the broker remembers.
    const { events, report } = run(scenario({}, [{ at: 0, do: 'dropResponses', broker: 1, count: 1 }], 3));
    const firstAppend = of(events, 'Appended').find((e) => e.role === 'leader' && e.recordIds.includes(1))!;
    const acked = of(events, 'Acked').filter((e) => e.recordIds.includes(1));
    expect(acked).toHaveLength(1);
    expect(acked[0]).toMatchObject({ duplicate: true, offset: firstAppend.baseOffset });
    const attempts = of(events, 'ProduceRequested').filter((e) => e.recordIds.includes(1));
    expect(attempts.map((e) => e.attempt)).toEqual([1, 2]);
    // Same sequence on the retry.
    expect(new Set(attempts.map((e) => e.baseSequence)).size).toBe(1);
    expect(report.records).toMatchObject({ sent: 3, acknowledged: 3, duplicated: 0 });
    // Record 1 sits at the offset the first append gave it.
    expect(of(events, 'Appended').filter((e) => e.role === 'leader' && e.recordIds.includes(1))).toHaveLength(1);
  });

  it('a batch expired on its first try leaves later batches refused as out of order until a retried one expires; then the epoch is bumped', () => {
    // Record 21's request (sequence 20) is lost and its delivery.timeout.ms (1005 = linger 5 +
    // request 1000) runs out with the request. As in Kafka, a batch that expires on its first try
    // does not mark its sequence unresolved (Sender.sendProducerData: only `inRetry` batches do).
    // The broker never saw sequence 20, so it refuses what follows with OUT_OF_ORDER_SEQUENCE_NUMBER;
    // those batches are not the next expected sequence (TransactionManager.canRetry), so they are
    // retried without a bump until they expire too. The first retried batch to expire leaves its
    // sequence unresolved; once nothing is in flight the producer bumps its epoch and the next
    // batch starts again from sequence 0. Nothing is written twice or out of order.
    const { events, report } = run(
      scenario({ 'request.timeout.ms': 1000, 'delivery.timeout.ms': 1005 }, [{ at: 202, do: 'dropRequests', broker: 1, count: 1 }], 200),
    );
    expect(lostRequestRecords(events)).toEqual([21]);
    const failed = of(events, 'SendFailed');
    expect(failed[0]).toMatchObject({ recordIds: [21], error: 'DELIVERY_TIMEOUT' });
    expect(failed.every((e) => e.error === 'DELIVERY_TIMEOUT')).toBe(true);
    const gaps = of(events, 'ProduceErrored').filter((e) => e.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER');
    expect(gaps.length).toBeGreaterThan(0);
    const epochs = of(events, 'ProducerIdAssigned').map((e) => e.producerEpoch);
    expect(epochs).toEqual([0, 1]);
    // The bump comes only after the last failure of the old epoch.
    const bumpedAt = of(events, 'ProducerIdAssigned')[1]!.t;
    expect(bumpedAt).toBeGreaterThanOrEqual(failed[failed.length - 1]!.t);
    const after = of(events, 'ProduceRequested').filter((e) => e.t >= bumpedAt);
    expect(after[0]!.baseSequence).toBe(0);
    const lastFailed = Math.max(...failed.flatMap((e) => e.recordIds));
    expect(after[0]!.recordIds[0]).toBe(lastFailed + 1);
    expect(report.records).toMatchObject({ sent: 200, acknowledged: 200 - lastFailed + 20, failed: lastFailed - 20, duplicated: 0, reordered: 0, lostAcknowledged: 0 });
  });

  // A stale leader must not make the idempotent producer write a record twice (acks=all, RF 3,
  // min ISR 2). b2, the preferred leader, is cut off from the start; the controller fences it at
  // 9 s and b1 leads (epoch 1). At 12.7 s the answer to record 255 is lost. At 13 s the network
  // heals; b2 still believes it leads (epoch 0) and says so in a metadata answer. Since KIP-320
  // the producer ignores a leader epoch older than the one it knows (Metadata.updateLatestMetadata),
  // so the retry goes to b1, which recognises it; nothing is renumbered or appended again.
  it('a stale leader with no state for the producer does not make it write a record twice', () => {
    const { report } = run({
      name: 'zombie leader',
      seed: 1,
      until: 33000,
      brokers: 3,
      topics: [{ name: 't', partitions: 1, 'replication.factor': 3, 'replica.assignment': [[2, 1, 3]] }],
      broker: { 'min.insync.replicas': 2, 'unclean.leader.election.enable': false },
      producers: [{ id: 'p1', acks: 'all', 'enable.idempotence': true, 'request.timeout.ms': 1000 }],
      script: [
        { at: 0, do: 'isolate', node: 'b2' },
        { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 360, every: 50 },
        { at: 12700, do: 'dropResponses', broker: 1, count: 1 },
        { at: 13000, do: 'heal' },
      ],
    });
    expect(report.records).toMatchObject({ sent: 360, acknowledged: 360, lostAcknowledged: 0 });
    expect(report.records.duplicated).toBe(0);
  });

  it('survives the leader’s crash: no duplicates, no reordering, everything acknowledged; without idempotence the retries reorder', () => {
    const crash = (idempotent: boolean) =>
      run({
        ...scenario({ 'enable.idempotence': idempotent }, []),
        script: [
          { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 2000, every: 1 },
          { at: 500, do: 'crash', broker: 1 },
          { at: 3000, do: 'restart', broker: 1 },
        ],
      });
    const safe = crash(true);
    expect(safe.report.records).toMatchObject({ sent: 2000, acknowledged: 2000, duplicated: 0, reordered: 0, lostAcknowledged: 0 });
    // The producer moved to the new leader after NOT_LEADER_OR_FOLLOWER or a lost connection.
    expect(new Set(of(safe.events, 'ProduceRequested').map((e) => e.broker)).size).toBeGreaterThan(1);
    const unsafe = crash(false);
    expect(unsafe.report.records.reordered).toBeGreaterThan(0);
    expect(unsafe.report.records).toMatchObject({ sent: 2000, lostAcknowledged: 0 });
  });
});
