/** The key below the view: every mark the strips use, each with a word, so no mark stands alone. */
import { textWidth } from './cluster';
import { changed, type DrawContext, type G } from './context';

const ITEMS = ['flushed', 'pageCache', 'uncommitted', 'hw', 'leo', 'isr', 'outOfIsr', 'truncated', 'position', 'committed', 'request', 'response', 'dropped', 'error'] as const;
type Item = (typeof ITEMS)[number];

const pill = (item: Item): boolean => item === 'request' || item === 'response' || item === 'dropped' || item === 'error';

/** Items in rows that fit `width` at `fs`: one row when it fits, else as few as it takes. */
export function legendRows(widths: readonly number[], width: number): number[][] {
  const rows: number[][] = [[]];
  let used = 0;
  widths.forEach((w, i) => {
    if (used + w > width && rows[rows.length - 1]!.length > 0) {
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1]!.push(i);
    used += w;
  });
  return rows;
}

export function drawLegend(root: G, ctx: DrawContext): void {
  const { layout, t } = ctx;
  if (!changed(root.node()!, [layout, t])) return;
  root.selectAll('*').remove();
  const L = layout.legend;
  const labels = ITEMS.map((item) => t(`view.legend.${item}`));
  const widthAt = (fs: number) => ITEMS.map((item, i) => (pill(item) ? fs * 1.6 : fs * 1.3) + 4 + textWidth(labels[i]!, fs) + fs * 1.1);
  // Too long for one line: two (or more) lines, each as tall as the strip allows.
  let fs = layout.small;
  let rows = legendRows(widthAt(fs), L.width);
  if (rows.length > 1) {
    fs = Math.max(9, Math.min(fs, (L.height / rows.length) * 0.8));
    rows = legendRows(widthAt(fs), L.width);
  }
  const rowH = L.height / rows.length;
  const sw = Math.min(fs * 1.3, rowH * 0.85);
  const ink = '#0072B2';
  for (const [r, members] of rows.entries()) {
    const cy = L.y + rowH * (r + 0.5);
    let x = L.x;
    for (const i of members) {
      const item = ITEMS[i]!;
      const label = labels[i]!;
      const g = root.append('g');
      const y0 = cy - sw / 2;
      switch (item) {
        case 'flushed':
          g.append('rect').attr('x', x).attr('y', y0).attr('width', sw).attr('height', sw).attr('fill', ink);
          break;
        case 'pageCache':
          g.append('rect').attr('x', x).attr('y', y0).attr('width', sw).attr('height', sw).attr('fill', ink);
          g.append('rect').attr('x', x).attr('y', y0).attr('width', sw).attr('height', sw).attr('fill', 'url(#kv-hatch)');
          break;
        case 'uncommitted':
          g.append('rect').attr('x', x).attr('y', y0).attr('width', sw).attr('height', sw).attr('fill', ink).attr('class', 'uncommitted');
          break;
        case 'hw':
          g.append('line').attr('class', 'hw').attr('x1', x + sw / 2).attr('x2', x + sw / 2).attr('y1', y0).attr('y2', y0 + sw);
          break;
        case 'leo':
          g.append('line').attr('class', 'leo').attr('x1', x + sw / 2).attr('x2', x + sw / 2).attr('y1', y0).attr('y2', y0 + sw);
          break;
        case 'isr':
          g.append('rect').attr('class', 'isr-bg').attr('x', x).attr('y', y0).attr('width', sw).attr('height', sw).attr('rx', 3);
          break;
        case 'outOfIsr':
          g.append('rect').attr('class', 'out-isr').attr('x', x + 1).attr('y', y0 + 1).attr('width', sw - 2).attr('height', sw - 2);
          break;
        case 'truncated':
          g.append('rect').attr('x', x).attr('y', y0 + sw * 0.25).attr('width', sw).attr('height', sw * 0.5).attr('fill', ink).attr('opacity', 0.45);
          g.append('line').attr('class', 'ghost').attr('x1', x).attr('x2', x + sw).attr('y1', y0 + sw * 0.75).attr('y2', y0 + sw * 0.25);
          break;
        case 'position':
          g.append('path').attr('d', `M${x},${y0 + sw} L${x + sw},${y0 + sw} L${x + sw / 2},${y0 + sw * 0.2} Z`).attr('fill', '#009E73');
          break;
        case 'committed':
          g.append('rect').attr('x', x + sw * 0.15).attr('y', y0 + sw * 0.15).attr('width', sw * 0.7).attr('height', sw * 0.7).attr('fill', 'none').attr('stroke', '#009E73').attr('stroke-width', 2);
          break;
        case 'dropped':
        case 'error': {
          const error = item === 'error';
          g.append('rect').attr('class', error ? 'legend-error' : 'legend-drop').attr('x', x).attr('y', y0).attr('width', sw * 1.25).attr('height', sw).attr('rx', sw / 2).attr('fill', error ? 'var(--kv-danger)' : '#3b4252').attr('stroke', error ? 'var(--kv-fg)' : 'var(--kv-danger)').attr('stroke-width', 2).attr('stroke-dasharray', '3 2');
          g.append('text').attr('x', x + sw * 1.25).attr('y', y0).attr('text-anchor', 'middle').attr('font-size', fs * 0.8).attr('font-weight', 900).attr('class', 'danger').text('✕');
          break;
        }
        case 'request':
        case 'response': {
          const res = item === 'response';
          g.append('rect').attr('x', x).attr('y', y0).attr('width', sw * 1.25).attr('height', sw).attr('rx', sw / 2).attr('fill', res ? 'var(--kv-bg)' : '#3b4252').attr('stroke', '#3b4252').attr('stroke-width', 2);
          g.append('text').attr('x', x + sw * 0.625).attr('y', cy).attr('text-anchor', 'middle').attr('font-size', fs * 0.85).attr('font-weight', 800).attr('fill', res ? '#3b4252' : '#fff').text('P');
          break;
        }
      }
      const markW = pill(item) ? sw * 1.25 : sw;
      g.append('text').attr('x', x + markW + 4).attr('y', cy).attr('font-size', fs).text(label);
      x += (pill(item) ? fs * 1.6 : fs * 1.3) + 4 + textWidth(label, fs) + fs * 1.1;
    }
  }
}
