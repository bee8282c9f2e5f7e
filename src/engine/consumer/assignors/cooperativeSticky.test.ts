/**
 * CooperativeStickyAssignor: the sticky assignment with moving partitions withheld for one round.
 * Cases from Kafka's CooperativeStickyAssignorTest and the cooperative variants of
 * AbstractStickyAssignorTest (clients/src/test/java/org/apache/kafka/clients/consumer/).
 */
import { describe, expect, it } from 'vitest';
import { assignPartitions, type Assignment, type AssignorMember } from './index';
import { assignmentProblems } from './validate';

type Sizes = Record<string, number>;
const cooperative = (members: AssignorMember[], partitionsPerTopic: Sizes) =>
  assignPartitions('cooperative-sticky', { members, partitionsPerTopic });
const member = (memberId: string, topics: string[], owned?: string[], generation?: number): AssignorMember => ({
  memberId,
  topics,
  owned,
  generation,
});
/** The follow-up rebalance: each member now owns what the previous round left it. */
const owning = (members: AssignorMember[], result: Assignment, generation = 2): AssignorMember[] =>
  members.map((m) => ({ ...m, owned: result[m.memberId], generation }));

describe('cooperative-sticky assignor', () => {
  it('a fresh group is assigned in one round, exactly as sticky assigns it', () => {
    const members = [member('c1', ['t0', 't1']), member('c2', ['t0', 't1'])];
    const sizes = { t0: 3, t1: 3 };
    expect(cooperative(members, sizes)).toEqual(assignPartitions('sticky', { members, partitionsPerTopic: sizes }));
  });

  it('a member joins: the partition that moves is withheld, then assigned in the follow-up round (testAddRemoveConsumerOneTopic)', () => {
    const members = [member('consumer1', ['topic'], ['topic-0', 'topic-1', 'topic-2'], 1), member('consumer2', ['topic'], [], 1)];
    const first = cooperative(members, { topic: 3 });
    // consumer1 keeps what it keeps, and topic-2 goes to nobody until consumer1 has revoked it.
    expect(first).toEqual({ consumer1: ['topic-0', 'topic-1'], consumer2: [] });
    const second = cooperative(owning(members, first), { topic: 3 });
    expect(second).toEqual({ consumer1: ['topic-0', 'topic-1'], consumer2: ['topic-2'] });
  });

  it('two members join: every moving partition waits one round; nothing else changes hands (testAddRemoveTwoConsumersTwoTopics)', () => {
    const topics = ['topic1', 'topic2'];
    const members = [
      member('consumer1', topics, ['topic1-0', 'topic1-2', 'topic2-1', 'topic2-3'], 1),
      member('consumer2', topics, ['topic1-1', 'topic2-0', 'topic2-2'], 1),
      member('consumer3', topics, [], 1),
      member('consumer4', topics, [], 1),
    ];
    const first = cooperative(members, { topic1: 3, topic2: 4 });
    expect(first).toEqual({ consumer1: ['topic1-0', 'topic1-2'], consumer2: ['topic1-1', 'topic2-0'], consumer3: [], consumer4: [] });
    const second = cooperative(owning(members, first), { topic1: 3, topic2: 4 });
    expect(second).toEqual({
      consumer1: ['topic1-0', 'topic1-2'],
      consumer2: ['topic1-1', 'topic2-0'],
      consumer3: ['topic2-1', 'topic2-3'],
      consumer4: ['topic2-2'],
    });
  });

  it('a member leaves: its partitions were revoked when it left, so they are reassigned at once', () => {
    const members = [member('consumer2', ['topic'], ['topic-2'], 1)];
    expect(cooperative(members, { topic: 3 })).toEqual({ consumer2: ['topic-0', 'topic-1', 'topic-2'] });
  });

  it('a partition two members claim in one generation goes to nobody until both revoke it, equal shares (testAllConsumersHaveOwnedPartitionInvalidated...WithEqualPartitionsPerConsumer)', () => {
    const members = [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], 1),
      member('consumer2', ['topic'], ['topic-0', 'topic-2'], 1),
      member('consumer3', ['topic'], [], 1),
    ];
    expect(cooperative(members, { topic: 3 })).toEqual({ consumer1: ['topic-1'], consumer2: ['topic-2'], consumer3: [] });
  });

  it('the same with unequal shares (testAllConsumersHaveOwnedPartitionInvalidated...WithUnequalPartitionsPerConsumer)', () => {
    const members = [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], 1),
      member('consumer2', ['topic'], ['topic-0', 'topic-2'], 1),
      member('consumer3', ['topic'], [], 1),
    ];
    expect(cooperative(members, { topic: 4 })).toEqual({ consumer1: ['topic-1', 'topic-3'], consumer2: ['topic-2'], consumer3: [] });
  });

  it('the highest-generation owner keeps a partition a stale member also claims; what it gives up waits a round', () => {
    // consumer2's generation-9 claim on topic-0 loses to consumer1's (testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration).
    const members = [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], 10),
      member('consumer2', ['topic'], ['topic-0'], 9),
      member('consumer3', ['topic'], [], 10),
    ];
    const first = cooperative(members, { topic: 3 });
    expect(first).toEqual({ consumer1: ['topic-0'], consumer2: [], consumer3: ['topic-2'] });
    const second = cooperative(owning(members, first, 11), { topic: 3 });
    expect(second).toEqual({ consumer1: ['topic-0'], consumer2: ['topic-1'], consumer3: ['topic-2'] });
  });

  it('a stale claim does not let a member take a partition before its owner has revoked it', () => {
    // Kafka's general path would hand topic-1 to consumer2 at once because consumer2 lists it.
    const members = [member('consumer1', ['topic'], ['topic-0', 'topic-1'], 10), member('consumer2', ['topic'], ['topic-1'], 9)];
    expect(assignPartitions('sticky', { members, partitionsPerTopic: { topic: 2 } })).toEqual({
      consumer1: ['topic-0'],
      consumer2: ['topic-1'],
    });
    expect(cooperative(members, { topic: 2 })).toEqual({ consumer1: ['topic-0'], consumer2: [] });
  });

  it('nothing moves when each member already owns its share (testAssignorWithOldVersionSubscriptions)', () => {
    const members = [member('consumer1', ['topic1'], ['topic1-0'], 1), member('consumer2', ['topic1'], ['topic1-1'], 1), member('consumer3', ['topic1'], [], 1)];
    expect(cooperative(members, { topic1: 3 })).toEqual({ consumer1: ['topic1-0'], consumer2: ['topic1-1'], consumer3: ['topic1-2'] });
  });

  it('a member unsubscribes from a topic: its partitions are withheld until it has revoked them', () => {
    const members = [member('c1', ['a'], ['a-0', 'b-0'], 1), member('c2', ['a', 'b'], ['a-1'], 1)];
    const first = cooperative(members, { a: 2, b: 1 });
    expect(first).toEqual({ c1: ['a-0'], c2: ['a-1'] });
    const second = cooperative(owning(members, first), { a: 2, b: 1 });
    expect(second).toEqual({ c1: ['a-0'], c2: ['a-1', 'b-0'] });
  });

  it('the follow-up round is valid and balanced (the check CooperativeStickyAssignorTest.verifyValidityAndBalance makes)', () => {
    const topics = ['t1', 't2', 't3'];
    const members = [
      member('c1', topics, ['t1-0', 't1-1', 't1-2', 't2-0', 't2-1'], 3),
      member('c2', topics, ['t2-2', 't3-0', 't3-1'], 3),
      member('c3', ['t3'], [], 3),
      member('c4', topics, [], 3),
    ];
    const sizes = { t1: 3, t2: 3, t3: 2 };
    const first = cooperative(members, sizes);
    expect(assignmentProblems({ members, partitionsPerTopic: sizes }, first, { complete: false, balanced: false })).toEqual([]);
    const next = owning(members, first);
    const second = cooperative(next, sizes);
    expect(assignmentProblems({ members: next, partitionsPerTopic: sizes }, second, { complete: true, balanced: true })).toEqual([]);
  });
});
