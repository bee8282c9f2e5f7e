/** Where a member starts reading: the committed offset, else auto.offset.reset. */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace';
import { runScenario } from '../../run/run';

function run(group: Record<string, unknown>, script: unknown[] = []) {
  const events: TraceEvent[] = [];
  const report = runScenario(
    {
      name: 'positions',
      brokers: 3,
      until: 30000,
      broker: { 'offsets.topic.num.partitions': 3, 'group.initial.rebalance.delay.ms': 0 },
      topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
      producers: [{ id: 'p1', acks: 'all', 'enable.idempotence': false }],
      groups: [{ 'group.id': 'g', topics: ['orders'], members: 0, ...group }],
      script: [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 100, every: 10 }, { at: 5000, do: 'addMember', group: 'g' }, ...script],
    },
    { onEvent: (e) => events.push(e) },
  );
  return { report, events };
}

describe('starting positions', () => {
  it('earliest reads from the log start offset, latest from the high watermark', () => {
    const earliest = run({ 'auto.offset.reset': 'earliest' });
    expect(earliest.events.find((e) => e.type === 'OffsetReset')).toMatchObject({ offset: 0, reason: 'no-committed-offset', policy: 'earliest' });
    expect(earliest.report.records).toMatchObject({ consumed: 100, skipped: 0 });
    const latest = run({});
    expect(latest.events.find((e) => e.type === 'OffsetReset')).toMatchObject({ offset: 100, policy: 'latest' });
    expect(latest.report.records).toMatchObject({ consumed: 0, skipped: 100 });
  });

  it('none fails the consumer with NoOffsetForPartitionException when nothing was committed', () => {
    const { events, report } = run({ 'auto.offset.reset': 'none' });
    expect(events.find((e) => e.type === 'ConsumerStopped')).toMatchObject({ member: 'c1', how: 'failed', error: 'NO_OFFSET_FOR_PARTITION' });
    expect(report.records.consumed).toBe(0);
  });

  it('a restarted member resumes from the group\'s committed offset, whatever auto.offset.reset says', () => {
    const { events, report } = run({ 'auto.offset.reset': 'earliest', 'enable.auto.commit': false, commit: 'sync-after-processing' }, [
      { at: 8000, do: 'removeMember', group: 'g', member: 'c1' },
      { at: 12000, do: 'addMember', group: 'g', member: 'c1' },
    ]);
    expect(events.filter((e) => e.type === 'OffsetReset')).toHaveLength(1);
    expect(report.records).toMatchObject({ consumed: 100, processedTwice: 0 });
    expect(report.groups![0]!.committed).toEqual({ 'orders-0': 100 });
  });
});
