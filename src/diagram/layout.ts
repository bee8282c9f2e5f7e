/**
 * A small deterministic layered layout for a state machine (a Sugiyama-style sketch, no
 * dependency): states get ranks by longest path after the back edges are turned around; every
 * drawn edge gets a label node in the rank after its source, and a dummy node in every other rank
 * it crosses, so labels are laid out like states and can never overlap one. Nodes are ordered
 * within ranks by barycentre sweeps, then stacked and pulled toward their neighbours without
 * changing order. Same definition and options, same layout: no randomness, no measuring of the DOM.
 *
 * Transitions that stay in their state (targetless, or to itself) are listed inside the state's
 * box rather than drawn as loops. Transitions from the root (or any compound state) start at an
 * "any state" node.
 */
import type { MachineDefinition, MachineTransitionDefinition } from '../engine';

export type Direction = 'LR' | 'TB';

export interface LayoutOptions {
  direction?: Direction;
  /** Text of the node that stands for "any state" (the root's transitions); `{state}` for a compound. */
  anyStateLabel?: (compound: string | null) => string;
  /** Width of `text` at `fontSize` px (default: a monospace estimate, CJK twice as wide). */
  textWidth?: (text: string, fontSize: number) => number;
}

/** Font sizes and spacing, in px at scale 1. */
export const METRICS = { stateFont: 17, labelFont: 14, lineHeight: 19, padX: 12, padY: 8, rankGap: 34, nodeGap: 18 } as const;

export interface LabelLine {
  text: string;
  /** The transition this line names (both the event line and its guard line carry it). */
  transition: string;
  guard: boolean;
}

export interface StateBox {
  /** The state's path; for an "any state" node, `*` + the compound's path. */
  id: string;
  title: string;
  kind: 'state' | 'final' | 'any';
  initial: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Transitions that stay in this state, listed inside the box under the title. */
  rows: LabelLine[];
}

export interface EdgeLayout {
  /** `${from}->${to}`. */
  id: string;
  from: string;
  to: string;
  transitions: string[];
  /** From the source box's border to the target box's border, through the label. */
  points: { x: number; y: number }[];
  label: { x: number; y: number; width: number; height: number; lines: LabelLine[] };
}

export interface DiagramLayout {
  direction: Direction;
  width: number;
  height: number;
  states: StateBox[];
  edges: EdgeLayout[];
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** A monospace estimate (0.6 em a character; CJK 1 em). */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += CJK.test(ch) ? 1 : 0.6;
  return ems * fontSize;
}

interface Node {
  id: string;
  rank: number;
  order: number;
  w: number;
  h: number;
  /** Cross-axis centre. */
  c: number;
  box?: StateBox;
}

interface Group {
  from: string;
  to: string;
  transitions: MachineTransitionDefinition[];
  /** Drawn from `to` to `from` for ranking (a back edge). */
  reversed: boolean;
  chain: Node[];
  label: Node;
  lines: LabelLine[];
}

function linesOf(transitions: readonly MachineTransitionDefinition[]): LabelLine[] {
  return transitions.flatMap((t) => {
    const event = t.event || 'always';
    const out: LabelLine[] = [{ text: event, transition: t.id, guard: false }];
    if (t.guard) out.push({ text: `[${t.guard}]`, transition: t.id, guard: true });
    return out;
  });
}

