import { describe, expect, it } from 'vitest';
import { estimateBytes } from './checkpointStore';
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
