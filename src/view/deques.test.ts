import { describe, expect, it } from 'vitest';
import { dequeSpecs } from './deques';
import type { DrawContext } from './context';

const layout = { strip: { height: 16 }, rows: [{ band: { height: 30 } }], font: 14, small: 11 } as unknown as DrawContext['layout'];
const ctx = { layout, t: (key: string, vars?: Record<string, unknown>) => `${key} ${JSON.stringify(vars)}` };
const batch = (records: number, bytes: number, ageMs: number, closed: boolean) => ({ records, bytes, ageMs, closed, attempts: 1 });

describe("a producer's deque as element specs", () => {
  it('draws the wire, one box per batch filled by its bytes, the open newest one counting down linger.ms', () => {
    const dq = { topic: 'orders', partition: 0, inFlightRecords: 0, batches: [batch(4, 8192, 9, true), batch(2, 4096, 2, false)] };
    const specs = dequeSpecs(ctx, { batchSize: 16384, lingerMs: 5 }, dq, { x: 0, width: 150 }, 100, '#0072B2');
    expect(specs.map((s) => s.tag)).toEqual(['line', 'g', 'g']);
    const [oldest, newest] = [specs[1]!, specs[2]!];
    // The oldest at the right; each box half full (8192 of 16384 bytes), the record count written in it.
    expect(Number(oldest.children![0]!.attrs.x)).toBeGreaterThan(Number(newest.children![0]!.attrs.x));
    expect(Number(oldest.children![1]!.attrs.height)).toBeCloseTo(Number(oldest.children![0]!.attrs.height) / 2);
    expect(oldest.children!.find((c) => c.tag === 'text')?.text).toBe('4');
    expect(oldest.attrs['data-batch']).toBe('[4,8192,16384,9,5]');
    // Only the newest, open batch has the countdown bar: 2 of 5 ms gone, 60 % left.
    expect(oldest.children).toHaveLength(3);
    const bar = newest.children![3]!;
    expect(Number(bar.attrs.width)).toBeCloseTo(Number(newest.children![0]!.attrs.width) * 0.6);
  });

  it('counts the batches beyond the lane and says how many records are in flight when there is room', () => {
    const many = { topic: 'orders', partition: 0, inFlightRecords: 0, batches: Array.from({ length: 9 }, () => batch(1, 100, 1, true)) };
    const crowded = dequeSpecs(ctx, { batchSize: 16384, lingerMs: 0 }, many, { x: 0, width: 100 }, 50, '#000');
    expect(crowded.at(-1)?.text).toMatch(/^\+\d+$/);
    const sending = dequeSpecs(ctx, { batchSize: 16384, lingerMs: 0 }, { ...many, batches: [], inFlightRecords: 7 }, { x: 0, width: 100 }, 50, '#000');
    expect(sending.map((s) => s.tag)).toEqual(['line', 'text']);
    expect(sending[1]!.text).toBe('view.producer.inFlight {"records":7}');
  });
});
