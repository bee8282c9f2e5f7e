/**
 * RoundRobinAssignor: behaviour from its javadoc and from Kafka's RoundRobinAssignorTest
 * (clients/src/test/java/org/apache/kafka/clients/consumer/RoundRobinAssignorTest.java).
 */
import { describe, expect, it } from 'vitest';
import { assignPartitions, type AssignorMember } from './index';

const roundRobin = (members: AssignorMember[], partitionsPerTopic: Record<string, number>) =>
  assignPartitions('roundrobin', { members, partitionsPerTopic });
const member = (memberId: string, topics: string[], groupInstanceId?: string): AssignorMember => ({
  memberId,
  topics,
  groupInstanceId,
});

describe('round-robin assignor', () => {
  it('javadoc example: C0, C1; t0, t1 with 3 partitions each', () => {
    const result = roundRobin([member('C0', ['t0', 't1']), member('C1', ['t0', 't1'])], { t0: 3, t1: 3 });
    expect(result).toEqual({ C0: ['t0-0', 't0-2', 't1-1'], C1: ['t0-1', 't1-0', 't1-2'] });
  });

  it('one consumer, no topics (testOneConsumerNoTopic)', () => {
    expect(roundRobin([member('consumer', [])], {})).toEqual({ consumer: [] });
  });

  it('one consumer, topic does not exist (testOneConsumerNonexistentTopic)', () => {
    expect(roundRobin([member('consumer', ['topic'])], {})).toEqual({ consumer: [] });
  });

  it('one consumer takes all of its topic, and only its topic (testOneConsumerOneTopic, testOnlyAssignsPartitionsFromSubscribedTopics)', () => {
    expect(roundRobin([member('consumer', ['topic'])], { topic: 3, other: 3 })).toEqual({
      consumer: ['topic-0', 'topic-1', 'topic-2'],
    });
  });

  it('one consumer, several topics (testOneConsumerMultipleTopics)', () => {
    expect(roundRobin([member('consumer', ['topic1', 'topic2'])], { topic1: 1, topic2: 2 })).toEqual({
      consumer: ['topic1-0', 'topic2-0', 'topic2-1'],
    });
  });

  it('two consumers, one or two partitions (testTwoConsumersOneTopicOnePartition, ...TwoPartitions)', () => {
    const two = [member('consumer1', ['topic']), member('consumer2', ['topic'])];
    expect(roundRobin(two, { topic: 1 })).toEqual({ consumer1: ['topic-0'], consumer2: [] });
    expect(roundRobin(two, { topic: 2 })).toEqual({ consumer1: ['topic-0'], consumer2: ['topic-1'] });
  });

  it('the dealer skips members not subscribed to the topic (testMultipleConsumersMixedTopics)', () => {
    const members = [member('consumer1', ['topic1']), member('consumer2', ['topic1', 'topic2']), member('consumer3', ['topic1'])];
    expect(roundRobin(members, { topic1: 3, topic2: 2 })).toEqual({
      consumer1: ['topic1-0'],
      consumer2: ['topic1-1', 'topic2-0', 'topic2-1'],
      consumer3: ['topic1-2'],
    });
  });

  it('static members rank by instance id and ahead of dynamic ones (testTwoStaticConsumers..., testOneStaticConsumerAndOneDynamicConsumer...)', () => {
    const topics = ['topic1', 'topic2'];
    const expected = { first: ['topic1-0', 'topic1-2', 'topic2-1'], second: ['topic1-1', 'topic2-0', 'topic2-2'] };
    const bothStatic = roundRobin([member('consumer-a', topics, 'instance2'), member('consumer-b', topics, 'instance1')], { topic1: 3, topic2: 3 });
    expect(bothStatic).toEqual({ 'consumer-b': expected.first, 'consumer-a': expected.second });
    const oneStatic = roundRobin([member('consumer-a', topics), member('consumer-b', topics, 'instance1')], { topic1: 3, topic2: 3 });
    expect(oneStatic).toEqual({ 'consumer-b': expected.first, 'consumer-a': expected.second });
  });

  it('static members keep their partitions when a dynamic member is replaced (testStaticMemberAssignmentPersistent)', () => {
    const topics = ['topic1', 'topic2'];
    const statics = [member('consumer1', topics, 'instance1'), member('consumer2', topics, 'instance2'), member('consumer3', topics, 'instance3')];
    const before = roundRobin([...statics, member('consumer4', topics)], { topic1: 3, topic2: 3 });
    expect(before).toEqual({
      consumer1: ['topic1-0', 'topic2-1'],
      consumer2: ['topic1-1', 'topic2-2'],
      consumer3: ['topic1-2'],
      consumer4: ['topic2-0'],
    });
    const after = roundRobin([...statics, member('consumer5', topics)], { topic1: 3, topic2: 3 });
    expect(after).toEqual({
      consumer1: before.consumer1,
      consumer2: before.consumer2,
      consumer3: before.consumer3,
      consumer5: ['topic2-0'],
    });
  });
});
