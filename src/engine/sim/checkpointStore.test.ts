import { describe, expect, it } from 'vitest';
import { bytesBeyond, estimateBytes, withinBudget, type Stored } from './checkpointStore';
import type { Checkpoint } from './simulation';

function checkpointOf(nodes: unknown[]): Checkpoint {
  return { format: 'kafka-playground/checkpoint@1', time: 0, graph: { format: 'kafka-playground/graph@1', nodes, root: null } } as unknown as Checkpoint;
}

const event = (i: number) => ({ type: 'record.appended', time: i, broker: 1, topic: 'orders', partition: 0, offset: i });

describe('estimateBytes', () => {
  it('counts the trace events an immutable chunk holds, not only its slots (the ring drops them, checkpoints keep them)', () => {
    const chunk = Array.from({ length: 256 }, (_, i) => event(i));
    const withEvents = estimateBytes(checkpointOf([{ im: [chunk] }]), new WeakSet());
    const withNumbers = estimateBytes(checkpointOf([{ im: [chunk.map((_, i) => i)] }]), new WeakSet());
    // Each event has six fields: at least that many slots besides its own in the chunk.
    expect(withEvents - withNumbers).toBeGreaterThanOrEqual(256 * 6 * 8);
  });

  it('counts what checkpoints share once: a second checkpoint holding the same chunk adds only its own nodes', () => {
    const chunk = Array.from({ length: 256 }, (_, i) => event(i));
    const counted = new WeakSet<object>();
    const first = estimateBytes(checkpointOf([{ im: [chunk] }]), counted);
    const second = estimateBytes(checkpointOf([{ im: [chunk] }]), counted);
    expect(second).toBeLessThan(first / 10);
  });
});

describe('withinBudget', () => {
  const stored = (time: number, chunks: unknown[][], bytes: number): Stored => ({ time, commandCount: 0, checkpoint: checkpointOf([{ im: chunks }]), companion: undefined, bytes });

  it('counts the checkpoint after a dropped one again, against its new neighbour: what the dropped one was first to hold stays counted', () => {
    // A log growing by one chunk a checkpoint: each one's own size is its newest chunk.
    const chunks = Array.from({ length: 4 }, (_, c) => Array.from({ length: 256 }, (_, i) => event(c * 256 + i)));
    const counted = new WeakSet<object>();
    const list = [0, 1, 2, 3].map((c) => {
      const checkpoint = checkpointOf([{ im: chunks.slice(0, c + 1) }]);
      return { ...stored(c * 1000, chunks.slice(0, c + 1), 0), checkpoint, bytes: estimateBytes(checkpoint, counted) };
    });
    const total = list.reduce((n, s) => n + s.bytes, 0);
    const kept = withinBudget(list, total - 1, (next, previous) => bytesBeyond(next.checkpoint, previous.checkpoint));
    expect(kept.map((s) => s.time)).toEqual([0, 2000, 3000]);
    // The one at 2 s now holds chunks 1 and 2 beyond the first checkpoint: about twice its own size.
    expect(kept[1]!.bytes).toBeGreaterThan(1.8 * list[2]!.bytes);
    // Without the recount, dropping it would seem to free a whole chunk the next one still holds.
    expect(withinBudget(list, total - 1).map((s) => s.bytes)).toEqual([list[0]!.bytes, list[2]!.bytes, list[3]!.bytes]);
  });
});
