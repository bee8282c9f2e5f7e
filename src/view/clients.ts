/**
 * The clients around the cluster. Producers on the left: a header (acks, linger, buffer, requests
 * in flight) and, on each partition's row, the accumulator's deque — batches filling towards
 * batch.size, the newest with its linger countdown. Consumer groups on the right: a header
 * (state, generation, coordinator) and a box per member with lines to the rows it owns.
 */
import { select } from 'd3';
import type { GroupSnapshot, MemberSnapshot, ProducerSnapshot } from '../engine';
import { fit, fitShrink } from './cluster';
import { changed, put, SVG_NS, targetAttr, type DrawContext, type G } from './context';
import { dequeSpecs } from './deques';
import { stripMidY, type Layout, type MemberLayout } from './layout';
import { patchChildren } from './patch';

type Sel = ReturnType<typeof select<SVGGElement, unknown>>;

/** One line of a header or box: shrunk a little if it must, and its whole text in a <title> when still too long. */
function line(g: Sel, text: string, x: number, y: number, width: number, size: number, cls?: string, bold = false): Sel {
  // Bold text is measured as bold: "CompletingRebalance" in bold ran past its header's edge.
  const f = fitShrink(text, width, size, bold);
  const el = g.append('text').attr('x', x).attr('y', y).attr('font-size', f.size).attr('font-weight', bold ? 700 : 400).text(f.text);
  if (cls) el.attr('class', cls);
  if (!f.full) el.append('title').text(text);
  return el as unknown as Sel;
}

/** The centres of a header's three lines (a title, two smaller lines), spaced by their sizes. */
function headerLines(h: { y: number; height: number }, layout: { font: number; small: number }): [number, number, number] {
  const spare = Math.max(0, h.height - (layout.font * 1.2 + layout.small * 2.4)) / 2;
  const y1 = h.y + spare + layout.font * 0.6;
  const y2 = y1 + layout.font * 0.6 + layout.small * 0.6;
  return [y1, y2, y2 + layout.small * 1.2];
}

export function drawProducers(root: G, ctx: DrawContext): void {
  const { layout, snapshot } = ctx;
  const byId = new Map(snapshot.producers.map((p) => [p.id, p] as const));
  const rows = new Map(layout.rows.map((r) => [r.key, r] as const));
  root
    .selectAll<SVGGElement, (typeof layout.producers)[number]>('g.producer')
    .data(layout.producers, (d) => d.id)
    .join((enter) => enter.append('g').attr('class', 'producer hit').attr('tabindex', 0).attr('role', 'button'))
    .each(function (pl) {
      const p = byId.get(pl.id);
      if (!p || !changed(this, [p, pl, ctx.t])) return;
      drawProducer(this as ProducerNode, ctx, p, pl, rows);
    });
}

/** A producer's parts, kept so a draw rewrites only the part whose words or boxes changed. */
type ProducerNode = SVGGElement & { __kvParts?: { head: SVGGElement; status: SVGGElement; deques: SVGGElement } };

/**
 * The header's frame, name and settings (rare to change), its status line (requests in flight,
 * buffer in use) and each partition's deque are drawn again only when their own words or markup
 * changed: a producer changes at every send, and drawing all of it anew each time re-laid out
 * and repainted some twenty texts and boxes for the one number that moved.
 */
