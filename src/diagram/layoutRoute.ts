// How an edge is drawn between two neighbouring layers (layout.ts): a straight run along the main
// axis inside a layer, a curve only in the gap between layers, or a curve that starts or ends at a
// node's border when nothing of either layer is in its way. Every node of a layer sits at its own
// stretch of the cross axis with a gap to the next, so a straight run at a node's cross centre
// meets no other node of its layer, and the gap between layers holds no node at all: an edge can
// never cross a state, nor a label (its own is skipped: the line stops at one side and goes on at
// the other).
import type { Direction, Point, Segment } from './layoutTypes';

/** A rectangle in main/cross coordinates (main: along the ranks; cross: along a layer). */
export interface Band {
  m0: number;
  m1: number;
  c0: number;
  c1: number;
}

/** Lines come no closer than this to a box or label they do not end on (px). */
export const CLEARANCE = 3;
/** A curve is checked against boxes as this many straight pieces (a chord strays < 1 px from the curve at these sizes). */
const PIECES = 16;

/** The point of a cubic Bézier at `t`. */
export function cubicAt(s: Segment & { c1: Point; c2: Point }, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * s.from.x + b * s.c1.x + c * s.c2.x + d * s.to.x, y: a * s.from.y + b * s.c1.y + c * s.c2.y + d * s.to.y };
}

/** The segment as straight pieces: itself if it is a line, else `pieces` chords of the curve. */
export function flatten(s: Segment, pieces = PIECES): Point[] {
  if (!s.c1 || !s.c2) return [s.from, s.to];
  const curve = s as Segment & { c1: Point; c2: Point };
  return Array.from({ length: pieces + 1 }, (_, i) => cubicAt(curve, i / pieces));
}

/** Whether the straight piece p→q enters the open rectangle [x0,x1]×[y0,y1] (Liang–Barsky clipping). */
export function pieceEntersRect(p: Point, q: Point, r: { x0: number; y0: number; x1: number; y1: number }): boolean {
  if (r.x1 <= r.x0 || r.y1 <= r.y0) return false;
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  let t0 = 0;
  let t1 = 1;
  const tests: [number, number][] = [
    [-dx, p.x - r.x0],
    [dx, r.x1 - p.x],
    [-dy, p.y - r.y0],
    [dy, r.y1 - p.y],
  ];
  for (const [den, num] of tests) {
    if (den === 0) {
      if (num <= 0) return false;
      continue;
    }
    const t = num / den;
    if (den < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return false;
  }
  return t1 - t0 > 1e-9;
}

/**
 * The segments from node `p` (in one layer) to node `q` (in the next): from the middle of `p`'s
 * far side to the middle of `q`'s near side (or the given points along them). `bandEnd` is where `p`'s layer ends along the main
 * axis, `nextStart` where `q`'s begins; `obstacles` are the other nodes of both layers.
 */
export function routeBetween(
  p: Band,
  q: Band,
  bandEnd: number,
  nextStart: number,
  obstacles: readonly Band[],
  dir: Direction,
  /** Where on the cross axis the line leaves `p` and enters `q` (within their sides; default: the middle). */
  at: { pc?: number | undefined; qc?: number | undefined } = {},
): Segment[] {
  const pc = at.pc ?? (p.c0 + p.c1) / 2;
  const qc = at.qc ?? (q.c0 + q.c1) / 2;
  const pt = (m: number, c: number): Point => (dir === 'LR' ? { x: m, y: c } : { x: c, y: m });
  const build = (s: number, t: number): Segment[] => {
    const out: Segment[] = [];
    if (s > p.m1) out.push({ from: pt(p.m1, pc), to: pt(s, pc) });
    const mid = (s + t) / 2;
    out.push(pc === qc ? { from: pt(s, pc), to: pt(t, qc) } : { from: pt(s, pc), c1: pt(mid, pc), c2: pt(mid, qc), to: pt(t, qc) });
    if (t < q.m0) out.push({ from: pt(t, qc), to: pt(q.m0, qc) });
    return out;
  };
  const rects = obstacles.map((o) => {
    const [a, b] = [pt(o.m0 - CLEARANCE, o.c0 - CLEARANCE), pt(o.m1 + CLEARANCE, o.c1 + CLEARANCE)];
    return { x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) };
  });
  const clear = (segments: Segment[]) =>
    segments.every((s) => {
      const pts = flatten(s);
      for (let i = 1; i < pts.length; i++) if (rects.some((r) => pieceEntersRect(pts[i - 1]!, pts[i]!, r))) return false;
      return true;
    });
  // The longest curve that is clear; the last candidate keeps the curve inside the gap, always clear.
  const candidates: [number, number][] = [
    [p.m1, q.m0],
    [bandEnd, q.m0],
    [p.m1, nextStart],
  ];
  for (const [s, t] of candidates) {
    const segs = build(s, t);
    if (clear(segs)) return segs;
  }
  return build(bandEnd, nextStart);
}

/** The segments run the other way (a back edge is laid out from its target to its source). */
export function reverseSegments(segments: readonly Segment[]): Segment[] {
  return [...segments].reverse().map((s) => (s.c1 && s.c2 ? { from: s.to, c1: s.c2, c2: s.c1, to: s.from } : { from: s.to, to: s.from }));
}
