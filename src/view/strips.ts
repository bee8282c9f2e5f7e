/**
 * One replica's log strip: the tail of its log as cells (colour by producer, letter as the second
 * cue; flushed solid, page cache hatched, above the HW lighter), HW and LEO markers, the log
 * start, the leader badge with its epoch, ISR membership as a band (in) or a dashed outline (out),
 * and truncated cells struck through. Strips redraw only when their replica, the layout, the
 * highlight or their ghosts changed.
 */
import { select } from 'd3';
import type { PartitionSnapshot, ReplicaSnapshot } from '../engine';
import { fit } from './cluster';
import { inkOn } from './palette';
import { changed, targetAttr, type DrawContext, type G } from './context';
import type { Ghost } from './ghosts';
import { stripRect, type StripLayout } from './layout';

interface StripDatum {
  key: string;
  p: PartitionSnapshot;
  r: ReplicaSnapshot;
  s: StripLayout;
  ghosts: readonly Ghost[];
}

export function drawStrips(root: G, ctx: DrawContext): void {
  const { layout, snapshot } = ctx;
  const rows = new Map(layout.rows.map((r) => [r.key, r] as const));
  const cols = new Map(layout.columns.map((c) => [c.broker, c] as const));
  const data: StripDatum[] = [];
  for (const p of snapshot.partitions) {
    const row = rows.get(`${p.topic}-${p.partition}`);
    if (!row) continue;
    for (const r of p.replicaStates) {
      const col = cols.get(r.broker);
      if (!col) continue;
      const key = `${p.topic}-${p.partition}:${r.broker}`;
      data.push({ key, p, r, s: stripRect(layout, row, col), ghosts: ctx.ghosts.of(key) });
    }
  }
  const highlight = ctx.frame.highlightRecord;
  const groupsSig = snapshot.groups.map((g) => g.version).join(',');
  root
    .selectAll<SVGGElement, StripDatum>('g.replica')
    .data(data, (d) => d.key)
    .join((enter) => enter.append('g').attr('class', 'replica hit').attr('tabindex', 0).attr('role', 'button'))
    .each(function (d) {
      // p.window is a fresh object when the partition changed; members' markers live on leaders.
      if (!changed(this, [d.r, d.p, d.s.x, d.s.y, d.s.width, d.s.height, highlight, d.ghosts, d.r.role === 'leader' ? groupsSig : null, ctx.t])) return;
      // Remember what the strip showed, so a change of role or ISR membership can ease in.
      const node = this as SVGGElement & { __kvWas?: { role: string; inIsr: boolean } };
      const was = node.__kvWas;
      node.__kvWas = { role: d.r.role, inIsr: d.r.inIsr };
      const moved = !ctx.frame.reducedMotion && was !== undefined ? { role: was.role !== d.r.role, isr: was.inIsr !== d.r.inIsr } : { role: false, isr: false };
      drawStrip(select(this), d, ctx, moved);
    });
}

