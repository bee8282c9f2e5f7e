/**
 * The cluster's frame: the controller above, broker columns with their headers (state, leader
 * count; crashed dark, powered off greyed and hatched, slow dashed, isolated ringed), partition
 * rows with their labels, and cut links drawn broken.
 */
import { select } from 'd3';
import type { BrokerSnapshot, PartitionSnapshot } from '../engine';
import { changed, targetAttr, type DrawContext, type G } from './context';
import type { ColumnLayout, RowLayout } from './layout';
import { allNodes, clusterLinks, drawScissors, isolatedNodes } from './links';
import { anchor } from './route';
import { fit } from './text';

export { fit, fitShrink, textWidth } from './text';

interface ColumnDatum {
  col: ColumnLayout;
  b: BrokerSnapshot | undefined;
  slowMs: number | null;
  isolated: boolean;
}

/** The box and its wires go under everything; its name in `nameRoot`, above the broker-to-broker arcs. */
export function drawController(root: G, nameRoot: G, ctx: DrawContext): void {
  const c = ctx.layout.controller;
  if (!changed(root.node()!, [ctx.layout, ctx.t])) return;
  root.selectAll('*').remove();
  nameRoot.selectAll('*').remove();
  for (const col of ctx.layout.columns) {
    root.append('line').attr('class', 'wire').attr('x1', c.x + c.width / 2).attr('y1', c.y + c.height).attr('x2', col.cx).attr('y2', col.header.y);
  }
  root.append('rect').attr('class', 'header').attr('x', c.x).attr('y', c.y).attr('width', Math.max(0, c.width)).attr('height', c.height).attr('rx', 6);
  // The broker-to-broker arcs pass over this box on wide grids: drawn above them with a halo, the
  // name stays readable; clicks go through it to the links.
  nameRoot.append('text').attr('class', 'controller-name').attr('x', c.x + c.width / 2).attr('y', c.y + c.height / 2).attr('text-anchor', 'middle').attr('font-size', ctx.layout.font).attr('font-weight', 700).text(ctx.t('view.controller'));
}

export function drawColumns(root: G, ctx: DrawContext): void {
  const { layout, snapshot, t } = ctx;
  const brokers = new Map(snapshot.brokers.map((b) => [b.id, b] as const));
  const slow = new Map(snapshot.links.slow.map((x) => [x.node, x.latencyMs] as const));
  const isolated = isolatedNodes(snapshot.links.cut, allNodes(ctx));
  const data: ColumnDatum[] = layout.columns.map((col) => ({ col, b: brokers.get(col.broker), slowMs: slow.get(`b${col.broker}`) ?? null, isolated: isolated.has(`b${col.broker}`) }));
  const font = layout.font;
  root
    .selectAll<SVGGElement, ColumnDatum>('g.broker')
    .data(data, (d) => String(d.col.broker))
    .join((enter) => enter.append('g').attr('class', 'broker hit').attr('tabindex', 0).attr('role', 'button'))
    .each(function (d) {
      if (!changed(this, [d.b, d.slowMs, d.isolated, d.col, ctx.t])) return;
      const g = select<SVGGElement, unknown>(this);
      g.selectAll('*').remove();
      const { col, b } = d;
      const state = b?.state ?? 'running';
      const stateKey = b?.fenced && state === 'running' ? 'fenced' : state;
      g.attr('data-target', targetAttr({ kind: 'broker', broker: col.broker })).attr(
        'aria-label',
        t('view.broker.aria', { id: col.broker, count: b?.leaderOf ?? 0, state: t(`view.broker.state.${stateKey}`) }),
      );
      const h = col.header;
      const cls = `header${d.slowMs !== null ? ' slow' : ''}${d.isolated ? ' isolated' : ''}`;
      g.append('rect').attr('class', cls).attr('x', h.x).attr('y', h.y).attr('width', Math.max(0, h.width)).attr('height', h.height).attr('rx', 6);
      g.append('rect').attr('class', 'focus-ring').attr('x', h.x - 2).attr('y', h.y - 2).attr('width', Math.max(0, h.width + 4)).attr('height', h.height + 4).attr('rx', 7);
      const title = h.width > font * 6 ? t('view.broker.name', { id: col.broker }) : `b${col.broker}`;
      g.append('text').attr('x', col.cx).attr('y', h.y + h.height * 0.3).attr('text-anchor', 'middle').attr('font-size', font).attr('font-weight', 700).text(title);
      const glyph = state === 'crashed' ? '✕ ' : state === 'poweredOff' ? '◌ ' : stateKey === 'fenced' ? '⊘ ' : state === 'recovering' ? '↻ ' : '';
      const narrow = h.width < layout.small * 13;
      const line2 = d.isolated
        ? `✂ ${t('view.broker.isolated')}`
        : stateKey !== 'running'
          ? glyph + t(`view.broker.state.${stateKey}`)
          : d.slowMs !== null
            ? t(narrow ? 'view.broker.slowShort' : 'view.broker.slow', { ms: d.slowMs })
            : t(narrow ? 'view.broker.leadsShort' : 'view.broker.leads', { count: b?.leaderOf ?? 0 });
      const bad = stateKey !== 'running' || d.isolated || d.slowMs !== null;
      g.append('text')
        .attr('class', bad ? 'danger' : 'muted')
        .attr('x', col.cx)
        .attr('y', h.y + h.height * 0.72)
        .attr('text-anchor', 'middle')
        .attr('font-size', layout.small)
        .attr('font-weight', bad ? 700 : 400)
        .text(headerLine2(line2, glyph, bad, h.width, layout.small));
    });
}