function drawProducer(node: ProducerNode, ctx: DrawContext, p: ProducerSnapshot, pl: Layout['producers'][number], rows: ReadonlyMap<string, Layout['rows'][number]>): void {
  const { layout, t } = ctx;
  const g = select<SVGGElement, unknown>(node);
  const parts = (node.__kvParts ??= { head: g.append('g').node()!, status: g.append('g').node()!, deques: g.append('g').node()! });
  const colour = ctx.producerColour(p.id);
  const h = pl.header;
  const [y1, y2, y3] = headerLines(h, layout);
  if (changed(parts.head, [pl, p.id, p.acks, p.lingerMs, colour, t])) {
    g.attr('data-target', targetAttr({ kind: 'producer', producer: p.id })).attr('aria-label', t('view.producer.aria', { id: p.id, acks: p.acks }));
    const head = select(parts.head);
    head.selectAll('*').remove();
    head.append('rect').attr('class', 'header').attr('x', h.x).attr('y', h.y).attr('width', Math.max(0, h.width)).attr('height', h.height).attr('rx', 6);
    head.append('rect').attr('class', 'focus-ring').attr('x', h.x - 2).attr('y', h.y - 2).attr('width', Math.max(0, h.width + 4)).attr('height', h.height + 4).attr('rx', 7);
    head.append('rect').attr('x', h.x).attr('y', h.y).attr('width', 6).attr('height', h.height).attr('fill', colour).attr('rx', 3);
    const name = h.width > layout.font * 9 ? t('view.producer.name', { id: p.id }) : p.id;
    line(head, name, h.x + 12, y1, h.width - 16, layout.font, undefined, true);
    const line2 = h.width > layout.small * 16 ? `acks=${p.acks} · linger.ms=${p.lingerMs}` : `acks=${p.acks}`;
    line(head, line2, h.x + 12, y2, h.width - 16, layout.small, 'muted');
  }
  const inFlight = Object.values(p.inFlightByBroker).reduce((a, b) => a + b, 0);
  const buffer = p.bufferTotal > 0 ? Math.round((100 * p.bufferUsed) / p.bufferTotal) : 0;
  const status = t('view.producer.status', { inFlight, buffer });
  if (changed(parts.status, [pl, status])) {
    const sel = select(parts.status);
    sel.selectAll('*').remove();
    line(sel, status, h.x + 12, y3, h.width - 16, layout.small, 'muted').attr('data-fit', 'producer-status');
  }
  // One group per deque, its elements patched in place (patch.ts).
  const held = new Map<string, SVGGElement>();
  for (const child of Array.from(parts.deques.children)) held.set(child.getAttribute('data-row') ?? '', child as SVGGElement);
  for (const dq of p.deques) {
    const key = `${dq.topic}-${dq.partition}`;
    const row = rows.get(key);
    if (!row) continue;
    let el = held.get(key);
    held.delete(key);
    if (!el) {
      el = parts.deques.appendChild(document.createElementNS(SVG_NS, 'g'));
      el.setAttribute('data-row', key);
    }
    patchChildren(el, dequeSpecs(ctx, p, dq, pl.lane, stripMidY(layout, row), colour));
  }
  for (const gone of held.values()) gone.remove();
}

/** The coordinator's states in the order a rebalance walks them (GroupCoordinator's GroupState). */
export const GROUP_STATES = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable'] as const;

/**
 * The group's state as four pips, the current one filled (position and fill, not colour alone),
 * then its name; outside the four (Dead, no coordinator) the pips stay hollow.
 */
function drawGroupState(g: ReturnType<typeof select<SVGGElement, unknown>>, state: string, x: number, y: number, width: number, size: number, t: DrawContext['t']): void {
  const at = GROUP_STATES.indexOf(state as (typeof GROUP_STATES)[number]);
  const r = Math.max(2.5, size * 0.3);
  const step = r * 2.6;
  // Kafka's state names stay as Kafka writes them; "Unavailable" (no coordinator) is ours, so it is translated.
  const shown = state === 'Unavailable' ? t('view.group.noCoordinator') : state;
  const row = g.append('g').attr('class', 'group-state').attr('role', 'img').attr('aria-label', t('view.group.state', { state: shown }));
  GROUP_STATES.forEach((name, i) => {
    row
      .append('circle')
      .attr('class', i === at ? `pip on${name === 'Stable' ? '' : ' busy'}` : 'pip')
      .attr('cx', x + r + i * step)
      .attr('cy', y)
      .attr('r', r)
      .append('title')
      .text(name);
  });
  const tx = x + GROUP_STATES.length * step + r * 0.5;
  const stable = state === 'Stable';
  line(row as unknown as Sel, shown, tx, y, width - (tx - x), size, stable ? 'muted' : 'danger', !stable);
}

