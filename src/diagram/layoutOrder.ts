// The layered middle of a machine's layout (layout.ts): boxes, labels and dummy nodes put in
// layers, ordered within each layer by barycentre sweeps, then placed along the cross axis in that
// order and pulled toward their neighbours.
import { METRICS, type Direction } from './layoutTypes';
import { type Group, type Node, type MachineGraph } from './layoutGraph';

export interface Layers {
  layers: Node[][];
  /** The node of each state box. */
  nodeOf: Map<string, Node>;
}

/** States on even layers; each arrow's label in the layer after its source, dummies in the layers it crosses. */
export function buildLayers(
  { boxes, groups }: MachineGraph,
  { order, rank }: { order: string[]; rank: Map<string, number> },
  measure: (text: string, fontSize: number) => number,
): Layers {
  const M = METRICS;
  // Nodes per layer: states on even layers, labels and dummies on odd ones and in between.
  const layers: Node[][] = [];
  const put = (n: Node) => {
    (layers[n.rank] ??= []).push(n);
    n.order = layers[n.rank]!.length - 1;
    return n;
  };
  const nodeOf = new Map<string, Node>();
  for (const id of order) {
    const b = boxes.get(id)!;
    nodeOf.set(id, put({ id, rank: 2 * rank.get(id)!, order: 0, w: b.width, h: b.height, c: 0, box: b }));
  }
  for (const [key, g] of groups) {
    const [a, b] = g.reversed ? [g.to, g.from] : [g.from, g.to];
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
  return { layers, nodeOf };
}

/** Orders every layer by barycentre sweeps and places it along the cross axis; `n.order` and `n.c` are set. */
export function orderAndPlace(layers: Node[][], groups: Map<string, Group>, dir: Direction): void {
  const M = METRICS;
  const cross = (w: number, h: number) => (dir === 'LR' ? h : w);
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
}
