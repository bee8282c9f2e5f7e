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
          const blocks = blocksOf(l);
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

  for (const [width, height] of [...SIZES, ...PAGE_SIZES, [750, 440], [372, 448]]) {
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

// Issue 9's sizes for the svg: the whole window at 1280×720 and 1920×1080, the view's panel in the
// page at those sizes, on a tablet held upright (768×1024) and on a phone (390×844).
const PANELS = [
  [1280, 720],
  [1920, 1080],
  [878, 330],
  [1518, 707],
  [750, 440],
  [372, 448],
] as const;

function grid(width: number, height: number, brokers: number, partitions: number, producers: number, groups: number): Layout {
  return computeLayout({
    width,
    height,
    brokers: Array.from({ length: brokers }, (_, i) => i + 1),
    partitions: Array.from({ length: partitions }, (_, i) => ({ topic: 'orders', partition: i })),
    producers: Array.from({ length: producers }, (_, i) => `p${i + 1}`),
    groups: Array.from({ length: groups }, (_, i) => ({ id: `g${i}`, members: ['c1', 'c2', 'c3'] })),
  });
}

/** Everything that must stay apart, named: controller, legend, rows with their labels, headers, lanes. */
function blocksOf(l: Layout): [string, Rect][] {
  return [
    ['controller', l.controller],
    ['legend', l.legend],
    ['grid', { ...l.grid, x: l.rows[0]!.label.x, width: l.grid.width + l.grid.x - l.rows[0]!.label.x }],
    ...l.columns.map((c): [string, Rect] => [`header b${c.broker}`, c.header]),
    ...l.producers.flatMap((x): [string, Rect][] => [[`producer ${x.id}`, x.header], [`lane ${x.id}`, x.lane]]),
    ...l.groups.flatMap((x): [string, Rect][] => [[`group ${x.id}`, x.header], [`lane ${x.id}`, x.lane]]),
  ];
}

describe('every grid at every size (brokers × partitions × producers × groups × viewport)', () => {
  for (const [width, height] of PANELS) {
    it(`leaves nothing overlapping or off the drawing at ${width}×${height}`, () => {
      const failures: string[] = [];
      for (let b = 1; b <= 9; b++)
        for (const p of [1, 2, 3, 6, 12, 24])
          for (let producers = 0; producers <= 4; producers++)
            for (let groups = 0; groups <= 2; groups++) {
              const l = grid(width, height, b, p, producers, groups);
              const where = `${b} brokers × ${p} partitions, ${producers} producers, ${groups} groups`;
              const drawing = { x: 0, y: 0, width: l.width, height: l.height };
              const blocks = blocksOf(l);
              for (let i = 0; i < blocks.length; i++) {
                if (!inside(blocks[i]![1], drawing)) failures.push(`${where}: ${blocks[i]![0]} off the drawing`);
                if (blocks[i]![1].width <= 0 || blocks[i]![1].height <= 0) failures.push(`${where}: ${blocks[i]![0]} has no room`);
                for (let j = i + 1; j < blocks.length; j++) if (overlaps(blocks[i]![1], blocks[j]![1])) failures.push(`${where}: ${blocks[i]![0]} overlaps ${blocks[j]![0]}`);
              }
              for (const row of l.rows)
                for (const col of [l.columns[0]!, l.columns[l.columns.length - 1]!]) {
                  const s = stripRect(l, row, col);
                  const cell = { x: col.column.x, y: row.band.y, width: col.column.width, height: row.band.height };
                  if (!inside({ x: s.x, y: s.y - l.strip.badgeHeight, width: s.width, height: s.height + l.strip.badgeHeight + l.strip.marksHeight }, cell)) failures.push(`${where}: strip leaves its cell`);
                }
              for (const m of l.members) {
                const lane = l.groups.find((g) => g.id === m.group)!.lane;
                if (!inside(m.box, lane)) failures.push(`${where}: member ${m.key} outside its lane`);
              }
              for (let i = 0; i < l.members.length; i++) for (let j = i + 1; j < l.members.length; j++) if (overlaps(l.members[i]!.box, l.members[j]!.box)) failures.push(`${where}: members overlap`);
              if (l.font < 11) failures.push(`${where}: text at ${l.font} px`);
            }
      expectAll(failures.slice(0, 8)).toEqual([]);
    });
  }
});

describe('one partition on a big screen (issue 9, layout 1)', () => {
  const one = grid(1518, 707, 3, 1, 1, 1);
  const eight = grid(1518, 707, 3, 8, 1, 1);

  it('uses the height: the cluster sits in the middle of the view, not in its top half', () => {
    const above = one.controller.y;
    const last = one.rows[0]!;
    const stripBottom = stripRect(one, last, one.columns[0]!).y + one.strip.height;
    const below = one.legend.y - stripBottom;
    // The empty space is shared above and below (within half a row), and the cluster, from the
    // controller's top to the strips' bottom, spans most of the view above the legend.
    expect(Math.abs(above - below)).toBeLessThan(one.rows[0]!.band.height * 0.5);
    expect((stripBottom - above) / one.legend.y).toBeGreaterThan(0.6);
  });

  it('reads from the back of a room: bigger text and taller strips than with eight partitions, up to a cap', () => {
    expect(one.font).toBeGreaterThanOrEqual(eight.font * 1.2);
    expect(one.font).toBeLessThanOrEqual(26);
    expect(one.strip.height).toBeGreaterThan(140);
  });
});

describe('two producers beside nine brokers at 1280×720 (issue 9, layout 2)', () => {
  it('stack their headers so the broker columns stay readable, their words whole', () => {
    for (const p of [1, 3, 8, 24]) {
      const l = grid(878, 330, 9, p, 2, 1);
      expect(l.grid.width / 9).toBeGreaterThanOrEqual(45);
      const [a, b] = l.producers;
      expect(a!.header.x).toBe(b!.header.x);
      expect(a!.header.width).toBeGreaterThanOrEqual(l.small * 16);
      // Each producer still has its own lane beside the rows, side by side.
      expect(a!.lane.x + a!.lane.width).toBeLessThanOrEqual(b!.lane.x);
    }
  });

  it('keep them side by side where the brokers have room (three brokers at 1920×1080)', () => {
    const l = grid(1518, 707, 3, 3, 2, 1);
    expect(l.producers[0]!.header.y).toBe(l.producers[1]!.header.y);
  });
});

describe('a phone, 390×844 (issue 9, layout 3)', () => {
  it('fits every built-in scenario\'s cluster (three brokers) in the width: nothing to scroll sideways', () => {
    for (let b = 1; b <= 3; b++)
      for (const [producers, groups] of [
        [1, 0],
        [1, 1],
        [2, 1],
        [1, 2],
      ] as const) {
        const l = grid(372, 448, b, 3, producers, groups);
        expect(l.width, `${b} brokers, ${producers} producers, ${groups} groups`).toBe(372);
      }
  });

  it('scrolls inside its panel only where fitting would squeeze a column below 48 px, and keeps every column that wide', () => {
    const l = grid(372, 448, 9, 8, 2, 1);
    expect(l.width).toBeGreaterThan(372);
    expect(l.minWidth).toBe(l.width);
    expect(l.grid.width / 9).toBeGreaterThanOrEqual(48);
    // Its client headers are laid out across the visible width, so they are read before scrolling.
    for (const h of [...l.producers, ...l.groups]) expect(h.header.x + h.header.width).toBeLessThanOrEqual(372);
  });
});

describe('consumer groups on a short view', () => {
  // A fork's notice took height from a 1280×720 view: the second group's member was a 6 px sliver.
  for (const [width, height] of [
    [880, 225],
    [880, 420],
    [372, 300],
  ] as const) {
    it(`at ${width}×${height}, two groups of three keep every member box two lines tall (the view scrolls instead)`, () => {
      const l = grid(width, height, 3, 2, 1, 2);
      for (const m of l.members) expect(m.box.height, m.key).toBeGreaterThanOrEqual(l.font * 2.2);
      expect(l.height).toBeGreaterThanOrEqual(l.minHeight);
    });
  }
});
