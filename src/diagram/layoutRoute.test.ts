/**
 * Where the diagram's edges run: for every lifecycle machine, in both directions, with the "any
 * state" label of both languages and at the panel sizes of a phone, 1280×720 and 1920×1080, no
 * edge line crosses a state box or an edge label (its own included: it stops at one side of its
 * label and goes on at the other), no label covers a box or another label, and no label's text
 * is wider than its box. Sampled independently of the router: a point every 0.5 px along each
 * line, none strictly inside any box.
 */
import { describe, expect, it } from 'vitest';
import { MACHINE_KINDS, machineDefinitions } from '../engine';
import en from '../i18n/locales/en/app.json';
import zh from '../i18n/locales/zh-CN/app.json';
import { bestLayout, layoutMachine, estimateTextWidth, METRICS, type DiagramLayout, type Point, type Segment } from './layout';
import { cubicAt, pieceEntersRect, reverseSegments } from './layoutRoute';

type Rect = { x: number; y: number; width: number; height: number; name: string };

/** Points along the segment no more than `step` px apart (a curve by its length bound, the control polygon). */
function densePoints(s: Segment, step = 0.5): Point[] {
  const hull = s.c1 && s.c2 ? [s.from, s.c1, s.c2, s.to] : [s.from, s.to];
  let length = 0;
  for (let i = 1; i < hull.length; i++) length += Math.hypot(hull[i]!.x - hull[i - 1]!.x, hull[i]!.y - hull[i - 1]!.y);
  const n = Math.max(1, Math.ceil(length / step));
  return Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n;
    if (s.c1 && s.c2) return cubicAt(s as Segment & { c1: Point; c2: Point }, t);
    return { x: s.from.x + (s.to.x - s.from.x) * t, y: s.from.y + (s.to.y - s.from.y) * t };
  });
}

const strictlyInside = (p: Point, r: Rect, inset = 0.5) => p.x > r.x + inset && p.x < r.x + r.width - inset && p.y > r.y + inset && p.y < r.y + r.height - inset;
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every way the layout can be wrong to the eye; an empty list when it is right. */
function problems(layout: DiagramLayout): string[] {
  const out: string[] = [];
  const rects: Rect[] = [...layout.states.map((s) => ({ ...s, name: `state ${s.id}` })), ...layout.edges.map((e) => ({ ...e.label, name: `label of ${e.id}` }))];
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) if (overlaps(rects[i]!, rects[j]!)) out.push(`${rects[i]!.name} overlaps ${rects[j]!.name}`);
  for (const e of layout.edges) {
    for (const s of e.segments) {
      const pts = densePoints(s);
      for (const r of rects) {
        const hit = pts.find((p) => strictlyInside(p, r));
        if (hit) {
          out.push(`edge ${e.id} crosses ${r.name} at (${hit.x.toFixed(1)}, ${hit.y.toFixed(1)})`);
          break;
        }
      }
    }
    // The drawing is connected except at its own label: the line stops on one side and goes on at the other.
    for (let i = 1; i < e.segments.length; i++) {
      const [a, b] = [e.segments[i - 1]!.to, e.segments[i]!.from];
      if (a.x === b.x && a.y === b.y) continue;
      const l = e.label;
      const onLabel = (p: Point) => p.x >= l.x - 1e-6 && p.x <= l.x + l.width + 1e-6 && p.y >= l.y - 1e-6 && p.y <= l.y + l.height + 1e-6;
      if (!onLabel(a) || !onLabel(b)) out.push(`edge ${e.id} breaks off away from its label`);
    }
    const width = Math.max(...e.label.lines.map((l) => estimateTextWidth(l.text, METRICS.labelFont)));
    if (width + 12 > e.label.width + 1e-6) out.push(`label of ${e.id} is narrower than its text`);
  }
  return out;
}

const anyLabels = {
  en: (c: string | null) => (c ? en.machines.anyStateIn.replace('{{state}}', c) : en.machines.anyState),
  'zh-CN': (c: string | null) => (c ? zh.machines.anyStateIn.replace('{{state}}', c) : zh.machines.anyState),
};
/** The figure's room in the panel at each viewport (its width less the page's margins; MachinePanel's height cap). */
const rooms = { phone: [358, 506], '1280×720': [1248, 432], '1920×1080': [1888, 648] } as const;

describe('edge lines keep clear of every state and label', () => {
  const defs = machineDefinitions();
  for (const kind of MACHINE_KINDS) {
    for (const [lang, anyStateLabel] of Object.entries(anyLabels)) {
      for (const direction of ['LR', 'TB'] as const) {
        it(`${kind}, ${lang}, ${direction}`, () => {
          expect(problems(layoutMachine(defs[kind], { direction, anyStateLabel }))).toEqual([]);
        });
      }
      for (const [viewport, [w, h]] of Object.entries(rooms)) {
        it(`${kind}, ${lang}, as drawn at ${viewport}`, () => {
          expect(problems(bestLayout(defs[kind], w, h, { anyStateLabel }))).toEqual([]);
        });
      }
    }
  }

  it('the check itself sees a line through a box, and a reversed edge runs the same way back', () => {
    const l = layoutMachine(defs.broker);
    const [a, b] = [l.states[0]!, l.states.at(-1)!];
    const through: Segment = { from: { x: a.x - 5, y: a.y + a.height / 2 }, to: { x: b.x + b.width + 5, y: a.y + a.height / 2 } };
    const broken = { ...l, edges: [{ ...l.edges[0]!, segments: [through] }] };
    expect(problems(broken).some((p) => p.includes('crosses state'))).toBe(true);
    expect(pieceEntersRect({ x: 0, y: 5 }, { x: 20, y: 5 }, { x0: 5, y0: 0, x1: 10, y1: 10 })).toBe(true);
    expect(pieceEntersRect({ x: 0, y: 10 }, { x: 20, y: 10 }, { x0: 5, y0: 0, x1: 10, y1: 10 })).toBe(false);
    const curve: Segment = { from: { x: 0, y: 0 }, c1: { x: 5, y: 0 }, c2: { x: 5, y: 9 }, to: { x: 10, y: 9 } };
    const back = reverseSegments([curve, { from: { x: 10, y: 9 }, to: { x: 20, y: 9 } }]);
    expect(back[0]).toEqual({ from: { x: 20, y: 9 }, to: { x: 10, y: 9 } });
    expect(back[1]).toEqual({ from: { x: 10, y: 9 }, c1: { x: 5, y: 9 }, c2: { x: 5, y: 0 }, to: { x: 0, y: 0 } });
  });
});
