/** The application's processing: processing.ms per record, in order; a crash mid-batch reports only what was done. */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace';
import { runScenario } from '../../run/run';

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

function run(group: Record<string, unknown>, script: unknown[] = []) {
  const events: TraceEvent[] = [];
  runScenario(
    {
      name: 'processing',
      brokers: 3,
      until: 20000,
      broker: { 'offsets.topic.num.partitions': 3, 'group.initial.rebalance.delay.ms': 0 },
      topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
      producers: [{ id: 'p1', acks: 'all', 'enable.idempotence': false }],
      groups: [{ 'group.id': 'g', topics: ['orders'], members: 0, 'auto.offset.reset': 'earliest', 'processing.ms': 100, ...group }],
      script: [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 20, every: 1 }, { at: 3000, do: 'addMember', group: 'g' }, ...script],
    },
    { onEvent: (e) => events.push(e) },
  );
  const polled = events.filter((e): e is Of<'RecordsPolled'> => e.type === 'RecordsPolled');
  const processed = events.filter((e): e is Of<'RecordsProcessed'> => e.type === 'RecordsProcessed');
  return { polled, processed };
}

describe.each(['in-poll-loop', 'async'])('processing %s', (processing) => {
  it('takes processing.ms per record, in offset order, and reports the batch when it is done', () => {
    const { polled, processed } = run({ processing });
    expect(polled[0]!.count).toBe(20);
    expect(processed[0]!.t).toBe(polled[0]!.t + 20 * 100);
    expect(processed.flatMap((e) => e.recordIds)).toHaveLength(20);
    expect(processed[0]!.recordIds).toEqual([...processed[0]!.recordIds].sort((a, b) => a - b));
  });

  it('a crash mid-batch reports the records processed before it, and only those', () => {
    const whole = run({ processing });
    const t0 = whole.polled[0]!.t;
    const { processed } = run({ processing }, [{ at: t0 + 550, do: 'crashMember', group: 'g', member: 'c1' }]);
    expect(processed).toHaveLength(1);
    expect(processed[0]!.t).toBe(t0 + 550);
    expect(processed[0]!.recordIds).toEqual(whole.processed[0]!.recordIds.slice(0, 5));
  });

  it('a GC pause holds the batch where it is and processing goes on after it', () => {
    const whole = run({ processing });
    const t0 = whole.polled[0]!.t;
    const { processed } = run({ processing }, [{ at: t0 + 550, do: 'pauseMember', group: 'g', member: 'c1', ms: 1000 }]);
    // Record 6 was due at t0 + 600, during the pause: it finishes when the pause ends, the rest 100 ms apart.
    expect(processed[0]!.t).toBe(t0 + 1550 + 14 * 100);
    expect(processed[0]!.recordIds).toEqual(whole.processed[0]!.recordIds);
  });
});
