/**
 * Lines from each member to the rows it owns, in the member's colour (a layer of their own, so a
 * member's clickable area is its box). A rebalance is these lines leaving and landing: a revoked
 * line retracts from its row into its member and goes; a new one grows from its member to its row.
 * Eager protocols revoke everything first, then land the new lines once the old ones have left;
 * cooperative ones move only what moves (assignment.ts). With reduced motion lines jump.
 *
 * The motion is CSS animations (style.ts), not d3 transitions: a d3 transition asks for an
 * animation frame on every tick, so a hidden tab still ran frames for it; the compositor runs
 * CSS animations and a hidden page asks for none. Hidden, nothing eases at all (ctx.ease is 0).
 */
import type { Selection } from 'd3';
import { assignmentDiff, isCooperative, type OwnerLine } from './assignment';
import { changed, type DrawContext, type G } from './context';
import { stripMidY } from './layout';

interface LineDatum extends OwnerLine {
  key: string;
  colour: string;
  d: string;
  dotX: number;
  dotY: number;
  /** Landing waits for the eager revocation to finish. */
  delay: number;
}

interface GroupMemory {
  lines: OwnerLine[];
  /** Per member, bumped by every eager move of its set: new keys, so its unchanged lines leave and land too. */
  rounds: Map<string, number>;
}

const LEAVE_MS = 260;
const LAND_MS = 320;

type Owned = Element & { __kvOwners?: Map<string, GroupMemory> };

export function drawOwnerLines(root: G, ctx: DrawContext): void {
  const { layout, snapshot } = ctx;
  if (!changed(root.node()!, [layout, ctx.ease > 0, assignmentKey(snapshot.groups)])) return;
  const node = root.node() as Owned;
  const memory = (node.__kvOwners ??= new Map<string, GroupMemory>());
  const rows = new Map(layout.rows.map((r) => [r.key, r] as const));
  const boxes = new Map(layout.members.map((m) => [m.key, m.box] as const));
  const gridRight = layout.grid.x + layout.grid.width;
  const ease = ctx.ease > 0;
  if (!ease) dropLeaving(root);
  const data: LineDatum[] = [];
  for (const gr of snapshot.groups) {
    const next: OwnerLine[] = [];
    for (const m of gr.members) {
      if (!m.alive || !boxes.has(m.node)) continue;
      for (const x of m.partitions) {
        const row = `${x.topic}-${x.partition}`;
        if (rows.has(row)) next.push({ member: m.node, row });
      }
    }
    const before = memory.get(gr.id) ?? { lines: next, rounds: new Map<string, number>() };
    const cooperative = isCooperative(gr.protocol);
    const diff = assignmentDiff(before.lines, next, cooperative);
    const rounds = new Map(before.rounds);
    if (!cooperative) for (const m of new Set([...diff.revoked, ...diff.added].map((l) => l.member))) rounds.set(m, (rounds.get(m) ?? 0) + 1);
    memory.set(gr.id, { lines: next, rounds });
    const delay = ease && diff.revoked.length > 0 ? LEAVE_MS : 0;
    for (const l of next) {
      const b = boxes.get(l.member)!;
      const ry = stripMidY(layout, rows.get(l.row)!);
      const y0 = b.y + b.height / 2;
      const mid = (gridRight + b.x) / 2;
      data.push({
        ...l,
        key: `${gr.id}|${rounds.get(l.member) ?? 0}|${l.member}|${l.row}`,
        colour: ctx.memberColour(l.member),
        d: `M${b.x},${y0} C${mid},${y0} ${mid},${ry} ${gridRight + 2},${ry}`,
        dotX: gridRight + 2,
        dotY: ry,
        delay,
      });
    }
  }

  const joined = root
    .selectAll<SVGGElement, LineDatum>('g.owner')
    .data(data, (d) => d.key)
    .join(
      (enter) => {
        const g = enter.append('g').attr('class', 'owner');
        g.append('path').attr('class', 'owner-line').attr('pathLength', 1).attr('stroke-dasharray', '1 1');
        g.append('circle').attr('r', 3);
        if (ease) {
          // Lands: the line grows from the member to its row, then the dot appears (style.ts).
          g.classed('landing', true);
          g.select('path').style('animation-delay', (d) => `${d.delay}ms`);
          g.select('circle').style('animation-delay', (d) => `${d.delay + LAND_MS}ms`);
        }
        return g;
      },
      (update) => update,
      (exit) => leave(exit, ease),
    );
  joined.select('path').attr('stroke', (d) => d.colour).attr('d', (d) => d.d);
  joined.select('circle').attr('fill', (d) => d.colour).attr('cx', (d) => d.dotX).attr('cy', (d) => d.dotY);
}

/**
 * What the lines show of the groups: who is alive and owns which partitions, in member order (the
 * members' colours follow it). A group's version moves with every fetch and commit of its members;
 * drawing the lines again for each rewrote every line's path for nothing.
 */
export function assignmentKey(groups: DrawContext['snapshot']['groups']): string {
  let key = '';
  for (const g of groups) {
    key += `${g.id}:${g.protocol}[`;
    for (const m of g.members) key += `${m.node}${m.alive ? '' : '!'}=${m.partitions.map((x) => `${x.topic}-${x.partition}`).join('+')};`;
    key += ']';
  }
  return key;
}

/** Leaves: the dot goes, the line retracts from its row into its member, then it is removed. */
function leave(exit: Selection<SVGGElement, LineDatum, SVGGElement, unknown>, ease: boolean): void {
  if (!ease) {
    exit.remove();
    return;
  }
  exit.attr('class', 'owner-leaving');
  exit.each(function () {
    const path = this.querySelector('path');
    if (path) path.addEventListener('animationend', () => this.remove(), { once: true });
    else this.remove();
  });
}

/** Lines still retracting when motion stops (hidden, reduced motion) go at once. */
export function dropLeaving(root: G): void {
  root.selectAll('g.owner-leaving').remove();
}
