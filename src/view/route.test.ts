/** Tokens: where a message flies and where it is at a time. */
import { describe, expect, it } from 'vitest';
import { createSimulation, type MessageInFlight } from '../engine';
import { layoutInput } from './layoutInput';
import { computeLayout, stripRect } from './layout';
import { isHidden, tokenLetter } from './palette';
import { buildRouteIndex, routeOf, tokenPosition } from './route';

const sim = createSimulation({
  name: 'route',
  seed: 1,
  brokers: 3,
  topics: [{ name: 'orders', partitions: 3, 'replication.factor': 3 }],
  producers: [{ id: 'p1' }],
  groups: [{ 'group.id': 'billing', topics: ['orders'], members: 2 }],
  broker: { 'group.initial.rebalance.delay.ms': 0 },
});
sim.runUntil(3000);
const snapshot = sim.snapshot();
const layout = computeLayout(layoutInput(snapshot, 1280, 720));
const rows = new Map(layout.rows.map((r) => [r.key, r] as const));
const index = buildRouteIndex(snapshot);
const msg = (m: Partial<MessageInFlight>): MessageInFlight => ({ messageId: 1, from: 'b2', to: 'b1', kind: 'Fetch', sentAt: 100, deliverAt: 110, correlationId: 1, ...m });

describe('token routes', () => {
  it('sends a follower fetch along a row the two brokers share, from the follower strip to the leader strip', () => {
    const route = routeOf(msg({}), layout, index, rows)!;
    const p = snapshot.partitions.find((x) => x.leader === 1)!;
    const row = rows.get(`${p.topic}-${p.partition}`)!;
    const leader = stripRect(layout, row, layout.columns[0]!);
    expect(route.from.y).toBe(route.to.y);
    expect(route.to.x).toBe(leader.x + leader.width / 2);
    expect(route.from.x).toBeGreaterThan(route.to.x);
  });

  it('drops a broker heartbeat from the broker header up to the controller', () => {
    const route = routeOf(msg({ from: 'b2', to: 'controller', kind: 'BrokerHeartbeat' }), layout, index, rows)!;
    expect(route.to.y).toBe(layout.controller.y + layout.controller.height);
    expect(route.from.y).toBeLessThan(layout.grid.y);
  });

  it('starts a produce request at the producer lane and ends on a row the target broker leads', () => {
    const route = routeOf(msg({ from: 'p1', to: 'b1', kind: 'Produce' }), layout, index, rows)!;
    expect(route.from.x).toBe(layout.producers[0]!.lane.x + layout.producers[0]!.lane.width);
    expect(route.from.y).toBe(route.to.y);
  });

  it('has no route for a node the layout does not know', () => {
    expect(routeOf(msg({ from: 'nobody' }), layout, index, rows)).toBeNull();
  });

  it('interpolates between sentAt and deliverAt, and jumps with reduced motion', () => {
    const route = { from: { x: 0, y: 0 }, to: { x: 100, y: 50 } };
    const m = { sentAt: 100, deliverAt: 110 };
    expect(tokenPosition(route, m, 102.5, false)).toEqual({ x: 25, y: 12.5 });
    expect(tokenPosition(route, m, 90, false)).toEqual({ x: 0, y: 0 });
    expect(tokenPosition(route, m, 200, false)).toEqual({ x: 100, y: 50 });
    expect(tokenPosition(route, m, 104, true)).toEqual({ x: 0, y: 0 });
    expect(tokenPosition(route, m, 106, true)).toEqual({ x: 100, y: 50 });
  });

  it('labels pills with the API initial and hides a response with its request kind', () => {
    expect(['Produce', 'FetchResponse', 'Heartbeat', 'JoinGroup', 'OffsetCommit'].map(tokenLetter)).toEqual(['P', 'F', 'H', 'J', 'C']);
    expect(isHidden('FetchResponse', new Set(['Fetch']))).toBe(true);
    expect(isHidden('Produce', new Set(['Fetch']))).toBe(false);
  });
});
