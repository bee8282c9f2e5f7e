/**
 * The diagram's layout: for every lifecycle machine, in both directions, no two boxes (states and
 * edge labels) overlap, every transition is drawn exactly once, and every drawn edge starts on its
 * source's box and ends on its target's.
 */
import { describe, expect, it } from 'vitest';
import { MACHINE_KINDS, machineDefinitions, type MachineDefinition } from '../engine';
import { bestLayout, layoutMachine, type DiagramLayout } from './layout';
import { wrapWords } from './layoutGraph';

type Rect = { x: number; y: number; width: number; height: number };
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBorder = (p: { x: number; y: number }, r: Rect) => {
  const inside = p.x >= r.x - 0.5 && p.x <= r.x + r.width + 0.5 && p.y >= r.y - 0.5 && p.y <= r.y + r.height + 0.5;
  const edge = [r.x, r.x + r.width].some((x) => Math.abs(p.x - x) < 0.5) || [r.y, r.y + r.height].some((y) => Math.abs(p.y - y) < 0.5);
  return inside && edge;
};

function check(def: MachineDefinition, layout: DiagramLayout) {
  const rects: (Rect & { name: string })[] = [
    ...layout.states.map((s) => ({ ...s, name: `state ${s.id}` })),
    ...layout.edges.map((e) => ({ ...e.label, name: `label ${e.id}` })),
  ];
  for (let i = 0; i < rects.length; i++) {
    const r = rects[i]!;
    expect(r.x, r.name).toBeGreaterThanOrEqual(0);
    expect(r.y, r.name).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width, r.name).toBeLessThanOrEqual(layout.width);
    expect(r.y + r.height, r.name).toBeLessThanOrEqual(layout.height);
    for (let j = i + 1; j < rects.length; j++) expect(overlaps(r, rects[j]!), `${r.name} overlaps ${rects[j]!.name}`).toBe(false);
  }
  // Every transition drawn once: as an edge label or a row inside its state.
  const drawn = [...layout.edges.flatMap((e) => e.transitions), ...layout.states.flatMap((s) => [...new Set(s.rows.map((r) => r.transition))])];
  expect([...drawn].sort()).toEqual(def.transitions.map((t) => t.id).sort());
  const box = new Map(layout.states.map((s) => [s.id, s]));
  for (const e of layout.edges) {
    expect(box.has(e.from), e.id).toBe(true);
    expect(box.has(e.to), e.id).toBe(true);
    expect(onBorder(e.points[0]!, box.get(e.from)!), `${e.id} starts on its source`).toBe(true);
    expect(onBorder(e.points.at(-1)!, box.get(e.to)!), `${e.id} ends on its target`).toBe(true);
  }
  // Every state of the machine has its box.
  for (const s of def.states) if (s.children.length === 0 && s.parent !== null) expect(box.has(s.path), s.path).toBe(true);
}

describe('the state diagram layout', () => {
  const defs = machineDefinitions();
  for (const kind of MACHINE_KINDS) {
    for (const direction of ['LR', 'TB'] as const) {
      it(`${kind}, ${direction}: no overlaps, every transition drawn once with both ends`, () => {
        check(defs[kind], layoutMachine(defs[kind], { direction }));
      });
    }
  }

  it('the broker: fenced starts, HEARTBEAT_ANSWER [answersUnfenced] leads to running', () => {
    const l = layoutMachine(defs.broker);
    expect(l.states.find((s) => s.initial)?.id).toBe('fenced');
    const e = l.edges.find((x) => x.from === 'fenced' && x.to === 'running')!;
    expect(e.label.lines.map((x) => x.text)).toEqual(['BOOTSTRAP', 'HEARTBEAT_ANSWER', '[answersUnfenced]']);
    expect(l.states.find((s) => s.id === 'running')!.rows.map((r) => r.text.trim())).toEqual(['↻ HEARTBEAT_ANSWER', '[forThisEpoch]']);
  });

  for (const kind of MACHINE_KINDS) {
    it(`${kind} on a phone (374 px wide): drawn whole at a legible scale, nothing overlapping, no sideways scroll`, () => {
      const l = bestLayout(defs[kind], 374, Infinity);
      check(defs[kind], l);
      // MachinePanel's least scale (labels of 14 px stay above 9 px): narrower would scroll sideways.
      expect(l.scale).toBeGreaterThanOrEqual(0.65);
    });
  }

  it('breaks long event and guard names after an underscore or before a camelCase capital', () => {
    expect(wrapWords('HEARTBEAT_ANSWER', 12)).toEqual(['HEARTBEAT_', 'ANSWER']);
    expect(wrapWords('[answersUnfenced]', 12)).toEqual(['[answers', 'Unfenced]']);
    expect(wrapWords('CRASH', 12)).toEqual(['CRASH']);
    expect(wrapWords('REGISTRATION_REFUSED', 9)).toEqual(['REGISTRATION_', 'REFUSED']);
  });

  it("the member's CLOSE and CRASH start at an 'any state' node", () => {
    const l = layoutMachine(defs.member, { anyStateLabel: () => '任何状态' });
    const any = l.states.find((s) => s.kind === 'any')!;
    expect(any.title).toBe('任何状态');
    expect(l.edges.find((e) => e.from === any.id)?.to).toBe('dead');
  });

  it('is deterministic, and bestLayout picks the direction that fits a box at the larger scale', () => {
    expect(JSON.stringify(layoutMachine(defs.group))).toBe(JSON.stringify(layoutMachine(defs.group)));
    const lr = layoutMachine(defs.broker, { direction: 'LR' });
    const tb = layoutMachine(defs.broker, { direction: 'TB' });
    const wide = bestLayout(defs.broker, 4000, Math.min(lr.height, tb.height));
    expect(wide.scale).toBeGreaterThan(0);
    expect(wide.scale).toBeLessThanOrEqual(1);
    expect(wide.width * wide.scale).toBeLessThanOrEqual(4000 + 1e-9);
  });
});
