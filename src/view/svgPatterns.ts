/** The fills the cluster view's cells and columns refer to by id (url(#kv-…)), defined once per svg. */
import type { Selection } from 'd3';

export function appendPatterns(root: Selection<SVGSVGElement, unknown, null, undefined>): void {
  const defs = root.append('defs');
  // Page cache only: light diagonal stripes over the cell's colour.
  const hatch = defs.append('pattern').attr('id', 'kv-hatch').attr('patternUnits', 'userSpaceOnUse').attr('width', 6).attr('height', 6).attr('patternTransform', 'rotate(45)');
  hatch.append('rect').attr('width', 2.6).attr('height', 6).attr('fill', 'var(--kv-hatch)');
  // Deleted by retention: sparse dots on the empty track.
  const del = defs.append('pattern').attr('id', 'kv-deleted').attr('patternUnits', 'userSpaceOnUse').attr('width', 6).attr('height', 6);
  del.append('circle').attr('cx', 3).attr('cy', 3).attr('r', 1).attr('fill', 'var(--kv-muted)');
  // Powered off: wide cross-hatch over the greyed column.
  const off = defs.append('pattern').attr('id', 'kv-off-hatch').attr('patternUnits', 'userSpaceOnUse').attr('width', 14).attr('height', 14).attr('patternTransform', 'rotate(-45)');
  off.append('rect').attr('width', 2).attr('height', 14).attr('fill', 'var(--kv-muted)').attr('opacity', 0.5);
}
