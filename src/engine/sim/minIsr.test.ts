/**
 * min.insync.replicas above the replica count: since Kafka 3.7 (KAFKA-15583) a partition applies
 * min(min.insync.replicas, replicas) — `Partition.effectiveMinIsr`.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run/run';
import type { TraceEvent } from '../core/trace';

/** RF 2 with min.insync.replicas 3, acks=all: Kafka 3.7+ treats min ISR as 2. */
const rf2MinIsr3 = {
  name: 'min ISR above the replica count',
  seed: 1,
  until: 30000,
  brokers: 3,
  topics: [{ name: 't', partitions: 1, 'replication.factor': 2, 'replica.assignment': [[1, 2]], 'min.insync.replicas': 3 }],
  producers: [{ id: 'p1', acks: 'all' }],
  script: [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 20, every: 50, key: 'k{i}' }],
};

describe('min.insync.replicas larger than the replication factor', () => {
  it('acks=all writes are accepted while every replica is in sync', () => {
    const report = runScenario(rf2MinIsr3);
    expect(report.records).toMatchObject({ sent: 20, acknowledged: 20, failed: 0 });
    expect(report.producers[0]!.errors).toEqual({});
    expect(report.partitions[0]).toMatchObject({ highWatermark: 20, isr: [1, 2] });
  });

  it('with one of the two replicas gone, the ISR is below the effective min (2) and acks=all is refused', () => {
    const input = {
      ...rf2MinIsr3,
      until: 60000,
      producers: [{ id: 'p1', acks: 'all', 'delivery.timeout.ms': 20000, 'request.timeout.ms': 5000, 'linger.ms': 0 }],
      script: [
        { at: 0, do: 'crash', broker: 2 },
        { at: 15000, do: 'produce', producer: 'p1', topic: 't', count: 5, every: 50, key: 'k{i}' },
      ],
    };
    const report = runScenario(input);
    expect(report.partitions[0]).toMatchObject({ leader: 1, isr: [1] });
    expect(report.records).toMatchObject({ sent: 5, acknowledged: 0, failed: 5 });
    expect(report.producers[0]!.errors.NOT_ENOUGH_REPLICAS).toBeGreaterThan(0);
  });

  it('the high watermark follows the effective min too: acks=1 records become visible at once', () => {
    const events: TraceEvent[] = [];
    runScenario({ ...rf2MinIsr3, producers: [{ id: 'p1', acks: '1', 'enable.idempotence': false }] }, { onEvent: (e) => events.push(e) });
    const leaderHw = events.filter((e) => e.type === 'HighWatermarkAdvanced' && e.broker === 1);
    expect(leaderHw.at(-1)).toMatchObject({ highWatermark: 20 });
  });

  it('a one-broker cluster with min.insync.replicas 2 still stores consumer offsets (RF 1 offsets topic)', () => {
    const report = runScenario({
      name: 'one broker, min ISR 2',
      seed: 1,
      until: 20000,
      brokers: 1,
      topics: [{ name: 't', partitions: 1, 'replication.factor': 1 }],
      broker: { 'min.insync.replicas': 2, 'offsets.topic.num.partitions': 1 },
      producers: [{ id: 'p1', acks: 'all' }],
      groups: [{ 'group.id': 'g', topics: ['t'], members: 1, 'auto.offset.reset': 'earliest', commit: 'sync-after-processing' }],
      script: [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 10, every: 100, key: 'k{i}' }],
    });
    expect(report.records).toMatchObject({ acknowledged: 10, consumed: 10 });
    expect(report.groups![0]!.committed).toMatchObject({ 't-0': 10 });
  });
});
