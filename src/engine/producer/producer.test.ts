/**
 * The producer client observed through scenarios: retries, backoff, request and delivery
 * timeouts, partitioning (keyed, uniform sticky, round-robin), batching (linger.ms, in-flight
 * requests, send styles), multi-partition ProduceRequests, buffer.memory and max.block.ms,
 * max.request.size, fire-and-forget, and Kafka's config validation.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { recordSizeBytes, BATCH_OVERHEAD_BYTES } from '../model/batch';
import { partitionForKey } from '../model/partitioner';
import { parseScenario, ScenarioError } from '../scenario/parse';
import { runScenario } from '../run/run';
import { ROUND_ROBIN_PARTITIONER } from './partitioners';

function run(input: Record<string, unknown>): { events: TraceEvent[]; report: ReturnType<typeof runScenario> } {
  const events: TraceEvent[] = [];
  const report = runScenario(input, { onEvent: (e) => events.push(e) });
  return { events, report };
}

const of = <T extends TraceEvent['type']>(events: TraceEvent[], type: T): TraceEventOf<T>[] =>
  events.filter((e): e is TraceEventOf<T> => e.type === type);

/** 3 brokers, topic `t` with one partition led by broker 1 (RF 3), producer p1. */
function cluster(producer: Record<string, unknown>, script: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'producer rules',
    seed: 1,
    brokers: 3,
    topics: [{ name: 't', partitions: 1, 'replication.factor': 3, 'replica.assignment': [[1, 2, 3]] }],
    producers: [{ id: 'p1', 'enable.idempotence': false, ...producer }],
    script,
    ...extra,
  };
}

/**
 * acks=all refused with NOT_ENOUGH_REPLICAS: min.insync.replicas 3 and broker 3 crashed at 0,
 * fenced and out of the ISR after its 1 s session, before the first send at 2000. (A min ISR
 * above the replica count no longer refuses: Kafka 3.7+ caps it at the replica count.)
 */
const UNDER_MIN_ISR = { broker: { 'min.insync.replicas': 3, 'broker.session.timeout.ms': 1000, 'broker.heartbeat.interval.ms': 200 } };
const CRASH_B3 = { at: 0, do: 'crash', broker: 3 };

/** Size the producer gives record `i` of a produce action with value template `value-{i}` and no key. */
const sizeOf = (value: string): number => recordSizeBytes({ id: 0, producer: 'p1', key: null, value, timestamp: 0, sendSeq: 0 });

/** Partition of each record, in send order. */
const partitionsSent = (events: TraceEvent[]): number[] => of(events, 'RecordSent').map((e) => e.partition);

