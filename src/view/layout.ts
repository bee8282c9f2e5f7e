/**
 * Where everything goes, as pure arithmetic on the svg's size (no DOM): partitions are rows,
 * brokers are columns, each cell one replica's log strip; the controller sits above the columns,
 * producers on the left (one deque per row), consumer groups on the right, a legend below.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LayoutInput {
  width: number;
  height: number;
  brokers: readonly number[];
  /** Rows, top to bottom. */
  partitions: readonly { topic: string; partition: number }[];
  producers: readonly string[];
  groups: readonly { id: string; members: readonly string[] }[];
  /** Text bigger than the size alone would pick (the projector theme: 1.2); default 1. */
  textScale?: number;
}

export interface RowLayout {
  key: string;
  topic: string;
  partition: number;
  /** The whole row band, across the grid. */
  band: Rect;
  /** Vertical centre of the strips. */
  cy: number;
  label: Rect;
}

export interface ColumnLayout {
  broker: number;
  /** The whole column, header to the last row. */
  column: Rect;
  header: Rect;
  cx: number;
}

export interface StripLayout {
  /** The log strip itself (cells side by side). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** How many cells the strip shows (the tail's last ones). */
  cells: number;
  cellWidth: number;
}

export interface MemberLayout {
  key: string;
  group: string;
  member: string;
  box: Rect;
}

export interface Layout {
  width: number;
  /** At least the height asked for; more when the rows need it (the view then scrolls). */
  height: number;
  /**
   * The least height these rows need to stay legible (a label band, a strip and room for the
   * consumers' marks): the svg is never drawn shorter, its panel scrolls instead.
   */
  minHeight: number;
  /** Base font size in px (labels), chosen so the densest grid stays legible. */
  font: number;
  small: number;
  controller: Rect;
  grid: Rect;
  legend: Rect;
  columns: ColumnLayout[];
  rows: RowLayout[];
  /** Strip geometry, the same for every cell of the grid (offset it by column and row). */
  strip: {
    dx: number;
    dyFromCy: number;
    width: number;
    height: number;
    cells: number;
    cellWidth: number;
    /** The band above the strip: leader badge, HW / LEO words. */
    badgeHeight: number;
    /** The room below the strip for the consumers' position and committed marks. */
    marksHeight: number;
  };
  producers: { id: string; header: Rect; lane: Rect }[];
  groups: { id: string; header: Rect; lane: Rect }[];
  members: MemberLayout[];
}

const MARGIN = 8;
const GAP = 10;
const MIN_CELL = 20;
const MAX_CELLS = 16;
const MAX_STRIP = 120;
const MAX_ROW = 280;
/** A row's least height: an 11 px label band, an 8 px strip, 4 px of marks and a gap. */
export const MIN_ROW = 24;
/** The smallest label size (px): legible from the back of a room on a 1280×720 projector. */
const MIN_FONT = 11;

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

export const rowKey = (topic: string, partition: number): string => `${topic}-${partition}`;

