/**
 * The optimisation behind the sticky assignors, as a min-cost flow solved exactly.
 *
 * Kafka's AbstractStickyAssignor reaches "balanced first, then sticky" with heuristics: a quota
 * fill when all subscriptions are equal, and a search over reassignments otherwise (its
 * `isBalanced` check and `getBalanceScore`). Here the same goal is a cost, compared
 * lexicographically, and the assignment minimises it:
 *   1. balance: the sum over members of load² (k-th partition on a member costs 2k-1). Its
 *      minimum is exactly "no partition could move to an eligible member with 2+ fewer", the
 *      condition of `AbstractStickyAssignorTest.verifyValidityAndBalance`;
 *   2. moves: partitions taken from their previous owner;
 *   3. ties between members: an earlier member (in Kafka's member order) takes the extra partition;
 *   4. ties between moves: a member over its share gives up the partitions it lists last, as
 *      Kafka's constrained assignment keeps the first maxQuota of a member's owned partitions.
 * Partitions are added one at a time, each along a shortest augmenting path (successive shortest
 * paths; queue-based Bellman-Ford, since moving a partition off a member has negative cost). Each step keeps
 * the assignment optimal for the partitions added so far, so the final one is optimal.
 * Remaining ties (equal cost, equal path length) go to the first path found, in a fixed order.
 */

/** [balance, moves, memberTie, moveTie, edges]; the last only orders equal-cost paths. */
type Cost = readonly [number, number, number, number, number];

export interface FlowPartition {
  /** Indices of the members that may take it, ascending. */
  readonly eligible: readonly number[];
  /** Index of its previous owner (an eligible member), if any. */
  readonly owner: number | undefined;
  /** Cost tie when it is moved: higher for partitions the owner should rather keep. */
  readonly keepPriority: number;
}

interface State {
  readonly partitions: readonly FlowPartition[];
  readonly memberCount: number;
  /** Member index per partition, -1 while not yet placed. */
  readonly holder: number[];
  /** Partitions per member, the inverse of `holder`; its length is the member's load. */
  readonly held: number[][];
}

const ZERO: Cost = [0, 0, 0, 0, 0];

function less(a: Cost, b: Cost): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** The cost of `label` extended by one edge whose objective change is `sign` × `delta`. */
function extend(label: Cost, delta: Cost, sign: 1 | -1): Cost {
  return [
    label[0] + sign * delta[0],
    label[1] + sign * delta[1],
    label[2] + sign * delta[2],
    label[3] + sign * delta[3],
    label[4] + 1,
  ];
}

/** What it costs for `part` to sit on member `m` (beyond the member's load). */
function placementCost(part: FlowPartition, m: number): Cost {
  if (part.owner === undefined || part.owner === m) return ZERO;
  return [0, 1, 0, part.keepPriority, 0];
}

/** What one more partition on member `m` costs. */
function loadCost(state: State, m: number): Cost {
  return [2 * state.held[m]!.length + 1, 0, m, 0, 0];
}

/** Calls `visit` for each residual edge out of `node` with the label it leads to. */
function forEachEdge(state: State, node: number, label: Cost, visit: (next: number, label: Cost) => void): void {
  const P = state.partitions.length;
  if (node < P) {
    const part = state.partitions[node]!;
    for (const m of part.eligible) {
      if (m !== state.holder[node]) visit(P + m, extend(label, placementCost(part, m), 1));
    }
  } else {
    const m = node - P;
    for (const p of state.held[m]!) visit(p, extend(label, placementCost(state.partitions[p]!, m), -1));
  }
}

/**
 * Shortest paths from partition `start` over the residual graph: partition p → member m (p may go
 * to m) and member m → partition p (m gives up a partition it holds). Node ids: partitions
 * 0..P-1, members P..P+M-1. Queue-based Bellman-Ford (FIFO, so deterministic); the assignment so
 * far is optimal, so the graph has no negative cycle, and one means a bug.
 */
function shortestPaths(state: State, start: number): { dist: (Cost | undefined)[]; parent: number[] } {
  const nodeCount = state.partitions.length + state.memberCount;
  const dist: (Cost | undefined)[] = new Array(nodeCount).fill(undefined);
  const parent: number[] = new Array(nodeCount).fill(-1);
  const updates: number[] = new Array(nodeCount).fill(0);
  const queued: boolean[] = new Array(nodeCount).fill(false);
  const queue = [start];
  dist[start] = ZERO;
  const visit = (from: number) => (next: number, label: Cost) => {
    if (dist[next] !== undefined && !less(label, dist[next]!)) return;
    dist[next] = label;
    parent[next] = from;
    if (++updates[next]! > nodeCount) throw new Error('sticky assignment: negative cycle in the residual graph (a bug)');
    if (!queued[next]) {
      queued[next] = true;
      queue.push(next);
    }
  };
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    queued[node] = false;
    forEachEdge(state, node, dist[node]!, visit(node));
  }
  return { dist, parent };
}

/** Places partition `start`, moving others along the cheapest path to the member that gains one. */
function addPartition(state: State, start: number): void {
  const P = state.partitions.length;
  const { dist, parent } = shortestPaths(state, start);
  let best: { member: number; cost: Cost } | undefined;
  for (let m = 0; m < state.memberCount; m++) {
    const d = dist[P + m];
    if (d === undefined) continue;
    const cost = extend(d, loadCost(state, m), 1);
    if (best === undefined || less(cost, best.cost)) best = { member: m, cost };
  }
  if (best === undefined) throw new Error(`partition ${start} has no eligible member`);
  // Walk back: each partition on the path moves to the member after it.
  let member = best.member;
  for (;;) {
    const p = parent[P + member]!;
    const previous = state.holder[p]!;
    state.holder[p] = member;
    state.held[member]!.push(p);
    if (p === start) return;
    const list = state.held[previous]!;
    list.splice(list.indexOf(p), 1);
    member = previous;
  }
}

/**
 * Assigns every partition that has an eligible member, in the given processing order. Returns the
 * member index per partition (-1 where no member is eligible).
 */
export function balancedAssignment(partitions: readonly FlowPartition[], memberCount: number): number[] {
  const state: State = {
    partitions,
    memberCount,
    holder: new Array<number>(partitions.length).fill(-1),
    held: Array.from({ length: memberCount }, () => []),
  };
  partitions.forEach((part, p) => {
    if (part.eligible.length > 0) addPartition(state, p);
  });
  return state.holder;
}
