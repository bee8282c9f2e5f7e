/** The layout's shapes (layout.ts computes them): rectangles in the svg's coordinates. */

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
  /** The least width (a phone's grid of many brokers): narrower, the svg keeps it and its panel scrolls sideways. */
  minWidth: number;
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
