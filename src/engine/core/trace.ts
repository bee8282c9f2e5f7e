/**
 * The trace: every engine event as a typed, serializable object. The UI animates from it, the
 * ledger classifies from it, lessons wait on it. Every event carries the virtual time `t` (ms).
 * Fields use broker ids (numbers) for brokers and node names (strings) for anything that may be a
 * client.
 *
 * Emitters build a `TraceEvent`; the simulation numbers it as it goes out (`Traced`: `id`, 1, 2, …
 * in emit order) and fills in `cause`, the id of the event that brought it about, where one is
 * known (an emitter may also pass `cause` itself). Verdict events (RecordLost …) are the ledger's
 * judgement on one record, emitted the moment it becomes true.
 */

export type ErrorCode =
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'REQUEST_TIMED_OUT'
  | 'NETWORK_EXCEPTION'
  | 'DELIVERY_TIMEOUT'
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  | 'INVALID_PRODUCER_EPOCH'
  | 'DUPLICATE_SEQUENCE_NUMBER'
  | 'UNKNOWN_TOPIC_OR_PARTITION'
  /** Client side: send() waited max.block.ms for buffer.memory (BufferExhaustedException). */
  | 'BUFFER_EXHAUSTED'
  /** Client side: a record larger than max.request.size or buffer.memory (RecordTooLargeException). */
  | 'RECORD_TOO_LARGE';

/** Errors after which a retry can succeed (Kafka's RetriableException subclasses). */
export const RETRIABLE_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'NOT_LEADER_OR_FOLLOWER',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PARTITION',
  // Not a RetriableException, but the idempotent producer retries it (TransactionManager.canRetry).
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
]);

/** Errors of the consumer side: the group coordinator's, the consumer fetch's, the client's own. */
export type GroupErrorCode =
  | 'NOT_COORDINATOR'
  | 'COORDINATOR_NOT_AVAILABLE'
  | 'COORDINATOR_LOAD_IN_PROGRESS'
  | 'UNKNOWN_MEMBER_ID'
  | 'ILLEGAL_GENERATION'
  | 'REBALANCE_IN_PROGRESS'
  | 'FENCED_INSTANCE_ID'
  | 'INCONSISTENT_GROUP_PROTOCOL'
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_LEADER_OR_FOLLOWER'
  | 'OFFSET_OUT_OF_RANGE'
  | 'FENCED_LEADER_EPOCH'
  | 'UNKNOWN_LEADER_EPOCH'
  | 'REQUEST_TIMED_OUT'
  | 'NETWORK_EXCEPTION'
  /** Client side: commitSync by a consumer that is no longer a member (CommitFailedException). */
  | 'NOT_A_MEMBER'
  /** Client side: auto.offset.reset=none and no committed offset (NoOffsetForPartitionException). */
  | 'NO_OFFSET_FOR_PARTITION';

/** The coordinator's states of a classic group (machines/groupCoordinator.machine.ts). */
export type GroupStateName = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

interface At {
  t: number;
  /** The id of the event that caused this one (see `Traced`). */
  cause?: number;
}
interface PartitionRef {
  topic: string;
  partition: number;
}

