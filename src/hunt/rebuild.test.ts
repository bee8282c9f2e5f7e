/**
 * The rebuilt fates know two things the liveness check needs to tell Kafka's behaviour from a
 * bug: a record ages with the batch it joined, and a batch behind the sequence gap Kafka leaves
 * (an earlier batch expired in flight on its first attempt) is refused until it expires too.
 */
import { describe, expect, it } from 'vitest';
import type { Report, Scenario, TraceEvent } from '../engine';
import { rebuild } from './rebuild';

const scenario = { brokers: 1, groups: [] } as unknown as Scenario;
const report = { partitions: [], groups: [] } as unknown as Report;
const at = (t: number, e: Record<string, unknown>) => ({ t, ...e }) as TraceEvent;
const sent = (t: number, recordId: number) => at(t, { type: 'RecordSent', producer: 'p1', recordId, topic: 'orders', partition: 0, key: `k${recordId}` });
const requested = (t: number, recordIds: number[], attempt: number) =>
  at(t, { type: 'ProduceRequested', producer: 'p1', broker: 1, correlationId: t, topic: 'orders', partition: 0, recordIds, acks: 'all', attempt, baseSequence: 0 });
const failed = (t: number, recordIds: number[]) => at(t, { type: 'SendFailed', producer: 'p1', recordIds, error: 'DELIVERY_TIMEOUT' });

describe('rebuilt fates of failed records', () => {
  it('a record that joined an older batch ages with it', () => {
    const { fates } = rebuild(scenario, [sent(0, 1), sent(900, 2), requested(950, [1, 2], 1), requested(990, [1, 2], 2), failed(1000, [1, 2])], report);
    expect(fates.get(2)).toMatchObject({ status: 'failed', sentAt: 900, batchSentAt: 0 });
  });

  it('a batch expired in flight on its first attempt leaves a gap the next failed batch sits behind, until the epoch is bumped', () => {
    const trace = [
      sent(0, 1), requested(5, [1], 1), failed(1000, [1]), // expired on its first attempt: the gap
      sent(2000, 2), requested(2005, [2], 1), requested(2100, [2], 2), failed(3000, [2]), // behind it
      at(3000, { type: 'ProducerIdAssigned', producer: 'p1', producerId: 0, producerEpoch: 1 }),
      sent(4000, 3), requested(4005, [3], 1), requested(4100, [3], 2), failed(5000, [3]), // after the bump
    ];
    const { fates } = rebuild(scenario, trace, report);
    expect([1, 2, 3].map((id) => fates.get(id)!.behindSequenceGap)).toEqual([false, true, false]);
  });

  it('a batch that was retried before it expired leaves no such gap (Kafka marks it unresolved and resolves it)', () => {
    const trace = [sent(0, 1), requested(5, [1], 1), requested(100, [1], 2), failed(1000, [1]), sent(2000, 2), requested(2005, [2], 1), failed(3000, [2])];
    expect(rebuild(scenario, trace, report).fates.get(2)!.behindSequenceGap).toBe(false);
  });
});
