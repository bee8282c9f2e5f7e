/**
 * A strip's log cells, kept from frame to frame as a few shapes (cellPaths.ts): one path per fill,
 * the hatch, the glyphs, a text per round offset, the highlight's ring. Cells sit at
 * `offset × cellWidth` inside a group shifted left by the window's start, so when the window
 * slides one record on, one transform moves every cell; a path is written again only when its
 * outline changed. A cell has no element of its own: the group answers which record lies under a
 * point (`cellUnder`), for clicks, context menus and tooltips.
 */
import type { LogCell } from '../engine';
import { cellShapes, offsetAt, type CellGeometry } from './cellPaths';
import { put, SVG_NS, type DrawContext } from './context';

export { cellLabel, glyphPath } from './cellPaths';

/** How cells look in this strip: fixed for the strip's shape (its full redraw makes a new one). */
export interface CellStyle extends CellGeometry {
  highlight: number | null;
}

/** The cells group's node: which of its cells lies at a user-space x (the cells' coordinates). */
export type CellsNode = SVGGElement & { __kvCellAt?: (x: number) => LogCell | undefined };

export class StripCells {
  private readonly fills = new Map<string, SVGPathElement>();
  private readonly hatch: SVGPathElement;
  private readonly glyphs: SVGPathElement | null;
  private readonly labels: SVGTextElement[] = [];
  private readonly ring: SVGRectElement;
  private shown: readonly LogCell[] = [];
  private drawn: { cells: readonly LogCell[] | null; viewFrom: number; colours: string } = { cells: null, viewFrom: NaN, colours: '' };

  constructor(
    readonly group: SVGGElement,
    private readonly style: CellStyle,
  ) {
    this.hatch = this.child('path');
    this.hatch.setAttribute('fill', 'url(#kv-hatch)');
    this.glyphs = style.glyphs ? this.child('path') : null;
    if (this.glyphs) {
      this.glyphs.setAttribute('fill', 'var(--kv-bg)');
      this.glyphs.setAttribute('stroke', 'var(--kv-fg)');
      this.glyphs.setAttribute('stroke-width', '0.8');
    }
    this.ring = this.child('rect');
    this.ring.setAttribute('class', 'highlight');
    this.ring.setAttribute('display', 'none');
    (group as CellsNode).__kvCellAt = (x) => {
      const offset = offsetAt(x, style.s);
      return this.shown.find((c) => c.offset === offset);
    };
  }

  private child<K extends keyof SVGElementTagNameMap>(name: K, before: Element | null = null): SVGElementTagNameMap[K] {
    return this.group.insertBefore(document.createElementNS(SVG_NS, name), before);
  }

  /** Shows `cells` (those at or after `viewFrom`), the window starting at `viewFrom`. */
  update(cells: readonly LogCell[], viewFrom: number, ctx: DrawContext): void {
    const { s, highlight } = this.style;
    // The same cells (the engine keeps the array while the tail is unchanged) in the same window.
    const colours = ctx.snapshot.producers.map((p) => ctx.producerColour(p.id)).join();
    if (this.drawn.cells === cells && this.drawn.viewFrom === viewFrom && this.drawn.colours === colours) return;
    this.drawn = { cells, viewFrom, colours };
    put(this.group, 'transform', `translate(${(-viewFrom * s.cellWidth).toFixed(2)},0)`);
    this.shown = cells.filter((c) => c.offset >= viewFrom);
    const shapes = cellShapes(this.shown, viewFrom, this.style, ctx.producerColour, highlight);

    // Fills first (under the hatch, the glyphs and the words), one path per colour and tone. A
    // tone with no cells now keeps its path, empty: the uncommitted tone empties each time the HW
    // catches up with the LEO and fills again with the next record, and a path removed and made
    // anew cost its element's style and layout each time (at most two per producer per strip).
    for (const [key, path] of this.fills) if (!shapes.fills.has(key)) put(path, 'd', '');
    for (const [key, fill] of shapes.fills) {
      let path = this.fills.get(key);
      if (!path) {
        path = this.child('path', this.hatch);
        path.setAttribute('fill', fill.colour);
        // Above the HW (not committed yet): a lighter tone of the producer's colour.
        if (!fill.committed) path.setAttribute('class', 'uncommitted');
        this.fills.set(key, path);
      }
      put(path, 'd', fill.d);
    }
    put(this.hatch, 'd', shapes.hatch);
    if (this.glyphs) put(this.glyphs, 'd', shapes.glyphs);
    shapes.labels.forEach((l, i) => {
      const text = this.labels[i] ?? this.newLabel();
      put(text, 'x', l.x.toFixed(1));
      put(text, 'y', l.y.toFixed(1));
      put(text, 'font-size', l.size.toFixed(1));
      put(text, 'fill', l.fill);
      if (text.textContent !== l.text) text.textContent = l.text;
    });
    for (const extra of this.labels.splice(shapes.labels.length)) extra.remove();
    const ring = shapes.ring;
    if (!ring) put(this.ring, 'display', 'none');
    else {
      this.ring.removeAttribute('display');
      put(this.ring, 'x', ring.x.toFixed(1));
      put(this.ring, 'y', String(ring.y));
      put(this.ring, 'width', ring.width.toFixed(1));
      put(this.ring, 'height', String(ring.height));
    }
  }

  private newLabel(): SVGTextElement {
    const text = this.child('text', this.ring);
    text.setAttribute('text-anchor', 'middle');
    text.setAttribute('font-weight', '700');
    this.labels.push(text);
    return text;
  }
}

/** What a cell's tooltip tells (cellTitle reads it). */
export function cellFacts(c: LogCell): string {
  return JSON.stringify([c.offset, c.key ?? '—', c.producer, c.leaderEpoch, c.flushed, c.belowHighWatermark]);
}

/** A cell's tooltip from its facts (cellFacts). */
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