describe('the producer: retries and timeouts', () => {
  it('with retries=0 fails a record on its first retriable error', () => {
    const { events, report } = run(
      cluster({ acks: 'all', retries: 0 }, [CRASH_B3, { at: 2000, do: 'produce', producer: 'p1', topic: 't', count: 5, every: 10 }], UNDER_MIN_ISR),
    );
    expect(report.records).toMatchObject({ sent: 5, failed: 5, acknowledged: 0 });
    expect(of(events, 'SendFailed').every((e) => e.error === 'NOT_ENOUGH_REPLICAS')).toBe(true);
    expect(of(events, 'ProduceRequested').every((e) => e.attempt === 1)).toBe(true);
    expect(report.producers[0]).toMatchObject({ retries: 0, errors: { NOT_ENOUGH_REPLICAS: 5 } });
  });

  it('retries with exponential backoff (retry.backoff.ms doubling up to retry.backoff.max.ms)', () => {
    const { events } = run(
      cluster({ acks: 'all', 'retry.backoff.ms': 100, 'retry.backoff.max.ms': 1000 }, [CRASH_B3, { at: 2000, do: 'produce', producer: 'p1', topic: 't' }], {
        ...UNDER_MIN_ISR,
        until: 12000,
      }),
    );
    const sends = of(events, 'ProduceRequested').map((e) => e.t);
    const gaps = sends.slice(1).map((t, i) => t - sends[i]!);
    // ±20% jitter around 100, 200, 400, 800, then capped at 1000 (plus a 2 ms round trip).
    expect(gaps[0]).toBeGreaterThanOrEqual(80);
    expect(gaps[0]).toBeLessThanOrEqual(123);
    expect(gaps[3]).toBeGreaterThanOrEqual(640);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1203);
    expect(gaps[gaps.length - 1]).toBeGreaterThanOrEqual(800);
  });

  it('fails records that cannot be delivered within delivery.timeout.ms', () => {
    const { events, report } = run(
      cluster({ acks: 'all', 'request.timeout.ms': 1000, 'delivery.timeout.ms': 5000, 'linger.ms': 0 }, [
        { at: 0, do: 'isolate', node: 'p1' },
        { at: 100, do: 'produce', producer: 'p1', topic: 't', count: 3, every: 100 },
      ]),
    );
    expect(report.records).toMatchObject({ sent: 3, failed: 3, acknowledged: 0, pending: 0 });
    const failures = of(events, 'SendFailed');
    expect(failures.every((e) => e.error === 'DELIVERY_TIMEOUT')).toBe(true);
    // Sent at 100, 200, 300: none fails before its 5 s are up.
    failures.forEach((e, i) => expect(e.t).toBeGreaterThanOrEqual(100 * (i + 1) + 5000));
  });

  it('delivery.timeout.ms bounds a batch’s whole life, even while it sits queued with no leader known', () => {
    // Every record fills a batch of its own (batch.size 100 < 61 + 110 bytes), so each batch is
    // created when its record is sent. With the producer cut off, no metadata ever arrives: the
    // batches never leave the accumulator, and each must fail at its creation + 5000 ms.
    const { events, report } = run(
      cluster({ 'request.timeout.ms': 1000, 'delivery.timeout.ms': 5000, 'batch.size': 100 }, [
        { at: 0, do: 'isolate', node: 'p1' },
        { at: 100, do: 'produce', producer: 'p1', topic: 't', count: 5, every: 100, value: 'x'.repeat(100) },
      ]),
    );
    expect(report.records).toMatchObject({ sent: 5, failed: 5, acknowledged: 0, pending: 0 });
    expect(of(events, 'ProduceRequested')).toHaveLength(0);
    const sentAt = new Map(of(events, 'RecordSent').map((e) => [e.recordId, e.t]));
    const failures = of(events, 'SendFailed');
    expect(failures).toHaveLength(5);
    for (const f of failures) {
      expect(f.error).toBe('DELIVERY_TIMEOUT');
      expect(f.recordIds).toHaveLength(1);
      const created = sentAt.get(f.recordIds[0]!)!;
      expect(f.t).toBeGreaterThanOrEqual(created + 5000);
      expect(f.t).toBeLessThanOrEqual(created + 5000 + 5); // the sender wakes for the deadline itself
    }
    expect(report.producers[0]!.errors).toEqual({ DELIVERY_TIMEOUT: 5 });
  });

  it('delivery.timeout.ms also ends batches queued behind a retried one and the one in flight (leader unreachable)', () => {
    // The producer learns b1 leads but cannot reach it: requests time out (1 s) and are retried,
    // the batches behind wait. All fail at about creation + 5000 ms, not at a request timeout.
    // Idempotent, so retried batches go back in sequence (= creation) order.
    const { events, report } = run(
      cluster({ 'enable.idempotence': true, 'request.timeout.ms': 1000, 'delivery.timeout.ms': 5000, 'batch.size': 100 }, [
        { at: 0, do: 'cut', between: ['p1', 'b1'] },
        { at: 100, do: 'produce', producer: 'p1', topic: 't', count: 5, every: 100, value: 'x'.repeat(100) },
      ]),
    );
    expect(report.records).toMatchObject({ sent: 5, failed: 5, acknowledged: 0 });
    const sentAt = new Map(of(events, 'RecordSent').map((e) => [e.recordId, e.t]));
    for (const f of of(events, 'SendFailed')) {
      expect(f.error).toBe('DELIVERY_TIMEOUT');
      const created = sentAt.get(f.recordIds[0]!)!;
      expect(f.t).toBeGreaterThanOrEqual(created + 5000);
      expect(f.t).toBeLessThanOrEqual(created + 5000 + 5);
    }
    expect(of(events, 'ProduceErrored').some((e) => e.error === 'REQUEST_TIMED_OUT' && e.willRetry)).toBe(true);
  });

  it('times out a request whose answer is lost, retries it, and so writes the record twice (no idempotence)', () => {
    const { events, report } = run(
      cluster({ acks: '1', 'request.timeout.ms': 2000 }, [
        { at: 0, do: 'dropResponses', broker: 1, count: 1 },
        { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 3, every: 10 },
      ]),
    );
    expect(of(events, 'ProduceErrored').map((e) => e.error)).toContain('REQUEST_TIMED_OUT');
    expect(report.records).toMatchObject({ sent: 3, acknowledged: 3, lostAcknowledged: 0 });
    expect(report.records.duplicated).toBe(1);
  });

  it('with acks=0 counts a record as acknowledged when it is sent, with no offset', () => {
    const { events, report } = run(cluster({ acks: '0' }, [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 4, every: 10 }]));
    const acked = of(events, 'Acked');
    expect(acked.every((e) => e.offset === -1)).toBe(true);
    expect(acked.map((e) => e.t)).toEqual(of(events, 'ProduceRequested').map((e) => e.t));
    expect(report.records).toMatchObject({ sent: 4, acknowledged: 4, lostAcknowledged: 0 });
  });
});

