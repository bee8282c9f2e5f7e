/**
 * What travels over the simulated network: Kafka's requests and responses, reduced to the fields
 * the simulation needs. Records travel as immutable batch objects shared by reference.
 */
import type { Batch } from '../model/batch';
import type { Acks } from '../scenario/types';
import type { ErrorCode } from '../core/trace';
import type { ConsumerMessage } from './groupMessages';

export interface PartitionState {
  topic: string;
  partition: number;
  replicas: number[];
  leader: number;
  leaderEpoch: number;
  isr: number[];
  partitionEpoch: number;
}

/** One partition's batch in a ProduceRequest. */
export interface ProducePartitionData {
  topic: string;
  partition: number;
  /** Unstamped (offsets -1), carrying the producer id, epoch and base sequence when idempotent. */
  batch: Batch;
}
/** Producer → broker: at most one batch per partition, for partitions this broker leads. */
export interface ProduceRequest {
  kind: 'produce';
  correlationId: number;
  producer: string;
  acks: Acks;
  timeoutMs: number;
  partitions: ProducePartitionData[];
}
export interface ProducePartitionResponse {
  topic: string;
  partition: number;
  error: ErrorCode | null;
  /** -1 unless the batch was appended (or found to be a duplicate of one that was). */
  baseOffset: number;
  /** The idempotent producer's batch was in the log already: nothing was appended. */
  duplicate?: boolean;
  /**
   * KIP-951 (Kafka 3.7+): with NOT_LEADER_OR_FOLLOWER, the leader and leader epoch this broker's
   * metadata cache knows (ProduceResponseData.PartitionProduceResponse.currentLeader).
   */
  currentLeader?: { leaderId: number; leaderEpoch: number };
}
export interface ProduceResponse {
  kind: 'produceResponse';
  correlationId: number;
  partitions: ProducePartitionResponse[];
}

/** Producer → any broker: an idempotent producer asks for its producer id (InitProducerId). */
export interface InitProducerIdRequest {
  kind: 'initProducerId';
  correlationId: number;
}
export interface InitProducerIdResponse {
  kind: 'initProducerIdResponse';
  correlationId: number;
  producerId: number;
  producerEpoch: number;
}

export interface MetadataRequest {
  kind: 'metadata';
  correlationId: number;
}
export interface MetadataResponse {
  kind: 'metadataResponse';
  correlationId: number;
  partitions: PartitionState[];
}

export interface FetchPartition {
  topic: string;
  partition: number;
  fetchOffset: number;
  /** Epoch of the last batch in the follower's log, -1 if empty (KIP-595 diverging-epoch check). */
  lastFetchedEpoch: number;
  currentLeaderEpoch: number;
}
/** Follower → leader: one request for every partition the follower replicates from that leader. */
export interface FetchRequest {
  kind: 'fetch';
  fetchId: number;
  replicaId: number;
  /**
   * KIP-227: false for the first fetch of a fetcher's session (after a start, a timeout or a lost
   * connection), which the leader answers for every partition; true after, when the answer holds
   * only the partitions with something new (see FollowerState.sentHighWatermark).
   */
  incremental: boolean;
  partitions: FetchPartition[];
}
export type FetchError = 'NOT_LEADER_OR_FOLLOWER' | 'FENCED_LEADER_EPOCH' | 'UNKNOWN_LEADER_EPOCH' | 'OFFSET_OUT_OF_RANGE';
export interface FetchedPartition {
  topic: string;
  partition: number;
  error: FetchError | null;
  batches: readonly Batch[];
  highWatermark: number;
  logStartOffset: number;
  logEndOffset: number;
  divergingEpoch: { epoch: number; endOffset: number } | null;
}
export interface FetchResponse {
  kind: 'fetchResponse';
  fetchId: number;
  partitions: FetchedPartition[];
}

/** Broker ↔ controller (KRaft). */
export interface BrokerRegistration {
  kind: 'register';
  broker: number;
  incarnation: number;
}
/**
 * Controller → broker: the answer to a registration, for the incarnation that asked. A new
 * incarnation gets a new broker epoch; while the previous one still has a live session the
 * controller refuses it (Kafka's DuplicateBrokerRegistrationException).
 */
export interface BrokerRegistrationResponse {
  kind: 'registerResponse';
  incarnation: number;
  /** -1 when refused. */
  brokerEpoch: number;
  error: 'DUPLICATE_BROKER_REGISTRATION' | null;
  metadata: MetadataImage | null;
}
export interface BrokerHeartbeat {
  kind: 'heartbeat';
  broker: number;
  /** The epoch the controller gave this incarnation when it registered. */
  brokerEpoch: number;
  metadataVersion: number;
}
export interface HeartbeatResponse {
  kind: 'heartbeatResponse';
  /** The broker epoch of the heartbeat this answers: another incarnation's answer is ignored. */
  brokerEpoch: number;
  fenced: boolean;
  /** Present when the broker's metadata is behind the controller's. */
  metadata: MetadataImage | null;
}
export interface MetadataImage {
  version: number;
  partitions: PartitionState[];
  fencedBrokers: number[];
}
export interface MetadataPush {
  kind: 'metadataPush';
  metadata: MetadataImage;
}
export interface AlterPartition {
  kind: 'alterPartition';
  broker: number;
  topic: string;
  partition: number;
  leaderEpoch: number;
  partitionEpoch: number;
  newIsr: number[];
}
export interface AlterPartitionResponse {
  kind: 'alterPartitionResponse';
  topic: string;
  partition: number;
  error: 'FENCED_LEADER_EPOCH' | 'INVALID_UPDATE_VERSION' | 'INELIGIBLE_REPLICA' | 'NOT_CONTROLLER' | null;
  state: PartitionState | null;
}

