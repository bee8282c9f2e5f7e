/**
 * Requests and responses of the consumer side, reduced to the fields the simulation needs
 * (Kafka's FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit,
 * OffsetFetch, ListOffsets, and Fetch as consumers send it). Every response carries the
 * correlation id of its request. Part of the wire's catalogue (messages.ts), beside the producer's
 * and the replicas' messages: the broker's hosted services and the consumer both read them.
 */
import type { GroupErrorCode } from '../core/trace';
import type { Batch } from '../model/batch';

/** What a member tells the coordinator in JoinGroup (the ConsumerProtocol subscription). */
export interface Subscription {
  topics: string[];
  /** Partitions it owns ("topic-N"): cooperative members keep them across a rebalance. */
  owned: string[];
  /** The generation `owned` was assigned in (-1: none). */
  generation: number;
}

export interface JoinedMember {
  memberId: string;
  groupInstanceId: string | null;
  subscription: Subscription;
}

interface Correlated {
  correlationId: number;
}
interface ToGroup extends Correlated {
  group: string;
}

export interface FindCoordinatorRequest extends ToGroup {
  kind: 'findCoordinator';
}
export interface FindCoordinatorResponse extends Correlated {
  kind: 'findCoordinatorResponse';
  error: GroupErrorCode | null;
  broker: number;
}

export interface JoinGroupRequest extends ToGroup {
  kind: 'joinGroup';
  memberId: string;
  groupInstanceId: string | null;
  /** The member's short name (c1): the coordinator's member ids start with it, as Kafka's start with client.id. */
  clientName: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  /** Assignor names in the member's order of preference, all with the same subscription. */
  protocols: string[];
  subscription: Subscription;
}
export interface JoinGroupResponse extends Correlated {
  kind: 'joinGroupResponse';
  error: GroupErrorCode | null;
  memberId: string;
  generation: number;
  protocol: string;
  leader: string;
  /** Only for the leader: every member with its subscription, for the assignor. */
  members: JoinedMember[];
}

export interface SyncGroupRequest extends ToGroup {
  kind: 'syncGroup';
  memberId: string;
  groupInstanceId: string | null;
  generation: number;
  /** Only from the leader: memberId → partitions. */
  assignments: Record<string, string[]> | null;
}
export interface SyncGroupResponse extends Correlated {
  kind: 'syncGroupResponse';
  error: GroupErrorCode | null;
  protocol: string;
  assignment: string[];
}

export interface HeartbeatRequest extends ToGroup {
  kind: 'groupHeartbeat';
  memberId: string;
  groupInstanceId: string | null;
  generation: number;
}
export interface HeartbeatResponseMessage extends Correlated {
  kind: 'groupHeartbeatResponse';
  error: GroupErrorCode | null;
}

export interface LeaveGroupRequest extends ToGroup {
  kind: 'leaveGroup';
  memberId: string;
}
export interface LeaveGroupResponse extends Correlated {
  kind: 'leaveGroupResponse';
  error: GroupErrorCode | null;
}

export interface OffsetCommitRequest extends ToGroup {
  kind: 'offsetCommit';
  memberId: string;
  groupInstanceId: string | null;
  generation: number;
  /** "topic-N" → the offset of the next record to read. */
  offsets: Record<string, number>;
  /**
   * "topic-N" → the leader epoch of the record before that offset, where the consumer knows it
   * (committedLeaderEpoch, KIP-320: commits of the consumer's own positions carry it; offsets an
   * application hands to commitSync do not).
   */
  leaderEpochs: Record<string, number>;
}
export interface OffsetCommitResponse extends Correlated {
  kind: 'offsetCommitResponse';
  error: GroupErrorCode | null;
}

export interface OffsetFetchRequest extends ToGroup {
  kind: 'offsetFetch';
  partitions: string[];
}
export interface OffsetFetchResponse extends Correlated {
  kind: 'offsetFetchResponse';
  error: GroupErrorCode | null;
  /** "topic-N" → committed offset, -1 when the group has none. */
  offsets: Record<string, number>;
  /** "topic-N" → the committed offset's leader epoch, where it has one. */
  leaderEpochs: Record<string, number>;
}

/** ListOffsets to a partition leader: EARLIEST (the log start offset) or LATEST (the HW). */
export interface ListOffsetsRequest extends Correlated {
  kind: 'listOffsets';
  topic: string;
  partition: number;
  which: 'earliest' | 'latest';
}
export interface ListOffsetsResponse extends Correlated {
  kind: 'listOffsetsResponse';
  topic: string;
  partition: number;
  error: GroupErrorCode | null;
  offset: number;
}

/**
 * OffsetForLeaderEpoch from a consumer (KIP-320): where does `leaderEpoch` (the epoch of the last
 * record the consumer read) end in the leader's log? The leader answers from its epoch cache
 * (`Partition.lastOffsetForLeaderEpoch`); `currentLeaderEpoch` fences a leader the consumer knows
 * to be stale, or newer than it knows.
 */
export interface OffsetForLeaderEpochRequest extends Correlated {
  kind: 'offsetForLeaderEpoch';
  topic: string;
  partition: number;
  currentLeaderEpoch: number;
  leaderEpoch: number;
}
export interface OffsetForLeaderEpochResponse extends Correlated {
  kind: 'offsetForLeaderEpochResponse';
  topic: string;
  partition: number;
  error: GroupErrorCode | null;
  /** The largest epoch at or below the one asked about, and where it ends; -1 for both when unknown. */
  leaderEpoch: number;
  endOffset: number;
}

/** Kafka's FetchRequest with replicaId -1: a consumer reads only below the high watermark. */
export interface ConsumerFetchRequest extends Correlated {
  kind: 'consumerFetch';
  maxWaitMs: number;
  maxBytesPerPartition: number;
  partitions: { topic: string; partition: number; fetchOffset: number }[];
}
export interface ConsumerFetchedPartition {
  topic: string;
  partition: number;
  error: GroupErrorCode | null;
  batches: readonly Batch[];
  highWatermark: number;
  logStartOffset: number;
}
export interface ConsumerFetchResponse extends Correlated {
  kind: 'consumerFetchResponse';
  partitions: ConsumerFetchedPartition[];
}

/** Requests a broker answers for consumers. */
export type ConsumerRequest =
  | FindCoordinatorRequest
  | JoinGroupRequest
  | SyncGroupRequest
  | HeartbeatRequest
  | LeaveGroupRequest
  | OffsetCommitRequest
  | OffsetFetchRequest
  | ListOffsetsRequest
  | ConsumerFetchRequest
  | OffsetForLeaderEpochRequest;

export type ConsumerResponse =
  | FindCoordinatorResponse
  | JoinGroupResponse
  | SyncGroupResponse
  | HeartbeatResponseMessage
  | LeaveGroupResponse
  | OffsetCommitResponse
  | OffsetFetchResponse
  | ListOffsetsResponse
  | ConsumerFetchResponse
  | OffsetForLeaderEpochResponse;

export type ConsumerMessage = ConsumerRequest | ConsumerResponse;

const REQUEST_KINDS: ReadonlySet<string> = new Set<ConsumerRequest['kind']>([
  'findCoordinator',
  'joinGroup',
  'syncGroup',
  'groupHeartbeat',
  'leaveGroup',
  'offsetCommit',
  'offsetFetch',
  'listOffsets',
  'consumerFetch',
  'offsetForLeaderEpoch',
]);

export function isConsumerRequest(message: { kind: string }): message is ConsumerRequest {
  return REQUEST_KINDS.has(message.kind);
}
