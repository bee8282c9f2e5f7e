/**
 * `__consumer_offsets`: the internal topic where group coordinators keep committed offsets and
 * group metadata. A group belongs to one of its partitions (`GroupCoordinator.partitionFor`), and
 * the broker leading that partition is the group's coordinator. Records go through the normal
 * replication path, so when the leader dies the new leader loads the same offsets from its log.
 *
 * The records here are plain JSON keyed by what they describe (Kafka uses versioned binary
 * schemas: OffsetCommitKey/Value and GroupMetadataKey/Value); a later record for the same key
 * replaces an earlier one, as log compaction would keep only the last.
 */
import { assignReplicas } from '../model/election';
import type { RecordData } from '../model/batch';
import type { BrokerSettings, TopicSpec } from '../scenario/types';
import type { Subscription } from '../sim/groupMessages';

export const OFFSETS_TOPIC = '__consumer_offsets';

/** Java's String.hashCode over UTF-16 code units, as a signed 32-bit int. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's Utils.abs: Integer.MIN_VALUE maps to 0 (Math.abs would overflow back to itself). */
function kafkaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

/** `GroupCoordinator.partitionFor`: abs(groupId.hashCode) % offsets.topic.num.partitions. */
export function partitionFor(groupId: string, numPartitions: number): number {
  return kafkaAbs(javaStringHashCode(groupId)) % numPartitions;
}

/** The internal topic as the cluster creates it: RF capped at the broker count, compacted. */
export function offsetsTopicSpec(broker: BrokerSettings, brokers: number): TopicSpec {
  return {
    name: OFFSETS_TOPIC,
    partitions: broker['offsets.topic.num.partitions'],
    'replication.factor': Math.min(broker['offsets.topic.replication.factor'], brokers),
    // cleanup.policy=compact: retention never deletes its segments (compaction is not simulated);
    // segment.bytes is offsets.topic.segment.bytes' default.
    config: { 'retention.ms': -1, 'retention.bytes': -1, 'segment.bytes': 104857600 },
  };
}

export function offsetsTopicAssignments(spec: TopicSpec, brokerIds: readonly number[]): { topic: string; partition: number; replicas: number[] }[] {
  return assignReplicas(brokerIds, spec.partitions, spec['replication.factor']).map((replicas, partition) => ({ topic: OFFSETS_TOPIC, partition, replicas }));
}

/** A member as the group metadata record stores it. */
export interface StoredMember {
  memberId: string;
  groupInstanceId: string | null;
  clientName: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: string[];
  subscription: Subscription;
  assignment: string[];
}

export interface StoredGroup {
  generation: number;
  protocol: string | null;
  leader: string | null;
  members: StoredMember[];
}

export type CoordinatorRecord =
  | { kind: 'offset'; group: string; partition: string; offset: number; leaderEpoch: number }
  | { kind: 'group'; group: string; value: StoredGroup };

/** Record ids of coordinator records are negative, apart from every producer's record ids. */
export function encodeRecord(record: CoordinatorRecord, id: number, producer: string, timestamp: number): RecordData {
  const key = record.kind === 'offset' ? `offset:${record.group}:${record.partition}` : `group:${record.group}`;
  // OffsetCommitValue's leaderEpoch (-1: none, left out of the value).
  const value = record.kind === 'group' ? JSON.stringify(record.value) : record.leaderEpoch < 0 ? JSON.stringify({ offset: record.offset }) : JSON.stringify({ offset: record.offset, leaderEpoch: record.leaderEpoch });
  return { id, producer, key, value, timestamp, sendSeq: 0 };
}

export function decodeRecord(r: RecordData): CoordinatorRecord | null {
  if (r.key === null) return null;
  if (r.key.startsWith('offset:')) {
    const rest = r.key.slice('offset:'.length);
    const cut = rest.lastIndexOf(':');
    const value = JSON.parse(r.value) as { offset: number; leaderEpoch?: number };
    return { kind: 'offset', group: rest.slice(0, cut), partition: rest.slice(cut + 1), offset: value.offset, leaderEpoch: value.leaderEpoch ?? -1 };
  }
  if (r.key.startsWith('group:')) return { kind: 'group', group: r.key.slice('group:'.length), value: JSON.parse(r.value) as StoredGroup };
  return null;
}