function drawStrip(g: ReturnType<typeof select<SVGGElement, unknown>>, d: StripDatum, ctx: DrawContext, moved: { role: boolean; isr: boolean }): void {
  const { r, p, s } = d;
  const { t, layout } = ctx;
  const cw = s.cellWidth;
  const to = Math.max(p.window.to, s.cells);
  const viewFrom = Math.max(0, to - s.cells);
  const xOf = (offset: number): number => s.x + (Math.min(Math.max(offset, viewFrom), to) - viewFrom) * cw;
  const badgeH = layout.strip.badgeHeight;
  const inIsr = r.inIsr;
  const isLeader = r.role === 'leader';
  g.attr('data-target', targetAttr({ kind: 'replica', topic: p.topic, partition: p.partition, broker: r.broker }))
    .attr(
      'aria-label',
      t('view.replica.aria', {
        partition: `${p.topic}-${p.partition}`,
        broker: r.broker,
        role: t(isLeader ? 'view.replica.leader' : 'view.replica.follower'),
        isr: t(inIsr ? 'view.replica.inIsr' : 'view.replica.outOfIsr'),
        leo: r.logEndOffset,
        hw: r.highWatermark,
      }),
    );
  g.selectAll('*').remove();
  // Out of the ISR, the strip slides down out of the band.
  const slide = inIsr ? 0 : Math.min(4, badgeH * 0.3);
  const band = { x: s.x - 3, y: s.y - badgeH - 1, width: s.width + 6, height: s.height + badgeH + 4 };
  if (inIsr) g.append('rect').attr('class', moved.isr ? 'isr-bg kv-ease-in' : 'isr-bg').attr('x', band.x).attr('y', band.y).attr('width', Math.max(0, band.width)).attr('height', band.height).attr('rx', 4);
  const body = g.append('g').attr('transform', `translate(0,${slide})`);
  // Leaving the ISR slides the strip down out of the band; rejoining slides it back (CSS, ~200 ms).
  if (moved.isr) body.attr('class', inIsr ? 'kv-slide-up' : 'kv-slide-down');
  body.append('rect').attr('class', 'focus-ring').attr('x', band.x).attr('y', band.y).attr('width', Math.max(0, band.width)).attr('height', band.height).attr('rx', 4);
  body.append('rect').attr('class', 'empty').attr('x', s.x).attr('y', s.y).attr('width', Math.max(0, s.width)).attr('height', s.height);

  // Deleted by retention: below the log start, an empty stretch with its own mark.
  if (r.logStartOffset > viewFrom) {
    body.append('rect').attr('x', s.x).attr('y', s.y).attr('width', Math.max(0, xOf(r.logStartOffset) - s.x)).attr('height', s.height).attr('fill', 'url(#kv-deleted)');
  }

  const cells = r.tail.filter((c) => c.offset >= viewFrom);
  // Second cue for the producer: a small shape in the cell's corner (● ▲ ■ ◆ …), beside its colour.
  const glyphs = cw >= 10 && s.height >= 10 && ctx.snapshot.producers.length > 1;
  const fs = Math.min(layout.small, s.height * 0.6);
  const gr = Math.max(2, Math.min(4, Math.min(cw, s.height) * 0.16));
  const producerIndex = new Map(ctx.snapshot.producers.map((x, i) => [x.id, i] as const));
  // Cells as one markup string: hundreds of strips × 16 cells would otherwise cost thousands of
  // appends a frame. A cell's facts wait in data-cell; the view writes its tooltip on hover.
  let markup = '';
  for (const c of cells) {
    const x = xOf(c.offset);
    const colour = ctx.producerColour(c.producer);
    const w = Math.max(1, cw - 1).toFixed(1);
    const cellData = JSON.stringify([c.offset, c.key ?? '—', c.producer, c.leaderEpoch, c.flushed, c.belowHighWatermark]);
    markup += `<g data-target='${esc(targetAttr({ kind: 'record', recordId: c.recordId }))}' data-cell="${esc(cellData)}">`;
    markup += `<rect x="${(x + 0.5).toFixed(1)}" y="${s.y.toFixed(1)}" width="${w}" height="${s.height.toFixed(1)}" fill="${colour}"${c.belowHighWatermark ? '' : ' class="uncommitted"'}/>`;
    if (!c.flushed) markup += `<rect x="${(x + 0.5).toFixed(1)}" y="${s.y.toFixed(1)}" width="${w}" height="${s.height.toFixed(1)}" fill="url(#kv-hatch)"/>`;
    if (c.recordId === ctx.frame.highlightRecord) markup += `<rect class="highlight" x="${x - 1}" y="${s.y - 2}" width="${Math.max(0, cw + 2)}" height="${s.height + 4}"/>`;
    if (glyphs) markup += `<path d="${glyphPath(producerIndex.get(c.producer) ?? 0, x + 1 + gr, s.y + 1 + gr, gr)}" fill="var(--kv-bg)" stroke="var(--kv-fg)" stroke-width="0.8"/>`;
    // Offsets at round numbers, where the number fits the cell.
    const label = String(c.offset);
    const lfs = Math.min(fs, (cw - 2) / (label.length * 0.62));
    if (c.offset % 5 === 0 && s.height >= 14 && lfs >= 9) {
      markup += `<text x="${(x + cw / 2).toFixed(1)}" y="${(s.y + s.height * 0.6).toFixed(1)}" text-anchor="middle" font-size="${lfs.toFixed(1)}" font-weight="700" fill="${c.belowHighWatermark ? inkOn(colour) : 'var(--kv-fg)'}">${label}</text>`;
    }
    markup += '</g>';
  }
  body.append('g').attr('class', 'cells').html(markup);

  // Truncated cells: struck through, just below the strip where they stood.
  for (const gh of d.ghosts) {
    if (gh.offset < viewFrom || gh.offset >= to) continue;
    const x = xOf(gh.offset);
    const y = s.y + s.height + 1;
    const h = Math.max(4, Math.min(8, s.height * 0.5));
    body.append('rect').attr('x', x + 0.5).attr('y', y).attr('width', Math.max(0, cw - 1)).attr('height', h).attr('fill', ctx.producerColour(gh.producer)).attr('opacity', 0.45);
    body.append('line').attr('class', 'ghost').attr('x1', x).attr('x2', x + cw).attr('y1', y + h).attr('y2', y);
    body.append('title').text(t('view.cell.truncated', { offset: gh.offset }));
  }

  const beyond = d.ghosts.filter((gh) => gh.offset >= to).length;
  if (beyond > 0) {
    const y = s.y + s.height + Math.max(5, Math.min(9, s.height * 0.45));
    body.append('text').attr('class', 'danger').attr('x', s.x + s.width).attr('y', y).attr('text-anchor', 'end').attr('font-size', Math.min(layout.small, Math.max(9, s.height * 0.5))).attr('font-weight', 700).text(fit(t('view.replica.truncatedBeyond', { count: beyond }), s.width, layout.small));
  }
  // A replica whose log runs past the window (an old leader that diverged): how much more it has.
  if (r.logEndOffset > to) {
    const fsMore = Math.min(layout.small, s.height * 0.7);
    const text = t('view.replica.more', { count: r.logEndOffset - to });
    const w = text.length * fsMore * 0.6 + 6;
    body.append('rect').attr('x', s.x + s.width - w).attr('y', s.y + s.height / 2 - fsMore * 0.7).attr('width', Math.max(0, w)).attr('height', fsMore * 1.4).attr('rx', 3).attr('fill', 'var(--kv-bg)').attr('stroke', 'var(--kv-fg)');
    body.append('text').attr('x', s.x + s.width - w / 2).attr('y', s.y + s.height / 2).attr('text-anchor', 'middle').attr('font-size', fsMore).attr('font-weight', 700).text(text);
  }

  if (!inIsr) body.append('rect').attr('class', 'out-isr').attr('x', s.x - 2).attr('y', s.y - 2).attr('width', Math.max(0, s.width + 4)).attr('height', s.height + 4);

  // Markers: HW thick and solid, LEO thin and dashed; an arrow when they are left of the window.
  const ext = Math.max(2, s.height * 0.2);
  const marker = (cls: string, offset: number): number => {
    const x = xOf(offset);
    body.append('line').attr('class', cls).attr('x1', x).attr('x2', x).attr('y1', s.y - ext).attr('y2', s.y + s.height + ext);
    return x;
  };
  const hwX = marker('hw', r.highWatermark);
  const leoX = marker('leo', r.logEndOffset);
  if (r.logStartOffset > viewFrom && r.logStartOffset < to) marker('lso', r.logStartOffset);

  // The badge band: leader badge at the left, HW / LEO tags by their lines (when there is room).
  const fsBadge = Math.min(layout.small, badgeH * 0.95);
  const by = s.y - badgeH / 2 - 1;
  let left = s.x;
  if (isLeader) {
    // The controller's epoch: a crashed leader's broker has forgotten it, the cluster has not.
    const text = t('view.replica.badge', { epoch: p.leaderEpoch });
    const w = text.length * fsBadge * 0.62 + 8;
    body.append('rect').attr('class', moved.role ? 'badge kv-ease-in' : 'badge').attr('x', s.x).attr('y', by - badgeH / 2 + 0.5).attr('width', Math.max(0, w)).attr('height', badgeH - 1).attr('rx', badgeH / 2);
    body.append('text').attr('class', 'badge-text').attr('x', s.x + w / 2).attr('y', by).attr('text-anchor', 'middle').attr('font-size', fsBadge).text(text);
    left += w + 4;
  } else if (!inIsr) {
    const text = fit(t('view.replica.outOfIsrShort'), s.width, fsBadge);
    body.append('text').attr('class', 'danger').attr('x', s.x).attr('y', by).attr('font-size', fsBadge).attr('font-weight', 700).text(text);
    left += text.length * fsBadge * 0.62 + 4;
  }
  // HW and LEO in words at the right of the badge band (the lines' styles are in the legend).
  const tagRoom = s.x + s.width - left;
  const tags = r.highWatermark === r.logEndOffset ? `${t('view.marker.hwLeo')} ${r.logEndOffset}` : `${t('view.marker.hw')} ${r.highWatermark} · ${t('view.marker.leo')} ${r.logEndOffset}`;
  if (tagRoom > fsBadge * 4.5) body.append('text').attr('x', s.x + s.width).attr('y', by).attr('text-anchor', 'end').attr('font-size', fsBadge).attr('font-weight', 600).text(fit(tags, tagRoom, fsBadge));
  void hwX;
  void leoX;
  // Position and committed markers of the members that own this partition, on the leader's strip.
  if (isLeader) {
    for (const gr of ctx.snapshot.groups) {
      for (const m of gr.members) {
        const owned = m.partitions.find((x) => x.topic === p.topic && x.partition === p.partition);
        if (!owned || !m.alive) continue;
        const colour = ctx.memberColour(m.node);
        const tri = Math.max(4, Math.min(7, s.height * 0.4));
        if (owned.position !== null) {
          const x = xOf(owned.position);
          body.append('path').attr('d', `M${x - tri},${s.y + s.height + tri + 2} L${x + tri},${s.y + s.height + tri + 2} L${x},${s.y + s.height} Z`).attr('fill', colour).attr('stroke', 'var(--kv-bg)').append('title').text(t('view.member.position', { member: m.name, offset: owned.position }));
        }
        if (owned.committed !== null) {
          const x = xOf(owned.committed);
          body.append('rect').attr('x', x - tri * 0.6).attr('y', s.y + s.height + 2).attr('width', Math.max(0, tri * 1.2)).attr('height', tri * 1.2).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 2).append('title').text(t('view.member.committed', { member: m.name, offset: owned.committed }));
        }
      }
    }
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

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
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
