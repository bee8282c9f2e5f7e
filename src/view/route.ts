/**
 * Where a message flies: pure functions from a message and the layout to two points and the
 * token's position at a time. A follower fetch is a short horizontal hop along a partition's row,
 * a produce request goes from the producer's deque to the leader on that row, a broker heartbeat
 * drops from the controller, a member's requests run along the member's own height.
 */
import type { ClusterSnapshot, MessageInFlight } from '../engine';
import { rowKey, stripMidY, stripRect, type Layout, type RowLayout } from './layout';

export interface Point {
  x: number;
  y: number;
}

/** What routing reads from a message: its ends, its id and the records it carries. */
export type Routable = Pick<MessageInFlight, 'messageId' | 'from' | 'to' | 'recordIds'>;

export interface Route {
  from: Point;
  to: Point;
}

/** What routing needs from a snapshot, computed once per snapshot version. */
export interface RouteIndex {
  /** Row keys each broker leads. */
  leads: Map<number, string[]>;
  /** Row keys where both brokers hold a replica and one of them leads. */
  pairRows: Map<string, string[]>;
  /** Row keys a member (node name) owns. */
  memberRows: Map<string, string[]>;
  /** Row of a record id, from the leaders' tails. */
  recordRow: Map<number, string>;
}

export function buildRouteIndex(snapshot: ClusterSnapshot): RouteIndex {
  const leads = new Map<number, string[]>();
  const pairRows = new Map<string, string[]>();
  const memberRows = new Map<string, string[]>();
  const recordRow = new Map<number, string>();
  for (const p of snapshot.partitions) {
    const key = rowKey(p.topic, p.partition);
    if (p.leader >= 0) {
      push(leads, p.leader, key);
      for (const b of p.replicas) if (b !== p.leader) push(pairRows, pairKey(p.leader, b), key);
    }
    for (const r of p.replicaStates) for (const c of r.tail) recordRow.set(c.recordId, key);
  }
  for (const g of snapshot.groups) for (const m of g.members) memberRows.set(m.node, m.partitions.map((x) => rowKey(x.topic, x.partition)));
  return { leads, pairRows, memberRows, recordRow };
}

function push<K>(map: Map<K, string[]>, key: K, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const pairKey = (a: number, b: number): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** `b3` → 3; anything else → null. */
export function brokerOf(node: string): number | null {
  const m = /^b(\d+)$/.exec(node);
  return m ? Number(m[1]) : null;
}

/** One row out of several, spread by message id so parallel fetches use several rows. */
function pick(rows: readonly string[] | undefined, m: Routable): string | null {
  if (!rows || rows.length === 0) return null;
  return rows[m.messageId % rows.length]!;
}

export function routeOf(m: Routable, layout: Layout, index: RouteIndex, rows: ReadonlyMap<string, RowLayout>): Route | null {
  const bFrom = brokerOf(m.from);
  const bTo = brokerOf(m.to);
  // A row the message is about: a record it carries, else a partition both ends share.
  let row: RowLayout | undefined;
  for (const id of m.recordIds ?? []) {
    const key = index.recordRow.get(id);
    if (key) {
      row = rows.get(key);
      break;
    }
  }
  if (!row) {
    let key: string | null = null;
    if (bFrom !== null && bTo !== null) key = pick(index.pairRows.get(pairKey(bFrom, bTo)), m);
    else if (bTo !== null) key = pick(intersect(index.memberRows.get(m.from), index.leads.get(bTo)) ?? index.leads.get(bTo), m);
    else if (bFrom !== null) key = pick(intersect(index.memberRows.get(m.to), index.leads.get(bFrom)) ?? index.leads.get(bFrom), m);
    if (key) row = rows.get(key);
  }
  const from = anchor(m.from, layout, row, m.to);
  const to = anchor(m.to, layout, row, m.from);
  return from && to ? { from, to } : null;
}

function intersect(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  if (!a || !b) return undefined;
  const out = a.filter((x) => b.includes(x));
  return out.length > 0 ? out : undefined;
}

/** The point a node sends from / receives at, on `row` when there is one. */
export function anchor(node: string, layout: Layout, row: RowLayout | undefined, peer: string): Point | null {
  const broker = brokerOf(node);
  if (broker !== null) {
    const col = layout.columns.find((c) => c.broker === broker);
    if (!col) return null;
    if (peer === 'controller') return { x: col.cx, y: col.header.y + 2 };
    const member = layout.members.find((x) => x.key === peer);
    if (!row && member) return { x: col.cx, y: member.box.y + member.box.height / 2 };
    if (!row) return { x: col.cx, y: col.header.y + col.header.height / 2 };
    const s = stripRect(layout, row, col);
    return { x: s.x + s.width / 2, y: s.y + s.height / 2 };
  }
  if (node === 'controller') {
    const c = layout.controller;
    return { x: c.x + c.width / 2, y: c.y + c.height };
  }
  const producer = layout.producers.find((p) => p.id === node);
  if (producer) {
    return { x: producer.lane.x + producer.lane.width, y: row ? stripMidY(layout, row) : producer.header.y + producer.header.height / 2 };
  }
  const member = layout.members.find((x) => x.key === node);
  if (member) return { x: member.box.x, y: member.box.y + member.box.height / 2 };
  return null;
}

/**
 * Where a token is at `time`: interpolated between sentAt and deliverAt; with reduced motion it
 * jumps (at its source for the first half of the flight, at its destination for the second).
 */
export function tokenPosition(route: Route, m: Pick<MessageInFlight, 'sentAt' | 'deliverAt'>, time: number, reducedMotion: boolean): Point {
  const span = m.deliverAt - m.sentAt;
  let f = span > 0 ? (time - m.sentAt) / span : 1;
  f = Math.max(0, Math.min(1, f));
  if (reducedMotion) f = f < 0.5 ? 0 : 1;
  return pointAlong(route, f);
}

/** The point a share `f` (0–1) of the way along `route`. */
export function pointAlong(route: Route, f: number): Point {
  return { x: route.from.x + (route.to.x - route.from.x) * f, y: route.from.y + (route.to.y - route.from.y) * f };
}