describe('the producer: partitioning', () => {
  const sixPartitions = (producer: Record<string, unknown>, action: Record<string, unknown>): Record<string, unknown> => ({
    ...cluster(producer, [{ at: 0, do: 'produce', producer: 'p1', topic: 't', ...action }]),
    topics: [{ name: 't', partitions: 6, 'replication.factor': 3 }],
  });

  it('sends a keyed record to murmur2(key) mod partitions, the same partition every time', () => {
    const { events } = run(sixPartitions({ acks: '1' }, { count: 40, every: 5, key: 'user-{i}' }));
    const sent = of(events, 'RecordSent');
    expect(sent).toHaveLength(40);
    for (const e of sent) expect(e.partition).toBe(partitionForKey(e.key!, 6));
    expect(new Set(sent.map((e) => e.partition)).size).toBeGreaterThan(1);
  });

  it('sends an explicit partition there, whatever the key', () => {
    const { events, report } = run(sixPartitions({}, { count: 20, every: 1, key: 'k{i}', partition: 4 }));
    expect(partitionsSent(events)).toEqual(Array(20).fill(4));
    expect(report.records).toMatchObject({ sent: 20, acknowledged: 20 });
  });

  it('round-robin (partitioner.class RoundRobinPartitioner) moves to the next partition with every record', () => {
    const { events, report } = run(sixPartitions({ 'partitioner.class': ROUND_ROBIN_PARTITIONER }, { count: 600, every: 1 }));
    const parts = partitionsSent(events);
    expect(parts[0]).toBe(0);
    parts.forEach((p, i) => {
      if (i > 0) expect(p, `record ${i}`).toBe((parts[i - 1]! + 1) % 6);
    });
    expect(report.records).toMatchObject({ sent: 600, acknowledged: 600 });
    // Consecutive records never share a batch, so each batch holds exactly one record here.
    expect(report.producers[0]!.recordsPerBatch).toBe(1);
  });

  it('round-robin accepts the short class name too', () => {
    const { events } = run(sixPartitions({ 'partitioner.class': 'RoundRobinPartitioner' }, { count: 12, every: 1 }));
    expect(partitionsSent(events)).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
  });
});