/** Over the strips: a crashed broker's column darkened, a powered-off one greyed and cross-hatched. */
export function drawDownColumns(root: G, ctx: DrawContext): void {
  const states = new Map(ctx.snapshot.brokers.map((b) => [b.id, b.state] as const));
  const down = ctx.layout.columns.filter((c) => states.get(c.broker) === 'crashed' || states.get(c.broker) === 'poweredOff');
  root
    .selectAll<SVGGElement, ColumnLayout>('g.down')
    .data(down, (c) => String(c.broker))
    .join('g')
    .attr('class', 'down')
    .attr('pointer-events', 'none')
    .each(function (col) {
      const state = states.get(col.broker);
      if (!changed(this, [col, state])) return;
      const g = select<SVGGElement, unknown>(this);
      g.selectAll('*').remove();
      const h = col.header;
      const body = { x: col.column.x + 1, y: h.y + h.height + 2, width: col.column.width - 2, height: col.column.height - h.height - 2 };
      const rect = () => g.append('rect').attr('x', body.x).attr('y', body.y).attr('width', Math.max(0, body.width)).attr('height', body.height);
      if (state === 'crashed') rect().attr('class', 'crashed');
      else {
        rect().attr('class', 'off');
        rect().attr('fill', 'url(#kv-off-hatch)');
      }
    });
}

export function drawRows(root: G, ctx: DrawContext): void {
  const { layout, snapshot, t } = ctx;
  const parts = new Map<string, PartitionSnapshot>(snapshot.partitions.map((p) => [`${p.topic}-${p.partition}`, p]));
  root
    .selectAll<SVGGElement, RowLayout>('g.row')
    .data(layout.rows, (d) => d.key)
    // The class only on a new element: setting it again on every draw dirties each one's style.
    .join((enter) => enter.append('g').attr('class', 'row'))
    .each(function (row, i) {
      if (!changed(this, [row, parts.get(row.key)?.leader ?? 0, ctx.t])) return;
      const g = select<SVGGElement, unknown>(this);
      g.selectAll('*').remove();
      if (i > 0) g.append('line').attr('class', 'row-line').attr('x1', row.label.x).attr('x2', row.band.x + row.band.width).attr('y1', row.band.y).attr('y2', row.band.y);
      const p = parts.get(row.key);
      const fs = Math.min(layout.font, row.band.height * 0.42);
      const offline = p !== undefined && p.leader < 0;
      g.append('text').attr('x', row.label.x + row.label.width).attr('y', row.cy - (offline ? fs * 0.5 : 0)).attr('text-anchor', 'end').attr('font-size', fs).attr('font-weight', 600).text(fit(row.key, row.label.width, fs));
      if (offline) g.append('text').attr('class', 'danger').attr('x', row.label.x + row.label.width).attr('y', row.cy + fs * 0.6).attr('text-anchor', 'end').attr('font-size', fs * 0.85).attr('font-weight', 700).text(t('view.partition.offline'));
    });
}

/**
 * Cut links (not those of isolated nodes): a broken red line between the two nodes, ✂ in the
 * middle. The cluster's own links take their path from `clusterLinks` (their target is drawn by
 * `drawLinks` on top); a client's cut link is its own target here.
 */
export function drawCuts(root: G, ctx: DrawContext): void {
  const isolated = isolatedNodes(ctx.snapshot.links.cut, allNodes(ctx));
  const cuts = ctx.snapshot.links.cut.filter(([a, b]) => !isolated.has(a) && !isolated.has(b));
  if (!changed(root.node()!, [ctx.layout, ctx.snapshot.links, isolated.size, ctx.t])) return;
  root.selectAll('*').remove();
  const shapes = new Map(clusterLinks(ctx).flatMap((l) => [[`${l.a}|${l.b}`, l] as const, [`${l.b}|${l.a}`, l] as const]));
  for (const [a, b] of cuts) {
    const shape = shapes.get(`${a}|${b}`);
    let d: string;
    let mid: { x: number; y: number };
    const g = root.append('g');
    if (shape) {
      ({ d, mid } = shape);
      g.attr('pointer-events', 'none');
    } else {
      const p = cutEnd(a, ctx, b);
      const q = cutEnd(b, ctx, a);
      if (!p || !q) continue;
      d = `M${p.x},${p.y} L${q.x},${q.y}`;
      mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
      g.attr('class', 'hit').attr('tabindex', 0).attr('role', 'button').attr('data-target', targetAttr({ kind: 'link', between: [a, b] })).attr('data-link-state', 'cut').attr('aria-label', ctx.t('view.link.cutMenu', { a, b }));
      g.append('path').attr('class', 'link-hit').attr('d', d);
      g.append('path').attr('class', 'focus-ring').attr('d', d);
    }
    g.append('path').attr('class', 'cut').attr('d', d);
    // The cluster's own links get their ✂ from drawLinks, on top of the other links' lines.
    if (!shape) drawScissors(g, mid, ctx.layout.font);
  }
}

/** A cut line ends at a broker's header top (so it arcs above the columns), else at the node's anchor. */
function cutEnd(node: string, ctx: DrawContext, peer: string): { x: number; y: number } | null {
  const col = ctx.layout.columns.find((c) => `b${c.broker}` === node);
  if (col && /^b\d+$/.test(peer)) return { x: col.cx, y: col.header.y };
  return anchor(node, ctx.layout, undefined, peer);
}

/**
 * A broker header's second line in its width; a stub like "lea…" says nothing, so a very narrow
 * column shows only the state's glyph (or ⚠ for a slow or isolated broker), or nothing when all
 * is well (the header's aria-label and the tables keep the words).
 */
export function headerLine2(text: string, glyph: string, bad: boolean, width: number, size: number): string {
  const shown = fit(text, width, size, bad);
  if (shown === text || [...shown].length > 5) return shown;
  return bad ? glyph.trim() || '⚠' : '';
}
