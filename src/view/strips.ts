/**
 * One replica's log strip: the tail of its log as cells (colour by producer, letter as the second
 * cue; flushed solid, page cache hatched, above the HW lighter), HW and LEO markers, the log
 * start, the leader badge with its epoch, ISR membership as a band (in) or a dashed outline (out),
 * and truncated cells struck through. A strip is touched only when its replica, the layout, the
 * highlight, its ghosts or its members' marks changed, and then mostly adjusted rather than
 * redrawn (renderStrip; the cells: stripCells.ts).
 */
import { select } from 'd3';
import type { PartitionSnapshot, ReplicaSnapshot } from '../engine';
import { StripCells } from './stripCells';
import { leftLabel, tagsLabel, tagsLeft, hasTagRoom } from './stripLabels';
import { fit, textWidth } from './text';

import { changed, put, setText, targetAttr, type DrawContext, type G } from './context';
import { drawMarks, ownerMarks } from './memberMarks';
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
  const rowParity = new Map(layout.rows.map((r, i) => [r.key, i % 2] as const));
  const owners = ownerMarks(snapshot);
  const strips = root
    .selectAll<SVGGElement, StripDatum>('g.replica')
    .data(data, (d) => d.key)
    .join((enter) => enter.append('g').attr('class', 'replica hit').attr('tabindex', 0).attr('role', 'button'));
  const draw = function (this: StripNode, d: StripDatum): void {
    // While playing, half the rows catch up in this draw and the other half in the next (a new
    // strip or one the budget left over draws now whatever its row). Stale words wait for their
    // row's turn too: the view refreshes the words over two draws, one half in each (clusterView).
    // Asked first: the other half costs nothing, not even a look at the clock (performance.now
    // for every strip of every draw was a tenth of a millisecond per frame).
    if (ctx.half !== undefined && this.__kvParts && !this.__kvStale && (rowParity.get(d.key.slice(0, d.key.lastIndexOf(':'))) ?? ctx.half) !== ctx.half) return;
    // Over the frame's budget (a whole new cluster after a seek or a switch): this strip waits for
    // the next frame, first in line then (the view asks for that frame).
    if (ctx.budget && ctx.budget.over()) {
      this.__kvStale = true;
      ctx.budget.deferred = true;
      return;
    }
    this.__kvStale = false;
    // A draw that may refresh the words also draws a strip whose words an earlier draw left stale.
    const wordsDue = ctx.words !== false && !!this.__kvWordsStale;
    // Only what this strip shows: its replica (the same object while unchanged, store/share.ts),
    // the partition's window and epoch, and on a leader the markers of the members that own it.
    // A frame where nothing of that moved leaves the strip's DOM alone.
    const { p } = d;
    const marks = d.r.role === 'leader' ? (owners.get(d.key.slice(0, d.key.lastIndexOf(':'))) ?? '') : null;
    if (!changed(this, [d.r, p.window.from, p.window.to, p.leaderEpoch, d.s.x, d.s.y, d.s.width, d.s.height, highlight, d.ghosts, marks, ctx.t, snapshot.producers.length]) && !wordsDue) return;
    renderStrip(this, d, ctx, marks);
  };
  strips.filter(function () {
    return !!(this as StripNode).__kvStale;
  }).each(draw);
  strips.filter(function () {
    return !(this as StripNode).__kvStale;
  }).each(draw);
}

/** The parts of a strip that change with its replica, kept so a frame only adjusts them. */
interface StripParts {
  cells: StripCells;
  deleted: SVGRectElement;
  extra: SVGGElement;
  hw: SVGLineElement;
  leo: SVGLineElement;
  lso: SVGLineElement;
  tags: SVGTextElement | null;
  /** Where the HW / LEO words may start (right of the badge). */
  tagsLeft: number;
  /** The words last fitted there (fitting measures text: only when they change). */
  tagsText?: string;
  /** The words were written once (a new strip shows them at once, even between refreshes). */
  wordsDrawn?: boolean;
  marks: SVGGElement;
}

type StripNode = SVGGElement & { __kvStale?: boolean; __kvWordsStale?: boolean; __kvParts?: StripParts; __kvShape?: readonly unknown[]; __kvExtra?: readonly unknown[]; __kvMarks?: string | null };

/**
 * Draws a strip: its frame (band, outline, badge, marker lines) again only when its shape
 * changed — geometry, role, ISR membership, epoch, highlight, truncation ghosts, language — and
 * otherwise only what moved: cells, markers, the HW / LEO words, the members' marks.
 */
