/** Layout arithmetic: every broker × partition count the playground allows fits without overlap. */
import { describe, expect, expect as expectAll, it } from 'vitest';
import { computeLayout, MIN_ROW, overlaps, stripRect, type Layout, type Rect } from './layout';
import { leftLabel, tagsLabel, tagsLeft, type LabelBox } from './stripLabels';

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

// The svg's sizes on the page at 1280×720 and 1920×1080 (the view's panel, beside the side
// column), besides the svg alone at those sizes.
const PAGE_SIZES = [
  [878, 330],
  [1510, 715],
] as const;

describe('strip labels', () => {
  // The widest words a label band shows: a two-digit epoch, six-digit offsets, both languages.
  const LEFT = [
    ['L · e99', true],
    ['✕ out of ISR', false],
    ['✕ 不在 ISR', false],
  ] as const;
  const TAGS = ['HW 123456 · LEO 123456', 'HW = LEO 123456'];

  for (const [width, height] of [...SIZES, ...PAGE_SIZES]) {
    it(`never lets a label cover another, a cell, a mark or a neighbour at ${width}×${height}, 1–9 brokers × 1–24 partitions`, () => {
      const failures: string[] = [];
      for (let b = 1; b <= 9; b++) {
        for (let p = 1; p <= 24; p++) {
          const l = build(width, height, b, p);
          const where = `${b} brokers × ${p} partitions`;
          if (l.height < height) failures.push(`${where}: drawn shorter than its panel`);
          // Every strip has the same shape within its cell: the first and the last stand for all.
          const corners = [
            [l.rows[0]!, l.columns[0]!],
            [l.rows[l.rows.length - 1]!, l.columns[l.columns.length - 1]!],
          ] as const;
          for (const [row, col] of corners) {
            {
              const s = stripRect(l, row, col);
              const cell = { x: col.column.x, y: row.band.y, width: col.column.width, height: row.band.height };
              const cells: Rect = { x: s.x, y: s.y, width: s.width, height: s.height };
              const marks: Rect = { x: s.x, y: s.y + s.height, width: s.width, height: l.strip.marksHeight };
              if (!inside(marks, cell)) failures.push(`${where}: marks of ${row.key} on b${col.broker} leave the row`);
              for (const [text, pill] of LEFT) {
                const left = leftLabel(l, s, text, pill);
                const boxes: [string, LabelBox][] = [[`"${left.text}"`, left]];
                for (const tags of TAGS) {
                  const right = tagsLabel(l, s, tagsLeft(s, left), tags);
                  if (right) boxes.push([`"${right.text}"`, right]);
                }
                for (const [name, box] of boxes) {
                  if (!inside(box, cell)) failures.push(`${where}: ${name} leaves its cell (${row.key} on b${col.broker})`);
                  if (overlaps(box, cells)) failures.push(`${where}: ${name} covers the cells`);
                  if (overlaps(box, marks)) failures.push(`${where}: ${name} covers the marks`);
                  if (box.size < 9) failures.push(`${where}: ${name} at ${box.size.toFixed(1)} px`);
                }
                for (let i = 1; i < boxes.length; i++) if (overlaps(boxes[0]![1], boxes[i]![1])) failures.push(`${where}: ${boxes[0]![0]} meets ${boxes[i]![0]}`);
              }
            }
          }
        }
      }
      expectAll(failures.slice(0, 8)).toEqual([]);
    });
  }

  it('grows a long grid instead of squeezing it: 24 partitions in a 330 px panel scroll, rows stay legible', () => {
    const l = build(878, 330, 5, 24);
    expect(l.height).toBeGreaterThan(330);
    expect(l.rows[1]!.band.y - l.rows[0]!.band.y).toBeGreaterThanOrEqual(MIN_ROW);
    expect(build(878, 330, 3, 3).height).toBe(330);
  });

  it('uses a big screen: text and strips larger at 1920×1080 than at 1280×720', () => {
    const [small, big] = PAGE_SIZES.map(([w, h]) => build(w, h, 3, 3));
    expect(big!.font).toBeGreaterThanOrEqual(small!.font * 1.4);
    expect(big!.strip.height).toBeGreaterThan(small!.strip.height * 1.5);
    // The rows fill the panel: what is left under the last row is less than a row's height.
    const last = big!.rows[big!.rows.length - 1]!;
    expect(big!.legend.y - (last.band.y + last.band.height)).toBeLessThan(last.band.height);
  });
});

describe('the projector theme', () => {
  it('raises the text on a small view too, where the smallest size would otherwise decide', () => {
    const input = { width: 878, height: 330, brokers: [1, 2, 3], partitions: [{ topic: 'orders', partition: 0 }], producers: ['p1'], groups: [] };
    expect(computeLayout({ ...input, textScale: 1.2 }).font).toBeGreaterThanOrEqual(computeLayout(input).font * 1.2);
  });
});

describe('a narrow strip', () => {
  it('keeps the leader badge\'s "L" and the "✕" of out of ISR rather than a lone "…"', () => {
    const l = build(878, 330, 9, 24);
    const s = stripRect(l, l.rows[0]!, l.columns[0]!);
    expect(leftLabel(l, s, 'L · e12', true).text).toBe('L');
    expect(leftLabel(l, s, '✕ out of ISR', false).text).toMatch(/^✕/);
  });
});
