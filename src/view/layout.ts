/**
 * Where everything goes, as pure arithmetic on the svg's size (no DOM): partitions are rows,
 * brokers are columns, each cell one replica's log strip; the controller sits above the columns,
 * producers on the left (one deque per row), consumer groups on the right, a legend below.
 */

import { placeClients } from './clientPlaces';

export type { ColumnLayout, Layout, LayoutInput, MemberLayout, Rect, RowLayout, StripLayout } from './layoutTypes';
import type { ColumnLayout, Layout, LayoutInput, Rect, RowLayout, StripLayout } from './layoutTypes';

const MARGIN = 8;
const GAP = 10;
const MIN_CELL = 20;
const MAX_CELLS = 16;
/** A lone partition's strips may grow this tall (a 1920×1080 screen read from the back of a room). */
const MAX_STRIP = 200;
const MAX_ROW = 300;
/** A row's least height: an 11 px label band, an 8 px strip, 4 px of marks and a gap. */
export const MIN_ROW = 24;
/** The smallest label size (px): legible from the back of a room on a 1280×720 projector. */
const MIN_FONT = 11;
/** Narrower than this (a phone held upright) the clients' headers leave the sides for a band on top. */
export const COMPACT_BELOW = 600;
/** A broker column's least width on a phone: "b1", a leader badge and a few 8 px cells. */
const MIN_COL = 48;
/** Below this a broker column is too narrow for its words: two producers stack their headers instead. */
const STACK_BELOW_COL = 110;

/** A member box's least slot: two lines of text (name, state · lag) and the gap between boxes (clientPlaces.ts). */
const memberSlotOf = (f: number): number => f * 2.2 + 6;

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));
export const rowKey = (topic: string, partition: number): string => `${topic}-${partition}`;