function renderStrip(node: StripNode, d: StripDatum, ctx: DrawContext, marks: string | null): void {
  const { r, p, s } = d;
  const shape = [s.x, s.y, s.width, s.height, s.cellWidth, r.role, r.inIsr, p.leaderEpoch, ctx.frame.highlightRecord, d.ghosts, ctx.t, ctx.snapshot.producers.length];
  const was = node.__kvShape;
  if (!node.__kvParts || !was || was.length !== shape.length || was.some((v, i) => v !== shape[i])) {
    node.__kvShape = shape;
    node.__kvExtra = undefined;
    node.__kvMarks = undefined;
    // Remember what the strip showed, so a change of role or ISR membership can ease in.
    const before = node as SVGGElement & { __kvWas?: { role: string; inIsr: boolean } };
    const prev = before.__kvWas;
    before.__kvWas = { role: r.role, inIsr: r.inIsr };
    const moved = !ctx.frame.reducedMotion && prev !== undefined ? { role: prev.role !== r.role, isr: prev.inIsr !== r.inIsr } : { role: false, isr: false };
    node.__kvParts = buildStrip(select(node), d, ctx, moved);
  }
  fillStrip(node, node.__kvParts, d, ctx, marks);
}

function buildStrip(g: ReturnType<typeof select<SVGGElement, unknown>>, d: StripDatum, ctx: DrawContext, moved: { role: boolean; isr: boolean }): StripParts {
  const { r, p, s } = d;
  const { t, layout } = ctx;
  const cw = s.cellWidth;
  const badgeH = layout.strip.badgeHeight;
  const inIsr = r.inIsr;
  const isLeader = r.role === 'leader';
  g.attr('data-target', targetAttr({ kind: 'replica', topic: p.topic, partition: p.partition, broker: r.broker }));
  g.selectAll('*').remove();
  // Out of the ISR, the strip slides down out of the band.
  const slide = inIsr ? 0 : Math.min(4, badgeH * 0.3);
  const band = { x: s.x - 3, y: s.y - badgeH - 0.5, width: s.width + 6, height: s.height + badgeH + 3 };
  if (inIsr) g.append('rect').attr('class', moved.isr ? 'isr-bg kv-ease-in' : 'isr-bg').attr('x', band.x).attr('y', band.y).attr('width', Math.max(0, band.width)).attr('height', band.height).attr('rx', 4);
  const body = g.append('g').attr('transform', `translate(0,${slide})`);
  // Leaving the ISR slides the strip down out of the band; rejoining slides it back (CSS, ~200 ms).
  if (moved.isr) body.attr('class', inIsr ? 'kv-slide-up' : 'kv-slide-down');
  body.append('rect').attr('class', 'focus-ring').attr('x', band.x).attr('y', band.y).attr('width', Math.max(0, band.width)).attr('height', band.height).attr('rx', 4);
  body.append('rect').attr('class', 'empty').attr('x', s.x).attr('y', s.y).attr('width', Math.max(0, s.width)).attr('height', s.height);
  // Deleted by retention: below the log start, an empty stretch with its own mark.
  const deleted = body.append('rect').attr('x', s.x).attr('y', s.y).attr('width', 0).attr('height', s.height).attr('fill', 'url(#kv-deleted)');
  // The cells' group clips nothing: the window never shows more than `s.cells` cells.
  const cellsGroup = body.append('g').attr('class', 'cells');
  const extra = body.append('g');
  if (!inIsr) body.append('rect').attr('class', 'out-isr').attr('x', s.x - 2).attr('y', s.y - 2).attr('width', Math.max(0, s.width + 4)).attr('height', s.height + 4);

  // Markers: HW thick and solid, LEO thin and dashed; an arrow when they are left of the window.
  // They reach a little past the cells, below into the marks' band but never up into the words.
  const ext = Math.min(Math.max(2, s.height * 0.2), layout.strip.marksHeight);
  const marker = (cls: string) => body.append('line').attr('class', cls).attr('y1', s.y - 1).attr('y2', s.y + s.height + ext).node()!;
  const hw = marker('hw');
  const leo = marker('leo');
  const lso = marker('lso');

  // The badge band: leader badge at the left, HW / LEO words at the right (when there is room);
  // their boxes come from stripLabels.ts, where a test checks that they never meet.
  let label = null;
  if (isLeader) {
    // The controller's epoch: a crashed leader's broker has forgotten it, the cluster has not.
    label = leftLabel(layout, s, t('view.replica.badge', { epoch: p.leaderEpoch }), true);
    body.append('rect').attr('class', moved.role ? 'badge kv-ease-in' : 'badge').attr('x', label.x).attr('y', s.y - badgeH - 0.5).attr('width', Math.max(0, label.width)).attr('height', badgeH - 1).attr('rx', badgeH / 2);
    body.append('text').attr('class', 'badge-text').attr('x', label.x + label.width / 2).attr('y', label.cy).attr('text-anchor', 'middle').attr('font-size', label.size).text(label.text);
  } else if (!inIsr) {
    label = leftLabel(layout, s, t('view.replica.outOfIsrShort'), false);
    body.append('text').attr('class', 'danger').attr('x', label.x).attr('y', label.cy).attr('font-size', label.size).attr('font-weight', 700).text(label.text);
  }
  const left = tagsLeft(s, label);
  // HW and LEO in words at the right of the badge band (the lines' styles are in the legend).
  const tags = hasTagRoom(layout, s, left) ? body.append('text').attr('x', s.x + s.width).attr('y', s.y - badgeH / 2 - 0.5).attr('text-anchor', 'end').attr('font-weight', 700).node()! : null;
  const marks = body.append('g').node()!;

  const producerIndex = new Map(ctx.snapshot.producers.map((x, i) => [x.id, i] as const));
  const cells = new StripCells(cellsGroup.node()!, {
    s,
    highlight: ctx.frame.highlightRecord,
    // Second cue for the producer: a small shape in the cell's corner (● ▲ ■ ◆ …), beside its colour.
    glyphs: cw >= 10 && s.height >= 10 && ctx.snapshot.producers.length > 1,
    fontSize: Math.min(layout.small, s.height * 0.6),
    glyphRadius: Math.max(2, Math.min(4, Math.min(cw, s.height) * 0.16)),
    producerIndex,
  });
  return { cells, deleted: deleted.node()!, extra: extra.node()!, hw, leo, lso, tags, tagsLeft: left, marks };
}