describe('the producer: batching and requests', () => {
  const oneRecordPerMs = (producer: Record<string, unknown>, script: unknown[] = [], count = 2000): Record<string, unknown> =>
    cluster(producer, [...script, { at: 0, do: 'produce', producer: 'p1', topic: 't', count, every: 1 }]);

  it('with linger.ms 100 and 1,000 records/s to one partition, batches hold about 100 records', () => {
    const { report } = run(oneRecordPerMs({ 'linger.ms': 100 }));
    // A batch opens with a record and is sent 100 ms later: 100 records at one per ms (the record
    // arriving on the very tick of the deadline may fall either side). batch.size (16384) is not
    // the limit: 100 records of ≤ 20 bytes are 2 kB.
    const { recordsPerBatch, batches } = report.producers[0]!;
    expect(recordsPerBatch).toBeGreaterThanOrEqual(95);
    expect(recordsPerBatch).toBeLessThanOrEqual(101);
    expect(batches).toBeGreaterThanOrEqual(2000 / 101);
    expect(batches).toBeLessThanOrEqual(Math.ceil(2000 / 95));
    expect(report.records).toMatchObject({ sent: 2000, acknowledged: 2000 });
    // A record waits in its batch for the rest of the 100 ms (evenly 0..99 ms), then one acks=all
    // round trip of a few ms: the median near 50 ms, the 99th percentile near 100 ms.
    const { latencyMs, throughput } = report.producers[0]!;
    expect(latencyMs.p50).toBeGreaterThanOrEqual(50);
    expect(latencyMs.p50).toBeLessThanOrEqual(60);
    expect(latencyMs.p99).toBeGreaterThanOrEqual(98);
    expect(latencyMs.p99).toBeLessThanOrEqual(110);
    // It keeps up with the offered 1,000 records/s: 2000 records from 0 ms to a last ack at ~2 s.
    expect(throughput).toBeGreaterThan(950);
    expect(throughput).toBeLessThanOrEqual(1000);
  });

  it('with linger.ms 0 and a fast broker, nearly every record goes alone', () => {
    const { report } = run(oneRecordPerMs({ 'linger.ms': 0 }));
    expect(report.producers[0]!.recordsPerBatch).toBeLessThan(1.5);
  });

  it('with linger.ms 0 and a slow broker, batches grow: records pile up while 5 requests are in flight', () => {
    const { events, report } = run(oneRecordPerMs({ 'linger.ms': 0 }, [{ at: 0, do: 'slow', broker: 1, 'latency.ms': 50 }]));
    // Each acks=all request takes well over 100 ms (50 ms each way, plus followers fetching over
    // the same slow links); with at most 5 in flight, records queue up between requests.
    const { recordsPerBatch } = report.producers[0]!;
    expect(recordsPerBatch).toBeGreaterThan(10);
    expect(report.records).toMatchObject({ sent: 2000, acknowledged: 2000 });
    // Never more than max.in.flight.requests.per.connection (5) requests unanswered.
    expect(maxOutstanding(events)).toBe(5);
  });

  it('max.in.flight.requests.per.connection 1: a partition sends its next batch only after the last one completed', () => {
    const { events, report } = run(oneRecordPerMs({ 'linger.ms': 0, 'max.in.flight.requests.per.connection': 1 }, [{ at: 0, do: 'slow', broker: 1, 'latency.ms': 20 }], 300));
    expect(maxOutstanding(events)).toBe(1);
    expect(report.records).toMatchObject({ sent: 300, acknowledged: 300, reordered: 0 });
  });

  it('sync send: one record per request, and far lower throughput than async on the same cluster and load', () => {
    const load = (send: string) => run(oneRecordPerMs({ send }, [], 300));
    const sync = load('sync');
    const asyncRun = load('async');
    expect(sync.report.records).toMatchObject({ sent: 300, acknowledged: 300 });
    expect(asyncRun.report.records).toMatchObject({ sent: 300, acknowledged: 300 });
    const s = sync.report.producers[0]!;
    const a = asyncRun.report.producers[0]!;
    expect(s.recordsPerBatch).toBe(1);
    expect(s.requests).toBe(300);
    expect(of(sync.events, 'ProduceRequested').every((e) => e.recordIds.length === 1)).toBe(true);
    // The application waits for each result before the next send.
    const ackedAt = new Map(of(sync.events, 'Acked').map((e) => [e.recordIds[0]!, e.t]));
    for (const e of of(sync.events, 'RecordSent')) if (e.recordId > 1) expect(e.t).toBeGreaterThanOrEqual(ackedAt.get(e.recordId - 1)!);
    // async batches the records that arrive during linger.ms and keeps up with the offered load.
    expect(a.recordsPerBatch).toBeGreaterThan(1);
    // sync is bounded by one acks=all round trip per record (several ms), async by the 1,000/s load.
    expect(a.throughput).toBeGreaterThan(2 * s.throughput);
  });

  it('one ProduceRequest per broker carries one batch for each of several partitions, never two of one partition', () => {
    const { events, report } = run({
      ...cluster({ 'partitioner.class': ROUND_ROBIN_PARTITIONER }, [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 600, every: 1 }]),
      topics: [{ name: 't', partitions: 6, 'replication.factor': 3 }],
    });
    const leaderOf = new Map(report.partitions.map((p) => [p.partition, p.leader]));
    const requests = groupByRequest(events);
    let multi = 0;
    for (const batches of requests.values()) {
      const brokers = new Set(batches.map((b) => b.broker));
      expect(brokers.size).toBe(1);
      const partitions = batches.map((b) => b.partition);
      expect(new Set(partitions).size).toBe(partitions.length);
      for (const b of batches) expect(leaderOf.get(b.partition)).toBe(b.broker);
      if (batches.length > 1) multi++;
    }
    // Each broker leads two of the six partitions, and round-robin keeps both busy.
    expect(multi).toBeGreaterThan(requests.size / 2);
    expect(report.producers[0]!.requests).toBe(requests.size);
    expect(report.producers[0]!.batches).toBe(of(events, 'ProduceRequested').length);
  });

  it('max.request.size caps a request: batches that do not fit together go in separate requests', () => {
    const input = (maxRequestSize: number): Record<string, unknown> => ({
      ...cluster({ 'partitioner.class': ROUND_ROBIN_PARTITIONER, 'max.request.size': maxRequestSize }, [
        { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 300, every: 1 },
      ]),
      topics: [{ name: 't', partitions: 6, 'replication.factor': 3 }],
    });
    // One record per batch (round-robin): a batch is 61 + 17..19 bytes, so two never fit in 150.
    const { events, report } = run(input(150));
    const requests = groupByRequest(events);
    for (const batches of requests.values()) expect(batches).toHaveLength(1);
    expect(report.records).toMatchObject({ sent: 300, acknowledged: 300 });
    // And with room for two, requests do carry two batches, never more bytes than allowed.
    const roomy = groupByRequest(run(input(2 * (BATCH_OVERHEAD_BYTES + sizeOf('value-299')))).events);
    const sizes = [...roomy.values()].map((batches) => batches.reduce((n, b) => n + BATCH_OVERHEAD_BYTES + b.recordIds.reduce((m, id) => m + sizeOf(`value-${id - 1}`), 0), 0));
    expect([...roomy.values()].some((batches) => batches.length === 2)).toBe(true);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(2 * (BATCH_OVERHEAD_BYTES + sizeOf('value-299')));
  });
});

