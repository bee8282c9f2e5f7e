/**
 * Properties of every assignor over random groups: 1–8 members, 1–3 topics × 1–12 partitions,
 * random subscriptions (sometimes to a topic that does not exist), random previous ownership
 * (sometimes consistent, sometimes conflicting claims across generations), random static members.
 * fast-check prints the seed and the shrunk counterexample on failure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignPartitions, type Assignment, type AssignmentInput, type AssignorMember } from './index';
import { assignmentProblems } from './validate';

// Dashes inside topic names exercise parsing at the last dash ("orders-eu-3", "a-1-0").
const TOPICS = ['t0', 'orders-eu', 'a-1'];
const MEMBER_IDS = ['m0', 'm1', 'consumer-a', 'consumer-b', 'Z', 'z', 'm10', 'm9'];
const INSTANCE_IDS = ['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7'];

const partitionList = (sizes: Record<string, number>) =>
  Object.entries(sizes).flatMap(([t, n]) => Array.from({ length: n }, (_, p) => `${t}-${p}`));

/** Previous ownership: either one owner (or none) per partition, or arbitrary, possibly conflicting claims. */
function ownershipArb(partitions: string[], memberCount: number): fc.Arbitrary<string[][]> {
  const consistent = fc
    .array(fc.integer({ min: -1, max: memberCount - 1 }), { minLength: partitions.length, maxLength: partitions.length })
    .map((owner) => Array.from({ length: memberCount }, (_, m) => partitions.filter((_, i) => owner[i] === m)));
  const claims = [...partitions, 'ghost-0', `${TOPICS[0]}-99`];
  const arbitrary = fc.array(fc.subarray(claims), { minLength: memberCount, maxLength: memberCount });
  return fc.oneof(consistent, arbitrary);
}

function groupArb(maxMembers: number, maxPartitions: number): fc.Arbitrary<AssignmentInput> {
  return fc
    .record({
      sizes: fc.array(fc.integer({ min: 1, max: maxPartitions }), { minLength: 1, maxLength: 3 }),
      ids: fc.shuffledSubarray(MEMBER_IDS, { minLength: 1, maxLength: maxMembers }),
    })
    .chain(({ sizes, ids }) => {
      const partitionsPerTopic = Object.fromEntries(sizes.map((n, i) => [TOPICS[i]!, n]));
      const topics = Object.keys(partitionsPerTopic);
      const member = fc.record({
        topics: fc.subarray([...topics, 'ghost']),
        static: fc.boolean(),
        generation: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      });
      return fc
        .tuple(fc.array(member, { minLength: ids.length, maxLength: ids.length }), ownershipArb(partitionList(partitionsPerTopic), ids.length))
        .map(([ms, owned]): AssignmentInput => ({
          partitionsPerTopic,
          members: ms.map((m, i) => ({
            memberId: ids[i]!,
            groupInstanceId: m.static ? INSTANCE_IDS[i] : undefined,
            topics: m.topics,
            owned: owned[i],
            generation: m.generation,
          })),
        }));
    });
}

const ALL = ['range', 'roundrobin', 'sticky', 'cooperative-sticky'] as const;
const EAGER = ['range', 'roundrobin', 'sticky'] as const;

/** Same members, owning what `result` gave them, all in one newer generation. */
const followUp = (input: AssignmentInput, result: Assignment): AssignmentInput => ({
  ...input,
  members: input.members.map((m) => ({ ...m, owned: result[m.memberId], generation: 10 })),
});

/** Member counts differ by at most one among members whose (existing) subscribed topics are identical. */
function identicalSubscriptionsDifferByOne(input: AssignmentInput, result: Assignment): boolean {
  const key = (m: AssignorMember) => [...new Set(m.topics.filter((t) => t in input.partitionsPerTopic))].sort().join();
  return input.members.every((a) =>
    input.members.every((b) => key(a) !== key(b) || Math.abs(result[a.memberId]!.length - result[b.memberId]!.length) <= 1),
  );
}

function reversed(input: AssignmentInput): AssignmentInput {
  return {
    partitionsPerTopic: Object.fromEntries(Object.entries(input.partitionsPerTopic).reverse()),
    members: [...input.members].reverse().map((m) => ({ ...m, topics: [...m.topics].reverse(), owned: m.owned && [...m.owned].reverse() })),
  };
}

