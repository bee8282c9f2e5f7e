/**
 * Where a token's text label goes so it covers no header text: beside the token first (right,
 * then left), then below or above it, stepping further out until the label's box overlaps none of
 * the boxes that carry words (broker, producer and group headers, the controller, member boxes,
 * the strips' label bands).
 * Pure arithmetic on estimated text widths, so it can run every frame and be tested without a DOM.
 */
import { overlaps, type Layout, type Rect } from './layout';

export interface LabelPlacement {
  /** Offset of the label box's top-left corner from the token's centre. */
  dx: number;
  dy: number;
  width: number;
  height: number;
}

/** A bold label's width in px, estimated: wide (CJK) characters are about one em, others ~0.62 em. */
export function labelWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.62;
  return Math.ceil(em * fontSize) + 6;
}

/**
 * The boxes whose text a label must not cover: the headers, the member boxes, and every strip's
 * label band (its leader badge and HW / LEO words: a drop's "✕ link cut" over "HW = LEO 151" made
 * both unreadable).
 */
export function textObstacles(layout: Layout): Rect[] {
  return [...headerBoxes(layout), ...stripBands(layout)];
}

/** The boxes that carry a node's name: the controller, broker, producer and group headers, the member boxes. */
export function headerBoxes(layout: Layout): Rect[] {
  return [
    layout.controller,
    ...layout.columns.map((c) => c.header),
    ...layout.producers.map((p) => p.header),
    ...layout.groups.map((g) => g.header),
    ...layout.members.map((m) => m.box),
  ];
}

/** The band above each strip, where strips.ts writes the badge and the HW / LEO words (stripLabels.ts). */
export function stripBands(layout: Layout): Rect[] {
  const s = layout.strip;
  return layout.rows.flatMap((row) =>
    layout.columns.map((c) => ({ x: c.column.x + s.dx, y: row.cy + s.dyFromCy - s.badgeHeight, width: s.width, height: s.badgeHeight })),
  );
}

/**
 * The first candidate box that overlaps no obstacle and stays inside the view; beside the token on
 * the right when nothing is clear (the label's plate keeps it legible there).
 */
export function placeLabel(at: { x: number; y: number }, radius: number, text: string, fontSize: number, obstacles: readonly Rect[], view: { width: number; height: number }): LabelPlacement {
  const width = labelWidth(text, fontSize);
  const height = Math.ceil(fontSize * 1.3);
  const gap = radius + 3;
  const candidates: [number, number][] = [
    [gap, -height / 2],
    [-gap - width, -height / 2],
  ];
  for (let step = 0; step < 6; step++) {
    const out = gap + step * height;
    candidates.push([-width / 2, out], [-width / 2, -out - height]);
  }
  const inside = (r: Rect) => r.x >= 0 && r.y >= 0 && r.x + r.width <= view.width && r.y + r.height <= view.height;
  for (const [dx, dy] of candidates) {
    const box = { x: at.x + dx, y: at.y + dy, width, height };
    if (inside(box) && !obstacles.some((o) => overlaps(box, o))) return { dx, dy, width, height };
  }
  return { dx: candidates[0]![0], dy: candidates[0]![1], width, height };
}