export type TraceEvent =
  // Producer side
  | (At & PartitionRef & { type: 'RecordSent'; producer: string; recordId: number; key: string | null })
  /** One per batch in a ProduceRequest (a request carries one batch per partition). */
  | (At & PartitionRef & { type: 'ProduceRequested'; producer: string; broker: number; correlationId: number; recordIds: number[]; acks: string; attempt: number; baseSequence: number })
  /** A batch's records acknowledged; `duplicate`: the broker had it already (idempotence). */
  | (At & PartitionRef & { type: 'Acked'; producer: string; recordIds: number[]; offset: number; duplicate?: boolean })
  | (At & { type: 'SendFailed'; producer: string; recordIds: number[]; error: ErrorCode })
  | (At & PartitionRef & { type: 'ProduceErrored'; producer: string; broker: number; recordIds: number[]; error: ErrorCode; willRetry: boolean })
  | (At & { type: 'ProducerIdAssigned'; producer: string; producerId: number; producerEpoch: number })
  /** send() blocks: buffer.memory is used up by batches not yet acknowledged. */
  | (At & { type: 'SendBlocked'; producer: string; bufferedBytes: number })
  | (At & { type: 'SendUnblocked'; producer: string; blockedMs: number })
  // Data plane
  | (At & PartitionRef & { type: 'Appended'; broker: number; role: 'leader' | 'follower'; baseOffset: number; lastOffset: number; leaderEpoch: number; recordIds: number[] })
  | (At & PartitionRef & { type: 'Fetched'; broker: number; leader: number; fetchOffset: number; records: number; highWatermark: number })
  | (At & PartitionRef & { type: 'HighWatermarkAdvanced'; broker: number; highWatermark: number })
  /** `recordIds`: the records the truncation removed from this replica, in offset order. */
  | (At & PartitionRef & { type: 'Truncated'; broker: number; fromOffset: number; toOffset: number; reason: 'diverging-epoch' | 'unclean-election' | 'recovery'; recordIds: number[] })
  | (At & PartitionRef & { type: 'UnflushedDataLost'; broker: number; fromOffset: number; toOffset: number; records: number; recordIds: number[] })
  | (At & PartitionRef & { type: 'Flushed'; broker: number; recoveryPoint: number })
  | (At & PartitionRef & { type: 'SegmentRolled'; broker: number; baseOffset: number })
  | (At & PartitionRef & { type: 'SegmentDeleted'; broker: number; baseOffset: number; endOffset: number; reason: 'retention.ms' | 'retention.bytes'; logStartOffset: number; recordIds: number[] })
  // Control plane
  | (At & PartitionRef & { type: 'IsrShrunk'; leader: number; removed: number[]; isr: number[]; partitionEpoch: number })
  | (At & PartitionRef & { type: 'IsrExpanded'; leader: number; added: number[]; isr: number[]; partitionEpoch: number })
  /** `candidates`: every replica as the election found it (filled in by the simulation). */
  | (At & PartitionRef & { type: 'LeaderElected'; leader: number; leaderEpoch: number; isr: number[]; unclean: boolean; previousLeader: number; candidates?: ElectionCandidate[] })
  | (At & PartitionRef & { type: 'PartitionOffline'; leaderEpoch: number; isr: number[]; previousLeader: number })
  | (At & { type: 'BrokerCrashed'; broker: number; powerLoss: boolean })
  | (At & { type: 'BrokerRestarted'; broker: number })
  | (At & { type: 'BrokerRegistered'; broker: number; incarnation: number })
  | (At & { type: 'BrokerFenced'; broker: number; reason: 'session-timeout' | 're-registration' })
  | (At & { type: 'BrokerUnfenced'; broker: number })
  | (At & { type: 'BrokerRegistrationRefused'; broker: number; incarnation: number; error: 'DUPLICATE_BROKER_REGISTRATION' })
  // Consumer groups: the coordinator's side (`broker` hosts the group's coordinator)
  | (At & { type: 'GroupStateChanged'; group: string; broker: number; from: GroupStateName; to: GroupStateName; generation: number; reason: string })
  | (At & { type: 'GroupLoaded'; group: string; broker: number; state: GroupStateName; generation: number; members: string[]; committed: Record<string, number> })
  | (At & { type: 'MemberJoined'; group: string; member: string; memberId: string; broker: number; groupInstanceId: string | null })
  | (At & { type: 'MemberLeft'; group: string; member: string; memberId: string; broker: number; reason: 'leave-group' | 'session-timeout' | 'join-timeout' | 'sync-timeout' })
  | (At & { type: 'OffsetsCommitted'; group: string; member: string; broker: number; generation: number; offsets: Record<string, number> })
  // Consumer groups: the members' side (`member` is the short name, c1; its node is group/member)
  | (At & { type: 'ConsumerStarted'; group: string; member: string; groupInstanceId: string | null })
  | (At & { type: 'ConsumerStopped'; group: string; member: string; how: 'closed' | 'crashed' | 'failed'; error: GroupErrorCode | null })
  | (At & { type: 'ConsumerPaused'; group: string; member: string; ms: number })
  | (At & { type: 'CoordinatorFound'; group: string; member: string; broker: number })
  | (At & { type: 'MemberAssigned'; group: string; member: string; generation: number; protocol: string; leader: boolean; partitions: string[]; added: string[] })
  | (At & { type: 'MemberRevoked'; group: string; member: string; generation: number; partitions: string[]; lost: boolean })
  | (At & { type: 'RebalanceNeeded'; group: string; member: string; reason: GroupErrorCode | 'poll-timeout' | 'partitions-revoked' | 'new-member' })
  | (At & { type: 'CommitFailed'; group: string; member: string; error: GroupErrorCode; offsets: Record<string, number>; sync: boolean })
  | (At & PartitionRef & { type: 'OffsetReset'; group: string; member: string; offset: number; reason: 'no-committed-offset' | 'out-of-range' | 'truncation'; policy: 'earliest' | 'latest' })
  /** One poll that returned records: per partition the first and last offset returned. */
  | (At & { type: 'RecordsPolled'; group: string; member: string; generation: number; count: number; ranges: Record<string, [number, number]> })
  /** Records whose processing finished (a batch, or the part of it done before a crash). */
  | (At & { type: 'RecordsProcessed'; group: string; member: string; recordIds: number[] })
  // Network and scenario
  | (At & { type: 'LinkCut'; between: [string, string] })
  | (At & { type: 'LinkHealed'; between: [string, string] | null })
  | (At & { type: 'LinkSlowed'; broker: number; latencyMs: number })
  /**
   * A message put on the wire (`kind`: Kafka's API name, e.g. Produce, FetchResponse). It ends in
   * exactly one MessageDelivered or MessageDropped with the same `messageId`; a message lost at once
   * (its link cut, a drop fault) has deliverAt = sentAt. `recordIds`: the records it carries.
   */
  | (At & { type: 'MessageSent'; messageId: number; from: string; to: string; kind: string; sentAt: number; deliverAt: number; correlationId: number | null; recordIds?: number[] })
  | (At & { type: 'MessageDelivered'; messageId: number })
  | (At & { type: 'MessageDropped'; messageId: number; from: string; to: string; kind: string; reason: 'link-cut' | 'node-down' | 'dropRequests' | 'dropResponses' })
  | (At & { type: 'SettingChanged'; target: string; config: Record<string, unknown> })
  // Verdicts: the ledger's judgement on one record, when it becomes true (`cause`: what did it)
  /**
   * An acknowledged record no longer in its partition's leader log (nor deleted by retention).
   * `election`: the id of the election that put a leader without it in charge, when `cause` is
   * the removal of that leader's own copy. `heldBackBy`: the id of the fault still in force that
   * kept that new leader from copying it (its slowed links, a cut link), when there is one.
   */
  | (At & PartitionRef & { type: 'RecordLost'; recordId: number; producer: string; offset: number; election?: number; heldBackBy?: number })
  /** A second (third …) copy of a record committed below the high watermark. */
  | (At & PartitionRef & { type: 'RecordDuplicated'; recordId: number; producer: string; offset: number; copies: number })
  /** A record committed after a record its producer sent to this partition later (`after`). */
  | (At & PartitionRef & { type: 'RecordReordered'; recordId: number; producer: string; offset: number; after: number })
  /**
   * A committed record a group will never process: it committed past it, or retention deleted it
   * first. `commit`: the commit past it, when `cause` is the stop of the member that held it.
   */
  | (At & PartitionRef & { type: 'RecordSkipped'; recordId: number; group: string; offset: number; reason: 'committed-past' | 'deleted'; commit?: number })
  /** A record a group processed again (`times`: how often so far). */
  | (At & { type: 'RecordProcessedTwice'; recordId: number; group: string; member: string; times: number });

/** One replica as a leader election found it: its log end offset and the epoch of its last batch. */
export interface ElectionCandidate {
  broker: number;
  logEndOffset: number;
  /** Epoch of the last batch in its log (-1: empty log). */
  leaderEpoch: number;
  up: boolean;
}

/** An event as the simulation delivers it: numbered in emit order. */
export type Traced<E extends TraceEvent = TraceEvent> = E & { readonly id: number };

/** The verdict events, one per record and kind of fate. */
export const VERDICT_TYPES = ['RecordLost', 'RecordDuplicated', 'RecordReordered', 'RecordSkipped', 'RecordProcessedTwice'] as const;
export type VerdictType = (typeof VERDICT_TYPES)[number];

export type TraceEventType = TraceEvent['type'];
export type TraceEventOf<T extends TraceEventType> = Extract<TraceEvent, { type: T }>;
