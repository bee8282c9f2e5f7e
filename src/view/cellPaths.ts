/**
 * A strip's cells as a few shapes rather than elements per cell: one path per fill (a producer's
 * colour, committed or not), one for the page-cache hatch, one for the producers' glyphs, a text
 * per round offset and the highlight's ring. The browser paints, styles and lays out per element:
 * a 5-broker cluster with 36 strips had some 1,300 cell elements, and they cost most of a frame.
 * Pure: stripCells.ts writes what this returns.
 */
import type { LogCell } from '../engine';
import { inkOn } from './palette';
import type { StripLayout } from './layout';

export interface CellGeometry {
  s: StripLayout;
  /** A producer's glyph in the cell's corner (several producers and room for it). */
  glyphs: boolean;
  fontSize: number;
  glyphRadius: number;
  producerIndex: ReadonlyMap<string, number>;
}

export interface CellFill {
  colour: string;
  /** Below the high watermark (committed): the full colour; above it the lighter tone. */
  committed: boolean;
  d: string;
}

export interface CellShapes {
  /** By `colour|committed`, in the order first met. */
  fills: Map<string, CellFill>;
  /** Cells only in the page cache (not flushed). */
  hatch: string;
  glyphs: string;
  labels: { x: number; y: number; size: number; text: string; fill: string }[];
  /** The highlighted record's ring (null: not in this strip's window). */
  ring: { x: number; y: number; width: number; height: number } | null;
}

/** The shapes of the cells at or after `viewFrom`, at `s.x + offset × cellWidth` (the group slides). */
export function cellShapes(cells: readonly LogCell[], viewFrom: number, g: CellGeometry, colourOf: (producer: string) => string, highlight: number | null): CellShapes {
  const { s, fontSize, glyphRadius: gr } = g;
  const cw = s.cellWidth;
  const w = Math.max(1, cw - 1).toFixed(1);
  const y = s.y.toFixed(1);
  const h = s.height.toFixed(1);
  const out: CellShapes = { fills: new Map(), hatch: '', glyphs: '', labels: [], ring: null };
  for (const c of cells) {
    if (c.offset < viewFrom) continue;
    const x = s.x + c.offset * cw;
    const box = `M${(x + 0.5).toFixed(1)},${y}h${w}v${h}h-${w}Z`;
    const colour = colourOf(c.producer);
    const key = `${colour}|${c.belowHighWatermark}`;
    const fill = out.fills.get(key);
    if (fill) fill.d += box;
    else out.fills.set(key, { colour, committed: c.belowHighWatermark, d: box });
    if (!c.flushed) out.hatch += box;
    if (c.recordId === highlight) out.ring = { x: x - 1, y: s.y - 2, width: Math.max(0, cw + 2), height: s.height + 4 };
    if (g.glyphs) out.glyphs += glyphPath(g.producerIndex.get(c.producer) ?? 0, x + 1 + gr, s.y + 1 + gr, gr);
    const label = cellLabel(c.offset, cw, s.height, fontSize);
    if (label) out.labels.push({ x: x + cw / 2, y: s.y + s.height * 0.6, size: label.size, text: label.text, fill: c.belowHighWatermark ? inkOn(colour) : 'var(--kv-fg)' });
  }
  return out;
}

/** The offset written in a cell: at round numbers, where the number fits the cell (null: none). */
export function cellLabel(offset: number, cellWidth: number, height: number, fontSize: number): { text: string; size: number } | null {
  const text = String(offset);
  const size = Math.min(fontSize, (cellWidth - 2) / (text.length * 0.62));
  return offset % 5 === 0 && height >= 14 && size >= 9 ? { text, size } : null;
}

/** Which offset a point at user-space `x` (the cells' own coordinates) falls on. */
export function offsetAt(x: number, s: Pick<StripLayout, 'x' | 'cellWidth'>): number {
  return Math.floor((x - s.x) / s.cellWidth);
}

/** Small shapes that tell producers apart without colour: circle, triangle, square, diamond, cross. */
export function glyphPath(index: number, cx: number, cy: number, r: number): string {
  switch (index % 5) {
    case 0:
      return `M${cx - r},${cy} a${r},${r} 0 1,0 ${2 * r},0 a${r},${r} 0 1,0 ${-2 * r},0`;
    case 1:
      return `M${cx},${cy - r} L${cx + r},${cy + r} L${cx - r},${cy + r} Z`;
    case 2:
      return `M${cx - r},${cy - r} h${2 * r} v${2 * r} h${-2 * r} Z`;
    case 3:
      return `M${cx},${cy - r} L${cx + r},${cy} L${cx},${cy + r} L${cx - r},${cy} Z`;
    default:
      return `M${cx - r},${cy - r} L${cx + r},${cy + r} M${cx + r},${cy - r} L${cx - r},${cy + r}`;
  }
}
