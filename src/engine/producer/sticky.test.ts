/**
 * The uniform sticky partitioner in a running producer: records without a key stay on one
 * partition until batch.size bytes went there — counting each new batch's header with its first
 * record — and the partition's last batch is full, so the switch falls on a batch boundary and
 * leaves no small fragment batch behind (BuiltInPartitioner.updatePartitionInfo with enableSwitch,
 * RecordAccumulator.append and partitionChanged).
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { BATCH_OVERHEAD_BYTES, recordSizeBytes } from '../model/batch';
import { runScenario } from '../run/run';

const BATCH_SIZE = 1000;
const COUNT = 3000;

/**
 * 3 brokers and 3 partitions, each led by its own broker: a request to a leader carries only its
 * partition's batch (Kafka's drain also takes the head batch of every other partition the same
 * broker leads, ready or not, which would mix that effect in).
 */
function run(producer: Record<string, unknown>): TraceEvent[] {
  const events: TraceEvent[] = [];
  runScenario(
    {
      name: 'sticky partitioner',
      seed: 1,
      brokers: 3,
      topics: [{ name: 't', partitions: 3, 'replication.factor': 3, 'replica.assignment': [[1, 2, 3], [2, 3, 1], [3, 1, 2]] }],
      producers: [{ id: 'p1', 'enable.idempotence': false, 'batch.size': BATCH_SIZE, ...producer }],
      script: [{ at: 0, do: 'produce', producer: 'p1', topic: 't', count: COUNT, every: 1 }],
    },
    { onEvent: (e) => events.push(e) },
  );
  return events;
}

const of = <T extends TraceEvent['type']>(events: TraceEvent[], type: T): TraceEventOf<T>[] =>
  events.filter((e): e is TraceEventOf<T> => e.type === type);

/** Size of the record with this id: the produce action's record i (id i + 1) has value `value-{i}`. */
const sizeOf = (recordId: number): number =>
  recordSizeBytes({ id: recordId, producer: 'p1', key: null, value: `value-${recordId - 1}`, timestamp: 0, sendSeq: 0 });

interface SentBatch {
  partition: number;
  recordIds: number[];
  bytes: number;
}

/** Every batch as first drained, in order. */
function batches(events: TraceEvent[]): SentBatch[] {
  return of(events, 'ProduceRequested')
    .filter((e) => e.attempt === 1)
    .map((e) => ({ partition: e.partition, recordIds: e.recordIds, bytes: BATCH_OVERHEAD_BYTES + e.recordIds.reduce((n, id) => n + sizeOf(id), 0) }));
}

describe('the uniform sticky partitioner, batch by batch', () => {
  it('with batches filling before linger.ms, every batch but the last of each partition is full: no fragment batch at a switch', () => {
    const events = run({ 'linger.ms': 1000 });
    const sent = batches(events);
    expect(sent.flatMap((b) => b.recordIds)).toHaveLength(COUNT);
    const lastOf = new Map<number, SentBatch>();
    for (const b of sent) lastOf.set(b.partition, b);
    const notLast = sent.filter((b) => lastOf.get(b.partition) !== b);
    expect(notLast.length).toBeGreaterThan(COUNT / 60);
    for (const b of notLast) {
      // Full: the next record of the run (the one sent right after the batch's last) did not fit.
      const next = b.recordIds[b.recordIds.length - 1]! + 1;
      expect(b.bytes + sizeOf(next), `batch of partition ${b.partition} ending at record ${next - 1}: ${b.bytes} bytes`).toBeGreaterThan(BATCH_SIZE);
    }
    // The partitioner moved on at each full batch, to partitions drawn at random: all appear.
    expect(new Set(sent.map((b) => b.partition))).toEqual(new Set([0, 1, 2]));
  });

  it('with a short linger.ms, each run on one partition holds batch.size bytes or more, counting every batch header', () => {
    const events = run({ 'linger.ms': 5 });
    const sentTo = of(events, 'RecordSent').map((e) => e.partition);
    const firstOfBatch = new Set(batches(events).map((b) => b.recordIds[0]!));
    // Runs of consecutive records on one partition (two runs on the same partition back to back
    // merge; that only makes a run longer).
    const runs: number[] = [];
    let bytes = 0;
    sentTo.forEach((partition, i) => {
      const id = i + 1;
      if (i > 0 && partition !== sentTo[i - 1]) {
        runs.push(bytes);
        bytes = 0;
      }
      bytes += sizeOf(id) + (firstOfBatch.has(id) ? BATCH_OVERHEAD_BYTES : 0);
    });
    expect(runs.length).toBeGreaterThan(COUNT / 100);
    for (const run of runs) expect(run).toBeGreaterThanOrEqual(BATCH_SIZE);
    // Linger sends batches before they fill, so runs span several batches: the switch waits for
    // the partition's batch to go (or fill) once batch.size bytes went there.
    expect(batches(events).length).toBeGreaterThan(runs.length);
  });
});
