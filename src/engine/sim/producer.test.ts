/**
 * The basic producer's client rules, observed through scenarios: retries, backoff, request and
 * delivery timeouts, keyed partitioning.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { partitionForKey } from '../model/partitioner';
import { runScenario } from '../scenario/run';

function run(input: Record<string, unknown>): { events: TraceEvent[]; report: ReturnType<typeof runScenario> } {
  const events: TraceEvent[] = [];
  const report = runScenario(input, { onEvent: (e) => events.push(e) });
  return { events, report };
}

const of = <T extends TraceEvent['type']>(events: TraceEvent[], type: T): TraceEventOf<T>[] =>
  events.filter((e): e is TraceEventOf<T> => e.type === type);

function cluster(producer: Record<string, unknown>, script: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'producer rules',
    seed: 1,
    brokers: 3,
    topics: [{ name: 't', partitions: 1, 'replication.factor': 3 }],
    producers: [{ id: 'p1', 'enable.idempotence': false, ...producer }],
    script,
    ...extra,
  };
}

describe('the basic producer', () => {
  it('with retries=0 fails a record on its first retriable error', () => {
    const { events, report } = run(
      cluster({ acks: 'all', retries: 0 }, [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 5, every: 10 }], {
        broker: { 'min.insync.replicas': 4 },
      }),
    );
    expect(report.records).toMatchObject({ sent: 5, failed: 5, acknowledged: 0 });
    expect(of(events, 'SendFailed').every((e) => e.error === 'NOT_ENOUGH_REPLICAS')).toBe(true);
    expect(of(events, 'ProduceRequested').every((e) => e.attempt === 1)).toBe(true);
  });

  it('retries with exponential backoff (retry.backoff.ms doubling up to retry.backoff.max.ms)', () => {
    const { events } = run(
      cluster({ acks: 'all', 'retry.backoff.ms': 100, 'retry.backoff.max.ms': 1000 }, [{ at: 0, do: 'produce', producer: 'p1', topic: 't' }], {
        broker: { 'min.insync.replicas': 4 },
        until: 10000,
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

  it('sends a keyed record to murmur2(key) mod partitions, the same partition every time', () => {
    const { events } = run({
      ...cluster({ acks: '1' }, [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 40, every: 5, key: 'user-{i}' }]),
      topics: [{ name: 't', partitions: 6, 'replication.factor': 3 }],
    });
    const sent = of(events, 'RecordSent');
    expect(sent).toHaveLength(40);
    for (const e of sent) expect(e.partition).toBe(partitionForKey(e.key!, 6));
    expect(new Set(sent.map((e) => e.partition)).size).toBeGreaterThan(1);
  });

  it('with acks=0 counts a record as acknowledged when it is sent, with no offset', () => {
    const { events, report } = run(cluster({ acks: '0' }, [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 4, every: 10 }]));
    const acked = of(events, 'Acked');
    expect(acked.every((e) => e.offset === -1)).toBe(true);
    expect(acked.map((e) => e.t)).toEqual(of(events, 'ProduceRequested').map((e) => e.t));
    expect(report.records).toMatchObject({ sent: 4, acknowledged: 4, lostAcknowledged: 0 });
  });
});