function fillStrip(node: StripNode, parts: StripParts, d: StripDatum, ctx: DrawContext, marks: string | null): void {
  const { r, p, s } = d;
  const { t, layout } = ctx;
  const cw = s.cellWidth;
  const to = Math.max(p.window.to, s.cells);
  const viewFrom = Math.max(0, to - s.cells);
  const xOf = (offset: number): number => s.x + (Math.min(Math.max(offset, viewFrom), to) - viewFrom) * cw;
  // Words at a human rate (pace.ts): while playing, the HW / LEO numbers in the badge band and the
  // strip's accessible name follow a few times a second; a new strip's words are written at once.
  const words = ctx.words !== false || !parts.wordsDrawn;
  node.__kvWordsStale = !words;
  parts.wordsDrawn = true;
  if (words) {
    put(
      node,
      'aria-label',
      t('view.replica.aria', {
        partition: `${p.topic}-${p.partition}`,
        broker: r.broker,
        role: t(r.role === 'leader' ? 'view.replica.leader' : 'view.replica.follower'),
        isr: t(r.inIsr ? 'view.replica.inIsr' : 'view.replica.outOfIsr'),
        leo: r.logEndOffset,
        hw: r.highWatermark,
      }),
    );
  }
  put(parts.deleted, 'width', String(r.logStartOffset > viewFrom ? Math.max(0, xOf(r.logStartOffset) - s.x) : 0));
  parts.cells.update(r.tail, viewFrom, ctx);

  // Only what moved is written: an SVG attribute set again, even to its value, costs style and paint.
  const line = (el: SVGLineElement, offset: number | null) => {
    if (offset === null) return put(el, 'display', 'none');
    const x = String(xOf(offset));
    if (el.hasAttribute('display')) el.removeAttribute('display');
    put(el, 'x1', x);
    put(el, 'x2', x);
  };
  line(parts.hw, r.highWatermark);
  line(parts.leo, r.logEndOffset);
  line(parts.lso, r.logStartOffset > viewFrom && r.logStartOffset < to ? r.logStartOffset : null);
  if (parts.tags && words) {
    const tags = r.highWatermark === r.logEndOffset ? `${t('view.marker.hwLeo')} ${r.logEndOffset}` : `${t('view.marker.hw')} ${r.highWatermark} · ${t('view.marker.leo')} ${r.logEndOffset}`;
    if (parts.tagsText !== tags) {
      parts.tagsText = tags;
      const box = tagsLabel(layout, s, parts.tagsLeft, tags);
      put(parts.tags, 'font-size', String(box?.size ?? 0));
      const text = box?.text ?? '';
      setText(parts.tags, text);
    }
  }

  // Truncated cells and how much more a diverged log has: rare, drawn again when they change.
  const more = r.logEndOffset > to ? r.logEndOffset - to : 0;
  // A log that ends before the window starts (a follower far behind its leader) shows no cell:
  // say how far behind it is, or the strip reads as an empty log.
  const endsBefore = r.logEndOffset < viewFrom ? r.logEndOffset : null;
  const extraSig = [d.ghosts, viewFrom, to, more, endsBefore];
  if (!node.__kvExtra || node.__kvExtra.some((v, i) => v !== extraSig[i])) {
    node.__kvExtra = extraSig;
    drawExtra(select(parts.extra), d, ctx, viewFrom, to, more, endsBefore, xOf);
  }
  const marksKey = marks === null ? null : `${marks}@${viewFrom}`;
  if (node.__kvMarks !== marksKey) {
    node.__kvMarks = marksKey;
    drawMarks(parts.marks, d, ctx, xOf);
  }
}

