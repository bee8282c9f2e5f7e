/**
 * StickyAssignor: behaviour from Kafka's AbstractStickyAssignorTest and StickyAssignorTest
 * (clients/src/test/java/org/apache/kafka/clients/consumer/internals/AbstractStickyAssignorTest.java).
 * Where Kafka's expected answer depends on HashMap order, ours breaks the tie by member order and
 * the test says so.
 */
import { describe, expect, it } from 'vitest';
import { assignPartitions, type Assignment, type AssignorMember } from './index';
import { assignmentProblems } from './validate';

type Sizes = Record<string, number>;
const sticky = (members: AssignorMember[], partitionsPerTopic: Sizes) => assignPartitions('sticky', { members, partitionsPerTopic });
const member = (memberId: string, topics: string[], owned?: string[], generation?: number): AssignorMember => ({
  memberId,
  topics,
  owned,
  generation,
});
/** The next rebalance's members: same subscriptions, owning what `result` gave them. */
const owning = (members: AssignorMember[], result: Assignment, generation = 1): AssignorMember[] =>
  members.map((m) => ({ ...m, owned: result[m.memberId], generation }));
const valid = (members: AssignorMember[], partitionsPerTopic: Sizes, result: Assignment) =>
  assignmentProblems({ members, partitionsPerTopic }, result, { complete: true, balanced: true });
const sizes = (result: Assignment) => Object.values(result).map((l) => l.length);
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