describe('the producer: buffer.memory, max.block.ms, max.request.size', () => {
  // Records of 410 bytes (400-byte value + 10): a 1000-byte batch holds two (61 + 820 = 881; a
  // third would make 1291). buffer.memory 2000 = two batches, i.e. records 1–4. The leader is
  // 1000 ms away, so those batches stay unacknowledged for seconds and record 5 has to wait.
  const tight = (maxBlockMs: number): Record<string, unknown> =>
    cluster({ 'buffer.memory': 2000, 'batch.size': 1000, 'max.block.ms': maxBlockMs, 'linger.ms': 0 }, [
      { at: 0, do: 'slow', broker: 1, 'latency.ms': 1000 },
      { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 10, every: 1, value: 'x'.repeat(400) },
    ], { until: 40000 });

  it('send blocks when buffer.memory is used up, and fails with BUFFER_EXHAUSTED after max.block.ms', () => {
    const { events, report } = run(tight(500));
    const blocked = of(events, 'SendBlocked');
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked[0]).toMatchObject({ t: 4, bufferedBytes: 2000 });
    const exhausted = of(events, 'SendFailed').filter((e) => e.error === 'BUFFER_EXHAUSTED');
    // Every blocked send gives up after exactly max.block.ms, and the next send blocks in turn.
    for (const u of of(events, 'SendUnblocked')) expect(u.blockedMs).toBe(500);
    const sentAt = new Map(of(events, 'RecordSent').map((e) => [e.recordId, e.t]));
    for (const f of exhausted) expect(f.t).toBe(sentAt.get(f.recordIds[0]!)! + 500);
    // Records 5..10 each wait 500 ms in turn (done by 3004), long before the first ack (≈ 5.5 s).
    expect(exhausted.flatMap((e) => e.recordIds)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(report.records).toMatchObject({ sent: 10, acknowledged: 4, failed: 6, pending: 0 });
    expect(report.producers[0]!.errors).toEqual({ BUFFER_EXHAUSTED: 6 });
    // A record that never got memory is never sent.
    const requested = new Set(of(events, 'ProduceRequested').flatMap((e) => e.recordIds));
    for (const id of [5, 6, 7, 8, 9, 10]) expect(requested.has(id)).toBe(false);
  });

  it('a blocked send goes on when an acknowledged batch gives its memory back, within max.block.ms', () => {
    const { events, report } = run(tight(60000));
    expect(of(events, 'SendBlocked').length).toBeGreaterThan(0);
    const unblocked = of(events, 'SendUnblocked');
    expect(unblocked.length).toBeGreaterThan(0);
    const firstAck = of(events, 'Acked')[0]!.t;
    // Memory comes back only when a batch completes.
    expect(unblocked[0]!.t).toBe(firstAck);
    expect(report.records).toMatchObject({ sent: 10, acknowledged: 10, failed: 0 });
  });

  it('a record larger than max.request.size fails at once with RECORD_TOO_LARGE and is never retried', () => {
    const { events, report } = run(
      cluster({ 'max.request.size': 500 }, [
        { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 2, every: 10 },
        { at: 5, do: 'produce', producer: 'p1', topic: 't', count: 1, value: 'x'.repeat(600) },
      ]),
    );
    const big = of(events, 'RecordSent').find((e) => e.t === 5)!;
    const failed = of(events, 'SendFailed');
    expect(failed).toMatchObject([{ t: 5, type: 'SendFailed', producer: 'p1', recordIds: [big.recordId], error: 'RECORD_TOO_LARGE' }]);
    expect(of(events, 'ProduceRequested').some((e) => e.recordIds.includes(big.recordId))).toBe(false);
    expect(report.records).toMatchObject({ sent: 3, acknowledged: 2, failed: 1 });
    expect(report.producers[0]).toMatchObject({ retries: 0, errors: { RECORD_TOO_LARGE: 1 } });
  });
});