describe('assignor properties', () => {
  it('eager assignors: every partition of a subscribed topic goes to exactly one subscriber, and nothing else is assigned', () => {
    fc.assert(
      fc.property(groupArb(8, 12), fc.constantFrom(...EAGER), (input, strategy) => {
        const result = assignPartitions(strategy, input);
        expect(assignmentProblems(input, result, { complete: true, balanced: false })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('cooperative-sticky: at most one owner per partition in round one; exactly one after the follow-up round', () => {
    fc.assert(
      fc.property(groupArb(8, 12), (input) => {
        const first = assignPartitions('cooperative-sticky', input);
        expect(assignmentProblems(input, first, { complete: false, balanced: false })).toEqual([]);
        // Round one only withholds: it is the sticky assignment with some partitions removed.
        const sticky = assignPartitions('sticky', input);
        for (const [id, list] of Object.entries(first)) expect(sticky[id]).toEqual(expect.arrayContaining(list));
        const next = followUp(input, first);
        const second = assignPartitions('cooperative-sticky', next);
        expect(assignmentProblems(next, second, { complete: true, balanced: true })).toEqual([]);
        // The follow-up round withholds nothing, so a third round would change nothing.
        expect(second).toEqual(assignPartitions('sticky', next));
      }),
      { numRuns: 300 },
    );
  });

  it('cooperative-sticky never hands out a partition in the round it is revoked from someone (verifyCooperativeValidity)', () => {
    fc.assert(
      fc.property(groupArb(8, 12), (input) => {
        const first = assignPartitions('cooperative-sticky', input);
        const owned = (m: AssignorMember) => new Set(m.owned ?? []);
        const added = input.members.flatMap((m) => first[m.memberId]!.filter((p) => !owned(m).has(p)));
        const revoked = new Set(input.members.flatMap((m) => [...owned(m)].filter((p) => !first[m.memberId]!.includes(p))));
        expect(added.filter((p) => revoked.has(p))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('sticky: no partition could move to a subscriber with two fewer; identical subscriptions differ by at most one', () => {
    fc.assert(
      fc.property(groupArb(8, 12), (input) => {
        const result = assignPartitions('sticky', input);
        expect(assignmentProblems(input, result, { complete: true, balanced: true })).toEqual([]);
        expect(identicalSubscriptionsDifferByOne(input, result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('round robin is balanced when all subscriptions are identical (testTwoDynamicConsumersTwoTopicsSixPartitions, generalised)', () => {
    fc.assert(
      fc.property(groupArb(8, 12), (input) => {
        const same = { ...input, members: input.members.map((m) => ({ ...m, topics: input.members[0]!.topics })) };
        expect(identicalSubscriptionsDifferByOne(same, assignPartitions('roundrobin', same))).toBe(true);
      }),
    );
  });

  it('deterministic: the same input twice, or with members, topics and owned lists reordered, gives the same result', () => {
    fc.assert(
      fc.property(groupArb(8, 12), fc.constantFrom(...ALL), (input, strategy) => {
        const result = assignPartitions(strategy, input);
        expect(assignPartitions(strategy, input)).toEqual(result);
        expect(assignPartitions(strategy, reversed(input))).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('sticky is stable: fed its own result as the previous ownership, it changes nothing', () => {
    fc.assert(
      fc.property(groupArb(8, 12), (input) => {
        const result = assignPartitions('sticky', input);
        expect(assignPartitions('sticky', followUp(input, result))).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  it('sticky is optimal: no assignment is more balanced, and none as balanced keeps more previous owners (exhaustive search, small groups)', () => {
    fc.assert(
      fc.property(groupArb(4, 3), (input) => {
        const result = assignPartitions('sticky', input);
        expect(score(input, result)).toEqual(bestScore(input));
      }),
      { numRuns: 300 },
    );
  });
});

// ---- Oracle for the optimality property, written independently of ./balance.ts ----

/** The previous owner whose claim counts: the single highest-generation claimant still subscribed. */
function honouredOwner(input: AssignmentInput, partition: string): string | undefined {
  const claimants = input.members.filter((m) => m.owned?.includes(partition));
  const top = Math.max(...claimants.map((m) => m.generation ?? -1));
  const winners = claimants.filter((m) => (m.generation ?? -1) === top);
  const topic = partition.slice(0, partition.lastIndexOf('-'));
  return winners.length === 1 && winners[0]!.topics.includes(topic) ? winners[0]!.memberId : undefined;
}

/** [sum of squared member loads, partitions not left with their honoured owner]. */
function score(input: AssignmentInput, result: Assignment): [number, number] {
  const squares = Object.values(result).reduce((sum, list) => sum + list.length ** 2, 0);
  const moves = Object.entries(result)
    .flatMap(([id, list]) => list.filter((p) => honouredOwner(input, p) !== undefined && honouredOwner(input, p) !== id))
    .length;
  return [squares, moves];
}

/** The lexicographically smallest score over every complete, valid assignment. */
function bestScore(input: AssignmentInput): [number, number] {
  const partitions = partitionList(input.partitionsPerTopic).filter((p) =>
    input.members.some((m) => m.topics.includes(p.slice(0, p.lastIndexOf('-')))),
  );
  const eligible = partitions.map((p) => input.members.filter((m) => m.topics.includes(p.slice(0, p.lastIndexOf('-')))));
  let best: [number, number] = [Infinity, Infinity];
  const choice: string[] = [];
  const visit = (i: number): void => {
    if (i === partitions.length) {
      const result: Assignment = Object.fromEntries(input.members.map((m) => [m.memberId, partitions.filter((_, k) => choice[k] === m.memberId)]));
      const s = score(input, result);
      if (s[0] < best[0] || (s[0] === best[0] && s[1] < best[1])) best = s;
      return;
    }
    for (const m of eligible[i]!) {
      choice[i] = m.memberId;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}
