// The first steps of a machine's layout (layout.ts): which boxes and arrows the definition makes
// (leaf states, "any state" nodes, transitions that stay listed inside their box, parallel
// transitions grouped on one arrow), how big each box is, and each state's rank after the back
// edges are turned around.
import type { MachineDefinition, MachineTransitionDefinition } from '../engine';
import { METRICS, type LabelLine, type StateBox } from './layoutTypes';

export interface Node {
  id: string;
  rank: number;
  order: number;
  w: number;
  h: number;
  /** Cross-axis centre. */
  c: number;
  box?: StateBox;
}

export interface Group {
  from: string;
  to: string;
  transitions: MachineTransitionDefinition[];
  /** Drawn from `to` to `from` for ranking (a back edge). */
  reversed: boolean;
  chain: Node[];
  label: Node;
  lines: LabelLine[];
}

/** A transition's lines: its event, then its guard; each broken into lines of at most `wrap` characters when given. */
export function linesOf(transitions: readonly MachineTransitionDefinition[], wrap = Infinity): LabelLine[] {
  return transitions.flatMap((t) => {
    const event = t.event || 'always';
    const out: LabelLine[] = wrapWords(event, wrap).map((text) => ({ text, transition: t.id, guard: false }));
    if (t.guard) out.push(...wrapWords(`[${t.guard}]`, wrap).map((text) => ({ text, transition: t.id, guard: true })));
    return out;
  });
}

/**
 * `text` in lines of at most `max` characters, broken after an underscore, before a capital of a
 * camelCase word or at a space ("HEARTBEAT_ANSWER" → "HEARTBEAT_", "ANSWER"; "[answersFenced]" →
 * "[answers", "Fenced]"), so a phone's narrow diagram needs no sideways scroll. A piece with no
 * break in `max` characters stays whole.
 */
export function wrapWords(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces = text.split(/(?<=_)|(?<=[a-z])(?=[A-Z])|(?<= )/);
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line && (line + piece).trimEnd().length > max) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

export interface MachineGraph {
  boxes: Map<string, StateBox>;
  /** Arrows by `${from}->${to}`. */
  groups: Map<string, Group>;
  initialLeaf: string | null;
}

/** The boxes and arrows of `def`, boxes sized for their text. */
export function machineGraph(def: MachineDefinition, measure: (text: string, fontSize: number) => number, anyLabel: (compound: string | null) => string, wrap = Infinity): MachineGraph {
  const M = METRICS;
  const byPath = new Map(def.states.map((s) => [s.path, s]));
  const root = def.states.find((s) => s.parent === null);
  const leaves = def.states.filter((s) => s.children.length === 0 && s.parent !== null);

  // Where a transition starts on the drawing: a leaf state, or the "any state" node of a compound.
  const sourceId = (from: string) => (byPath.get(from)?.children.length ? `*${from}` : from);
  // A target that is a compound state means its initial leaf.
  const targetId = (to: string): string => {
    let s = byPath.get(to);
    while (s && s.children.length && s.initial) s = byPath.get(s.initial);
    return s?.path ?? to;
  };

  const boxes = new Map<string, StateBox>();
  const addBox = (id: string, title: string, kind: StateBox['kind'], initial: boolean) => {
    boxes.set(id, { id, title, kind, initial, x: 0, y: 0, width: 0, height: 0, rows: [] });
  };
  // The root's initial leaf is the machine's initial state.
  const initialLeaf = root?.initial ? targetId(root.initial) : null;
  for (const s of leaves) addBox(s.path, s.path, s.type === 'final' ? 'final' : 'state', s.path === initialLeaf);

  const groups = new Map<string, Group>();
  for (const t of def.transitions) {
    const from = sourceId(t.from);
    if (from.startsWith('*') && !boxes.has(from)) addBox(from, anyLabel(t.from === '' ? null : t.from), 'any', false);
    const to = t.to === null ? from : targetId(t.to);
    if (to === from && !from.startsWith('*')) {
      // "↻": it fires and stays (a row inside the box, not an arrow).
      // Continued lines are indented under the first.
      boxes.get(from)!.rows.push(...linesOf([t], wrap).map((l, i) => (l.guard || i > 0 ? { ...l, text: `  ${l.text}` } : { ...l, text: `↻ ${l.text}` })));
      continue;
    }
    const key = `${from}->${to}`;
    const g = groups.get(key) ?? { from, to, transitions: [], reversed: false, chain: [], label: null as unknown as Node, lines: [] };
    g.transitions.push(t);
    groups.set(key, g);
  }

  for (const g of groups.values()) g.lines = linesOf(g.transitions, wrap);

  // Box sizes: the title, then one row per staying transition.
  for (const b of boxes.values()) {
    const titleW = measure(b.title, M.stateFont) + (b.kind === 'any' ? 0 : 0);
    const rowsW = Math.max(0, ...b.rows.map((r) => measure(r.text, M.labelFont)));
    b.width = Math.ceil(Math.max(titleW, rowsW) + 2 * M.padX + (b.initial ? 14 : 0));
    b.height = Math.ceil(M.stateFont * 1.3 + 2 * M.padY + b.rows.length * M.lineHeight + (b.rows.length ? 4 : 0));
  }

  return { boxes, groups, initialLeaf };
}

/** Each box's rank (longest path from the start, back edges reversed), and the boxes in their first order. */
export function rankStates({ boxes, groups, initialLeaf }: MachineGraph): { order: string[]; rank: Map<string, number> } {
  // Back edges: a depth-first walk from the initial state, then from any state not reached yet.
  const order = [...boxes.keys()];
  const out = new Map<string, Group[]>();
  for (const g of groups.values()) out.set(g.from, [...(out.get(g.from) ?? []), g]);
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const g of out.get(id) ?? []) {
      const s = state.get(g.to);
      if (s === 'open') g.reversed = true;
      else if (!s) visit(g.to);
    }
    state.set(id, 'done');
  };
  if (initialLeaf && boxes.has(initialLeaf)) visit(initialLeaf);
  for (const id of order) if (!state.has(id)) visit(id);

  // Longest-path ranks on the acyclic graph.
  const rank = new Map<string, number>(order.map((id) => [id, 0]));
  for (let pass = 0; pass < order.length; pass++) {
    let changed = false;
    for (const g of groups.values()) {
      const [a, b] = g.reversed ? [g.to, g.from] : [g.from, g.to];
      if (rank.get(b)! < rank.get(a)! + 1) {
        rank.set(b, rank.get(a)! + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  // An "any state" node sits one rank before its nearest target.
  for (const [id, b] of boxes) {
    if (b.kind !== 'any') continue;
    const targets = [...groups.values()].filter((g) => g.from === id).map((g) => rank.get(g.to)!);
    rank.set(id, Math.max(0, Math.min(...targets) - 1));
  }
  return { order, rank };
}
