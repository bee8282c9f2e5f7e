/** Which `__consumer_offsets` partition (hence which coordinator) a group belongs to, as Kafka computes it. */
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, javaStringHashCode, partitionFor, type CoordinatorRecord } from './offsetsTopic';

describe('partitionFor (GroupCoordinator.partitionFor)', () => {
  // Expected values printed by Java 21: s.hashCode(), and Utils.abs(hash) % 50.
  it.each([
    ['billing', -109829509, 9],
    ['test-group', 627841412, 12],
    ['my-group', -1906497762, 12],
    ['', 0, 0],
    ['消费者组', 871131088, 38],
  ])('%j hashes like Java and lands in partition %#', (group, hash, partition) => {
    expect(javaStringHashCode(group)).toBe(hash);
    expect(partitionFor(group, 50)).toBe(partition);
  });

  it('maps Integer.MIN_VALUE to partition 0 (Utils.abs, not Math.abs)', () => {
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(partitionFor('polygenelubricants', 50)).toBe(0);
    expect(partitionFor('polygenelubricants', 7)).toBe(0);
  });
});

describe('coordinator records', () => {
  it('round-trip offsets (with a leader epoch and without) and group metadata, group ids with ":" included', () => {
    const offset: CoordinatorRecord = { kind: 'offset', group: 'a:b', partition: 'orders-3', offset: 42, leaderEpoch: -1 };
    expect(decodeRecord(encodeRecord(offset, -17, 'b1', 5))).toEqual(offset);
    const withEpoch: CoordinatorRecord = { ...offset, leaderEpoch: 4 };
    expect(decodeRecord(encodeRecord(withEpoch, -18, 'b1', 5))).toEqual(withEpoch);
    const group: CoordinatorRecord = { kind: 'group', group: 'g', value: { generation: 3, protocol: 'range', leader: 'c1-1', members: [] } };
    expect(decodeRecord(encodeRecord(group, -33, 'b1', 5))).toEqual(group);
  });
});