/** A batch's tooltip from its data-batch facts (written on hover). */
export function batchTitle(data: string, t: DrawContext['t']): string {
  const [records, bytes, size, age, linger] = JSON.parse(data) as number[];
  return t('view.producer.batch', { records, bytes, size, age, linger });
}

export function drawGroups(root: G, ctx: DrawContext): void {
  const { layout, snapshot, t } = ctx;
  const byId = new Map(snapshot.groups.map((g) => [g.id, g] as const));
  root
    .selectAll<SVGGElement, (typeof layout.groups)[number]>('g.group')
    .data(layout.groups, (d) => d.id)
    // The class only on a new element: setting it again on every draw dirties each one's style.
    .join((enter) => enter.append('g').attr('class', 'group'))
    .each(function (gl) {
      const gr = byId.get(gl.id);
      // Only what the header shows (a group's object changes with each of its members' fetches).
      if (!gr || !changed(this, [gl, gr.id, gr.state, gr.generation, gr.coordinator, ctx.t])) return;
      const g = select<SVGGElement, unknown>(this);
      g.selectAll('*').remove();
      const h = gl.header;
      g.append('rect').attr('class', 'header').attr('x', h.x).attr('y', h.y).attr('width', Math.max(0, h.width)).attr('height', h.height).attr('rx', 6);
      const [y1, y2, y3] = headerLines(h, layout);
      line(g, t('view.group.name', { id: gr.id }), h.x + 8, y1, h.width - 12, layout.font, undefined, true).attr('data-fit', 'group-name');
      drawGroupState(g, gr.state, h.x + 8, y2, h.width - 12, layout.small, t);
      const coord = gr.coordinator === null ? t('view.group.noCoordinator') : t('view.group.coordinator', { generation: gr.generation, broker: gr.coordinator });
      line(g, coord, h.x + 8, y3, h.width - 12, layout.small, 'muted').attr('data-fit', 'group-coordinator');
    });

  const members: { ml: MemberLayout; m: MemberSnapshot; gr: GroupSnapshot }[] = [];
  for (const ml of layout.members) {
    const gr = byId.get(ml.group);
    const m = gr?.members.find((x) => x.name === ml.member);
    if (gr && m) members.push({ ml, m, gr });
  }
  root
    .selectAll<SVGGElement, (typeof members)[number]>('g.member')
    .data(members, (d) => d.ml.key)
    .join((enter) => enter.append('g').attr('class', 'member hit').attr('tabindex', 0).attr('role', 'button'))
    .each(function ({ ml, m }) {
      if (!changed(this, [m, ml, ctx.t])) return;
      drawMember(this as MemberNode, ctx, ml, m);
    });
}

/** A member's box and its words, kept apart: the words change with every fetch, the box rarely. */
type MemberNode = SVGGElement & { __kvParts?: { box: SVGGElement; words: SVGGElement } };

interface Line {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  cls?: string;
  bold?: boolean;
  fit?: string;
  /** Already cut to fit, without a <title> (a box too short for two lines). */
  plain?: boolean;
}

