/**
 * Properties of consumer groups under random schedules of members joining, leaving, crashing and
 * pausing (and the odd broker crash). fast-check prints the seed and the shrunk schedule of any
 * failure; replay it with `fc.assert(..., { seed, path })`.
 *
 * Ownership is followed from the trace as the members report it (MemberAssigned, MemberRevoked,
 * ConsumerStopped); membership as the coordinator reports it (MemberJoined, MemberLeft,
 * GroupLoaded). A member the coordinator has removed may still believe it owns partitions until it
 * hears so — a zombie — and is left out of the "at once" check, as it is in Kafka.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../core/trace';
import { buildSimulation, type Cluster } from '../sim/simulation';
import { OFFSETS_TOPIC } from './offsetsTopic';

const GROUPS = ['eager', 'coop'] as const;
const PARTITIONS = ['orders-0', 'orders-1', 'orders-2', 'orders-3'];
const FAULT_WINDOW_MS = 40000;
const UNTIL_MS = 80000;

interface Op {
  at: number;
  kind: 'add' | 'remove' | 'crash' | 'pause' | 'brokerCrash';
  group: number;
  pick: number;
  ms: number;
}

const op: fc.Arbitrary<Op> = fc.record({
  at: fc.integer({ min: 1000, max: FAULT_WINDOW_MS }),
  kind: fc.constantFrom('add', 'add', 'remove', 'crash', 'pause', 'pause', 'brokerCrash'),
  group: fc.integer({ min: 0, max: 1 }),
  pick: fc.nat(),
  ms: fc.integer({ min: 500, max: 12000 }),
});

/** Turns abstract ops into a valid script: members named as parseScenario names them. */
function scriptOf(ops: Op[]): unknown[] {
  const members = GROUPS.map(() => new Map<string, boolean>([['c1', true], ['c2', true]]));
  const script: unknown[] = [];
  for (const o of [...ops].sort((a, b) => a.at - b.at)) {
    const group = GROUPS[o.group]!;
    const running = [...members[o.group]!].filter(([, up]) => up).map(([n]) => n);
    const stopped = [...members[o.group]!].filter(([, up]) => !up).map(([n]) => n);
    if (o.kind === 'brokerCrash') {
      const broker = 1 + (o.pick % 3);
      script.push({ at: o.at, do: 'crash', broker }, { at: o.at + o.ms, do: 'restart', broker });
    } else if (o.kind === 'add') {
      const name = stopped.length > 0 && o.pick % 2 === 0 ? stopped[o.pick % stopped.length]! : `c${members[o.group]!.size + 1}`;
      members[o.group]!.set(name, true);
      script.push({ at: o.at, do: 'addMember', group, member: name });
    } else if (running.length > 0) {
      const member = running[o.pick % running.length]!;
      if (o.kind === 'pause') script.push({ at: o.at, do: 'pauseMember', group, member, ms: o.ms });
      else {
        members[o.group]!.set(member, false);
        script.push({ at: o.at, do: o.kind === 'remove' ? 'removeMember' : 'crashMember', group, member });
      }
    }
  }
  return script;
}

function scenarioOf(seed: number, ops: Op[]) {
  const settings = { topics: ['orders'], members: 2, 'auto.offset.reset': 'earliest', 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 1000, 'max.poll.interval.ms': 8000, 'processing.ms': 4 };
  return {
    name: 'property: consumer groups under churn',
    seed,
    until: UNTIL_MS,
    brokers: 3,
    broker: { 'group.initial.rebalance.delay.ms': 500, 'offsets.topic.num.partitions': 5, 'min.insync.replicas': 2 },
    topics: [{ name: 'orders', partitions: 4, 'replication.factor': 3 }],
    producers: [{ id: 'p1', acks: 'all', 'enable.idempotence': false }],
    groups: [
      { 'group.id': 'eager', ...settings },
      { 'group.id': 'coop', ...settings, 'partition.assignment.strategy': ['cooperative-sticky'] },
    ],
    network: { 'jitter.ms': 2 },
    script: [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 1200, every: 50, key: 'k{i}' }, ...scriptOf(ops)],
  };
}

/** Client-side ownership and coordinator-side membership, followed from the trace. */
class Observer {
  private readonly owned = new Map<string, { generation: number; partitions: Set<string> }>();
  private readonly present = new Map<string, Set<string>>(GROUPS.map((g) => [g, new Set<string>()]));

