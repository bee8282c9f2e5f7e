import { describe, expect, it } from 'vitest';
import { LOST_AT_SEND, WireMemory, errorOpacity, fallState, lossPoint, type WireDrop } from './wire';

const route = { from: { x: 0, y: 100 }, to: { x: 200, y: 100 } };
const drop = (over: Partial<WireDrop> = {}): WireDrop => ({ messageId: 1, from: 'p1', to: 'b1', kind: 'Produce', reason: 'link-cut', sentAt: 1000, deliverAt: 1100, droppedAt: 1100, ...over });

describe('a dropped message as a falling token', () => {
  it('falls from where it was lost: on arrival at a crashed broker, just off its sender when its link was already cut', () => {
    expect(lossPoint(route, drop({ reason: 'node-down' }))).toEqual({ x: 200, y: 100 });
    expect(lossPoint(route, drop({ sentAt: 1000, deliverAt: 1000, droppedAt: 1000 }))).toEqual({ x: 200 * LOST_AT_SEND, y: 100 });
  });

  it('lost on arrival inside a broker header, it stops on its route just outside the box: the name stays readable', () => {
    const header = { x: 150, y: 80, width: 100, height: 40 };
    const p = lossPoint(route, drop({ reason: 'node-down' }), [header], 8);
    expect(p.y).toBe(100);
    expect(p.x + 8).toBeLessThanOrEqual(header.x);
    expect(p.x + 8).toBeGreaterThan(header.x - 200 * 0.02);
    // From one header to another with no gap between: just above the box it was lost in.
    const sender = { x: -10, y: 80, width: 150, height: 40 };
    expect(lossPoint(route, drop({ reason: 'node-down' }), [sender, header], 8)).toEqual({ x: 200, y: header.y - 9 });
    // Nothing in the way: where it was lost.
    expect(lossPoint(route, drop({ reason: 'node-down' }), [{ x: 300, y: 0, width: 10, height: 10 }], 8)).toEqual({ x: 200, y: 100 });
  });

  it('falls down and fades out over its time, and is gone after it (or before it happened)', () => {
    const start = { x: 50, y: 100 };
    const early = fallState(start, 1000, 1100, 1000, 60, false)!;
    const late = fallState(start, 1000, 1900, 1000, 60, false)!;
    expect(early.y).toBeGreaterThan(start.y);
    expect(late.y).toBeGreaterThan(early.y);
    expect(late.opacity).toBeLessThan(early.opacity);
    expect(fallState(start, 1000, 2001, 1000, 60, false)).toBeNull();
    expect(fallState(start, 1000, 999, 1000, 60, false)).toBeNull();
  });

  it('with reduced motion, jumps to where it lands and stays still until its time is up', () => {
    const start = { x: 50, y: 100 };
    const a = fallState(start, 1000, 1001, 1000, 60, true)!;
    const b = fallState(start, 1000, 1900, 1000, 60, true)!;
    expect(a).toEqual(b);
    expect(a.y).toBeGreaterThan(start.y);
    expect(a.angle).toBe(0);
  });

  it('an error response stays whole, then fades; with reduced motion it never fades', () => {
    expect(errorOpacity(1000, 1100, 900, false)).toBe(1);
    expect(errorOpacity(1000, 1850, 900, false)).toBeLessThan(1);
    expect(errorOpacity(1000, 1850, 900, true)).toBe(1);
    expect(errorOpacity(1000, 1901, 900, true)).toBeNull();
  });
});

describe('WireMemory', () => {
  it('keeps a drop for its fall at the current speed, hides it before it happened, forgets it after', () => {
    const memory = new WireMemory();
    memory.add({ dropped: [drop({ droppedAt: 1000 })], errors: [] });
    expect(memory.visible(999, 1).drops).toEqual([]);
    expect(memory.visible(1500, 1).drops).toHaveLength(1);
    // At 0.25×, two seconds of wall time are 500 ms of cluster time.
    expect(memory.visible(1400, 0.25).drops).toHaveLength(1);
    expect(memory.visible(1600, 0.25).drops).toEqual([]);
    expect(memory.visible(1400, 0.25).drops).toEqual([]);
  });

  it('counts a drop seen in two frames once', () => {
    const memory = new WireMemory();
    const d = drop({ droppedAt: 1000 });
    memory.add({ dropped: [d], errors: [] });
    memory.add({ dropped: [d], errors: [] });
    expect(memory.visible(1001, 1).drops).toHaveLength(1);
  });
});
