/**
 * One broker's replica of one partition: its log plus what that broker knows of the partition
 * (leader, epochs, ISR) and, while it leads, what it knows of its followers. Small rule functions
 * in Kafka's names (`Partition.scala`, `ReplicaState`); the broker calls them and does the I/O.
 */
import type { Batch } from '../model/batch';
import { PartitionLog } from '../model/log';
import type { PartitionState } from './messages';
import { registerClass } from '../core/graphRegistry';

const NEVER = Number.NEGATIVE_INFINITY;

/** What a leader tracks per follower (Kafka's `ReplicaState`). */
export interface FollowerState {
  /** -1 = unknown (not fetched since this broker became leader). */
  logEndOffset: number;
  lastCaughtUpTimeMs: number;
  lastFetchTimeMs: number;
  lastFetchLeaderLogEndOffset: number;
  /**
   * The follower's fetch session (KIP-227, `FetchSession.CachedPartition`): the high watermark and
   * log start offset last sent to it, -1 when nothing has been sent since the session began. An
   * incremental fetch's answer leaves out a partition with no records, no error and neither
   * changed: the follower has nothing to apply from it.
   */
  sentHighWatermark: number;
  sentLogStartOffset: number;
}

/**
 * Who may join the ISR (KIP-841: unfenced brokers): an object the caller already holds (the
 * leader's hooks), not a closure made per call — the HW check runs on every follower fetch.
 */
export interface IsrEligibility {
  isEligibleForIsr(broker: number): boolean;
}

/** An ISR change sent to the controller and not yet answered. */
export interface PendingIsrChange {
  proposed: number[];
  sentAtMs: number;
}

