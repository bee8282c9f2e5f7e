/** Layout arithmetic: every broker × partition count the playground allows fits without overlap. */
import { describe, expect, expect as expectAll, it } from 'vitest';
import { computeLayout, overlaps, stripRect, type Layout, type Rect } from './layout';

const SIZES = [
  [1280, 720],
  [1920, 1080],
] as const;

function build(width: number, height: number, brokers: number, partitions: number, members = 3): Layout {
  return computeLayout({
    width,
    height,
    brokers: Array.from({ length: brokers }, (_, i) => i + 1),
    partitions: Array.from({ length: partitions }, (_, i) => ({ topic: 'orders', partition: i })),
    producers: ['p1', 'p2'],
    groups: [{ id: 'billing', members: Array.from({ length: members }, (_, i) => `c${i + 1}`) }],
  });
}

const inside = (a: Rect, b: Rect): boolean => a.x >= b.x - 0.01 && a.y >= b.y - 0.01 && a.x + a.width <= b.x + b.width + 0.01 && a.y + a.height <= b.y + b.height + 0.01;

describe('computeLayout', () => {
  for (const [width, height] of SIZES) {
    it(`fits 1–9 brokers × 1–24 partitions at ${width}×${height} with no overlapping strips, headers or panels`, () => {
      const screen = { x: 0, y: 0, width, height };
      const failures: string[] = [];
      const expect = (ok: boolean, what: string) => ({ toBe: (want: boolean) => ok !== want && failures.push(what) });
      for (let b = 1; b <= 9; b++) {
        for (let p = 1; p <= 24; p++) {
          const l = build(width, height, b, p);
          const where = `${b} brokers × ${p} partitions`;
          // Every strip lies inside its own cell (row band × column), so no two strips meet.
          for (const row of l.rows) {
            for (const col of l.columns) {
              const s = stripRect(l, row, col);
              const cell = { x: col.column.x, y: row.band.y, width: col.column.width, height: row.band.height };
              const withBadge = { x: s.x, y: s.y - l.strip.badgeHeight, width: s.width, height: s.height + l.strip.badgeHeight };
              expect(inside(withBadge, cell), `${where}: strip ${row.key} on b${col.broker}`).toBe(true);
              expect(s.height >= 7, `${where}: strip too low`).toBe(true);
              expect(s.cellWidth >= 8, `${where}: cells too narrow`).toBe(true);
            }
          }
          // Headers, the controller, producer and group panels and the legend never overlap.
          const blocks: [string, Rect][] = [
            ['controller', l.controller],
            ['legend', l.legend],
            ['grid', { ...l.grid, x: l.rows[0]!.label.x, width: l.grid.width + l.grid.x - l.rows[0]!.label.x }],
            ...l.columns.map((c): [string, Rect] => [`header b${c.broker}`, c.header]),
            ...l.producers.flatMap((x): [string, Rect][] => [[`producer ${x.id}`, x.header], [`lane ${x.id}`, x.lane]]),
            ...l.groups.flatMap((x): [string, Rect][] => [[`group ${x.id}`, x.header], [`lane ${x.id}`, x.lane]]),
          ];
          for (let i = 0; i < blocks.length; i++) {
            expect(inside(blocks[i]![1], screen), `${where}: ${blocks[i]![0]} off screen`).toBe(true);
            for (let j = i + 1; j < blocks.length; j++) {
              expect(overlaps(blocks[i]![1], blocks[j]![1]), `${where}: ${blocks[i]![0]} overlaps ${blocks[j]![0]}`).toBe(false);
            }
          }
          // Member boxes stay in their lane and apart.
          for (let i = 0; i < l.members.length; i++) {
            expect(inside(l.members[i]!.box, l.groups[0]!.lane), `${where}: member outside its lane`).toBe(true);
            for (let j = i + 1; j < l.members.length; j++) expect(overlaps(l.members[i]!.box, l.members[j]!.box), `${where}: members overlap`).toBe(false);
          }
        }
      }
      expectAll(failures).toEqual([]);
    });
  }

  it('keeps text legible on a projector: labels at least 11 px, even for 9 brokers × 24 partitions at 1280×720', () => {
    const l = build(1280, 720, 9, 24);
    expect(l.font).toBeGreaterThanOrEqual(11);
    expect(l.small).toBeGreaterThanOrEqual(10);
  });

  it('gives a small cluster room: wider cells and taller strips for 3 × 3 than for 9 × 24', () => {
    const small = build(1280, 720, 3, 3);
    const big = build(1280, 720, 9, 24);
    expect(small.strip.cellWidth).toBeGreaterThan(big.strip.cellWidth);
    expect(small.strip.height).toBeGreaterThan(big.strip.height);
  });

  it('places twelve members of a group without overlap even when the lane is short', () => {
    const l = build(1280, 720, 3, 1, 12);
    for (let i = 1; i < l.members.length; i++) expect(l.members[i]!.box.y).toBeGreaterThanOrEqual(l.members[i - 1]!.box.y + l.members[i - 1]!.box.height);
  });
});
