/**
 * metadata.max.age.ms: a producer refreshes its metadata when it expires, sending or not. Kafka's
 * sender sleeps at most until the metadata's next update is due (NetworkClient.poll with
 * Metadata.timeToNextUpdate); the engine's sender used to look at the age only when something
 * else woke it, so an idle producer never refreshed.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { runScenario } from '../run/run';

const metadataRequests = (events: TraceEvent[]): TraceEventOf<'MessageSent'>[] =>
  events.filter((e): e is TraceEventOf<'MessageSent'> => e.type === 'MessageSent' && e.from === 'p1' && e.kind === 'Metadata');

function run(maxAgeMs: number, script: unknown[]): TraceEvent[] {
  const events: TraceEvent[] = [];
  runScenario(
    {
      seed: 1,
      until: 7000,
      brokers: 3,
      topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
      producers: [{ id: 'p1', 'metadata.max.age.ms': maxAgeMs }],
      script,
    },
    { onEvent: (e) => events.push(e) },
  );
  return events;
}

describe('metadata.max.age.ms', () => {
  it('an idle producer asks for metadata again each time its metadata expires', () => {
    const asked = metadataRequests(run(2000, [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 1 }]));
    // At start, then one round trip plus 2 s after each answer (1 ms links).
    expect(asked.map((m) => m.t)).toEqual([0, 2002, 4004, 6006]);
  });

  it('the default (5 minutes) asks once in a short run', () => {
    expect(metadataRequests(run(300000, [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 50, every: 100 }]))).toHaveLength(1);
  });
});
