/**
 * The cluster's own network links, every one a target for the context menu (right-click, or
 * Shift+F10 on it with the keyboard): controller ↔ each broker along the lines from the controller,
 * and broker ↔ broker as arcs over the headers, longer spans arcing higher so each stays apart. A
 * healthy link is a faint line, a slow one (an end slowed) dashed, a cut one is drawn by
 * `drawCuts` as a broken red line with ✂. Clients' links show when cut (drawCuts).
 */
import { select } from 'd3';
import { changed, targetAttr, type DrawContext, type G } from './context';

/** Nodes cut from every other node: drawn as isolated rather than with one broken line each. */
export function isolatedNodes(cut: readonly (readonly [string, string])[], nodes: readonly string[]): Set<string> {
  const count = new Map<string, number>();
  for (const [a, b] of cut) {
    count.set(a, (count.get(a) ?? 0) + 1);
    count.set(b, (count.get(b) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const n of nodes) if (nodes.length > 2 && (count.get(n) ?? 0) >= nodes.length - 1) out.add(n);
  return out;
}

export function allNodes(ctx: DrawContext): string[] {
  const s = ctx.snapshot;
  return [...s.brokers.map((b) => `b${b.id}`), 'controller', ...s.producers.map((p) => p.id), ...s.groups.flatMap((g) => g.members.filter((m) => m.alive).map((m) => m.node))];
}

/** The ✂ on a cut link, haloed in the background colour so crossing lines do not hide it. */
export function drawScissors(g: G, at: { x: number; y: number }, font: number): void {
  g.append('text')
    .attr('class', 'danger scissors')
    .attr('x', at.x)
    .attr('y', at.y)
    .attr('text-anchor', 'middle')
    .attr('dominant-baseline', 'central')
    .attr('font-size', font * 1.5)
    .attr('stroke', 'var(--kv-bg)')
    .attr('stroke-width', 3)
    .attr('paint-order', 'stroke')
    .text('✂');
}

export type LinkState = 'healthy' | 'slow' | 'cut';

export interface LinkShape {
  a: string;
  b: string;
  /** Svg path data. */
  d: string;
  /** The middle of the path (where a cut link's ✂ goes). */
  mid: { x: number; y: number };
}

/** Every controller ↔ broker and broker ↔ broker link of the layout, with its path. */
export function clusterLinks(ctx: Pick<DrawContext, 'layout'>): LinkShape[] {
  const { columns, controller } = ctx.layout;
  const out: LinkShape[] = [];
  const cx = controller.x + controller.width / 2;
  const cy = controller.y + controller.height;
  for (const col of columns) out.push({ a: 'controller', b: `b${col.broker}`, d: `M${cx},${cy} L${col.cx},${col.header.y}`, mid: { x: (cx + col.cx) / 2, y: (cy + col.header.y) / 2 } });
  const top = columns[0]?.header.y ?? 0;
  // Room above the headers, shared by the spans (1 column apart, 2 apart, …).
  const step = Math.max(3, Math.min(9, (top - 4) / Math.max(1, columns.length - 1)));
  // Longest spans first, so a shorter arc lies on top where two come close (near their ends).
  for (let span = columns.length - 1; span >= 1; span--)
    columns.slice(0, columns.length - span).forEach((c1, i) => {
      const c2 = columns[i + span]!;
      const lift = step * span;
      // A quadratic's apex is half its control point's lift.
      out.push({ a: `b${c1.broker}`, b: `b${c2.broker}`, d: `M${c1.cx},${top} Q${(c1.cx + c2.cx) / 2},${top - 2 * lift} ${c2.cx},${top}`, mid: { x: (c1.cx + c2.cx) / 2, y: top - lift } });
    });
  return out;
}

export function linkState(ctx: Pick<DrawContext, 'snapshot'>, a: string, b: string): { state: LinkState; slow: { node: string; latencyMs: number }[] } {
  const { cut, slow } = ctx.snapshot.links;
  if (cut.some(([x, y]) => (x === a && y === b) || (x === b && y === a))) return { state: 'cut', slow: [] };
  const slowed = slow.filter((s) => s.node === a || s.node === b);
  return { state: slowed.length > 0 ? 'slow' : 'healthy', slow: slowed };
}

export function drawLinks(root: G, ctx: DrawContext): void {
  const { t } = ctx;
  if (!changed(root.node()!, [ctx.layout, ctx.snapshot.links, ctx.t])) return;
  const isolated = isolatedNodes(ctx.snapshot.links.cut, allNodes(ctx));
  const data = clusterLinks(ctx).map((l) => ({ ...l, ...linkState(ctx, l.a, l.b) }));
  root
    .selectAll<SVGGElement, (typeof data)[number]>('g.link')
    .data(data, (d) => `${d.a}|${d.b}`)
    .join((enter) => enter.append('g').attr('class', 'link hit').attr('tabindex', 0).attr('role', 'button'))
    .each(function (l) {
      const g = select<SVGGElement, unknown>(this);
      g.selectAll('*').remove();
      const slowText = l.slow.map((s) => `${s.node} +${s.latencyMs} ms`).join(', ');
      const label = t(`view.link.${l.state === 'cut' ? 'cutMenu' : l.state}`, { a: l.a, b: l.b, slow: slowText });
      g.attr('data-target', targetAttr({ kind: 'link', between: [l.a, l.b] })).attr('data-link-state', l.state).attr('aria-label', label);
      // A wide invisible stroke to aim at; the visible line stays thin.
      g.append('path').attr('class', 'link-hit').attr('d', l.d);
      g.append('path').attr('class', `focus-ring link-ring`).attr('d', l.d);
      if (l.state !== 'cut') g.append('path').attr('class', `link-line ${l.state}`).attr('d', l.d);
      else if (!isolated.has(l.a) && !isolated.has(l.b)) drawScissors(g, l.mid, ctx.layout.font);
      g.append('title').text(label);
    });
}
