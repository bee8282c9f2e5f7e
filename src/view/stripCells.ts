/**
 * A strip's log cells, kept from frame to frame. Cells sit at `offset × cellWidth` inside a group
 * shifted left by the window's start, so when the window slides one record on, one transform
 * moves every cell. A cell's elements are made once and then only adjusted: a record becoming
 * committed or flushed (every record does, on every replica) flips one class or one `display`,
 * and the cell that leaves the window at the left is reused for the one arriving at the right.
 * Writing each changed cell's markup again (innerHTML) cost the busy bench most of its strip time.
 */
import type { LogCell } from '../engine';
import { inkOn } from './palette';
import { targetAttr, type DrawContext } from './context';
import type { StripLayout } from './layout';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** How cells look in this strip: fixed for the strip's shape (its full redraw makes a new one). */
export interface CellStyle {
  s: StripLayout;
  highlight: number | null;
  /** A producer's glyph in the cell's corner (several producers and room for it). */
  glyphs: boolean;
  fontSize: number;
  glyphRadius: number;
  producerIndex: ReadonlyMap<string, number>;
}

/** One cell's elements and what they show now (written again only where that changes). */
interface HeldCell {
  g: SVGGElement;
  fill: SVGRectElement;
  hatch: SVGRectElement;
  mark: SVGRectElement;
  glyph: SVGPathElement | null;
  label: SVGTextElement;
  /** The record and its producer's colour: what the cell is (its epoch and key come with the record). */
  recordId: number;
  colour: string;
  offset: number;
  flushed: boolean;
  below: boolean;
}

export class StripCells {
  private readonly held = new Map<number, HeldCell>();
  private transform = '';

  constructor(
    readonly group: SVGGElement,
    private readonly style: CellStyle,
  ) {}

  /** Shows `cells` (those at or after `viewFrom`), the window starting at `viewFrom`. */
  update(cells: readonly LogCell[], viewFrom: number, ctx: DrawContext): void {
    const { s } = this.style;
    const transform = `translate(${(-viewFrom * s.cellWidth).toFixed(2)},0)`;
    if (transform !== this.transform) {
      this.transform = transform;
      this.group.setAttribute('transform', transform);
    }
    // Cells that left the window (or no longer exist): their elements serve the cells that came.
    const spare: HeldCell[] = [];
    const wanted = new Set<number>();
    for (const c of cells) if (c.offset >= viewFrom) wanted.add(c.offset);
    for (const [offset, h] of this.held) {
      if (wanted.has(offset)) continue;
      this.held.delete(offset);
      spare.push(h);
    }
    for (const c of cells) {
      if (c.offset < viewFrom) continue;
      const colour = ctx.producerColour(c.producer);
      let h = this.held.get(c.offset);
      if (!h) {
        h = spare.pop() ?? this.make();
        this.held.set(c.offset, h);
        h.recordId = NaN;
      }
      this.show(h, c, colour);
    }
    for (const h of spare) h.g.remove();
  }

  private make(): HeldCell {
    const g = this.group.appendChild(document.createElementNS(SVG_NS, 'g'));
    const child = <K extends keyof SVGElementTagNameMap>(name: K): SVGElementTagNameMap[K] => g.appendChild(document.createElementNS(SVG_NS, name));
    const fill = child('rect');
    const hatch = child('rect');
    hatch.setAttribute('fill', 'url(#kv-hatch)');
    const mark = child('rect');
    mark.setAttribute('class', 'highlight');
    const glyph = this.style.glyphs ? child('path') : null;
    if (glyph) {
      glyph.setAttribute('fill', 'var(--kv-bg)');
      glyph.setAttribute('stroke', 'var(--kv-fg)');
      glyph.setAttribute('stroke-width', '0.8');
    }
    const label = child('text');
    label.setAttribute('text-anchor', 'middle');
    label.setAttribute('font-weight', '700');
    return { g, fill, hatch, mark, glyph, label, recordId: NaN, colour: '', offset: NaN, flushed: false, below: false };
  }

