/**
 * commit: "sync-before-processing" is at-most-once: commitSync, then process. When commitSync
 * fails (the member was removed during a long pause: UNKNOWN_MEMBER_ID → CommitFailedException),
 * Kafka's commitSync throws and the loop body never processes the batch; the new owner reads it
 * from the old committed offset. Processing it anyway would process records twice.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace';
import { runScenario } from '../../run/run';

function run() {
  const events: TraceEvent[] = [];
  const report = runScenario(
    {
      name: 'commit before processing, member paused past its session',
      brokers: 3,
      until: 60000,
      broker: { 'offsets.topic.num.partitions': 3 },
      topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
      producers: [{ id: 'p1', acks: 'all' }],
      groups: [
        {
          'group.id': 'g',
          topics: ['orders'],
          members: 2,
          'auto.offset.reset': 'earliest',
          'processing.ms': 0,
          commit: 'sync-before-processing',
          'enable.auto.commit': false,
          'session.timeout.ms': 10000,
        },
      ],
      script: [
        { at: 1000, do: 'produce', producer: 'p1', topic: 'orders', count: 4000, every: 10, key: 'k{i}' },
        { at: 15003, do: 'pauseMember', group: 'g', member: 'c1', ms: 20000 },
      ],
    },
    { onEvent: (e) => events.push(e) },
  );
  return { report, events };
}

describe('commit before processing', () => {
  it('does not process a batch whose commitSync failed', () => {
    const { report, events } = run();
    const failed = events.find((e) => e.type === 'CommitFailed' && e.member === 'c1' && e.sync);
    expect(failed).toBeDefined();
    const processedAtFailure = events.filter((e) => e.type === 'RecordsProcessed' && e.member === 'c1' && e.t === failed!.t);
    expect(processedAtFailure).toHaveLength(0);
    expect(report.records.processedTwice).toBe(0);
  });
});