describe('the producer: send styles and failedUnnoticed', () => {
  // min.insync.replicas 4 on a 3-broker cluster: every acks=all write fails NOT_ENOUGH_REPLICAS,
  // and with retries 0 each record fails on its first answer.
  const failing = (send: string) =>
    run(
      cluster({ send, retries: 0 }, [CRASH_B3, { at: 2000, do: 'produce', producer: 'p1', topic: 't', count: 10, every: 10 }], UNDER_MIN_ISR),
    ).report;

  it('fire-and-forget: failed records go unnoticed and are counted as such', () => {
    const report = failing('fire-and-forget');
    expect(report.records).toMatchObject({ sent: 10, failed: 10, failedUnnoticed: 10 });
  });

  it('async and sync: the same failures, each seen by the application', () => {
    for (const send of ['async', 'sync']) {
      const report = failing(send);
      expect(report.records, send).toMatchObject({ sent: 10, failed: 10, failedUnnoticed: 0 });
    }
  });

  it('fire-and-forget counts only failures: acknowledged records are not unnoticed failures', () => {
    const { report } = run(cluster({ send: 'fire-and-forget' }, [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 10, every: 10 }]));
    expect(report.records).toMatchObject({ sent: 10, acknowledged: 10, failed: 0, failedUnnoticed: 0 });
  });
});