function drawExtra(body: ReturnType<typeof select<SVGGElement, unknown>>, d: StripDatum, ctx: DrawContext, viewFrom: number, to: number, more: number, endsBefore: number | null, xOf: (offset: number) => number): void {
  const { s } = d;
  const { t, layout } = ctx;
  const cw = s.cellWidth;
  body.selectAll('*').remove();
  // Truncated cells: struck through, just below the strip where they stood.
  for (const gh of d.ghosts) {
    if (gh.offset < viewFrom || gh.offset >= to) continue;
    const x = xOf(gh.offset);
    const y = s.y + s.height + 1;
    const h = Math.max(3, Math.min(8, s.height * 0.5, layout.strip.marksHeight - 1));
    body.append('rect').attr('x', x + 0.5).attr('y', y).attr('width', Math.max(0, cw - 1)).attr('height', h).attr('fill', ctx.producerColour(gh.producer)).attr('opacity', 0.45);
    body.append('line').attr('class', 'ghost').attr('x1', x).attr('x2', x + cw).attr('y1', y + h).attr('y2', y);
    body.append('title').text(t('view.cell.truncated', { offset: gh.offset }));
  }
  const beyond = d.ghosts.filter((gh) => gh.offset >= to).length;
  if (beyond > 0) {
    const fs = Math.min(layout.small, Math.max(9, s.height * 0.5));
    const y = s.y + s.height + Math.max(fs / 2, layout.strip.marksHeight / 2);
    body.append('text').attr('class', 'danger').attr('x', s.x + s.width).attr('y', y).attr('text-anchor', 'end').attr('font-size', fs).attr('font-weight', 700).text(fit(t('view.replica.truncatedBeyond', { count: beyond }), s.width, fs, true));
  }
  // A replica whose log runs past the window (an old leader that diverged): how much more it has.
  if (more > 0) tagInStrip(body, s, [t('view.replica.more', { count: more })], layout.small, 'end');
  if (endsBefore !== null) {
    const count = to - endsBefore;
    tagInStrip(body, s, [t('view.replica.endsBefore', { count }), t('view.replica.endsBeforeShort', { count })], layout.small, 'start');
  }
}

/**
 * Boxed words inside a strip, against its left or right end: the first of `words` (longest first)
 * that fits the strip's width whole, else the last one shortened.
 */
function tagInStrip(body: ReturnType<typeof select<SVGGElement, unknown>>, s: StripDatum['s'], words: readonly string[], small: number, side: 'start' | 'end'): void {
  const fs = Math.min(small, s.height * 0.7);
  const text = words.find((w) => textWidth(w, fs, true) <= s.width - 6) ?? fit(words[words.length - 1]!, s.width - 6, fs, true);
  if (!text) return;
  const w = Math.min(s.width, textWidth(text, fs, true) + 6);
  const x = side === 'end' ? s.x + s.width - w : s.x;
  body.append('rect').attr('x', x).attr('y', s.y + s.height / 2 - fs * 0.7).attr('width', Math.max(0, w)).attr('height', fs * 1.4).attr('rx', 3).attr('fill', 'var(--kv-bg)').attr('stroke', 'var(--kv-fg)');
  body.append('text').attr('x', x + w / 2).attr('y', s.y + s.height / 2).attr('text-anchor', 'middle').attr('font-size', fs).attr('font-weight', 700).text(text);
}