  constructor(private readonly cluster: Cluster) {}

  observe(e: TraceEvent): void {
    switch (e.type) {
      case 'MemberAssigned':
        this.owned.set(`${e.group}/${e.member}`, { generation: e.generation, partitions: new Set(e.partitions) });
        return this.checkOwnership(e.group);
      case 'MemberRevoked':
        for (const p of e.partitions) this.owned.get(`${e.group}/${e.member}`)?.partitions.delete(p);
        return;
      case 'ConsumerStopped':
        this.owned.delete(`${e.group}/${e.member}`);
        return;
      case 'MemberJoined':
        this.present.get(e.group)!.add(e.member);
        return this.checkOwnership(e.group);
      case 'MemberLeft':
        this.present.get(e.group)!.delete(e.member);
        return;
      case 'GroupLoaded':
        this.present.set(e.group, new Set(e.members));
        return;
      case 'GroupStateChanged':
        if (e.to === 'Stable' && e.group === 'eager') this.checkEagerAssignmentComplete(e.group);
        return;
      case 'OffsetsCommitted':
        return this.checkCommitsBelowHighWatermark(e.offsets);
      default:
        return;
    }
  }

  /** No partition owned twice in one generation; in the cooperative group, not even across generations. */
  private checkOwnership(group: string): void {
    const byPartition = new Map<string, { member: string; generation: number }[]>();
    for (const [key, o] of this.owned) {
      const [g, member] = key.split('/') as [string, string];
      if (g !== group) continue;
      for (const p of o.partitions) byPartition.set(p, [...(byPartition.get(p) ?? []), { member, generation: o.generation }]);
    }
    for (const [p, owners] of byPartition) {
      for (let i = 0; i < owners.length; i++) {
        for (let j = i + 1; j < owners.length; j++) {
          const [a, b] = [owners[i]!, owners[j]!];
          if (a.generation === b.generation) expect.fail(`${group}: ${p} owned by ${a.member} and ${b.member} in generation ${a.generation}`);
          const inGroup = this.present.get(group)!;
          if (group === 'coop' && inGroup.has(a.member) && inGroup.has(b.member)) {
            expect.fail(`coop: ${p} owned by ${a.member} (gen ${a.generation}) and ${b.member} (gen ${b.generation}) at once`);
          }
        }
      }
    }
  }

  /** An eager group that becomes Stable with members has every partition assigned. */
  private checkEagerAssignmentComplete(groupId: string): void {
    for (const b of this.cluster.brokers.values()) {
      for (const g of this.cluster.groupServices.get(b.id)!.coordinator.ownedGroups()) {
        if (g.id !== groupId || g.members.size === 0) continue;
        const assigned = [...g.members.values()].flatMap((m) => m.assignment).sort();
        expect(assigned, `${groupId} generation ${g.generation}`).toEqual(PARTITIONS);
      }
    }
  }

  private checkCommitsBelowHighWatermark(offsets: Record<string, number>): void {
    for (const [p, offset] of Object.entries(offsets)) {
      let hw = -1;
      for (const b of this.cluster.brokers.values()) {
        const r = b.replicas.get(p);
        if (r && r.topic !== OFFSETS_TOPIC) hw = Math.max(hw, r.log.highWatermark);
      }
      if (offset > hw) expect.fail(`committed ${offset} for ${p} beyond the high watermark ${hw}`);
    }
  }
}

describe('consumer groups under random membership churn (fixed seed)', () => {
  it('never double-own a partition, assign everything once stable, and commit only below the HW', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(op, { minLength: 1, maxLength: 8 }), (seed, ops) => {
        const { simulation, cluster } = buildSimulation(scenarioOf(seed, ops), { recordTrace: false });
        const observer = new Observer(cluster);
        simulation.subscribe((e) => observer.observe(e));
        simulation.runUntil(UNTIL_MS);
        // Settled: every group with members is Stable and has every partition assigned.
        for (const g of simulation.report().groups!) {
          const owners = Object.values(g.assignment);
          if (owners.length === 0) continue;
          expect(g.state, g['group.id']).toBe('Stable');
          expect(owners.flat().sort(), g['group.id']).toEqual(PARTITIONS);
        }
      }),
      { numRuns: 25, seed: 4242 },
    );
  }, 120_000);
});
