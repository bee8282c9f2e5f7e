/**
 * What the learner does on the cluster view: a click, Enter or Space, or a right-click on anything
 * that carries its target (`data-target`, or a log cell found under the pointer), and the tooltips
 * written when the pointer arrives (a batch's, a cell's record).
 */
import type { LogCell } from '../engine';
import { batchTitle } from './clients';
import { cellFacts, cellTitle, type CellsNode } from './stripCells';
import { SVG_NS } from './context';
import type { ViewTarget } from './types';

export interface ClusterViewOptions {
  /** i18n lookup, keys 'view.*'. */
  t: (key: string, vars?: Record<string, unknown>) => string;
  onSelect?: (target: ViewTarget) => void;
  onContextMenu?: (target: ViewTarget, at: { x: number; y: number }) => void;
}

/** Listens on the svg for the learner's input; returns what stops listening. */
export function listenForInput(svg: SVGSVGElement, options: ClusterViewOptions): () => void {
  // A strip's cells are a few shapes, not an element each: the record under the pointer comes from
  // where the pointer is in the cells' own coordinates (stripCells.ts).
  const cellUnder = (event: Event): LogCell | null => {
    if (!(event instanceof MouseEvent)) return null;
    const group = (event.target as Element | null)?.closest?.('g.cells') as CellsNode | null;
    if (!group?.__kvCellAt || !svg.contains(group)) return null;
    const m = group.getScreenCTM();
    if (!m) return null;
    return group.__kvCellAt(new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse()).x) ?? null;
  };
  // Delegated input: every selectable element carries its target in `data-target`.
  const targetOf = (event: Event): ViewTarget | null => {
    const cell = cellUnder(event);
    if (cell) return { kind: 'record', recordId: cell.recordId };
    const el = (event.target as Element | null)?.closest?.('[data-target]');
    if (!el || !svg.contains(el)) return null;
    try {
      return JSON.parse(el.getAttribute('data-target')!) as ViewTarget;
    } catch {
      return null;
    }
  };
  const onClick = (event: MouseEvent): void => {
    const target = targetOf(event);
    if (target) options.onSelect?.(target);
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const target = targetOf(event);
    if (!target) return;
    event.preventDefault();
    options.onSelect?.(target);
  };
  const onContext = (event: MouseEvent): void => {
    const target = targetOf(event);
    if (!target || !options.onContextMenu) return;
    event.preventDefault();
    options.onContextMenu(target, { x: event.clientX, y: event.clientY });
  };
  // Batches keep their facts in data-batch; their <title> is written when the pointer arrives.
  const onOver = (event: MouseEvent): void => {
    const el = (event.target as Element | null)?.closest?.('[data-batch]');
    if (el && !el.querySelector(':scope > title')) {
      const title = document.createElementNS(SVG_NS, 'title');
      try {
        title.textContent = batchTitle(el.getAttribute('data-batch')!, options.t);
      } catch {
        return;
      }
      el.appendChild(title);
    }
  };
  // Over a strip's cells, the tooltip tells the record under the pointer.
  const onMove = (event: MouseEvent): void => {
    const cell = cellUnder(event);
    if (!cell) return;
    const group = (event.target as Element).closest('g.cells')!;
    let title = group.querySelector(':scope > title');
    if (!title) title = group.appendChild(document.createElementNS(SVG_NS, 'title'));
    const text = cellTitle(cellFacts(cell), options.t);
    if (title.textContent !== text) title.textContent = text;
  };
  svg.addEventListener('mouseover', onOver);
  svg.addEventListener('mousemove', onMove);
  svg.addEventListener('click', onClick);
  svg.addEventListener('keydown', onKey);
  svg.addEventListener('contextmenu', onContext);
  return () => {
    svg.removeEventListener('mouseover', onOver);
    svg.removeEventListener('mousemove', onMove);
    svg.removeEventListener('click', onClick);
    svg.removeEventListener('keydown', onKey);
    svg.removeEventListener('contextmenu', onContext);
  };
}
