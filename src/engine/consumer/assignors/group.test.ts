/**
 * Partition names, member order (AbstractPartitionAssignor.MemberInfo.compareTo) and input checks.
 */
import { describe, expect, it } from 'vitest';
import { compareMembers, prepareGroup } from './group';
import { parsePartitionName, sortPartitionNames } from './partitions';

describe('partition names', () => {
  it('splits at the last dash, so topic names may contain dashes', () => {
    expect(parsePartitionName('orders-eu-west-12')).toEqual({ topic: 'orders-eu-west', partition: 12 });
    expect(parsePartitionName('t-0')).toEqual({ topic: 't', partition: 0 });
    // "t-" is a legal topic name ([a-zA-Z0-9._-]+).
    expect(parsePartitionName('t--1')).toEqual({ topic: 't-', partition: 1 });
  });

  it('rejects names without a topic or a decimal partition number', () => {
    for (const bad of ['t', '-1', 't-', 't-x', 't-01', 't-1.5']) expect(parsePartitionName(bad)).toBeNull();
  });

  it('sorts by topic, then by partition number (not as strings)', () => {
    expect(sortPartitionNames(['b-0', 'a-10', 'a-9', 'a-b-1'])).toEqual(['a-9', 'a-10', 'a-b-1', 'b-0']);
  });
});

describe('member order', () => {
  const m = (memberId: string, groupInstanceId?: string) => ({ memberId, groupInstanceId, topics: [] });

  it('puts static members first, by group.instance.id, then dynamic members by member id', () => {
    const members = [m('a'), m('z', 'instance2'), m('b'), m('y', 'instance1')];
    expect([...members].sort(compareMembers).map((x) => x.memberId)).toEqual(['y', 'z', 'a', 'b']);
  });

  it('compares instance ids, not member ids, between static members', () => {
    // RangeAssignorTest.testTwoStaticConsumersTwoTopicsSixPartitions: "consumer-b" (instance1) ranks first.
    expect(compareMembers(m('consumer-b', 'instance1'), m('consumer-a', 'instance2'))).toBeLessThan(0);
  });
});

describe('prepareGroup', () => {
  it('rejects duplicate member ids and impossible partition counts', () => {
    const member = { memberId: 'c', topics: ['t'] };
    expect(() => prepareGroup({ members: [member, member], partitionsPerTopic: {} })).toThrow(/duplicate/);
    expect(() => prepareGroup({ members: [], partitionsPerTopic: { t: -1 } })).toThrow(/partitions/);
    expect(() => prepareGroup({ members: [], partitionsPerTopic: { t: 1.5 } })).toThrow(/partitions/);
  });

  it("does not mistake Object.prototype's names for topics", () => {
    const group = prepareGroup({ members: [{ memberId: 'c', topics: ['constructor', 'toString'] }], partitionsPerTopic: {} });
    expect(group.subscriptions.get('c')?.size).toBe(0);
  });
});