export function computeLayout(input: LayoutInput): Layout {
  const width = Math.max(320, input.width);
  const nB = Math.max(1, input.brokers.length);
  const nP = Math.max(1, input.partitions.length);
  const scale = clamp(input.textScale ?? 1, 0.5, 2);
  // Text grows with the view (a 1920×1080 screen on a projector is read from the back of the
  // room), never below MIN_FONT.
  const smallOf = (f: number) => Math.max(10, Math.round(f * 0.8));
  // A header holds a title and two smaller lines, each with its line spacing (clients.ts).
  const headerOf = (f: number) => Math.round(f * 1.25 + smallOf(f) * 2.5 + 8);
  // The legend has room for two lines of legible text (it wraps on all but the widest views).
  const legendOf = (f: number) => Math.round(f * 2.6);
  const chrome = (f: number) => MARGIN + Math.round(f * 2.4) + GAP + headerOf(f) + legendOf(f) + GAP / 2 + MARGIN;
  // The projector's bigger text holds on small views too, where MIN_FONT would otherwise decide.
  const minFont = MIN_FONT * Math.max(1, scale);
  const minHeight = Math.ceil(chrome(minFont) + nP * MIN_ROW);
  const height = Math.max(240, input.height, minHeight);
  let font = Math.max(minFont, Math.min(Math.min(width / 80, height / 42) * scale, 20 * scale));
  // A bigger font's chrome must leave the rows their minimum.
  while (font > minFont && chrome(font) + nP * MIN_ROW > height) font = Math.max(minFont, font - 0.5);
  const small = smallOf(font);

  const legendH = legendOf(font);
  const controllerH = Math.round(font * 2.4);
  const headerH = headerOf(font);
  const hasProducers = input.producers.length > 0;
  const hasGroups = input.groups.length > 0;
  // The side panels are wide enough for their headers' longest lines ("0 in flight · buffer 100%",
  // "CompletingRebalance" after the state pips) at the chosen font, so nothing there is cut off.
  const sideMin = Math.round(small * 16.5);
  // Producers share the left panel side by side (their deques line up with the rows), so it
  // widens with their number, up to a third of the view.
  const leftW = hasProducers ? Math.round(clamp(Math.max(width * 0.16, sideMin * input.producers.length), 150, Math.max(360, width * 0.34))) : 0;
  const rightW = hasGroups ? Math.round(clamp(Math.max(width * 0.16, sideMin), 140, 360)) : 0;
  const labelW = Math.round(clamp(font * 6.3, 72, 112));

  const gridX = MARGIN + leftW + (hasProducers ? GAP : 0) + labelW;
  const gridRight = width - MARGIN - rightW - (hasGroups ? GAP : 0);
  const bottom = height - MARGIN - legendH - GAP / 2;
  const avail = bottom - (MARGIN + controllerH + GAP + headerH);
  const rowH = Math.min(MAX_ROW, avail / nP);
  const gridH = rowH * nP;
  // Few rows: the block (controller, headers, rows) stays near the top, where the eye starts and
  // the knobs above it are, instead of floating in the middle of a tall panel.
  const shift = Math.min((avail - gridH) / 2, GAP);
  const top = MARGIN + shift + controllerH + GAP + headerH;
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
    y: MARGIN + shift,
    width: Math.min(grid.width, font * 18),
    height: controllerH,
  };

  const laneTop = top - headerH;
  const producers = input.producers.map((id, i, all) => {
    const w = leftW / all.length;
    const x = MARGIN + i * w;
    return { id, header: { x: x + 2, y: laneTop, width: w - 4, height: headerH - 4 }, lane: { x: x + 2, y: top, width: w - 4, height: gridH } };
  });

  // Groups stack down the right panel, each with the panel's full width (side by side, their
  // headers were too narrow to read): the first group's header sits beside the broker headers,
  // each later one at the top of its own slice of the grid's height.
  const sliceH = gridH / Math.max(1, input.groups.length);
  const groupX = width - MARGIN - rightW;
  const groups = input.groups.map((g, i) => {
    const sliceY = top + i * sliceH;
    const headerY = i === 0 ? laneTop : sliceY;
    const laneY = i === 0 ? top : sliceY + headerH;
    const laneH = Math.max(0, sliceY + sliceH - laneY);
    return { id: g.id, header: { x: groupX + 2, y: headerY, width: rightW - 4, height: headerH - 4 }, lane: { x: groupX + 2, y: laneY, width: rightW - 4, height: laneH } };
  });

  const members: MemberLayout[] = [];
  input.groups.forEach((g, gi) => {
    const lane = groups[gi]!.lane;
    const n = Math.max(1, g.members.length);
    // Members share the lane; a box never outgrows its slot (so boxes never overlap).
    const slot = Math.min(lane.height / n, font * 5);
    const boxH = Math.max(6, Math.min(slot - 6, font * 3.6));
    const usedH = slot * n;
    g.members.forEach((m, mi) => {
      const cy = lane.y + (lane.height - usedH) / 2 + slot * (mi + 0.5);
      members.push({
        key: `${g.id}/${m}`,
        group: g.id,
        member: m,
        box: { x: lane.x + lane.width * 0.3, y: cy - boxH / 2, width: lane.width * 0.7, height: boxH },
      });
    });
  });

  return {
    width,
    height,
    minHeight,
    font,
    small,
    controller,
    grid,
    legend: { x: MARGIN, y: height - MARGIN - legendH, width: width - 2 * MARGIN, height: legendH },
    columns,
    rows,
    strip,
    producers,
    groups,
    members,
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
