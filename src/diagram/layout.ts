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
import { METRICS, estimateTextWidth, type DiagramLayout, type Direction, type EdgeLayout, type LayoutOptions } from './layoutTypes';
import { machineGraph, rankStates, type Node } from './layoutGraph';
import { buildLayers, orderAndPlace } from './layoutOrder';

export * from './layoutTypes';

export function layoutMachine(def: MachineDefinition, options: LayoutOptions = {}): DiagramLayout {
  const dir = options.direction ?? 'LR';
  const measure = options.textWidth ?? estimateTextWidth;
  const anyLabel = options.anyStateLabel ?? ((c: string | null) => (c ? `any ${c} state` : 'any state'));
  const M = METRICS;
  const graph = machineGraph(def, measure, anyLabel);
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
