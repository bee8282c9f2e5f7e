/**
 * What travels over the simulated network: Kafka's requests and responses, reduced to the fields
 * the simulation needs. Records travel as immutable batch objects shared by reference.
 */
import type { Batch } from '../model/batch';
import type { Acks } from '../scenario/types';
import type { ErrorCode } from '../core/trace';
import type { ConsumerMessage } from '../consumer/messages';

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
  partitions: FetchPartition[];
}
export type FetchError = 'NOT_LEADER_OR_FOLLOWER' | 'FENCED_LEADER_EPOCH' | 'UNKNOWN_LEADER_EPOCH' | 'OFFSET_OUT_OF_RANGE';
export interface FetchedPartition {
  topic: string;
  partition: number;
  error: FetchError | null;
  batches: Batch[];
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