export type Message =
  | ProduceRequest
  | ProduceResponse
  | InitProducerIdRequest
  | InitProducerIdResponse
  | MetadataRequest
  | MetadataResponse
  | FetchRequest
  | FetchResponse
  | BrokerRegistration
  | BrokerRegistrationResponse
  | BrokerHeartbeat
  | HeartbeatResponse
  | MetadataPush
  | AlterPartition
  | AlterPartitionResponse
  | ConsumerMessage;

/**
 * The name Kafka's protocol gives each message (its ApiKeys name; a response adds "Response"), for
 * the trace and the view. One table for every kind the engine sends, so a new kind fails to compile
 * until it is named here.
 */
export const KAFKA_API_NAMES = {
  produce: 'Produce',
  produceResponse: 'ProduceResponse',
  initProducerId: 'InitProducerId',
  initProducerIdResponse: 'InitProducerIdResponse',
  metadata: 'Metadata',
  metadataResponse: 'MetadataResponse',
  // A follower's fetch and a consumer's are the same API (a consumer sends replicaId -1).
  fetch: 'Fetch',
  fetchResponse: 'FetchResponse',
  consumerFetch: 'Fetch',
  consumerFetchResponse: 'FetchResponse',
  register: 'BrokerRegistration',
  registerResponse: 'BrokerRegistrationResponse',
  heartbeat: 'BrokerHeartbeat',
  heartbeatResponse: 'BrokerHeartbeatResponse',
  // In KRaft a broker fetches the __cluster_metadata log from the controller; the engine pushes the
  // image instead, under the name of the request a controller used to push metadata with.
  metadataPush: 'UpdateMetadata',
  alterPartition: 'AlterPartition',
  alterPartitionResponse: 'AlterPartitionResponse',
  findCoordinator: 'FindCoordinator',
  findCoordinatorResponse: 'FindCoordinatorResponse',
  joinGroup: 'JoinGroup',
  joinGroupResponse: 'JoinGroupResponse',
  syncGroup: 'SyncGroup',
  syncGroupResponse: 'SyncGroupResponse',
  groupHeartbeat: 'Heartbeat',
  groupHeartbeatResponse: 'HeartbeatResponse',
  leaveGroup: 'LeaveGroup',
  leaveGroupResponse: 'LeaveGroupResponse',
  offsetCommit: 'OffsetCommit',
  offsetCommitResponse: 'OffsetCommitResponse',
  offsetFetch: 'OffsetFetch',
  offsetFetchResponse: 'OffsetFetchResponse',
  listOffsets: 'ListOffsets',
  listOffsetsResponse: 'ListOffsetsResponse',
  offsetForLeaderEpoch: 'OffsetForLeaderEpoch',
  offsetForLeaderEpochResponse: 'OffsetForLeaderEpochResponse',
} as const satisfies Record<Message['kind'], string>;

/** A Kafka API name as the trace and `inFlight()` show it (Produce, FetchResponse, …). */
export type KafkaApiName = (typeof KAFKA_API_NAMES)[Message['kind']];

export function kafkaApiName(message: Message): KafkaApiName {
  return KAFKA_API_NAMES[message.kind];
}

/** The request's correlation id (a follower fetch's fetch id); null for messages without one. */
export function correlationIdOf(message: Message): number | null {
  if ('correlationId' in message) return message.correlationId;
  if ('fetchId' in message) return message.fetchId;
  return null;
}

/** Ids of the records a message carries (a produce request's batches, a fetch response's), if any. */
export function recordIdsOf(message: Message): number[] | undefined {
  switch (message.kind) {
    case 'produce': {
      // Every MessageSent of a request or response with records passes here: two passes over the
      // batches in place (count, then fill an array sized once), no intermediate arrays.
      const parts = message.partitions;
      let n = 0;
      for (let p = 0; p < parts.length; p++) n += parts[p]!.batch.records.length;
      if (n === 0) return undefined;
      const ids = new Array<number>(n);
      let i = 0;
      for (let p = 0; p < parts.length; p++) i = fill(ids, i, parts[p]!.batch);
      return ids;
    }
    case 'fetchResponse':
    case 'consumerFetchResponse': {
      const parts = message.partitions;
      let n = 0;
      for (let p = 0; p < parts.length; p++) {
        const batches = parts[p]!.batches;
        for (let b = 0; b < batches.length; b++) n += batches[b]!.records.length;
      }
      if (n === 0) return undefined;
      const ids = new Array<number>(n);
      let i = 0;
      for (let p = 0; p < parts.length; p++) {
        const batches = parts[p]!.batches;
        for (let b = 0; b < batches.length; b++) i = fill(ids, i, batches[b]!);
      }
      return ids;
    }
    default:
      return undefined;
  }
}

/** Writes a batch's record ids into `ids` from `at`; returns where the next batch goes. */
function fill(ids: number[], at: number, batch: Batch): number {
  const records = batch.records;
  for (let r = 0; r < records.length; r++) ids[at++] = records[r]!.id;
  return at;
}
