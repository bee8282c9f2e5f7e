/**
 * The group coordinator through its requests, from a probe node on the simulated network: the
 * errors Kafka's classic group returns (ClassicGroup.validateOffsetCommit, the heartbeat and sync
 * validations), session timeouts, and committed offsets surviving the coordinator's broker.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace';
import type { Message } from '../../sim/messages';
import { buildSimulation } from '../../sim/simulation';
import type { ConsumerResponse } from '../../sim/groupMessages';
import { partitionFor } from '../offsetsTopic';

type Request = Extract<Message, { correlationId: number }> extends infer M ? (M extends { kind: infer K } ? (K extends `${string}Response` ? never : M) : never) : never;
type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

const subscription = { topics: ['t'], owned: [], generation: -1 };

function probeCluster(broker: Record<string, unknown> = {}) {
  const { simulation, cluster } = buildSimulation({
    name: 'coordinator probe',
    brokers: 3,
    topics: [{ name: 't', partitions: 2, 'replication.factor': 3 }],
    broker: { 'group.initial.rebalance.delay.ms': 0, 'offsets.topic.num.partitions': 5, ...broker },
    groups: [{ 'group.id': 'g', topics: ['t'], members: 0 }],
    until: 600000,
  });
  const inbox: ConsumerResponse[] = [];
  const events: TraceEvent[] = [];
  simulation.subscribe((e) => events.push(e));
  cluster.network.register({ name: 'probe', receive: (m: Message) => void inbox.push(m as ConsumerResponse) });
  let nextId = 1;
  /** Sends a request and runs the simulation until its answer (or `waitMs`) has passed. */
  const ask = <R extends ConsumerResponse>(to: number, request: Without<Request, 'correlationId'>, waitMs = 50): R | undefined => {
    const correlationId = nextId++;
    cluster.network.send('probe', `b${to}`, { ...request, correlationId } as Message);
    const deadline = simulation.now() + waitMs;
    while (simulation.now() < deadline && !inbox.some((m) => m.correlationId === correlationId)) simulation.step();
    return inbox.find((m) => m.correlationId === correlationId) as R | undefined;
  };
  const coordinator = (via = 1): number => {
    const res = ask<Extract<ConsumerResponse, { kind: 'findCoordinatorResponse' }>>(via, { kind: 'findCoordinator', group: 'g' });
    return res!.broker;
  };
  const join = (to: number, memberId = '') =>
    ask<Extract<ConsumerResponse, { kind: 'joinGroupResponse' }>>(to, {
      kind: 'joinGroup',
      group: 'g',
      memberId,
      groupInstanceId: null,
      clientName: 'probe',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs: 20000,
      protocols: ['range'],
      subscription,
    }, 100);
  return { simulation, cluster, ask, coordinator, join, events };
}

