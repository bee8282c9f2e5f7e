/**
 * Leader election (Kafka's PartitionChangeBuilder) and rack-unaware replica placement
 * (AdminUtils.assignReplicasToBrokersRackUnaware / StripedReplicaPlacer).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignReplicas, electLeader } from './election';

const aliveSet =
  (...alive: number[]) =>
  (b: number): boolean =>
    alive.includes(b);

describe('electLeader', () => {
  it('elects the first replica in assignment order that is alive and in the ISR', () => {
    expect(electLeader([1, 2, 3], [1, 2, 3], aliveSet(1, 2, 3), false)).toEqual({ leader: 1, unclean: false });
    // Assignment order decides, not ISR order.
    expect(electLeader([3, 1, 2], [1, 2, 3], aliveSet(1, 2, 3), false)).toEqual({ leader: 3, unclean: false });
  });

  it('skips replicas that are dead or out of the ISR', () => {
    expect(electLeader([1, 2, 3], [1, 2, 3], aliveSet(2, 3), false)).toEqual({ leader: 2, unclean: false });
    expect(electLeader([1, 2, 3], [1, 3], aliveSet(1, 2, 3), false)).toEqual({ leader: 1, unclean: false });
    expect(electLeader([1, 2, 3], [3], aliveSet(1, 2, 3), false)).toEqual({ leader: 3, unclean: false });
    expect(electLeader([1, 2, 3], [2, 3], aliveSet(1, 3), false)).toEqual({ leader: 3, unclean: false });
  });

  it('prefers a clean leader even when unclean election is allowed', () => {
    expect(electLeader([1, 2, 3], [3], aliveSet(1, 2, 3), true)).toEqual({ leader: 3, unclean: false });
  });

  it('with unclean election off, no live ISR member means no leader (the partition goes offline)', () => {
    expect(electLeader([1, 2, 3], [1], aliveSet(2, 3), false)).toBeNull();
  });

  it('with unclean election on and no live ISR member, elects the first live replica in assignment order', () => {
    expect(electLeader([1, 2, 3], [1], aliveSet(2, 3), true)).toEqual({ leader: 2, unclean: true });
    expect(electLeader([3, 1, 2], [1], aliveSet(2, 3), true)).toEqual({ leader: 3, unclean: true });
  });

  it('nobody alive: no leader, clean or unclean', () => {
    expect(electLeader([1, 2, 3], [1, 2, 3], aliveSet(), true)).toBeNull();
    expect(electLeader([1, 2, 3], [1, 2, 3], aliveSet(), false)).toBeNull();
  });

  it('never elects a broker that is not a replica of the partition', () => {
    expect(electLeader([1, 2], [1, 2], aliveSet(3, 4), true)).toBeNull();
  });

  it('property: the leader is a live replica; clean iff it is in the ISR; unclean only when allowed and no ISR member lives', () => {
    const cluster = fc
      .uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 })
      .chain((replicas) =>
        fc.record({
          replicas: fc.constant(replicas),
          isr: fc.subarray(replicas),
          alive: fc.subarray([0, 1, 2, 3, 4, 5, 6, 7]),
          unclean: fc.boolean(),
        }),
      );
    fc.assert(
      fc.property(cluster, ({ replicas, isr, alive, unclean }) => {
        const isAlive = (b: number): boolean => alive.includes(b);
        const result = electLeader(replicas, isr, isAlive, unclean);
        const liveIsr = replicas.filter((r) => isr.includes(r) && isAlive(r));
        const live = replicas.filter(isAlive);
        if (liveIsr.length > 0) expect(result).toEqual({ leader: liveIsr[0], unclean: false });
        else if (unclean && live.length > 0) expect(result).toEqual({ leader: live[0], unclean: true });
        else expect(result).toBeNull();
      }),
    );
  });
});

describe('assignReplicas (rack-unaware, start index 0, shift 0)', () => {
  it("matches Kafka's AdminTest.testReplicaAssignment: 5 brokers, 10 partitions, RF 3", () => {
    expect(assignReplicas([0, 1, 2, 3, 4], 10, 3)).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 0],
      [4, 0, 1],
      [0, 2, 3],
      [1, 3, 4],
      [2, 4, 0],
      [3, 0, 1],
      [4, 1, 2],
    ]);
  });

  it('maps broker indexes to the given broker ids (brokers 1..3, as the playground numbers them)', () => {
    // p0-p2: followers at +1 and +2. From p3 on the shift is 1: followers at 1 + (1 + 0) % 2 = +2
    // and 1 + (1 + 1) % 2 = +1.
    expect(assignReplicas([1, 2, 3], 4, 3)).toEqual([
      [1, 2, 3],
      [2, 3, 1],
      [3, 1, 2],
      [1, 3, 2],
    ]);
  });

  it('RF 1 puts partition p on broker p mod n', () => {
    expect(assignReplicas([1, 2, 3], 5, 1)).toEqual([[1], [2], [3], [1], [2]]);
  });

  it('partition 0 is always led by the first broker', () => {
    for (let n = 1; n <= 6; n++) {
      const brokers = Array.from({ length: n }, (_, i) => i + 1);
      expect(assignReplicas(brokers, 3, 1)[0]![0]).toBe(1);
    }
  });

  it('property: every partition gets RF distinct replicas from the cluster, and leaders (preferred replicas) spread evenly', () => {
    const shape = fc.integer({ min: 1, max: 8 }).chain((n) =>
      fc.record({ n: fc.constant(n), partitions: fc.integer({ min: 1, max: 40 }), rf: fc.integer({ min: 1, max: n }) }),
    );
    fc.assert(
      fc.property(shape, ({ n, partitions, rf }) => {
        const brokers = Array.from({ length: n }, (_, i) => 100 + i);
        const assignment = assignReplicas(brokers, partitions, rf);
        expect(assignment).toHaveLength(partitions);
        const leaders = new Map<number, number>();
        for (const replicas of assignment) {
          expect(replicas).toHaveLength(rf);
          expect(new Set(replicas).size).toBe(rf);
          for (const r of replicas) expect(brokers).toContain(r);
          leaders.set(replicas[0]!, (leaders.get(replicas[0]!) ?? 0) + 1);
        }
        const counts = brokers.map((b) => leaders.get(b) ?? 0);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('property: with partitions a multiple of the broker count, every broker holds the same number of replicas', () => {
    const shape = fc.integer({ min: 2, max: 8 }).chain((n) =>
      fc.record({ n: fc.constant(n), rounds: fc.integer({ min: 1, max: 4 }), rf: fc.integer({ min: 1, max: n }) }),
    );
    fc.assert(
      fc.property(shape, ({ n, rounds, rf }) => {
        const brokers = Array.from({ length: n }, (_, i) => i);
        const perBroker = new Array<number>(n).fill(0);
        for (const replicas of assignReplicas(brokers, n * rounds, rf)) for (const r of replicas) perBroker[r]!++;
        expect(new Set(perBroker)).toEqual(new Set([rounds * rf]));
      }),
    );
  });
});
