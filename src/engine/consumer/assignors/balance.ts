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
 * paths; Bellman-Ford, since moving a partition off a member has negative cost). Each step keeps
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
  readonly load: number[];
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

/** What it costs for partition `p` to sit on member `m` (beyond the member's load). */
function placementCost(part: FlowPartition, m: number): Cost {
  if (part.owner === undefined || part.owner === m) return ZERO;
  return [0, 1, 0, part.keepPriority, 0];
}

/** What one more partition on member `m` costs. */
function loadCost(state: State, m: number): Cost {
  return [2 * state.load[m]! + 1, 0, m, 0, 0];
}

/**
 * Bellman-Ford from partition `start` over the residual graph: partition p → member m (p may go
 * to m) and member m → partition p (m gives up a partition it holds). Node ids: partitions
 * 0..P-1, members P..P+M-1. Returns each node's best label and its predecessor.
 */
function shortestPaths(state: State, start: number): { dist: (Cost | undefined)[]; parent: number[] } {
  const P = state.partitions.length;
  const dist: (Cost | undefined)[] = new Array(P + state.memberCount).fill(undefined);
  const parent: number[] = new Array(P + state.memberCount).fill(-1);
  dist[start] = ZERO;
  const relax = (node: number, from: number, label: Cost): boolean => {
    if (dist[node] !== undefined && !less(label, dist[node]!)) return false;
    dist[node] = label;
    parent[node] = from;
    return true;
  };
  for (let round = 0; round <= dist.length; round++) {
    let changed = false;
    for (let p = 0; p < P; p++) {
      const part = state.partitions[p]!;
      const holder = state.holder[p]!;
      const fromHolder = holder >= 0 ? dist[P + holder] : undefined;
      if (p !== start && fromHolder !== undefined) {
        changed = relax(p, P + holder, extend(fromHolder, placementCost(part, holder), -1)) || changed;
      }
      const here = dist[p];
      if (here === undefined) continue;
      for (const m of part.eligible) {
        if (m !== holder) changed = relax(P + m, p, extend(here, placementCost(part, m), 1)) || changed;
      }
    }
    if (!changed) return { dist, parent };
  }
  throw new Error('sticky assignment: negative cycle in the residual graph (a bug)');
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
  state.load[best.member]!++;
  // Walk back: each partition on the path moves to the member after it.
  let member = best.member;
  for (;;) {
    const p = parent[P + member]!;
    const previous = state.holder[p]!;
    state.holder[p] = member;
    if (p === start) return;
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
    load: new Array<number>(memberCount).fill(0),
  };
  partitions.forEach((part, p) => {
    if (part.eligible.length > 0) addPartition(state, p);
  });
  return state.holder;
}