describe('group coordinator', () => {
  it('is the leader of the group\'s __consumer_offsets partition; other brokers say NOT_COORDINATOR', () => {
    const { cluster, ask, coordinator } = probeCluster();
    const b = coordinator();
    const leader = cluster.controller.partitionStates().find((p) => p.topic === '__consumer_offsets' && p.partition === partitionFor('g', 5))!.leader;
    expect(b).toBe(leader);
    const other = b === 1 ? 2 : 1;
    expect(ask(other, { kind: 'offsetFetch', group: 'g', partitions: ['t-0'] })).toMatchObject({ error: 'NOT_COORDINATOR' });
  });

  it('answers JoinGroup with a new generation, and rejects commits from a stale generation or an unknown member', () => {
    const { ask, coordinator, join } = probeCluster();
    const b = coordinator();
    const joined = join(b)!;
    expect(joined).toMatchObject({ error: null, generation: 1, leader: joined.memberId });
    expect(joined.members.map((m) => m.memberId)).toEqual([joined.memberId]);
    const sync = ask(b, { kind: 'syncGroup', group: 'g', memberId: joined.memberId, groupInstanceId: null, generation: 1, assignments: { [joined.memberId]: ['t-0', 't-1'] } });
    expect(sync).toMatchObject({ error: null, protocol: 'range', assignment: ['t-0', 't-1'] });
    const commit = (memberId: string, generation: number) =>
      ask(b, { kind: 'offsetCommit', group: 'g', memberId, groupInstanceId: null, generation, offsets: { 't-0': 7 }, leaderEpochs: {} });
    expect(commit(joined.memberId, 0)).toMatchObject({ error: 'ILLEGAL_GENERATION' });
    expect(commit('someone-else', 1)).toMatchObject({ error: 'UNKNOWN_MEMBER_ID' });
    expect(commit(joined.memberId, 1)).toMatchObject({ error: null });
    expect(ask(b, { kind: 'offsetFetch', group: 'g', partitions: ['t-0', 't-1'] })).toMatchObject({ error: null, offsets: { 't-0': 7, 't-1': -1 } });
  });

  it('tells members to rejoin while a rebalance prepares, and refuses commits while it completes', () => {
    const { ask, coordinator, join } = probeCluster();
    const b = coordinator();
    const first = join(b)!;
    ask(b, { kind: 'syncGroup', group: 'g', memberId: first.memberId, groupInstanceId: null, generation: 1, assignments: { [first.memberId]: ['t-0', 't-1'] } });
    // A second member joins: the group prepares a rebalance and waits for the first to rejoin.
    const second = join(b);
    expect(second, 'parked until everyone rejoined').toBeUndefined();
    const heartbeat = ask(b, { kind: 'groupHeartbeat', group: 'g', memberId: first.memberId, groupInstanceId: null, generation: 1 });
    expect(heartbeat).toMatchObject({ error: 'REBALANCE_IN_PROGRESS' });
    const rejoined = join(b, first.memberId)!;
    expect(rejoined).toMatchObject({ error: null, generation: 2 });
    const commit = ask(b, { kind: 'offsetCommit', group: 'g', memberId: first.memberId, groupInstanceId: null, generation: 2, offsets: { 't-0': 1 }, leaderEpochs: {} });
    expect(commit).toMatchObject({ error: 'REBALANCE_IN_PROGRESS' });
  });

  it('removes a silent member after session.timeout.ms; the group is Empty in a new generation', () => {
    const { simulation, coordinator, join, events, ask } = probeCluster();
    const b = coordinator();
    const joined = join(b)!;
    ask(b, { kind: 'syncGroup', group: 'g', memberId: joined.memberId, groupInstanceId: null, generation: 1, assignments: {} });
    simulation.runUntil(simulation.now() + 10001);
    expect(events.find((e) => e.type === 'MemberLeft')).toMatchObject({ reason: 'session-timeout', memberId: joined.memberId });
    const last = events.filter((e) => e.type === 'GroupStateChanged').at(-1);
    expect(last).toMatchObject({ to: 'Empty', generation: 2 });
  });

  it('keeps committed offsets when its broker dies: the next leader of the partition loads them', () => {
    const { simulation, cluster, coordinator, join, ask } = probeCluster();
    const b = coordinator();
    const joined = join(b)!;
    ask(b, { kind: 'syncGroup', group: 'g', memberId: joined.memberId, groupInstanceId: null, generation: 1, assignments: {} });
    expect(ask(b, { kind: 'offsetCommit', group: 'g', memberId: joined.memberId, groupInstanceId: null, generation: 1, offsets: { 't-1': 42 }, leaderEpochs: {} })).toMatchObject({ error: null });
    cluster.brokers.get(b)!.crash();
    simulation.runUntil(simulation.now() + 12000); // fenced after broker.session.timeout.ms
    const next = coordinator(b === 1 ? 2 : 1);
    expect(next).not.toBe(b);
    expect(ask(next, { kind: 'offsetFetch', group: 'g', partitions: ['t-1'] })).toMatchObject({ error: null, offsets: { 't-1': 42 } });
    // The member it remembers can go on heartbeating in the same generation.
    expect(ask(next, { kind: 'groupHeartbeat', group: 'g', memberId: joined.memberId, groupInstanceId: null, generation: 1 })).toMatchObject({ error: null });
  });
});
