/**
 * A strip's log cells, kept from frame to frame. Cells sit at `offset × cellWidth` inside a group
 * shifted left by the window's start, so when the window slides one record on, one transform
 * moves every cell and only the new cell is made; a cell whose facts changed (flushed, committed)
 * is rewritten, the others are not touched. A strip whose replica changed every frame used to
 * rebuild all its cells every frame.
 */
import type { LogCell } from '../engine';
import { inkOn } from './palette';
import { targetAttr, type DrawContext } from './context';
import type { StripLayout } from './layout';

const SVG_NS = 'http://www.w3.org/2000/svg';

interface HeldCell {
  el: SVGGElement;
  sig: string;
}

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

export class StripCells {
  private readonly held = new Map<number, HeldCell>();

  constructor(
    readonly group: SVGGElement,
    private readonly style: CellStyle,
  ) {}

  /** Shows `cells` (those at or after `viewFrom`), the window starting at `viewFrom`. */
  update(cells: readonly LogCell[], viewFrom: number, ctx: DrawContext): void {
    const { s } = this.style;
    this.group.setAttribute('transform', `translate(${(-viewFrom * s.cellWidth).toFixed(2)},0)`);
    const seen = new Set<number>();
    for (const c of cells) {
      if (c.offset < viewFrom) continue;
      seen.add(c.offset);
      const colour = ctx.producerColour(c.producer);
      const sig = `${c.recordId}|${c.flushed}|${c.belowHighWatermark}|${colour}|${c.leaderEpoch}|${c.key}`;
      const had = this.held.get(c.offset);
      if (had && had.sig === sig) continue;
      const el = had?.el ?? (this.group.appendChild(document.createElementNS(SVG_NS, 'g')) as SVGGElement);
      el.setAttribute('data-target', targetAttr({ kind: 'record', recordId: c.recordId }));
      el.setAttribute('data-cell', JSON.stringify([c.offset, c.key ?? '—', c.producer, c.leaderEpoch, c.flushed, c.belowHighWatermark]));
      // A tooltip written on hover described the old facts: it goes with them.
      el.innerHTML = this.markup(c, colour);
      this.held.set(c.offset, { el, sig });
    }
    for (const [offset, h] of this.held) {
      if (seen.has(offset)) continue;
      h.el.remove();
      this.held.delete(offset);
    }
  }

  private markup(c: LogCell, colour: string): string {
    const { s, highlight, glyphs, fontSize, glyphRadius: gr, producerIndex } = this.style;
    const cw = s.cellWidth;
    const x = s.x + c.offset * cw;
    const w = Math.max(1, cw - 1).toFixed(1);
    const box = `x="${(x + 0.5).toFixed(1)}" y="${s.y.toFixed(1)}" width="${w}" height="${s.height.toFixed(1)}"`;
    let out = `<rect ${box} fill="${colour}"${c.belowHighWatermark ? '' : ' class="uncommitted"'}/>`;
    if (!c.flushed) out += `<rect ${box} fill="url(#kv-hatch)"/>`;
    if (c.recordId === highlight) out += `<rect class="highlight" x="${(x - 1).toFixed(1)}" y="${s.y - 2}" width="${Math.max(0, cw + 2).toFixed(1)}" height="${s.height + 4}"/>`;
    if (glyphs) out += `<path d="${glyphPath(producerIndex.get(c.producer) ?? 0, x + 1 + gr, s.y + 1 + gr, gr)}" fill="var(--kv-bg)" stroke="var(--kv-fg)" stroke-width="0.8"/>`;
    // Offsets at round numbers, where the number fits the cell.
    const label = String(c.offset);
    const lfs = Math.min(fontSize, (cw - 2) / (label.length * 0.62));
    if (c.offset % 5 === 0 && s.height >= 14 && lfs >= 9) {
      out += `<text x="${(x + cw / 2).toFixed(1)}" y="${(s.y + s.height * 0.6).toFixed(1)}" text-anchor="middle" font-size="${lfs.toFixed(1)}" font-weight="700" fill="${c.belowHighWatermark ? inkOn(colour) : 'var(--kv-fg)'}">${label}</text>`;
    }
    return out;
  }
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