export class Replica {
  readonly log = new PartitionLog();
  replicas: number[] = [];
  leader = -1;
  leaderEpoch = -1;
  partitionEpoch = -1;
  /** The committed ISR, as this broker last heard it. */
  isr: number[] = [];
  followers = new Map<number, FollowerState>();
  pendingIsr: PendingIsrChange | null = null;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly brokerId: number,
  ) {}

  get isLeader(): boolean {
    return this.leader === this.brokerId;
  }

  /**
   * KIP-497's "maximal" ISR: while an expansion is pending the new member already counts for the
   * high watermark; while a shrink is pending the old, larger ISR still does.
   */
  maximalIsr(): number[] {
    if (!this.pendingIsr) return this.isr;
    const union = [...this.isr];
    for (const b of this.pendingIsr.proposed) if (!union.includes(b)) union.push(b);
    return union;
  }

  becomeLeader(state: PartitionState, nowMs: number): void {
    this.applyState(state);
    this.pendingIsr = null;
    // Kafka's makeLeader: the new epoch starts at the current log end offset.
    this.log.epochs.assign(state.leaderEpoch, this.log.logEndOffset);
    // Replica.resetReplicaState: ISR members count as caught up now, the others as never (Kafka
    // uses 0, which on a wall clock is "never"; virtual time starts at 0, hence -Infinity).
    this.followers = new Map();
    for (const r of state.replicas) {
      if (r === this.brokerId) continue;
      this.followers.set(r, {
        logEndOffset: -1,
        lastCaughtUpTimeMs: state.isr.includes(r) ? nowMs : NEVER,
        lastFetchTimeMs: NEVER,
        lastFetchLeaderLogEndOffset: -1,
        sentHighWatermark: -1,
        sentLogStartOffset: -1,
      });
    }
  }

  becomeFollower(state: PartitionState): void {
    this.applyState(state);
    this.pendingIsr = null;
    this.followers = new Map();
  }

  applyState(state: PartitionState): void {
    this.replicas = state.replicas;
    this.leader = state.leader;
    this.leaderEpoch = state.leaderEpoch;
    this.partitionEpoch = state.partitionEpoch;
    this.isr = state.isr;
  }

  /**
   * `Partition.effectiveMinIsr` (KAFKA-15583, Kafka 3.7): a min.insync.replicas larger than the
   * replica count counts as the replica count, so an RF 2 topic with min ISR 3 accepts acks=all
   * writes while both replicas are in sync. Every min ISR rule uses it: the acks=all append check,
   * NOT_ENOUGH_REPLICAS_AFTER_APPEND and the strict-min-ISR high watermark. (The controller's
   * `getTopicEffectiveMinIsr` is the same rule; it feeds only ELR, which is not simulated.)
   */
  effectiveMinIsr(minInsyncReplicas: number): number {
    return Math.min(minInsyncReplicas, this.replicas.length);
  }

  /** Kafka's `ReplicaState.updateFetchState`. Returns the follower's state (undefined: not a follower here). */
  updateFollowerFetchState(follower: number, fetchOffset: number, nowMs: number): FollowerState | undefined {
    const st = this.followers.get(follower);
    if (!st) return undefined;
    const leaderEnd = this.log.logEndOffset;
    if (fetchOffset >= leaderEnd) st.lastCaughtUpTimeMs = Math.max(st.lastCaughtUpTimeMs, nowMs);
    else if (fetchOffset >= st.lastFetchLeaderLogEndOffset) st.lastCaughtUpTimeMs = Math.max(st.lastCaughtUpTimeMs, st.lastFetchTimeMs);
    st.logEndOffset = fetchOffset;
    st.lastFetchLeaderLogEndOffset = leaderEnd;
    st.lastFetchTimeMs = nowMs;
    return st;
  }

  /** Kafka's `ReplicaState.isCaughtUp`. */
  isCaughtUp(follower: number, nowMs: number, replicaLagTimeMaxMs: number): boolean {
    const st = this.followers.get(follower);
    if (!st) return false;
    return st.logEndOffset === this.log.logEndOffset || nowMs - st.lastCaughtUpTimeMs <= replicaLagTimeMaxMs;
  }

  /**
   * The high watermark the leader may move to (`Partition.maybeIncrementLeaderHW`): the smallest
   * LEO among the maximal ISR and among replicas caught up and eligible to join it (KIP-841), or
   * null when it would not rise. Since Kafka 3.7 it does not rise while the ISR is below
   * min.insync.replicas (`Partition.isUnderMinIsr`); `minIsr` is the effective one.
   */
  nextHighWatermark(nowMs: number, lagMaxMs: number, minIsr: number, eligibility: IsrEligibility): number | null {
    if (this.isr.length < minIsr) return null;
    const leo = this.log.logEndOffset;
    let hw = leo;
    const pending = this.pendingIsr;
    // Runs on every follower fetch: a follower that cannot lower the HW is not looked at further,
    // and the maximal ISR is tested without building it (isr ∪ proposed, as maximalIsr()).
    // keys() and get(), not entries: an [id, state] pair per follower per fetch was a tenth of
    // all the garbage of a busy run.
    for (const id of this.followers.keys()) {
      const st = this.followers.get(id)!;
      if (st.logEndOffset >= hw) continue;
      const inMaximalIsr = this.isr.includes(id) || (pending !== null && pending.proposed.includes(id));
      // isCaughtUp(id), with the follower's state already in hand.
      const caughtUp = st.logEndOffset === leo || nowMs - st.lastCaughtUpTimeMs <= lagMaxMs;
      if (inMaximalIsr || (caughtUp && eligibility.isEligibleForIsr(id))) hw = st.logEndOffset;
    }
    return hw > this.log.highWatermark ? hw : null;
  }

  /** ISR members (other than the leader) that have not caught up for replica.lag.time.max.ms. */
  outOfSyncReplicas(nowMs: number, lagMaxMs: number): number[] {
    return this.isr.filter((b) => b !== this.brokerId && !this.isCaughtUp(b, nowMs, lagMaxMs));
  }

  /**
   * Can `follower` rejoin the ISR (`Partition.isFollowerInSync`)? Its LEO must reach the high
   * watermark and the start of the current leader epoch.
   */
  canJoinIsr(follower: number): boolean {
    // Asked on every follower fetch, and almost always of an ISR member: that answer first.
    if (this.isr.includes(follower)) return false;
    const st = this.followers.get(follower);
    if (!st) return false;
    const epochStart = this.log.epochs.startOffsetOf(this.leaderEpoch) ?? this.log.logEndOffset;
    return st.logEndOffset >= this.log.highWatermark && st.logEndOffset >= epochStart;
  }

  /**
   * How far a follower truncates when its leader answers a fetch with a diverging epoch
   * (`AbstractFetcherThread.getOffsetTruncationState`). If the follower knows that epoch, it cuts
   * to where the epoch ends on both sides; if not, it cuts to the end of its largest epoch below
   * it, and the next fetch checks again.
   */
  divergenceOffset(diverging: { epoch: number; endOffset: number }): number {
    return Math.max(this.log.logStartOffset, this.truncationTarget(diverging));
  }

  private truncationTarget(diverging: { epoch: number; endOffset: number }): number {
    const leo = this.log.logEndOffset;
    if (diverging.endOffset < 0) return Math.min(this.log.highWatermark, leo);
    if (diverging.epoch < 0) return Math.min(diverging.endOffset, leo);
    const local = this.log.epochs.endOffsetFor(diverging.epoch, leo);
    if (local.epoch < 0) return Math.min(diverging.endOffset, leo);
    if (local.epoch !== diverging.epoch) return Math.min(local.endOffset, leo);
    return Math.min(local.endOffset, diverging.endOffset, leo);
  }

  /**
   * The leader's check of a follower's fetch position (`Partition.readRecords`): 'out-of-range'
   * when the end of the follower's last epoch is unknown here or the position is below the log
   * start; the diverging epoch when the follower holds records this log does not; null when the
   * logs agree.
   */
  checkFetchPosition(lastFetchedEpoch: number, fetchOffset: number): 'out-of-range' | { epoch: number; endOffset: number } | null {
    if (lastFetchedEpoch >= 0 && lastFetchedEpoch === this.log.epochs.latestEpoch()) {
      // The usual case (the follower is on the current epoch), without endOffsetFor's object:
      // the latest epoch ends at the log end offset.
      if (fetchOffset < this.log.logStartOffset) return 'out-of-range';
      if (this.log.logEndOffset < fetchOffset) return { epoch: lastFetchedEpoch, endOffset: this.log.logEndOffset };
    } else if (lastFetchedEpoch >= 0) {
      const end = this.log.epochs.endOffsetFor(lastFetchedEpoch, this.log.logEndOffset);
      if (end.epoch < 0 || end.endOffset < 0) return 'out-of-range';
      if (fetchOffset < this.log.logStartOffset) return 'out-of-range';
      if (end.epoch < lastFetchedEpoch || end.endOffset < fetchOffset) return end;
    }
    if (fetchOffset < this.log.logStartOffset || fetchOffset > this.log.logEndOffset) return 'out-of-range';
    return null;
  }

  appendedBatches(fromOffset: number, maxBytes: number): readonly Batch[] {
    return this.log.read(fromOffset, maxBytes);
  }
}

registerClass('Replica', Replica, { blank: () => new Replica('', 0, 0) });