export function layoutMachine(def: MachineDefinition, options: LayoutOptions = {}): DiagramLayout {
  const dir = options.direction ?? 'LR';
  const measure = options.textWidth ?? estimateTextWidth;
  const anyLabel = options.anyStateLabel ?? ((c: string | null) => (c ? `any ${c} state` : 'any state'));
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
      boxes.get(from)!.rows.push(...linesOf([t]).map((l) => (l.guard ? { ...l, text: `  ${l.text}` } : { ...l, text: `↻ ${l.text}` })));
      continue;
    }
    const key = `${from}->${to}`;
    const g = groups.get(key) ?? { from, to, transitions: [], reversed: false, chain: [], label: null as unknown as Node, lines: [] };
    g.transitions.push(t);
    groups.set(key, g);
  }

  // Box sizes: the title, then one row per staying transition.
  for (const b of boxes.values()) {
    const titleW = measure(b.title, M.stateFont) + (b.kind === 'any' ? 0 : 0);
    const rowsW = Math.max(0, ...b.rows.map((r) => measure(r.text, M.labelFont)));
    b.width = Math.ceil(Math.max(titleW, rowsW) + 2 * M.padX + (b.initial ? 14 : 0));
    b.height = Math.ceil(M.stateFont * 1.3 + 2 * M.padY + b.rows.length * M.lineHeight + (b.rows.length ? 4 : 0));
  }

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

  // Nodes per layer: states on even layers, labels and dummies on odd ones and in between.
  const layers: Node[][] = [];
  const put = (n: Node) => {
    (layers[n.rank] ??= []).push(n);
    n.order = layers[n.rank]!.length - 1;
    return n;
  };
  const nodeOf = new Map<string, Node>();
  const cross = (w: number, h: number) => (dir === 'LR' ? h : w);
  for (const id of order) {
    const b = boxes.get(id)!;
    nodeOf.set(id, put({ id, rank: 2 * rank.get(id)!, order: 0, w: b.width, h: b.height, c: 0, box: b }));
  }
  for (const [key, g] of groups) {
    const [a, b] = g.reversed ? [g.to, g.from] : [g.from, g.to];
    g.lines = linesOf(g.transitions);
    const lw = Math.ceil(Math.max(...g.lines.map((l) => measure(l.text, M.labelFont))) + 2 * 6);
    const lh = Math.ceil(g.lines.length * M.lineHeight + 6);
    const ra = nodeOf.get(a)!.rank;
    const rb = nodeOf.get(b)!.rank;
    g.label = put({ id: `label:${key}`, rank: ra + 1, order: 0, w: lw, h: lh, c: 0 });
    const chain = [nodeOf.get(a)!, g.label];
    for (let r = ra + 2; r < rb; r++) chain.push(put({ id: `dummy:${key}:${r}`, rank: r, order: 0, w: 0, h: 0, c: 0 }));
    chain.push(nodeOf.get(b)!);
    g.chain = chain;
  }
  for (let r = 0; r < layers.length; r++) layers[r] ??= [];

  // Barycentre ordering: neighbours of each node in the layer above and below.
  const up = new Map<Node, Node[]>();
  const down = new Map<Node, Node[]>();
  for (const g of groups.values()) {
    for (let i = 0; i + 1 < g.chain.length; i++) {
      const [p, q] = [g.chain[i]!, g.chain[i + 1]!];
      down.set(p, [...(down.get(p) ?? []), q]);
      up.set(q, [...(up.get(q) ?? []), p]);
    }
  }
  const sortLayer = (layer: Node[], neighbours: Map<Node, Node[]>) => {
    const key = new Map(
      layer.map((n) => {
        const ns = neighbours.get(n) ?? [];
        return [n, ns.length ? ns.reduce((s, m) => s + m.order, 0) / ns.length : n.order];
      }),
    );
    layer.sort((a, b) => key.get(a)! - key.get(b)! || a.order - b.order);
    layer.forEach((n, i) => (n.order = i));
  };
  for (let sweep = 0; sweep < 6; sweep++) {
    for (let r = 1; r < layers.length; r++) sortLayer(layers[r]!, up);
    for (let r = layers.length - 2; r >= 0; r--) sortLayer(layers[r]!, down);
  }

  // Cross-axis positions: stacked in order, then pulled toward neighbours, keeping order and gaps.
  const size = (n: Node) => cross(n.w, n.h);
  const gapAfter = (n: Node) => (n.w === 0 && n.h === 0 ? M.nodeGap / 2 : M.nodeGap);
  const pack = (layer: Node[], want: (n: Node) => number) => {
    if (!layer.length) return;
    const c = layer.map(want);
    // Forward: no node above its predecessor's bottom; backward: then none below its successor.
    for (let i = 1; i < layer.length; i++) {
      const min = c[i - 1]! + size(layer[i - 1]!) / 2 + gapAfter(layer[i - 1]!) + size(layer[i]!) / 2;
      c[i] = Math.max(c[i]!, min);
    }
    const shift = c.reduce((s, v, i) => s + v - want(layer[i]!), 0) / layer.length;
    for (let i = 0; i < layer.length; i++) c[i] = c[i]! - shift;
    for (let i = 1; i < layer.length; i++) {
      const min = c[i - 1]! + size(layer[i - 1]!) / 2 + gapAfter(layer[i - 1]!) + size(layer[i]!) / 2;
      c[i] = Math.max(c[i]!, min);
    }
    layer.forEach((n, i) => (n.c = c[i]!));
  };
  for (const layer of layers) {
    let at = 0;
    for (const n of layer) {
      n.c = at + size(n) / 2;
      at += size(n) + gapAfter(n);
    }
  }
  const centre = (ns: Node[] | undefined, self: Node) => (ns?.length ? ns.reduce((s, m) => s + m.c, 0) / ns.length : self.c);
  for (let sweep = 0; sweep < 8; sweep++) {
    for (let r = 1; r < layers.length; r++) pack(layers[r]!, (n) => centre(up.get(n), n));
    for (let r = layers.length - 2; r >= 0; r--) pack(layers[r]!, (n) => centre(down.get(n), n));
  }

  // Main-axis positions: each layer as thick as its thickest node.
  const margin = 8;
  const main = (n: Node) => (dir === 'LR' ? n.w : n.h);
  const layerStart: number[] = [];
  let at = margin;
  for (const layer of layers) {
    layerStart.push(at);
    const thick = Math.max(0, ...layer.map(main));
    at += thick + (thick > 0 || layer.length ? M.rankGap : 0);
  }
  const mainExtent = at - M.rankGap + margin;
  const minC = Math.min(...layers.flat().map((n) => n.c - size(n) / 2));
  const maxC = Math.max(...layers.flat().map((n) => n.c + size(n) / 2));
  const crossExtent = maxC - minC + 2 * margin;

  const rect = (n: Node) => {
    const thick = Math.max(0, ...layers[n.rank]!.map(main));
    const m0 = layerStart[n.rank]! + (thick - main(n)) / 2;
    const c0 = n.c - size(n) / 2 - minC + margin;
    return dir === 'LR' ? { x: m0, y: c0, width: n.w, height: n.h } : { x: c0, y: m0, width: n.w, height: n.h };
  };
  for (const n of nodeOf.values()) Object.assign(n.box!, rect(n));

  const edges: EdgeLayout[] = [];
  for (const [key, g] of groups) {
    const pts: { x: number; y: number }[] = [];
    g.chain.forEach((n, i) => {
      const r = rect(n);
      const last = i === g.chain.length - 1;
      if (n.box) {
        // Leave or enter a box at the middle of the side that faces the chain.
        const other = rect(g.chain[i === 0 ? 1 : i - 1]!);
        pts.push(borderPoint(r, other, dir));
      } else if (!last) {
        // Through a label: in at one side, out at the other, so the line never crosses its text.
        if (dir === 'LR') pts.push({ x: r.x, y: r.y + r.height / 2 }, { x: r.x + r.width, y: r.y + r.height / 2 });
        else pts.push({ x: r.x + r.width / 2, y: r.y }, { x: r.x + r.width / 2, y: r.y + r.height });
      }
    });
    if (g.reversed) pts.reverse();
    const lr = rect(g.label);
    edges.push({ id: key, from: g.from, to: g.to, transitions: g.transitions.map((t) => t.id), points: pts, label: { ...lr, lines: g.lines } });
  }

  const [width, height] = dir === 'LR' ? [mainExtent, crossExtent] : [crossExtent, mainExtent];
  return { direction: dir, width: Math.ceil(width), height: Math.ceil(height), states: order.map((id) => boxes.get(id)!), edges };
}

/** The middle of the side of `r` that faces `other`, along the layout's main axis. */
function borderPoint(r: { x: number; y: number; width: number; height: number }, other: { x: number; y: number; width: number; height: number }, dir: Direction) {
  if (dir === 'LR') {
    const right = other.x + other.width / 2 > r.x + r.width / 2;
    return { x: right ? r.x + r.width : r.x, y: r.y + r.height / 2 };
  }
  const below = other.y + other.height / 2 > r.y + r.height / 2;
  return { x: r.x + r.width / 2, y: below ? r.y + r.height : r.y };
}

/** The layout of both directions that fits `width` × `height` at the larger scale (ties: LR). */
export function bestLayout(def: MachineDefinition, width: number, height: number, options: Omit<LayoutOptions, 'direction'> = {}): DiagramLayout & { scale: number } {
  const scaled = (['LR', 'TB'] as const).map((direction) => {
    const l = layoutMachine(def, { ...options, direction });
    return { ...l, scale: Math.min(1, width / l.width, height / l.height) };
  });
  return scaled[1]!.scale > scaled[0]!.scale + 0.01 ? scaled[1]! : scaled[0]!;
}
