/**
 * What a partition log remembers of each idempotent producer (Kafka's ProducerStateManager): the
 * last five batches' sequences and offsets. A retried batch among them is a duplicate answered
 * with its original offsets; a gap is OUT_OF_ORDER_SEQUENCE_NUMBER; a new epoch starts at 0; an
 * older epoch is fenced; a truncation forgets what it removed.
 */
import { describe, expect, it } from 'vitest';
import { makeBatch, type Batch, type RecordData } from './batch';
import { BATCHES_TO_RETAIN, ProducerStateTable } from './producerState';

const PID = 42;

function records(n: number): RecordData[] {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, producer: 'p1', key: null, value: `v${i}`, timestamp: 0, sendSeq: i }));
}

/** A batch of `n` records from producer PID, stamped at `baseOffset` (-1: as the producer sends it). */
function batch(baseSequence: number, n: number, opts: { epoch?: number; baseOffset?: number; pid?: number } = {}): Batch {
  return { ...makeBatch(records(n), opts.baseOffset ?? -1, 0), producerId: opts.pid ?? PID, producerEpoch: opts.epoch ?? 0, baseSequence };
}

/** Checks then records a batch the way the leader does, at the log end offset `offset`. */
function append(table: ProducerStateTable, baseSequence: number, n: number, offset: number, epoch = 0): void {
  expect(table.check(batch(baseSequence, n, { epoch }))).toEqual({ kind: 'append' });
  table.update(batch(baseSequence, n, { epoch, baseOffset: offset }));
}

describe('ProducerStateTable', () => {
  it('lets batches of non-idempotent producers through unchecked', () => {
    const table = new ProducerStateTable();
    const plain = makeBatch(records(3), -1, 0);
    expect(table.check(plain)).toEqual({ kind: 'append' });
    table.update(makeBatch(records(3), 0, 0));
    expect(table.check(plain)).toEqual({ kind: 'append' });
  });

  it('accepts the first batch of a new producer', () => {
    const table = new ProducerStateTable();
    expect(table.check(batch(0, 2))).toEqual({ kind: 'append' });
  });

  it('accepts the next sequence and rejects a gap with OUT_OF_ORDER_SEQUENCE_NUMBER', () => {
    const table = new ProducerStateTable();
    append(table, 0, 3, 0); // sequences 0..2
    expect(table.check(batch(3, 2))).toEqual({ kind: 'append' });
    expect(table.check(batch(4, 1))).toEqual({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(table.check(batch(5, 1))).toEqual({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
  });

  it('answers a retried batch among the last five with its original offsets', () => {
    const table = new ProducerStateTable();
    // Another producer's batches interleave, so offsets and sequences differ.
    append(table, 0, 2, 10); // seq 0..1 at offsets 10..11
    table.update(batch(0, 4, { pid: 7, baseOffset: 12 }));
    append(table, 2, 3, 16); // seq 2..4 at offsets 16..18
    expect(table.check(batch(0, 2))).toEqual({ kind: 'duplicate', baseOffset: 10, lastOffset: 11 });
    expect(table.check(batch(2, 3))).toEqual({ kind: 'duplicate', baseOffset: 16, lastOffset: 18 });
  });

  it('does not take a batch with the same first sequence but other length for a duplicate', () => {
    const table = new ProducerStateTable();
    append(table, 0, 2, 0);
    expect(table.check(batch(0, 3)).kind).toBe('error');
  });

  it(`remembers only the last ${BATCHES_TO_RETAIN} batches: an older retry gets DUPLICATE_SEQUENCE_NUMBER, no offsets`, () => {
    const table = new ProducerStateTable();
    for (let s = 0; s < 6; s++) append(table, s, 1, s);
    // Sequence 0 is written (offset 0) but forgotten; 1..5 are remembered.
    expect(table.check(batch(0, 1))).toEqual({ kind: 'error', error: 'DUPLICATE_SEQUENCE_NUMBER' });
    expect(table.check(batch(1, 1))).toEqual({ kind: 'duplicate', baseOffset: 1, lastOffset: 1 });
    expect(table.check(batch(5, 1))).toEqual({ kind: 'duplicate', baseOffset: 5, lastOffset: 5 });
    expect(table.check(batch(6, 1))).toEqual({ kind: 'append' });
  });

  it('a bumped epoch must start again at sequence 0', () => {
    const table = new ProducerStateTable();
    append(table, 0, 5, 0);
    expect(table.check(batch(5, 1, { epoch: 1 }))).toEqual({ kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect(table.check(batch(0, 1, { epoch: 1 }))).toEqual({ kind: 'append' });
    append(table, 0, 1, 5, 1);
    expect(table.check(batch(1, 1, { epoch: 1 }))).toEqual({ kind: 'append' });
  });

  it('fences an older epoch with INVALID_PRODUCER_EPOCH once a newer one wrote', () => {
    const table = new ProducerStateTable();
    append(table, 0, 2, 0, 0);
    append(table, 0, 1, 2, 1);
    // Even the exact retry of an epoch-0 batch is refused: that producer instance is fenced.
    expect(table.check(batch(0, 2, { epoch: 0 }))).toEqual({ kind: 'error', error: 'INVALID_PRODUCER_EPOCH' });
    expect(table.check(batch(2, 1, { epoch: 0 }))).toEqual({ kind: 'error', error: 'INVALID_PRODUCER_EPOCH' });
  });

  it('after a truncation, forgets the batches it removed: they are appended again, not duplicates', () => {
    const table = new ProducerStateTable();
    append(table, 0, 2, 0); // offsets 0..1
    append(table, 2, 2, 2); // offsets 2..3
    table.truncateTo(2);
    expect(table.check(batch(2, 2))).toEqual({ kind: 'append' });
    expect(table.check(batch(0, 2))).toEqual({ kind: 'duplicate', baseOffset: 0, lastOffset: 1 });
  });

  it('a truncation below all of a producer’s batches forgets the producer', () => {
    const table = new ProducerStateTable();
    append(table, 0, 2, 5);
    table.truncateTo(5);
    // Not a duplicate any more: the batch is appended again.
    expect(table.check(batch(0, 2))).toEqual({ kind: 'append' });
  });

  it('clear forgets every producer', () => {
    const table = new ProducerStateTable();
    append(table, 0, 2, 0);
    table.clear();
    expect(table.check(batch(0, 2))).toEqual({ kind: 'append' });
  });
});