describe('the producer: Kafka’s config validation', () => {
  const scenario = (producer: Record<string, unknown>): Record<string, unknown> => ({
    name: 'config',
    seed: 1,
    brokers: 3,
    topics: [{ name: 't', partitions: 1, 'replication.factor': 3 }],
    producers: [{ id: 'p1', ...producer }],
    script: [],
  });
  const errorOf = (producer: Record<string, unknown>): string => {
    try {
      parseScenario(scenario(producer));
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      return (e as ScenarioError).message;
    }
    throw new Error('parseScenario accepted it');
  };

  it('enable.idempotence explicitly true needs acks=all', () => {
    const message =
      'producers[0].acks: Must set acks to all in order to use the idempotent producer; otherwise idempotence cannot be guaranteed (enable.idempotence is true)';
    expect(errorOf({ 'enable.idempotence': true, acks: 1 })).toBe(message);
    expect(errorOf({ 'enable.idempotence': true, acks: 0 })).toBe(message);
  });

  it('enable.idempotence explicitly true allows at most 5 requests in flight', () => {
    expect(errorOf({ 'enable.idempotence': true, 'max.in.flight.requests.per.connection': 6 })).toBe(
      'producers[0].max.in.flight.requests.per.connection: Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer (enable.idempotence is true)',
    );
  });

  it('enable.idempotence explicitly true needs retries > 0', () => {
    expect(errorOf({ 'enable.idempotence': true, retries: 0 })).toBe(
      'producers[0].retries: Must set retries to non-zero when using the idempotent producer (enable.idempotence is true)',
    );
  });

  it('delivery.timeout.ms set explicitly below linger.ms + request.timeout.ms is an error', () => {
    expect(errorOf({ 'delivery.timeout.ms': 2000, 'request.timeout.ms': 2000, 'linger.ms': 100 })).toBe(
      'producers[0].delivery.timeout.ms: 2000 is less than linger.ms + request.timeout.ms = 2100: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
    );
  });

  it('idempotence not set explicitly is quietly off when acks ≠ all, retries = 0 or in-flight > 5', () => {
    for (const producer of [{ acks: 1 }, { acks: 0 }, { retries: 0 }, { 'max.in.flight.requests.per.connection': 6 }]) {
      const parsed = parseScenario(scenario(producer));
      expect(parsed.producers[0]!['enable.idempotence'], JSON.stringify(producer)).toBe(false);
    }
    // And on by default with Kafka's defaults.
    expect(parseScenario(scenario({})).producers[0]!['enable.idempotence']).toBe(true);
  });

  it('a producer whose idempotence is quietly off runs without a producer id', () => {
    const { events } = run({ ...scenario({ acks: 1 }), script: [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 3, every: 10 }] });
    expect(of(events, 'ProducerIdAssigned')).toHaveLength(0);
    expect(of(events, 'ProduceRequested').every((e) => e.baseSequence === -1)).toBe(true);
  });
});

/** ProduceRequested events grouped by request (correlation id). */
function groupByRequest(events: TraceEvent[]): Map<number, TraceEventOf<'ProduceRequested'>[]> {
  const requests = new Map<number, TraceEventOf<'ProduceRequested'>[]>();
  for (const e of of(events, 'ProduceRequested')) {
    const list = requests.get(e.correlationId) ?? [];
    list.push(e);
    requests.set(e.correlationId, list);
  }
  return requests;
}

/**
 * The most batches of the one partition requested and not yet answered at any moment (with one
 * partition, a request carries one batch, so this counts requests in flight). Only for runs
 * without errors: each batch is requested once and acknowledged once.
 */
function maxOutstanding(events: TraceEvent[]): number {
  let outstanding = 0;
  let max = 0;
  for (const e of events) {
    if (e.type === 'ProduceRequested') max = Math.max(max, ++outstanding);
    else if (e.type === 'Acked') outstanding--;
  }
  expect(of(events, 'ProduceErrored')).toHaveLength(0);
  return max;
}
