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
import type { MachineDefinition } from '../engine';
import { METRICS, estimateTextWidth, type DiagramLayout, type EdgeLayout, type LayoutOptions, type Point, type Segment } from './layoutTypes';
import { reverseSegments, routeBetween, type Band } from './layoutRoute';
import { machineGraph, rankStates, type Group, type Node } from './layoutGraph';
import { buildLayers, orderAndPlace } from './layoutOrder';

export * from './layoutTypes';

export function layoutMachine(def: MachineDefinition, options: LayoutOptions = {}): DiagramLayout {
  const dir = options.direction ?? 'LR';
  const measure = options.textWidth ?? estimateTextWidth;
  const anyLabel = options.anyStateLabel ?? ((c: string | null) => (c ? `any ${c} state` : 'any state'));
  const M = METRICS;
  const graph = machineGraph(def, measure, anyLabel, options.wrap);
  const { boxes, groups } = graph;
  const ranked = rankStates(graph);
  const { order } = ranked;
  const { layers, nodeOf } = buildLayers(graph, ranked, measure);
  orderAndPlace(layers, groups, dir);
  const size = (n: Node) => (dir === 'LR' ? n.h : n.w);

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

  // Each node as a band in main/cross coordinates, and each layer's extent along the main axis.
  const band = (n: Node): Band => {
    const r = rect(n);
    return dir === 'LR' ? { m0: r.x, m1: r.x + r.width, c0: r.y, c1: r.y + r.height } : { m0: r.y, m1: r.y + r.height, c0: r.x, c1: r.x + r.width };
  };
  const layerEnd = (r: number) => layerStart[r]! + Math.max(0, ...layers[r]!.map(main));
  // What an edge between layers r and r + 1 must keep clear of: the boxes and labels of both.
  const solid = (r: number) => (layers[r] ?? []).filter((n) => n.w > 0 || n.h > 0);

  const ports = spreadPorts([...groups.values()], (n) => {
    const b = band(n);
    return (b.c0 + b.c1) / 2;
  }, (n) => band(n).c1 - band(n).c0);

  const edges: EdgeLayout[] = [];
  for (const [key, g] of groups) {
    let segments: Segment[] = [];
    for (let i = 0; i + 1 < g.chain.length; i++) {
      const [p, q] = [g.chain[i]!, g.chain[i + 1]!];
      const obstacles = [...solid(p.rank), ...solid(q.rank)].filter((n) => n !== p && n !== q).map(band);
      const at = { pc: ports.get(`${key}|${i}|out`), qc: ports.get(`${key}|${i + 1}|in`) };
      segments.push(...routeBetween(band(p), band(q), layerEnd(p.rank), layerStart[q.rank]!, obstacles, dir, at));
    }
    if (g.reversed) segments = reverseSegments(segments);
    const lr = rect(g.label);
    // The line's ends, and the two sides of the label where it stops and goes on.
    const breaks = segments.flatMap((s, i) => (i > 0 && !same(s.from, segments[i - 1]!.to) ? [segments[i - 1]!.to, s.from] : []));
    const points = [segments[0]!.from, ...breaks, segments.at(-1)!.to];
    edges.push({ id: key, from: g.from, to: g.to, transitions: g.transitions.map((t) => t.id), points, segments, label: { ...lr, lines: g.lines } });
  }

  const [width, height] = dir === 'LR' ? [mainExtent, crossExtent] : [crossExtent, mainExtent];
  return { direction: dir, width: Math.ceil(width), height: Math.ceil(height), states: order.map((id) => boxes.get(id)!), edges };
}

/** Most px between two lines that leave or enter the same side of a box; they use at most this share of the side. */
const PORT_GAP = 12;
const PORT_SHARE = 0.7;

/**
 * Where each line leaves or enters a state box along its side (cross axis): the lines of one side
 * spread over its middle, in the order of the nodes at their other ends, so arrowheads do not pile
 * up on one point and lines do not cross at the box. Keys: `${group}|${chain index}|in|out`.
 */
function spreadPorts(groups: readonly Group[], centre: (n: Node) => number, side: (n: Node) => number): Map<string, number> {
  const sides = new Map<string, { key: string; other: number }[]>();
  const groupKey = (g: Group) => `${g.from}->${g.to}`;
  for (const g of groups) {
    g.chain.forEach((n, i) => {
      if (!n.box) return;
      for (const [dirn, j] of [['out', i + 1], ['in', i - 1]] as const) {
        const other = g.chain[j];
        if (!other) continue;
        const id = `${n.id}|${dirn}`;
        sides.set(id, [...(sides.get(id) ?? []), { key: `${groupKey(g)}|${i}|${dirn}`, other: centre(other) }]);
      }
    });
  }
  const out = new Map<string, number>();
  const nodes = new Map(groups.flatMap((g) => g.chain.filter((n) => n.box).map((n) => [n.id, n] as const)));
  for (const [id, list] of sides) {
    const n = nodes.get(id.slice(0, id.lastIndexOf('|')))!;
    list.sort((a, b) => a.other - b.other || (a.key < b.key ? -1 : 1));
    const gap = list.length > 1 ? Math.min(PORT_GAP, (side(n) * PORT_SHARE) / (list.length - 1)) : 0;
    list.forEach((p, j) => out.set(p.key, centre(n) + (j - (list.length - 1) / 2) * gap));
  }
  return out;
}

const same = (a: Point, b: Point) => Math.abs(a.x - b.x) < 1e-9 && Math.abs(a.y - b.y) < 1e-9;

/**
 * The layout that fits `width` × `height` at the larger scale: left to right or top to bottom
 * (ties: LR), and, when neither is drawn at a legible scale, the same with event and guard names
 * broken into short lines (a phone's panel: the broker's diagram was twice its width and scrolled
 * sideways).
 */
export function bestLayout(def: MachineDefinition, width: number, height: number, options: Omit<LayoutOptions, 'direction'> = {}): DiagramLayout & { scale: number } {
  const fit = (o: LayoutOptions) => {
    const l = layoutMachine(def, o);
    return { ...l, scale: Math.min(1, width / l.width, height / l.height) };
  };
  const better = <T extends { scale: number }>(a: T, b: T) => (b.scale > a.scale + 0.01 ? b : a);
  let best = better(fit({ ...options, direction: 'LR' }), fit({ ...options, direction: 'TB' }));
  for (const wrap of WRAPS) {
    if (best.scale >= WRAP_BELOW) break;
    best = better(best, better(fit({ ...options, direction: 'LR', wrap }), fit({ ...options, direction: 'TB', wrap })));
  }
  return best;
}

/** Line lengths (characters) tried, in turn, for a diagram too wide to draw whole. */
const WRAPS = [12, 9];
/** Below this scale (labels under 10 px) a diagram tries its wrapped forms. */
const WRAP_BELOW = 0.72;
