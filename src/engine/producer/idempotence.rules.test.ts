/**
 * The idempotent producer's sequence rules on their own (Kafka's TransactionManager for a
 * non-transactional producer): which batches keep their epoch and sequence, which are re-stamped
 * by an epoch bump, and when a partition's sequence is unresolved.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../core/trace';
import { PartitionQueue } from './accumulator';
import { Idempotence } from './idempotence';
import { ProducerBatch } from './producerBatch';
import type { ProducerCore } from './producerCore';

function setup() {
  const events: TraceEvent[] = [];
  const queues = [new PartitionQueue('t', 0), new PartitionQueue('t', 1)];
  const core = {
    name: 'p1',
    idempotent: true,
    settings: { 'request.timeout.ms': 30000, 'retry.backoff.ms': 100 },
    accumulator: { queues },
    ctx: {
      queue: { now: 0, after: () => ({ cancelled: false }) },
      network: { send: () => {} },
      emit: (e: TraceEvent) => events.push(e),
    },
    nextCorrelationId: () => 1,
    nextBootstrapBroker: () => 1,
    wakeSender: () => {},
  } as unknown as ProducerCore;
  const idem = new Idempotence(core);
  idem.prepare(); // asks for a producer id
  idem.handleProducerId(1, 7, 0);
  const [q0, q1] = queues as [PartitionQueue, PartitionQueue];
  /** A batch of `records` records drained now: stamped and in flight. */
  const drain = (q: PartitionQueue, records = 1): ProducerBatch => {
    const b = new ProducerBatch(q.topic, q.partition, 0, 1000);
    for (let i = 0; i < records; i++) b.tryAppend({ id: i, producer: 'p1', key: null, value: 'v', timestamp: 0, sendSeq: i }, 11, 1000);
    expect(idem.mayDrain(q, b)).toBe(true);
    idem.assignSequence(q, b);
    return b;
  };
  const stamp = (b: ProducerBatch) => [b.producerEpoch, b.baseSequence];
  return { idem, events, q0, q1, drain, stamp };
}

describe('epoch bumps', () => {
  it('a gap on one partition re-stamps only that partition’s batches in flight; the other keeps its retries’ epoch and sequences', () => {
    const { idem, q0, q1, drain, stamp } = setup();
    const a = drain(q0, 2); // epoch 0, sequences 0–1
    const b = drain(q0); // 2
    const x = drain(q1); // 0
    const y = drain(q1); // 1
    idem.onSuccess(q1, x);
    // Partition 0: the next expected sequence (0) is refused as out of order: a real gap.
    idem.onOutOfOrderRetry(q0, a);
    idem.prepare();
    expect(idem.epoch).toBe(1);
    // TxnPartitionEntry.startSequencesAtBeginning: a and b, sent under epoch 0, now carry epoch 1
    // from sequence 0. Had b been written already, its resend would be written again.
    expect([stamp(a), stamp(b)]).toEqual([
      [1, 0],
      [1, 2],
    ]);
    expect(a.sequenceReset && b.sequenceReset).toBe(true);
    // Partition 1's retry y keeps epoch 0 and sequence 1: the broker can still recognise it.
    expect(stamp(y)).toEqual([0, 1]);
    expect(y.sequenceReset).toBe(false);
    // No new batch for partition 1 while y (epoch 0) is in flight ...
    const fresh = new ProducerBatch('t', 1, 0, 1000);
    fresh.tryAppend({ id: 9, producer: 'p1', key: null, value: 'v', timestamp: 0, sendSeq: 9 }, 11, 1000);
    expect(idem.mayDrain(q1, fresh)).toBe(false);
    // ... but y itself goes out as it is.
    expect(idem.mayDrain(q1, y)).toBe(true);
    idem.onSuccess(q1, y);
    // Once nothing of epoch 0 is in flight, partition 1 starts over at 0 under epoch 1
    // (TransactionManager.maybeUpdateProducerIdAndEpoch).
    expect(idem.mayDrain(q1, fresh)).toBe(true);
    idem.assignSequence(q1, fresh);
    expect(stamp(fresh)).toEqual([1, 0]);
  });

  it('an out-of-order answer for a batch that is not the next expected sequence waits for the ones before it: no bump', () => {
    const { idem, q0, drain } = setup();
    drain(q0);
    const second = drain(q0);
    idem.onOutOfOrderRetry(q0, second);
    idem.prepare();
    expect(idem.epoch).toBe(0);
  });

  it('a batch that ran out of retries renumbers nothing; one refused for good with retries left does', () => {
    const { idem, q0, q1, drain } = setup();
    const a = drain(q0);
    idem.onFailure(q0, a, 'NETWORK_EXCEPTION', false);
    idem.prepare();
    expect(idem.epoch).toBe(0);
    const b = drain(q1);
    idem.onFailure(q1, b, 'INVALID_PRODUCER_EPOCH', true);
    idem.prepare();
    expect(idem.epoch).toBe(1);
  });
});

describe('unresolved sequences', () => {
  it('a batch that expires on its first try leaves nothing unresolved; an expired retry does, until the batches in flight settle', () => {
    const { idem, q0, drain } = setup();
    const first = drain(q0);
    idem.onFailure(q0, first, 'DELIVERY_TIMEOUT', false);
    idem.onExpired(q0, first);
    expect(q0.unresolvedNextSequence).toBeNull();

    const retried = drain(q0); // sequence 1
    const after = drain(q0); // sequence 2
    retried.attempts = 1;
    idem.onFailure(q0, retried, 'DELIVERY_TIMEOUT', false);
    idem.onExpired(q0, retried);
    expect(q0.unresolvedNextSequence).toBe(2);
    // A new batch waits while it is unknown whether sequence 1 was written.
    const fresh = new ProducerBatch('t', 0, 0, 1000);
    fresh.tryAppend({ id: 9, producer: 'p1', key: null, value: 'v', timestamp: 0, sendSeq: 9 }, 11, 1000);
    expect(idem.mayDrain(q0, fresh)).toBe(false);
    // The batch after it is acknowledged: sequence 1 was written after all; no bump.
    idem.onSuccess(q0, after);
    idem.prepare();
    expect(q0.unresolvedNextSequence).toBeNull();
    expect(idem.epoch).toBe(0);
    expect(idem.mayDrain(q0, fresh)).toBe(true);
  });

  it('when nothing after an expired retry was acknowledged, the partition starts over under a new epoch', () => {
    const { idem, q0, drain, stamp } = setup();
    const retried = drain(q0);
    retried.attempts = 2;
    idem.onFailure(q0, retried, 'DELIVERY_TIMEOUT', false);
    idem.onExpired(q0, retried);
    idem.prepare();
    expect(idem.epoch).toBe(1);
    expect(q0.unresolvedNextSequence).toBeNull();
    expect(stamp(drain(q0))).toEqual([1, 0]);
  });
});
