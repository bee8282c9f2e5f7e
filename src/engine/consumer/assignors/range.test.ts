/**
 * RangeAssignor: behaviour from its javadoc and from Kafka's RangeAssignorTest
 * (clients/src/test/java/org/apache/kafka/clients/consumer/RangeAssignorTest.java).
 */
import { describe, expect, it } from 'vitest';
import { assignPartitions, type AssignorMember } from './index';

const range = (members: AssignorMember[], partitionsPerTopic: Record<string, number>) =>
  assignPartitions('range', { members, partitionsPerTopic });
const member = (memberId: string, topics: string[], groupInstanceId?: string): AssignorMember => ({
  memberId,
  topics,
  groupInstanceId,
});

describe('range assignor', () => {
  it('javadoc example: C0, C1; t0, t1 with 3 partitions each', () => {
    const result = range([member('C1', ['t0', 't1']), member('C0', ['t0', 't1'])], { t0: 3, t1: 3 });
    expect(result).toEqual({ C0: ['t0-0', 't0-1', 't1-0', 't1-1'], C1: ['t0-2', 't1-2'] });
  });

  it('one consumer, no topics: the consumer is listed with nothing (testOneConsumerNoTopic)', () => {
    expect(range([member('consumer1', [])], {})).toEqual({ consumer1: [] });
  });

  it('one consumer subscribed to a topic that does not exist gets nothing (testOneConsumerNonexistentTopic)', () => {
    expect(range([member('consumer1', ['topic1'])], {})).toEqual({ consumer1: [] });
  });

  it('one consumer takes every partition of its topic (testOneConsumerOneTopic)', () => {
    expect(range([member('consumer1', ['topic1'])], { topic1: 3 })).toEqual({ consumer1: ['topic1-0', 'topic1-1', 'topic1-2'] });
  });

  it('assigns only partitions of subscribed topics (testOnlyAssignsPartitionsFromSubscribedTopics)', () => {
    expect(range([member('consumer1', ['topic1'])], { topic1: 3, other: 3 })).toEqual({
      consumer1: ['topic1-0', 'topic1-1', 'topic1-2'],
    });
  });

  it('one consumer, several topics (testOneConsumerMultipleTopics)', () => {
    expect(range([member('consumer1', ['topic1', 'topic2'])], { topic1: 1, topic2: 2 })).toEqual({
      consumer1: ['topic1-0', 'topic2-0', 'topic2-1'],
    });
  });

  it('two consumers, one partition: the second is idle (testTwoConsumersOneTopicOnePartition)', () => {
    expect(range([member('consumer1', ['topic1']), member('consumer2', ['topic1'])], { topic1: 1 })).toEqual({
      consumer1: ['topic1-0'],
      consumer2: [],
    });
  });

  it('two consumers, two partitions: one each (testTwoConsumersOneTopicTwoPartitions)', () => {
    expect(range([member('consumer1', ['topic1']), member('consumer2', ['topic1'])], { topic1: 2 })).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1'],
    });
  });

  it('ranges are per topic, over the consumers of that topic only (testMultipleConsumersMixedTopics)', () => {
    const members = [member('consumer1', ['topic1']), member('consumer2', ['topic1', 'topic2']), member('consumer3', ['topic1'])];
    expect(range(members, { topic1: 3, topic2: 2 })).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-1'],
      consumer3: ['topic1-2'],
    });
  });

  it('static members rank by group.instance.id, ahead of member ids (testTwoStaticConsumersTwoTopicsSixPartitions)', () => {
    const members = [member('consumer-b', ['topic1', 'topic2'], 'instance1'), member('consumer-a', ['topic1', 'topic2'], 'instance2')];
    expect(range(members, { topic1: 3, topic2: 3 })).toEqual({
      'consumer-b': ['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1'],
      'consumer-a': ['topic1-2', 'topic2-2'],
    });
  });

  it('a static member ranks ahead of a dynamic one (testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions)', () => {
    const members = [member('consumer-a', ['topic1', 'topic2']), member('consumer-b', ['topic1', 'topic2'], 'instance1')];
    expect(range(members, { topic1: 3, topic2: 3 })['consumer-b']).toEqual(['topic1-0', 'topic1-1', 'topic2-0', 'topic2-1']);
  });

  it('static members keep their ranges when a dynamic member is replaced (testStaticMemberRangeAssignmentPersistent)', () => {
    const topics = ['topic1', 'topic2'];
    const statics = [member('consumer1', topics, 'instance1'), member('consumer2', topics, 'instance2'), member('consumer3', topics, 'instance3')];
    const sizes = { topic1: 5, topic2: 4 };
    const before = range([...statics, member('consumer4', topics)], sizes);
    expect(before).toEqual({
      consumer1: ['topic1-0', 'topic1-1', 'topic2-0'],
      consumer2: ['topic1-2', 'topic2-1'],
      consumer3: ['topic1-3', 'topic2-2'],
      consumer4: ['topic1-4', 'topic2-3'],
    });
    const after = range([...statics, member('consumer5', topics)], sizes);
    expect(after.consumer5).toEqual(before.consumer4);
    for (const id of ['consumer1', 'consumer2', 'consumer3']) expect(after[id]).toEqual(before[id]);
  });

  it('static assignment follows the instance id when member ids change (testStaticMemberRangeAssignmentPersistentAfterMemberIdChanges)', () => {
    const topics = ['topic1', 'topic2'];
    const sizes = { topic1: 3, topic2: 3 };
    const first = range([member('m1', topics, 'i1'), member('m2', topics, 'i2'), member('m3', topics, 'i3')], sizes);
    const second = range([member('m9', topics, 'i1'), member('m8', topics, 'i2'), member('m1', topics, 'i3')], sizes);
    expect([second.m9, second.m8, second.m1]).toEqual([first.m1, first.m2, first.m3]);
  });

  it('ignores ownership: range is not sticky', () => {
    const members = [
      { memberId: 'c1', topics: ['t'], owned: ['t-2'] },
      { memberId: 'c2', topics: ['t'], owned: ['t-0'] },
    ];
    expect(range(members, { t: 2 })).toEqual({ c1: ['t-0'], c2: ['t-1'] });
  });
});
