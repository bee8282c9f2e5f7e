/**
 * The contracts between a consumer's parts. A consumer is one client split into parts (member.ts
 * wires them): the application's poll loop, the committer, the coordinator lookup and heartbeats,
 * the fetcher and the rebalancer call one another, as the methods of Kafka's one ConsumerCoordinator
 * and KafkaConsumer do. Each part sees the others only through these interfaces, so the parts
 * import this file (and core.ts) and never one another.
 */
import type { GroupErrorCode } from '../../core/trace';
import type { PolledRecord } from './subscriptions';

/** Records handed to the application by one poll. */
export interface PolledBatch {
  records: PolledRecord[];
  /** "topic-N" → offset after the batch's last record of that partition. */
  next: Record<string, number>;
  /** How many of `records`, from the first, are processed (and not yet reported). */
  done: number;
}

/** What follows a commit (data, dispatched in the committer's `settle`). */
export type AfterCommit =
  | { do: 'nothing' }
  /** maybeAutoCommit: a retriable failure retries after retry.backoff.ms. */
  | { do: 'auto-commit' }
  /** onJoinPrepare's commit: then revoke and JoinGroup. */
  | { do: 'join-prepared'; flow: number }
  /** close(): then LeaveGroup and stop. */
  | { do: 'closed' }
  /** sync-before-processing: process the batch if the commit succeeded, else poll again. */
  | { do: 'process'; batch: PolledBatch }
  | { do: 'next-poll' };

/** One commitSync or commitAsync in progress. */
export interface Commit {
  readonly offsets: Record<string, number>;
  /** The offsets' leader epochs, where known: a commit of the consumer's positions has them. */
  readonly leaderEpochs: Record<string, number>;
  readonly sync: boolean;
  /** commitSync retries retriable errors until then. */
  readonly deadline: number;
  readonly then: AfterCommit;
}

/**
 * What runs once the coordinator is found. The application's and the fetcher's wake-ups are
 * registered at most once each (they were one function each); a join or a commit every time.
 */
export type Waiter = { kind: 'app-wake' } | { kind: 'fetcher-wake' } | { kind: 'join'; flow: number } | { kind: 'commit'; commit: Commit };

/** The application's poll loop (application.ts). */
export interface ApplicationPart {
  wake(): void;
  committedBeforeProcessing(batch: PolledBatch, error: GroupErrorCode | null): void;
  nextPoll(): void;
}

/** Offset commits (commits.ts). */
export interface CommitterPart {
  maybeAutoCommit(): void;
  rescheduleAutoCommit(): void;
  autoCommitSync(then: AfterCommit): void;
  commitSync(offsets: Record<string, number>, then: AfterCommit, leaderEpochs?: Record<string, number>): void;
  commitAsync(offsets: Record<string, number>, then?: AfterCommit, leaderEpochs?: Record<string, number>): void;
  /** commitSync() / commitAsync() with no offsets: the positions, with their leader epochs. */
  commitPositions(sync: boolean, then: AfterCommit): void;
  send(commit: Commit): void;
}

/** Finding the coordinator, heartbeats, LeaveGroup (coordination.ts). */
export interface CoordinationPart {
  /** The coordinator's broker id, null while unknown. */
  readonly coordinator: number | null;
  /** True when the coordinator is known; else starts looking and runs `then` once found. */
  ensure(then?: Waiter): boolean;
  answered(): void;
  markUnknown(): void;
  startHeartbeats(): void;
  leave(): void;
}

/** Positions and fetches (fetcher.ts). */
export interface FetcherPart {
  ensurePositions(): boolean;
  sendFetches(): void;
  dropPartition(key: string): void;
}

/** JoinGroup / SyncGroup and the generation (rebalance.ts). */
export interface RebalancerPart {
  ensureActiveGroup(): boolean;
  joinPrepared(flow: number): void;
  sendJoin(flow: number): void;
  pollTimeout(): void;
  requestRejoin(reason: GroupErrorCode | 'partitions-revoked' | 'poll-timeout'): void;
  onHeartbeatError(error: GroupErrorCode): void;
  resetGeneration(error: GroupErrorCode | 'poll-timeout'): void;
}

/** The member itself, as its parts end it (member.ts). */
export interface MemberLifecycle {
  close(): void;
  /** close()'s auto commit finished: LeaveGroup, stop. */
  closed(): void;
  fail(error: GroupErrorCode): void;
}
