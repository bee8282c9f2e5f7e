/**
 * request.timeout.ms=0 is a legal Kafka setting: a request expires once more than 0 ms has passed
 * since it was sent (InFlightRequests.hasExpiredRequest), before any answer can come back. A
 * fuzzed scenario with it stalled the engine at 0 ms: each retry expired in the instant it went
 * out, and went out again. Now the producer is as useless as Kafka's would be, and the run goes on.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { runScenario } from '../run/run';

const of = <T extends TraceEvent['type']>(events: TraceEvent[], type: T): TraceEventOf<T>[] =>
  events.filter((e): e is TraceEventOf<T> => e.type === type);

function run(producer: Record<string, unknown>) {
  const events: TraceEvent[] = [];
  const report = runScenario(
    {
      seed: 1,
      until: 5000,
      brokers: 3,
      topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
      producers: [{ id: 'p1', acks: 'all', 'request.timeout.ms': 0, 'delivery.timeout.ms': 1000, ...producer }],
      script: [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 3, every: 10 }],
    },
    { onEvent: (e) => events.push(e) },
  );
  return { events, report };
}

describe('request.timeout.ms = 0', () => {
  it('every metadata request expires unanswered and is asked again after retry.backoff.ms; the records fail at delivery.timeout.ms', () => {
    const { events, report } = run({ 'enable.idempotence': false, 'retry.backoff.ms': 100 });
    const asked = of(events, 'MessageSent').filter((m) => m.from === 'p1' && m.kind === 'Metadata');
    expect(asked.length).toBeGreaterThan(10);
    for (let i = 1; i < asked.length; i++) expect(asked[i]!.t - asked[i - 1]!.t).toBe(100);
    expect(of(events, 'Acked')).toHaveLength(0);
    expect(of(events, 'SendFailed')[0]).toMatchObject({ t: 1000, error: 'DELIVERY_TIMEOUT' });
    expect(report.records).toMatchObject({ sent: 3, acknowledged: 0, failed: 3 });
  });

  it('with idempotence on, each InitProducerId expires unanswered and is asked again after retry.backoff.ms (not at once); the records fail the same way', () => {
    const { events, report } = run({ 'retry.backoff.ms': 100 });
    const asked = of(events, 'MessageSent').filter((m) => m.from === 'p1' && m.kind === 'InitProducerId');
    expect(asked.length).toBeGreaterThan(10);
    // Expired 1 ms after it went out (more than 0 ms passed), then 100 ms of backoff.
    for (let i = 1; i < asked.length; i++) expect(asked[i]!.t - asked[i - 1]!.t).toBe(101);
    expect(report.records).toMatchObject({ sent: 3, acknowledged: 0, failed: 3 });
  });
});
