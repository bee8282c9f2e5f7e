import { describe, expect, it } from 'vitest';
import type { ClusterSnapshot } from '../engine';
import { FrameHistory, type KeptFrame } from './frameHistory';

/** A frame whose one partition is new (not shared) and about `size` characters of JSON. */
function frame(time: number, size = 100): KeptFrame {
  const snapshot = { version: time, time, brokers: [], partitions: [{ pad: 'x'.repeat(size) }], producers: [], groups: [], links: {}, records: {} } as unknown as ClusterSnapshot;
  return { time, snapshot, inFlight: [], events: [], wire: { dropped: [], errors: [] }, badRecords: [], report: null, reportTime: null };
}

describe('the history of kept frames', () => {
  it('answers with the kept frame nearest at or before a time', () => {
    const h = new FrameHistory(1_000);
    for (let t = 0; t <= 5_000; t = h.nextDue()) h.keep(frame(t));
    expect(h.at(3_999)?.time).toBe(3_000);
    expect(h.at(4_000)?.time).toBe(4_000);
    expect(h.at(99_000)?.time).toBe(5_000);
    expect(h.at(-1)).toBeNull();
  });

  it('stays within its budget by keeping every other frame, spread over the whole run', () => {
    const h = new FrameHistory(1_000, 20_000);
    for (let t = 0; t <= 600_000; t = h.nextDue()) h.keep(frame(t, 1_000));
    const { frames, bytes, intervalMs } = h.stats();
    expect(bytes).toBeLessThanOrEqual(20_000);
    expect(intervalMs).toBeGreaterThan(1_000);
    expect(frames).toBeGreaterThan(5);
    // The end of the run is as close as the start: no kept frame lies more than one interval back.
    expect(600_000 - h.at(600_000)!.time).toBeLessThan(intervalMs);
    expect(h.at(intervalMs)!.time).toBe(intervalMs);
  });

  it('counts a shared entity once', () => {
    const h = new FrameHistory(1_000);
    const a = frame(0, 5_000);
    h.keep(a);
    const before = h.stats().bytes;
    h.keep({ ...frame(1_000), snapshot: { ...a.snapshot, time: 1_000 } });
    expect(h.stats().bytes - before).toBeLessThan(1_000);
  });

  it('drops the frames from a fork on, and gives back the history before it for an undo', () => {
    const h = new FrameHistory(1_000);
    for (let t = 0; t <= 10_000; t = h.nextDue()) h.keep(frame(t));
    const before = h.fork(4_000);
    expect(h.at(9_000)?.time).toBe(3_000);
    expect(before.at(9_000)?.time).toBe(9_000);
  });
});
