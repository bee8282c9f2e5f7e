/**
 * The shapes of a cluster snapshot (what `Simulation.snapshot()` hands the app): read-only plain
 * data, each entity with the `version` that moves when (and only when) it changes (snapshot.ts).
 */
import type { BrokerLifecycleState } from '../machines/broker.machine';

/** One offset of one replica's log (`logWindow`). */
export interface LogCell {
  readonly offset: number;
  readonly recordId: number;
  readonly key: string | null;
  readonly producer: string;
  readonly leaderEpoch: number;
  /** Below the recovery point: on disk. Otherwise only in the page cache (lost on power loss). */
  readonly flushed: boolean;
  /** Committed: consumers may read it, and acks=all has answered for it. */
  readonly belowHighWatermark: boolean;
}

export interface ReplicaSnapshot {
  readonly version: number;
  readonly broker: number;
  readonly role: 'leader' | 'follower';
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  readonly highWatermark: number;
  /** Offsets below it are flushed (fsynced); from it up to the LEO only in the page cache. */
  readonly recoveryPoint: number;
  /** The leader epoch this replica's broker knows (-1 while its broker is down). */
  readonly leaderEpoch: number;
  /** Epoch of the last batch in its log (-1: empty). */
  readonly lastBatchEpoch: number;
  /** In the partition's ISR, as the controller has it. */
  readonly inIsr: boolean;
  /** Followers: records behind the leader's LEO (0 for the leader or when there is none). */
  readonly fetchLag: number;
  /**
   * The cells of its log inside the partition's `window` (offsets `window.from` up to the smaller
   * of `window.to` and its LEO), oldest first; cells below its log start are absent. Carried in the snapshot so a frame needs
   * nothing else; `Simulation.logWindow` reads any other range.
   */
  readonly tail: readonly LogCell[];
}

export interface PartitionSnapshot {
  readonly version: number;
  readonly topic: string;
  readonly partition: number;
  /** Preferred leader first. */
  readonly replicas: readonly number[];
  /** -1: no leader (offline). */
  readonly leader: number;
  readonly leaderEpoch: number;
  readonly isr: readonly number[];
  readonly partitionEpoch: number;
  readonly replicaStates: readonly ReplicaSnapshot[];
  /**
   * The offsets every replica's `tail` covers: the last `tailCells` offsets below the leader's LEO
   * (without a leader, the largest LEO of a running replica). A replica may reach past `to`.
   */
  readonly window: { readonly from: number; readonly to: number };
}

export interface BrokerSnapshot {
  readonly version: number;
  readonly id: number;
  /** The process as its broker machine has it: crashed (kill -9, page cache kept) vs poweredOff (unflushed data lost). */
  readonly state: BrokerLifecycleState;
  /** The controller's view: fenced brokers lead nothing and are not in any ISR. */
  readonly fenced: boolean;
  /** Partitions (of the scenario's topics) it leads now. */
  readonly leaderOf: number;
}

export interface AccumulatorBatchSnapshot {
  readonly records: number;
  readonly bytes: number;
  /** Virtual ms since it was created (or re-enqueued for a retry). */
  readonly ageMs: number;
  /** No more appends: full, or drained. */
  readonly closed: boolean;
  readonly attempts: number;
}

export interface AccumulatorDequeSnapshot {
  readonly topic: string;
  readonly partition: number;
  readonly batches: readonly AccumulatorBatchSnapshot[];
  /** Records of this partition in unanswered requests. */
  readonly inFlightRecords: number;
}

export interface ProducerSnapshot {
  readonly version: number;
  readonly id: string;
  readonly acks: string;
  readonly lingerMs: number;
  readonly batchSize: number;
  readonly idempotent: boolean;
  readonly bufferUsed: number;
  readonly bufferTotal: number;
  /** Only partitions that have a deque (the producer sent to them at least once). */
  readonly deques: readonly AccumulatorDequeSnapshot[];
  /** Unanswered ProduceRequests per broker id. */
  readonly inFlightByBroker: Readonly<Record<number, number>>;
}

export interface MemberPartitionSnapshot {
  readonly topic: string;
  readonly partition: number;
  /** Next offset poll returns; null until known. */
  readonly position: number | null;
  /** The group's committed offset, null when none. */
  readonly committed: number | null;
  /** Leader's HW minus committed (as `kafka-consumer-groups --describe`), null without a leader or commit. */
  readonly lag: number | null;
}

export interface MemberSnapshot {
  readonly version: number;
  readonly name: string;
  /** Node name on the network: `group/c1`. */
  readonly node: string;
  /** The client's view: unjoined, joining, syncing, stable, dead. */
  readonly state: string;
  readonly alive: boolean;
  readonly paused: boolean;
  readonly partitions: readonly MemberPartitionSnapshot[];
}

export interface GroupSnapshot {
  readonly version: number;
  readonly id: string;
  /** The broker whose coordinator serves the group now, null while none does. */
  readonly coordinator: number | null;
  /** Empty, PreparingRebalance, CompletingRebalance, Stable, Dead; 'Unavailable' without a coordinator. */
  readonly state: string;
  readonly generation: number;
  readonly protocol: string | null;
  readonly members: readonly MemberSnapshot[];
  /** Committed offset per `topic-partition`. */
  readonly committed: Readonly<Record<string, number>>;
}

export interface LinkSnapshot {
  readonly version: number;
  /** Both node names, sorted. */
  readonly cut: readonly (readonly [string, string])[];
  readonly slow: readonly { readonly node: string; readonly latencyMs: number }[];
}

export interface ClusterSnapshot {
  /** Bumped on every event: a cheap "did anything change?" for views. */
  readonly version: number;
  readonly time: number;
  readonly brokers: readonly BrokerSnapshot[];
  /** The controller's view of each partition, with every replica's offsets and log tail. */
  readonly partitions: readonly PartitionSnapshot[];
  readonly producers: readonly ProducerSnapshot[];
  readonly groups: readonly GroupSnapshot[];
  readonly links: LinkSnapshot;
  readonly records: { readonly sent: number; readonly acknowledged: number; readonly failed: number; readonly pending: number };
}

export interface SnapshotOptions {
  /** Cells per replica tail (default 16, at most 64). */
  tailCells?: number;
}
