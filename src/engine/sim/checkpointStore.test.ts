import { describe, expect, it } from 'vitest';
import { estimateBytes, withinBudget } from './checkpointStore';
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
  it('keeps counting what a dropped checkpoint shared with the next one (it is still held)', () => {
    const chunk = Array.from({ length: 256 }, (_, i) => event(i));
    const counted = new WeakSet<object>();
    const stored = [0, 1, 2, 3].map((time) => {
      const checkpoint = checkpointOf(time === 0 ? [] : [{ im: [chunk] }]);
      return { time, commandCount: 0, checkpoint, companion: null, bytes: estimateBytes(checkpoint, counted) };
    });
    const whole = estimateBytes(stored[1]!.checkpoint, new WeakSet());
    // Checkpoint 1 counted the chunk; 2 and 3 share it. Dropping 1 leaves 2 holding it.
    const kept = withinBudget(stored, stored.reduce((n, s) => n + s.bytes, 0) - 1);
    expect(kept.map((s) => s.time)).toEqual([0, 2, 3]);
    expect(kept[1]!.bytes).toBe(whole);
  });
});
