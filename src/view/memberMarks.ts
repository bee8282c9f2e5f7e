/**
 * The consumers' marks on a partition's leader strip: each owning member's position (a triangle)
 * and committed offset (a square), in the band the layout keeps below the strip.
 */
import type { PartitionSnapshot, ReplicaSnapshot } from '../engine';
import { put, setText, SVG_NS, type DrawContext } from './context';
import type { StripLayout } from './layout';

type MarksNode = SVGGElement & { __kvMarkEls?: Map<string, SVGElement> };

interface StripDatum {
  p: PartitionSnapshot;
  r: ReplicaSnapshot;
  s: StripLayout;
}

/**
 * Position and committed markers of the members that own this partition, on the leader's strip.
 * Kept by member from draw to draw and moved in place (consumers fetch many times a second: a
 * marker made anew each time cost style, layout and paint for nothing).
 */
export function drawMarks(body: MarksNode, d: StripDatum, ctx: DrawContext, xOf: (offset: number) => number): void {
  const { r, p, s } = d;
  const { t } = ctx;
  const els = (body.__kvMarkEls ??= new Map());
  const seen = new Set<string>();
  const mark = <K extends 'path' | 'rect'>(key: string, tag: K, title: string): SVGElementTagNameMap[K] => {
    seen.add(key);
    let el = els.get(key) as SVGElementTagNameMap[K] | undefined;
    if (!el) {
      el = body.appendChild(document.createElementNS(SVG_NS, tag)) as SVGElementTagNameMap[K];
      el.appendChild(document.createElementNS(SVG_NS, 'title'));
      els.set(key, el);
    }
    const tip = el.firstChild as Element;
    setText(tip, title);
    return el;
  };
  if (r.role === 'leader') {
    for (const gr of ctx.snapshot.groups) {
      for (const m of gr.members) {
        const owned = m.partitions.find((x) => x.topic === p.topic && x.partition === p.partition);
        if (!owned || !m.alive) continue;
        const colour = ctx.memberColour(m.node);
        // The marks stay in the band below the strip that the layout keeps for them.
        const tri = Math.max(2, Math.min(7, s.height * 0.4, (ctx.layout.strip.marksHeight - 1) / 1.2));
        if (owned.position !== null) {
          const x = xOf(owned.position);
          const el = mark(`${gr.id}/${m.node}|position`, 'path', t('view.member.position', { member: m.name, offset: owned.position }));
          put(el, 'd', `M${x - tri},${s.y + s.height + tri + 1} L${x + tri},${s.y + s.height + tri + 1} L${x},${s.y + s.height} Z`);
          put(el, 'fill', colour);
          put(el, 'stroke', 'var(--kv-bg)');
        }
        if (owned.committed !== null) {
          const x = xOf(owned.committed);
          const el = mark(`${gr.id}/${m.node}|committed`, 'rect', t('view.member.committed', { member: m.name, offset: owned.committed }));
          put(el, 'x', String(x - tri * 0.6));
          put(el, 'y', String(s.y + s.height + 1));
          put(el, 'width', String(Math.max(0, tri * 1.2)));
          put(el, 'height', String(tri * 1.2));
          put(el, 'fill', 'none');
          put(el, 'stroke', colour);
          put(el, 'stroke-width', '2');
        }
      }
    }
  }
  for (const [key, el] of els) {
    if (seen.has(key)) continue;
    el.remove();
    els.delete(key);
  }
}


/** Per partition (`topic-partition`), the position and committed markers its owners draw, as a key. */

export function ownerMarks(snapshot: DrawContext['snapshot']): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of snapshot.groups) {
    for (const m of g.members) {
      if (!m.alive) continue;
      for (const x of m.partitions) {
        const key = `${x.topic}-${x.partition}`;
        out.set(key, `${out.get(key) ?? ''}${m.node}:${x.position}:${x.committed};`);
      }
    }
  }
  return out;
}