export function computeLayout(input: LayoutInput): Layout {
  const nB = Math.max(1, input.brokers.length);
  const nP = Math.max(1, input.partitions.length);
  const nProd = input.producers.length;
  const nG = input.groups.length;
  const scale = clamp(input.textScale ?? 1, 0.5, 2);
  // A phone: the clients' headers go to a band above the cluster, their lanes stay thin.
  const compact = input.width < COMPACT_BELOW;
  const smallOf = (f: number) => Math.max(10, Math.round(f * 0.8));
  // A header holds a title and two smaller lines, each with its line spacing (clients.ts).
  const headerOf = (f: number) => Math.round(f * 1.25 + smallOf(f) * 2.5 + 8);
  // The legend has room for two lines of legible text (four on a phone, where it wraps more).
  const legendOf = (f: number) => Math.round(f * 2.6 * (compact ? 2 : 1));
  const controllerOf = (f: number) => Math.round(f * 2.4);
  // The side panels are wide enough for their headers' longest lines ("0 in flight · buffer 100%",
  // "CompletingRebalance" after the state pips) at the chosen font, so nothing there is cut off.
  const sideMinOf = (f: number) => Math.round(smallOf(f) * 16.5);
  const labelOf = (f: number) => Math.round(compact ? clamp(f * 5.5, 60, 112) : clamp(f * 6.3, 72, 150));
  const laneOf = (f: number) => Math.round(clamp(f * 2.8, 30, 44));
  const phoneRight = (f: number) => (nG === 0 ? 0 : Math.round(clamp(f * 6, 64, 110)));

  // The least width a phone's grid needs; narrower, the svg keeps it and its panel scrolls.
  const minWidth = compact ? Math.ceil(2 * MARGIN + nProd * laneOf(MIN_FONT) + (nProd ? GAP : 0) + labelOf(MIN_FONT) + nB * MIN_COL + (nG ? GAP : 0) + phoneRight(MIN_FONT)) : 320;
  const width = Math.max(320, input.width, minWidth);

  // Text grows with the view (a 1920×1080 screen on a projector is read from the back of the
  // room), never below MIN_FONT; few rows leave room for bigger text still, up to a cap.
  const few = Math.max(0, 4 - nP) / 3;
  const minFont = MIN_FONT * Math.max(1, scale);
  const want = Math.min(Math.min(input.width / 80, input.height / 42) * (1 + 0.45 * few), 20 + 6 * few) * scale;

  // Producers share the left panel side by side (their deques line up with the rows), so it
  // widens with their number; when that would starve the broker columns, their headers stack in
  // pairs above the lanes (the lanes stay side by side: a deque needs little width).
  const rightSide = (f: number) => (nG === 0 ? 0 : compact ? phoneRight(f) : Math.round(clamp(Math.max(width * 0.16, sideMinOf(f)), 140, 360)));
  const sideBySide = (f: number) => Math.round(clamp(Math.max(width * 0.16, sideMinOf(f) * nProd), 150, Math.max(360, width * 0.34)));
  const colWith = (left: number, f: number) => (width - 2 * MARGIN - left - GAP - labelOf(f) - rightSide(f) - (nG ? GAP : 0)) / nB;
  const f0 = Math.max(minFont, want);
  const stacked = !compact && nProd > 1 && colWith(sideBySide(f0), f0) < Math.max(STACK_BELOW_COL, f0 * 8);
  const stackRows = stacked ? 2 : 1;
  const stackCols = Math.ceil(nProd / stackRows);
  // Stacked headers sit a little closer than side by side (their three lines still fit, clients.ts).
  const stackPitchOf = (f: number) => (stacked ? headerOf(f) - 5 : headerOf(f));
  // A phone's band of client headers, as many per line as fit across the panel's visible width
  // (not the wider svg's: they are read before scrolling).
  const bandWidth = Math.max(320, input.width);
  const bandPerLine = (f: number) => Math.max(1, Math.floor((bandWidth - 2 * MARGIN) / Math.max(140, sideMinOf(f))));
  const bandLines = (f: number) => (compact && nProd + nG > 0 ? Math.ceil((nProd + nG) / bandPerLine(f)) : 0);
  // What sits above the rows: the phone's client band, the controller, the headers, and the
  // stacked producers' second header where it needs more than the controller's height.
  const above = (f: number) => {
    const h = headerOf(f);
    const stackExtra = Math.max(0, stackRows * stackPitchOf(f) - h - controllerOf(f) - GAP);
    const band = bandLines(f) * h + (bandLines(f) ? GAP / 2 : 0);
    return band + controllerOf(f) + GAP + h + stackExtra;
  };
  const chrome = (f: number) => MARGIN + above(f) + legendOf(f) + GAP / 2 + MARGIN;
  // The rows' least height, and what the groups beside them need: each group's slice of the grid
  // holds its members' boxes (two lines each, clients.ts) and, after the first, its header. (A
  // second group squeezed by a fork's notice had a 6 px sliver for its member.)
  // The slices are equal (clientPlaces.ts): the neediest group sets their height.
  const groupsNeed = (f: number) => nG * Math.max(0, ...input.groups.map((g, i) => (i > 0 && !compact ? headerOf(f) : 0) + g.members.length * memberSlotOf(f)));
  const gridNeed = (f: number) => Math.max(nP * MIN_ROW, groupsNeed(f));
  const minHeight = Math.ceil(chrome(minFont) + gridNeed(minFont));
  const height = Math.max(240, input.height, minHeight);
  let font = Math.max(minFont, want);
  // A bigger font's chrome must leave the rows (and the groups) their minimum.
  while (font > minFont && chrome(font) + gridNeed(font) > height) font = Math.max(minFont, font - 0.5);
  const small = smallOf(font);

  const legendH = legendOf(font);
  const controllerH = controllerOf(font);
  const headerH = headerOf(font);
  const leftW = nProd === 0 ? 0 : compact ? nProd * laneOf(font) : stacked ? Math.round(clamp(sideMinOf(font) * stackCols, 150, Math.max(360, width * 0.34))) : sideBySide(font);
  const rightW = rightSide(font);
  const labelW = labelOf(font);

  const gridX = MARGIN + leftW + (nProd ? GAP : 0) + labelW;
  const gridRight = width - MARGIN - rightW - (nG ? GAP : 0);
  const bottom = height - MARGIN - legendH - GAP / 2;
  const avail = bottom - MARGIN - above(font);
  const rowH = Math.min(MAX_ROW, avail / nP);
  const gridH = rowH * nP;
  // Few rows on a tall view: the whole block (controller, headers, rows) sits in the middle of
  // the space, so no half of the view is left empty.
  const shift = Math.max(0, (avail - gridH) / 2);
  const bandH = bandLines(font) * headerH;
  const top = MARGIN + shift + above(font);
  const grid: Rect = { x: gridX, y: top, width: gridRight - gridX, height: gridH };
  const colW = grid.width / nB;

  const columns: ColumnLayout[] = input.brokers.map((broker, i) => {
    const x = grid.x + i * colW;
    return {
      broker,
      column: { x, y: top - headerH, width: colW, height: headerH + gridH },
      header: { x: x + 2, y: top - headerH, width: colW - 4, height: headerH - 4 },
      cx: x + colW / 2,
    };
  });

  const rows: RowLayout[] = input.partitions.map((p, i) => {
    const y = top + i * rowH;
    return {
      key: rowKey(p.topic, p.partition),
      topic: p.topic,
      partition: p.partition,
      band: { x: grid.x, y, width: grid.width, height: rowH },
      cy: y + rowH / 2,
      label: { x: gridX - labelW, y, width: labelW - 6, height: rowH },
    };
  });

  // A row, top to bottom: the label band (leader badge, HW / LEO words), the strip's cells, the
  // consumers' marks. Each part has its own height, so a label never covers a cell or a mark.
  const pad = clamp(colW * 0.07, 3, 14);
  const stripW = colW - 2 * pad;
  const marksH = clamp(rowH * 0.14, 4, 10);
  const badgeH = clamp(rowH * 0.3, 11, small + 8);
  const stripH = clamp(rowH - badgeH - marksH - 2, 8, MAX_STRIP);
  const cells = clamp(Math.floor(stripW / MIN_CELL), Math.min(6, Math.floor(stripW / 8)), MAX_CELLS);
  const block = badgeH + stripH + marksH;
  const strip = {
    dx: pad,
    dyFromCy: -block / 2 + badgeH,
    width: stripW,
    height: stripH,
    cells,
    cellWidth: stripW / cells,
    badgeHeight: badgeH,
    marksHeight: marksH,
  };

  const controller: Rect = {
    x: grid.x + grid.width / 2 - Math.min(grid.width / 2, font * 9),
    y: MARGIN + shift + (bandH ? bandH + GAP / 2 : 0),
    width: Math.min(grid.width, font * 18),
    height: controllerH,
  };

  const sides = placeClients(input, {
    compact,
    margin: MARGIN,
    width,
    top,
    gridH,
    headerH,
    leftW,
    rightW,
    font,
    stackRows,
    stackCols,
    stackPitch: stackPitchOf(font),
    band: { y: MARGIN + shift, width: bandWidth, perLine: bandPerLine(font) },
  });

  return {
    width,
    height,
    minWidth,
    minHeight,
    font,
    small,
    controller,
    grid,
    legend: { x: MARGIN, y: height - MARGIN - legendH, width: width - 2 * MARGIN, height: legendH },
    columns,
    rows,
    strip,
    ...sides,
  };
}

/** The strip rectangle of one replica (row × column). */
export function stripRect(layout: Layout, row: RowLayout, column: ColumnLayout): StripLayout {
  const s = layout.strip;
  return { x: column.column.x + s.dx, y: row.cy + s.dyFromCy, width: s.width, height: s.height, cells: s.cells, cellWidth: s.cellWidth };
}

/** The vertical middle of a row's strips: deques, tokens and owner lines line up with it. */
export function stripMidY(layout: Layout, row: RowLayout): number {
  return row.cy + layout.strip.dyFromCy + layout.strip.height / 2;
}

/** Rectangles overlap (touching edges do not). */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
