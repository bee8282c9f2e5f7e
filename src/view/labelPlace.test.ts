/** A dropped token's label never covers the words of a header it falls beside (issue 9, follow-up). */
import { describe, expect, it } from 'vitest';
import { labelWidth, placeLabel, stripBands, textObstacles } from './labelPlace';
import { computeLayout, overlaps } from './layout';

const REASONS = ['✕ target down', '✕ link cut', '✕ 目标宕机', 'NOT_LEADER_OR_FOLLOWER'];

describe('placeLabel', () => {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    it(`at ${width}×${height}, a label beside a token anywhere in a broker header sits clear of every header`, () => {
      const layout = computeLayout({
        width,
        height,
        brokers: [1, 2, 3],
        partitions: [0, 1, 2].map((partition) => ({ topic: 'orders', partition })),
        producers: ['p1'],
        groups: [{ id: 'billing', members: ['c1', 'c2'] }],
      });
      const obstacles = textObstacles(layout);
      const failures: string[] = [];
      for (const col of layout.columns) {
        for (const fx of [0.1, 0.5, 0.9]) {
          for (const fy of [0, 0.5, 1]) {
            const at = { x: col.header.x + col.header.width * fx, y: col.header.y + col.header.height * fy };
            for (const text of REASONS) {
              const p = placeLabel(at, 10, text, layout.small, obstacles, layout);
              const box = { x: at.x + p.dx, y: at.y + p.dy, width: p.width, height: p.height };
              if (obstacles.some((o) => overlaps(box, o))) failures.push(`b${col.broker} ${fx},${fy} "${text}"`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  for (const [width, height, brokers, partitions] of [
    [1280, 720, 3, 3],
    [1920, 1080, 3, 1],
    [1280, 720, 5, 6],
    [390, 560, 3, 3],
  ] as const) {
    it(`at ${width}×${height}, ${brokers} brokers × ${partitions} partitions, a drop's label on a follower fetch's path covers no strip's HW words`, () => {
      const layout = computeLayout({
        width,
        height,
        brokers: Array.from({ length: brokers }, (_, i) => i + 1),
        partitions: Array.from({ length: partitions }, (_, partition) => ({ topic: 'orders', partition })),
        producers: ['p1'],
        groups: [{ id: 'billing', members: ['c1', 'c2'] }],
      });
      const bands = stripBands(layout);
      const failures: string[] = [];
      for (const row of layout.rows) {
        const top = row.cy + layout.strip.dyFromCy;
        for (let i = 0; i + 1 < layout.columns.length; i++) {
          // Between two strips of a row (a fetch's hop), at the strip's top, middle and bottom.
          const [a, b] = [layout.columns[i]!, layout.columns[i + 1]!];
          for (const f of [0.12, 0.5, 0.88]) {
            for (const fy of [0, 0.5, 1]) {
              const at = { x: a.cx + (b.cx - a.cx) * f, y: top + layout.strip.height * fy };
              for (const text of REASONS) {
                const p = placeLabel(at, 8, text, layout.small, textObstacles(layout), layout);
                const box = { x: at.x + p.dx, y: at.y + p.dy, width: p.width, height: p.height };
                if (bands.some((o) => overlaps(box, o))) failures.push(`${row.key} b${a.broker}→b${b.broker} ${f},${fy} "${text}"`);
              }
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('keeps the label beside the token, on its right, when nothing is in the way', () => {
    const p = placeLabel({ x: 100, y: 100 }, 10, '✕ link cut', 12, [], { width: 1000, height: 1000 });
    expect(p.dx).toBeGreaterThan(10);
    expect(p.dy + p.height / 2).toBe(0);
  });

  it('goes to the left near the right edge of the view rather than spilling out of it', () => {
    const p = placeLabel({ x: 990, y: 100 }, 10, '✕ link cut', 12, [], { width: 1000, height: 1000 });
    expect(p.dx + p.width).toBeLessThan(0);
  });

  it('counts wide (CJK) characters wider than Latin ones', () => {
    expect(labelWidth('目标宕机', 12)).toBeGreaterThan(labelWidth('abcd', 12));
  });
});