describe('sticky assignor: fresh groups', () => {
  it('one consumer, no topics / a topic that does not exist (testOneConsumerNoTopic, testOneConsumerNonexistentTopic)', () => {
    expect(sticky([member('consumer', [])], {})).toEqual({ consumer: [] });
    expect(sticky([member('consumer', ['topic'])], { topic: 0 })).toEqual({ consumer: [] });
  });

  it('one consumer takes every partition of its topics (testOneConsumerOneTopic, testOneConsumerMultipleTopics)', () => {
    expect(sticky([member('consumer', ['topic'])], { topic: 3 })).toEqual({ consumer: ['topic-0', 'topic-1', 'topic-2'] });
    expect(sticky([member('consumer', ['topic1', 'topic2'])], { topic1: 1, topic2: 2 })).toEqual({
      consumer: ['topic1-0', 'topic2-0', 'topic2-1'],
    });
  });

  it('keeps only partitions of subscribed, existing topics, whatever it owned (testOnlyAssignsPartitionsFromSubscribedTopics)', () => {
    const members = [member('consumer', ['topic'], ['topic-0', 'topic-1', 'other-0', 'other-1'], 1)];
    expect(sticky(members, { topic: 2 })).toEqual({ consumer: ['topic-0', 'topic-1'] });
  });

  it('two consumers, one partition: the first in member order takes it (testTwoConsumersOneTopicOnePartition)', () => {
    expect(sticky([member('consumer2', ['topic']), member('consumer1', ['topic'])], { topic: 1 })).toEqual({
      consumer1: ['topic-0'],
      consumer2: [],
    });
  });

  it('two consumers, two partitions: one each (testTwoConsumersOneTopicTwoPartitions)', () => {
    expect(sticky([member('consumer1', ['topic']), member('consumer2', ['topic'])], { topic: 2 })).toEqual({
      consumer1: ['topic-0'],
      consumer2: ['topic-1'],
    });
  });

  it('mixed subscriptions: balanced where round robin is not (testMultipleConsumersMixedTopicSubscriptions)', () => {
    const members = [member('consumer1', ['topic1']), member('consumer2', ['topic1', 'topic2']), member('consumer3', ['topic1'])];
    expect(sticky(members, { topic1: 3, topic2: 2 })).toEqual({
      consumer1: ['topic1-0', 'topic1-2'],
      consumer2: ['topic2-0', 'topic2-1'],
      consumer3: ['topic1-1'],
    });
  });

  it('equal subscriptions, fresh group: dealt like round robin (testTwoConsumersTwoTopicsSixPartitions)', () => {
    const members = [member('consumer1', ['topic1', 'topic2']), member('consumer2', ['topic1', 'topic2'])];
    expect(sticky(members, { topic1: 3, topic2: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    });
  });

  it('a case round robin handles poorly comes out 2-2-2-2 (testPoorRoundRobinAssignmentScenario)', () => {
    const all = ['topic1', 'topic2', 'topic3', 'topic4', 'topic5'];
    const odd = ['topic1', 'topic3', 'topic5'];
    const members = [member('consumer1', all), member('consumer2', odd), member('consumer3', odd), member('consumer4', all)];
    const partitions = { topic1: 2, topic2: 1, topic3: 2, topic4: 1, topic5: 2 };
    const result = sticky(members, partitions);
    expect(sizes(result)).toEqual([2, 2, 2, 2]);
    expect(valid(members, partitions, result)).toEqual([]);
    // Round robin leaves consumer3 idle on the same input.
    expect(assignPartitions('roundrobin', { members, partitionsPerTopic: partitions }).consumer3).toEqual([]);
  });

  it('static members come first: the static member takes the extra partition', () => {
    const members = [member('a', ['t']), { ...member('z', ['t']), groupInstanceId: 'instance-1' }];
    expect(sticky(members, { t: 3 })).toEqual({ z: ['t-0', 't-2'], a: ['t-1'] });
  });

  it('does not depend on the order of members, topics or owned partitions in the input', () => {
    const members = [member('c2', ['b', 'a'], ['a-1', 'b-0'], 3), member('c1', ['a'], ['a-0', 'a-2'], 3), member('c3', ['a', 'b'])];
    const shuffled = [member('c3', ['b', 'a']), member('c1', ['a'], ['a-2', 'a-0'], 3), member('c2', ['a', 'b'], ['b-0', 'a-1'], 3)];
    expect(sticky(shuffled, { b: 2, a: 4 })).toEqual(sticky(members, { a: 4, b: 2 }));
  });
});

describe('sticky assignor: keeping previous owners', () => {
  it('a member owning the minimum share gets the extra partition (testConsumerOwningMinQuotaExpectedMaxQuota)', () => {
    const topics = ['topic1', 'topic2'];
    const members = [member('consumer1', topics, ['topic1-0', 'topic2-1'], 1), member('consumer2', topics, ['topic1-1', 'topic2-2'], 1)];
    expect(sticky(members, { topic1: 2, topic2: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic2-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
    });
  });

  it('two members at the maximum share but room for one: the first keeps both, the second gives up its last (testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers)', () => {
    // Kafka's test expects consumer2 to keep two: its HashMap happens to visit consumer2 first.
    const topics = ['topic1', 'topic2'];
    const members = [
      member('consumer1', topics, ['topic1-0', 'topic2-0'], 1),
      member('consumer2', topics, ['topic1-1', 'topic2-1'], 1),
      member('consumer3', topics, [], 1),
    ];
    expect(sticky(members, { topic1: 2, topic2: 2 })).toEqual({
      consumer1: ['topic1-0', 'topic2-0'],
      consumer2: ['topic1-1'],
      consumer3: ['topic2-1'],
    });
  });

  it('everyone below the minimum share keeps everything and is filled up (testAllConsumersAreUnderMinQuota)', () => {
    const topics = ['topic1', 'topic2'];
    const members = [member('consumer1', topics, ['topic1-0'], 1), member('consumer2', topics, ['topic1-1'], 1), member('consumer3', topics, [], 1)];
    expect(sticky(members, { topic1: 2, topic2: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
      consumer3: ['topic2-0'],
    });
  });

  it('members already at their share stay put; the newcomer takes what is left (testAllConsumersReachExpectedQuotaAndAreConsideredFilled)', () => {
    const members = [member('consumer1', ['topic'], ['topic-0', 'topic-1'], 1), member('consumer2', ['topic'], ['topic-2'], 1), member('consumer3', ['topic'], [], 1)];
    expect(sticky(members, { topic: 4 })).toEqual({ consumer1: ['topic-0', 'topic-1'], consumer2: ['topic-2'], consumer3: ['topic-3'] });
  });

  it('a member joins, then the first leaves (testAddRemoveConsumerOneTopic)', () => {
    const first = sticky([member('consumer1', ['topic'])], { topic: 3 });
    expect(first).toEqual({ consumer1: ['topic-0', 'topic-1', 'topic-2'] });
    const joined = [...owning([member('consumer1', ['topic'])], first), member('consumer2', ['topic'], [], 1)];
    const second = sticky(joined, { topic: 3 });
    expect(second).toEqual({ consumer1: ['topic-0', 'topic-1'], consumer2: ['topic-2'] });
    const third = sticky(owning([member('consumer2', ['topic'])], second), { topic: 3 });
    expect(third).toEqual({ consumer2: ['topic-0', 'topic-1', 'topic-2'] });
  });

  it('two members join, then the first two leave (testAddRemoveTwoConsumersTwoTopics)', () => {
    const topics = ['topic1', 'topic2'];
    const partitions = { topic1: 3, topic2: 4 };
    const pair = [member('consumer1', topics), member('consumer2', topics)];
    const first = sticky(pair, partitions);
    expect(first).toEqual({
      consumer1: ['topic1-0', 'topic1-2', 'topic2-1', 'topic2-3'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-2'],
    });
    const four = [...owning(pair, first), member('consumer3', topics, [], 1), member('consumer4', topics, [], 1)];
    const second = sticky(four, partitions);
    // Same as Kafka: each old member keeps the partitions it lists first.
    expect(second).toEqual({
      consumer1: ['topic1-0', 'topic1-2'],
      consumer2: ['topic1-1', 'topic2-0'],
      consumer3: ['topic2-1', 'topic2-3'],
      consumer4: ['topic2-2'],
    });
    const third = sticky(owning(four.slice(2), second), partitions);
    // Kafka splits the freed partitions differently (a tie); the survivors keep theirs either way.
    expect(third.consumer3).toEqual(expect.arrayContaining(second.consumer3!));
    expect(third.consumer4).toEqual(expect.arrayContaining(second.consumer4!));
    expect(sizes(third)).toEqual([4, 3]);
  });

  it('a topic is added, then the first removed: nobody loses what it can keep (testAddRemoveTopicTwoConsumers)', () => {
    const first = sticky([member('consumer1', ['topic']), member('consumer2', ['topic'])], { topic: 3 });
    expect(sizes(first).sort()).toEqual([1, 2]);
    const both = ['topic', 'topic2'];
    const second = sticky(owning([member('consumer1', both), member('consumer2', both)], first), { topic: 3, topic2: 3 });
    expect(sizes(second)).toEqual([3, 3]);
    expect(second.consumer1).toEqual(expect.arrayContaining(first.consumer1!));
    expect(second.consumer2).toEqual(expect.arrayContaining(first.consumer2!));
    const third = sticky(owning([member('consumer1', ['topic2']), member('consumer2', ['topic2'])], second), { topic2: 3 });
    expect(sizes(third).sort()).toEqual([1, 2]);
    expect(second.consumer1).toEqual(expect.arrayContaining(third.consumer1!));
    expect(second.consumer2).toEqual(expect.arrayContaining(third.consumer2!));
  });

  it('when the leader leaves, the others keep their partition (testStickiness)', () => {
    const members = ['consumer1', 'consumer2', 'consumer3', 'consumer4'].map((id) => member(id, ['topic1']));
    const first = sticky(members, { topic1: 3 });
    expect(sizes(first)).toEqual([1, 1, 1, 0]);
    const second = sticky(owning(members.slice(1), first), { topic1: 3 });
    for (const id of ['consumer2', 'consumer3']) expect(second[id]).toEqual(first[id]);
    expect(second.consumer4).toEqual(first.consumer1);
  });

  it('after one member of eight leaves, the other seven keep everything they had (testSameSubscriptions)', () => {
    const topics = names('t', 14);
    const partitions = Object.fromEntries(topics.map((t, i) => [t, i + 1]));
    const members = names('c', 8).map((id) => member(id, topics));
    const first = sticky(members, partitions);
    expect(valid(members, partitions, first)).toEqual([]);
    const rest = owning(members.filter((m) => m.memberId !== 'c05'), first);
    const second = sticky(rest, partitions);
    expect(valid(rest, partitions, second)).toEqual([]);
    for (const m of rest) expect(second[m.memberId]).toEqual(expect.arrayContaining(first[m.memberId]!));
  });

  it('nested subscriptions, one member leaves: valid, balanced, and no partition moves between survivors (testReassignmentAfterOneConsumerLeaves)', () => {
    const topics = names('t', 20).slice(1);
    const partitions = Object.fromEntries(topics.map((t, i) => [t, i + 1]));
    const members = names('c', 20).slice(1).map((id, i) => member(id, topics.slice(0, i + 1)));
    const first = sticky(members, partitions);
    expect(valid(members, partitions, first)).toEqual([]);
    const rest = owning(members.filter((m) => m.memberId !== 'c10'), first);
    const second = sticky(rest, partitions);
    expect(valid(rest, partitions, second)).toEqual([]);
    const moved = rest.flatMap((m) => first[m.memberId]!.filter((p) => !second[m.memberId]!.includes(p)));
    expect(moved).toEqual([]);
  });

  it('a tenth member joins nine sharing 20 partitions: it takes two, each from a member that had three (testReassignmentAfterOneConsumerAdded)', () => {
    const nine = names('c', 10).slice(1).map((id) => member(id, ['topic']));
    const first = sticky(nine, { topic: 20 });
    const ten = [...owning(nine, first), member('c10', ['topic'], [], 1)];
    const second = sticky(ten, { topic: 20 });
    expect(sizes(second)).toEqual(Array(10).fill(2));
    for (const m of nine) expect(first[m.memberId]).toEqual(expect.arrayContaining(second[m.memberId]!));
  });

  it('a new subscription takes only what balance needs (testNewSubscription)', () => {
    const partitions = { topic1: 1, topic2: 1, topic3: 1, topic4: 1 };
    const members = [member('c0', []), member('c1', ['topic1']), member('c2', ['topic2', 'topic3', 'topic4'])];
    const first = sticky(members, partitions);
    expect(first).toEqual({ c0: [], c1: ['topic1-0'], c2: ['topic2-0', 'topic3-0', 'topic4-0'] });
    const second = sticky(owning([member('c0', ['topic1']), ...members.slice(1)], first), partitions);
    expect(second).toEqual(first);
  });

  it('owned partitions move only as far as balance needs (testMoveExistingAssignments)', () => {
    const members = [
      member('consumer1', ['topic1', 'topic2'], ['topic1-0'], 1),
      member('consumer2', ['topic1', 'topic2', 'topic3', 'topic4'], ['topic2-0', 'topic3-0'], 1),
      member('consumer3', ['topic2', 'topic3', 'topic4', 'topic5', 'topic6'], ['topic4-0', 'topic5-0', 'topic6-0'], 1),
    ];
    const partitions = { topic1: 1, topic2: 1, topic3: 1, topic4: 1, topic5: 1, topic6: 1 };
    const result = sticky(members, partitions);
    expect(valid(members, partitions, result)).toEqual([]);
    expect(result).toEqual({ consumer1: ['topic1-0', 'topic2-0'], consumer2: ['topic3-0', 'topic4-0'], consumer3: ['topic5-0', 'topic6-0'] });
  });

  it('the only subscribed topic is deleted: no error, nothing assigned (testNoExceptionThrownWhenOnlySubscribedTopicDeleted)', () => {
    expect(sticky([member('consumer', ['topic'], ['topic-0', 'topic-1', 'topic-2'], 1)], {})).toEqual({ consumer: [] });
  });

  it('a subscribed topic that does not exist is skipped (testAssignmentUpdatedForDeletedTopic)', () => {
    const result = sticky([member('consumer', ['topic1', 'topic2', 'topic3'])], { topic1: 1, topic3: 100 });
    expect(result.consumer).toHaveLength(101);
  });

  it('a static member that restarts with a new member id keeps its partitions', () => {
    const a = { ...member('a-1', ['t']), groupInstanceId: 'a' };
    const b = { ...member('b-1', ['t']), groupInstanceId: 'b' };
    const first = sticky([a, b], { t: 4 });
    const restarted = { ...a, memberId: 'a-2', owned: first['a-1'], generation: 1 };
    const second = sticky([restarted, { ...b, owned: first['b-1'], generation: 1 }], { t: 4 });
    expect(second).toEqual({ 'a-2': first['a-1'], 'b-1': first['b-1'] });
  });
});

describe('sticky assignor: conflicting claims', () => {
  const topics = ['topic', 'topic2'];
  const partitions = { topic: 3, topic2: 3 };

  it('the higher generation wins a partition both claim (testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration)', () => {
    const claimed = ['topic-0', 'topic-2', 'topic2-1'];
    const members = [member('consumer1', topics, claimed, 10), member('consumer2', topics, claimed, 9)];
    expect(sticky(members, partitions)).toEqual({ consumer1: claimed, consumer2: ['topic-1', 'topic2-0', 'topic2-2'] });
  });

  it('a member without a generation loses to one with a generation (testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration)', () => {
    const claimed = ['topic-0', 'topic-2', 'topic2-1'];
    const members = [member('consumer1', topics, claimed, 10), member('consumer2', topics, claimed)];
    expect(sticky(members, partitions)).toEqual({ consumer1: claimed, consumer2: ['topic-1', 'topic2-0', 'topic2-2'] });
  });

  it('only the stale claims are dropped (testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration)', () => {
    const members = [
      member('consumer1', topics, ['topic-0', 'topic2-1', 'topic-1'], 10),
      member('consumer2', topics, ['topic-0', 'topic2-1', 'topic2-2'], 8),
    ];
    expect(sticky(members, partitions)).toEqual({
      consumer1: ['topic-0', 'topic-1', 'topic2-1'],
      consumer2: ['topic-2', 'topic2-0', 'topic2-2'],
    });
  });

  it('every partition goes to its highest-generation claimant (testEnsurePartitionsAssignedToHighestGeneration)', () => {
    const three = ['topic', 'topic2', 'topic3'];
    const members = [
      member('consumer1', three, ['topic-0', 'topic2-0', 'topic3-0'], 10),
      member('consumer2', three, ['topic-1', 'topic2-1', 'topic3-1'], 9),
      member('consumer3', three, ['topic2-1', 'topic3-0', 'topic3-2'], 8),
    ];
    expect(sticky(members, { topic: 3, topic2: 3, topic3: 3 })).toEqual({
      consumer1: ['topic-0', 'topic2-0', 'topic3-0'],
      consumer2: ['topic-1', 'topic2-1', 'topic3-1'],
      consumer3: ['topic-2', 'topic2-2', 'topic3-2'],
    });
  });

  it('members of different generations without conflicts all keep theirs (testNoReassignmentOnCurrentMembers)', () => {
    const four = ['topic', 'topic2', 'topic3', 'topic1'];
    const members = [
      member('consumer1', four, []),
      member('consumer2', four, ['topic-0', 'topic2-0', 'topic1-0'], 9),
      member('consumer3', four, ['topic3-2', 'topic2-2', 'topic1-1'], 8),
      member('consumer4', four, ['topic3-1', 'topic-1', 'topic-2'], 7),
    ];
    const result = sticky(members, { topic: 3, topic1: 3, topic2: 3, topic3: 3 });
    expect(result.consumer1).toEqual(['topic1-2', 'topic2-1', 'topic3-0']);
    for (const m of members.slice(1)) expect(result[m.memberId]).toEqual(expect.arrayContaining(m.owned!));
  });

  it('a partition claimed by two members of the same generation belongs to neither (testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration)', () => {
    const members = [
      member('consumer1', ['topic'], ['topic-0', 'topic-1'], 1),
      member('consumer2', ['topic'], ['topic-0', 'topic-2'], 1),
      member('consumer3', ['topic'], [], 1),
    ];
    expect(sticky(members, { topic: 3 })).toEqual({ consumer1: ['topic-1'], consumer2: ['topic-2'], consumer3: ['topic-0'] });
  });
});