function drawMember(node: MemberNode, ctx: DrawContext, ml: MemberLayout, m: MemberSnapshot): void {
  const { t } = ctx;
  const g = select<SVGGElement, unknown>(node);
  const parts = (node.__kvParts ??= { box: g.append('g').node()!, words: g.append('g').node()! });
  const colour = ctx.memberColour(m.node);
  const owned = m.partitions.map((x) => `${x.topic}-${x.partition}`);
  put(node, 'data-target', targetAttr({ kind: 'member', group: ml.group, member: ml.member }));
  put(node, 'aria-label', t('view.member.aria', { member: m.node, state: t(`view.member.state.${m.alive ? m.state : 'dead'}`), count: owned.length, partitions: owned.join(', ') }));
  const b = ml.box;
  if (changed(parts.box, [b, colour, m.alive])) {
    const box = select(parts.box);
    box.selectAll('*').remove();
    box.append('rect').attr('class', `member-box${m.alive ? '' : ' dead'}`).attr('stroke', colour).attr('x', b.x).attr('y', b.y).attr('width', Math.max(0, b.width)).attr('height', b.height).attr('rx', 6);
    box.append('rect').attr('class', 'focus-ring').attr('x', b.x - 2).attr('y', b.y - 2).attr('width', Math.max(0, b.width + 4)).attr('height', b.height + 4).attr('rx', 7);
  }
  const lines = memberLines(ctx, b, m);
  const key = JSON.stringify(lines);
  const words = parts.words as SVGGElement & { __kvLines?: string };
  if (words.__kvLines === key) return;
  words.__kvLines = key;
  const sel = select(words);
  sel.selectAll('*').remove();
  for (const l of lines) {
    if (l.plain) {
      sel.append('text').attr('x', l.x).attr('y', l.y).attr('font-size', l.size).attr('font-weight', 700).text(l.text);
      continue;
    }
    const el = line(sel, l.text, l.x, l.y, l.width, l.size, l.cls, l.bold);
    if (l.fit) el.attr('data-fit', l.fit);
  }
}

/** The words in a member's box: its name, state and lag on two lines (or three, or one when short). */
function memberLines(ctx: DrawContext, b: MemberLayout['box'], m: MemberSnapshot): Line[] {
  const { layout, t } = ctx;
  const twoLines = b.height >= layout.font * 2.2;
  const fs = Math.min(layout.font, b.height * (twoLines ? 0.4 : 0.7));
  if (!twoLines) return [{ text: fit(`${m.name} ${m.alive ? '' : '✕'}`, b.width - 8, fs), x: b.x + 6, y: b.y + b.height / 2, width: b.width - 8, size: fs, bold: true, plain: true }];
  const stateText = !m.alive ? `✕ ${t('view.member.state.dead')}` : m.paused ? `⏸ ${t('view.member.paused')}` : t(`view.member.state.${m.state}`);
  const lag = m.partitions.reduce((a, x) => a + (x.lag ?? 0), 0);
  const lagText = m.alive && !m.paused ? t('view.member.lag', { lag }) : null;
  // State and lag share the second line when they fit there; else the lag joins the name.
  const together = lagText !== null && fitShrink(`${stateText} · ${lagText}`, b.width - 12, layout.small).full;
  const withName = lagText !== null && !together && fitShrink(`${m.name} · ${lagText}`, b.width - 12, fs, true).full;
  // Neither fits (a phone's narrow box: "c1 · 滞…"): the lag takes a third line of its own.
  const third = lagText !== null && !together && !withName && b.height >= layout.small * 3.3 ? lagText : null;
  const status = m.alive && !m.paused ? 'muted' : 'danger';
  const x = b.x + 8;
  const width = b.width - 12;
  if (third !== null) {
    return [
      { text: m.name, x, y: b.y + b.height * 0.21, width, size: Math.min(fs, b.height * 0.28), bold: true },
      { text: stateText, x, y: b.y + b.height * 0.5, width, size: layout.small, cls: status, fit: 'member-status' },
      { text: third, x, y: b.y + b.height * 0.79, width, size: layout.small, cls: 'muted', fit: 'member-lag' },
    ];
  }
  return [
    { text: withName ? `${m.name} · ${lagText}` : m.name, x, y: b.y + b.height * 0.3, width, size: fs, bold: true },
    { text: together ? `${stateText} · ${lagText}` : stateText, x, y: b.y + b.height * 0.7, width, size: layout.small, cls: status, fit: 'member-status' },
  ];
}