  /** Brings `h` to show `c`: what the cell is when it is another record, else only its state. */
  private show(h: HeldCell, c: LogCell, colour: string): void {
    const { s, highlight, glyphs, fontSize, glyphRadius: gr, producerIndex } = this.style;
    const cw = s.cellWidth;
    const fresh = c.recordId !== h.recordId || colour !== h.colour || c.offset !== h.offset;
    if (!fresh && c.flushed === h.flushed && c.belowHighWatermark === h.below) return;
    const label = cellLabel(c.offset, cw, s.height, fontSize);
    if (fresh) {
      h.recordId = c.recordId;
      h.colour = colour;
      h.offset = c.offset;
      const x = s.x + c.offset * cw;
      const box = { x: (x + 0.5).toFixed(1), y: s.y.toFixed(1), width: Math.max(1, cw - 1).toFixed(1), height: s.height.toFixed(1) };
      for (const rect of [h.fill, h.hatch]) for (const [k, v] of Object.entries(box)) rect.setAttribute(k, v);
      h.fill.setAttribute('fill', colour);
      h.g.setAttribute('data-target', targetAttr({ kind: 'record', recordId: c.recordId }));
      if (c.recordId === highlight) {
        h.mark.removeAttribute('display');
        h.mark.setAttribute('x', (x - 1).toFixed(1));
        h.mark.setAttribute('y', String(s.y - 2));
        h.mark.setAttribute('width', Math.max(0, cw + 2).toFixed(1));
        h.mark.setAttribute('height', String(s.height + 4));
        // Last in the strip, so no neighbour covers the ring's outer half.
        this.group.appendChild(h.g);
      } else h.mark.setAttribute('display', 'none');
      if (h.glyph && glyphs) h.glyph.setAttribute('d', glyphPath(producerIndex.get(c.producer) ?? 0, x + 1 + gr, s.y + 1 + gr, gr));
      if (label) {
        h.label.removeAttribute('display');
        h.label.setAttribute('x', (x + cw / 2).toFixed(1));
        h.label.setAttribute('y', (s.y + s.height * 0.6).toFixed(1));
        h.label.setAttribute('font-size', label.size.toFixed(1));
        h.label.textContent = label.text;
      } else h.label.setAttribute('display', 'none');
    }
    if (fresh || c.flushed !== h.flushed) {
      h.flushed = c.flushed;
      if (c.flushed) h.hatch.setAttribute('display', 'none');
      else h.hatch.removeAttribute('display');
    }
    if (fresh || c.belowHighWatermark !== h.below) {
      h.below = c.belowHighWatermark;
      // Above the HW (not committed yet): a lighter tone of the producer's colour.
      if (c.belowHighWatermark) h.fill.removeAttribute('class');
      else h.fill.setAttribute('class', 'uncommitted');
      if (label) h.label.setAttribute('fill', c.belowHighWatermark ? inkOn(colour) : 'var(--kv-fg)');
    }
    h.g.setAttribute('data-cell', cellFacts(c));
    // A tooltip written on hover described the old facts: it goes with them.
    const title = h.g.lastElementChild;
    if (title?.tagName === 'title') title.remove();
  }
}

/** What a cell's tooltip tells (its data-cell attribute; cellTitle reads it on hover). */
export function cellFacts(c: LogCell): string {
  return JSON.stringify([c.offset, c.key ?? '—', c.producer, c.leaderEpoch, c.flushed, c.belowHighWatermark]);
}

/** The offset written in a cell: at round numbers, where the number fits the cell (null: none). */
export function cellLabel(offset: number, cellWidth: number, height: number, fontSize: number): { text: string; size: number } | null {
  const text = String(offset);
  const size = Math.min(fontSize, (cellWidth - 2) / (text.length * 0.62));
  return offset % 5 === 0 && height >= 14 && size >= 9 ? { text, size } : null;
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

/** A cell's tooltip from its data-cell facts (written on hover, not every frame). */
export function cellTitle(data: string, t: DrawContext['t']): string {
  const [offset, key, producer, epoch, flushed, committed] = JSON.parse(data) as [number, string, string, number, boolean, boolean];
  return t('view.cell.title', {
    offset,
    key,
    producer,
    epoch,
    flushed: t(flushed ? 'view.cell.flushed' : 'view.cell.pageCache'),
    committed: t(committed ? 'view.cell.committed' : 'view.cell.uncommitted'),
  });
}
