/**
 * A partition leader's side of replication: it serves its followers' fetches, moves the high
 * watermark, and asks the controller to change the ISR (AlterPartition). Rules in Kafka's names
 * (`Partition.scala`); the replica holds the state (replica.ts).
 */
import type { ErrorCode } from '../core/trace';
import type { BrokerCore } from './brokerCore';
import { CONTROLLER, partitionKey } from './context';
import type { FetchPurgatory } from './fetchPurgatory';
import type { AlterPartitionResponse, FetchedPartition, FetchPartition, FetchRequest } from './messages';
import type { ProducePurgatory } from './producePurgatory';
import type { Replica } from './replica';
import { registerClass } from '../core/graphRegistry';
import { NO_BATCHES } from '../model/log';
import { shaped } from './emitter';

/** How long a leader waits for the controller's answer to an ISR change before asking again. */
export const ALTER_PARTITION_RETRY_MS = 5000;

export interface LeaderHooks {
  /** KIP-841: only unfenced brokers may join an ISR (or hold the HW back while catching up). */
  isEligibleForIsr(broker: number): boolean;
  /** The HW of a partition led here moved (the group coordinator waits on its writes). */
  onHighWatermark(r: Replica): void;
}

export class LeaderReplication {
  /**
   * Per follower, the partition list of its last fetch, with the keys a fetch of it parks on and
   * this broker's replica of each (`askedOf`). A follower asks for the same partitions fetch after
   * fetch (FollowerFetchers.partitionsToFetch), and a broker's replica of a partition, once made,
   * stays the same object (BrokerMetadata.apply only adds): two map lookups per partition per
   * fetch were a tenth of a fetch's cost.
   */
  private readonly asked = new Map<number, FollowerAsk>();

  constructor(
    private readonly core: BrokerCore,
    private readonly fetchPurgatory: FetchPurgatory,
    private readonly producePurgatory: ProducePurgatory,
    private readonly hooks: LeaderHooks,
  ) {}

  private get now(): number {
    return this.core.ctx.queue.now;
  }

  /** min.insync.replicas as the partition applies it: never more than its replica count. */
  minIsr(r: Replica): number {
    return r.effectiveMinIsr(this.core.ctx.config.minInsyncReplicas(r.topic));
  }

  /**
   * Partition.checkEnoughReplicasReachOffset: reached the HW, but has the ISR shrunk below min?
   * Kafka counts the maximal ISR here (a shrink still waiting for the controller has not happened).
   */
  afterAppendError(r: Replica): ErrorCode | null {
    return r.maximalIsr().length < this.minIsr(r) ? 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' : null;
  }

  maybeIncrementHighWatermark(r: Replica): void {
    if (!r.isLeader) return;
    const settings = this.core.ctx.config.broker;
    const hw = r.nextHighWatermark(this.now, settings['replica.lag.time.max.ms'], this.minIsr(r), this.hooks);
    if (hw === null) return;
    r.log.highWatermark = hw;
    this.core.ctx.emit(shaped<'HighWatermarkAdvanced'>({ t: this.now, type: 'HighWatermarkAdvanced', broker: this.core.id, topic: r.topic, partition: r.partition, highWatermark: hw, cause: undefined, id: 0 }));
    this.producePurgatory.complete(r, this.afterAppendError(r));
    this.hooks.onHighWatermark(r);
  }

  /** New data (or a leadership change) on a partition: parked fetches on it answer now. */
  wakeFetches(key: string): void {
    this.fetchPurgatory.wake(key);
  }

  // ── Follower fetches ─────────────────────────────────────────────────────────────────────

  handleFetch(req: FetchRequest, from: string, mayWait: boolean): void {
    // Loops, not map/some with closures: every follower fetch of every partition passes here.
    // An incremental fetch's answer holds only the partitions with something new (KIP-227): most
    // of a follower's partitions (__consumer_offsets' above all) have nothing, most of the time.
    // The answer's list is made for the first partition in it: most fetches park with none.
    let partitions: FetchedPartition[] | null = null;
    let hasNews = false;
    const ask = this.askedOf(req);
    for (let i = 0; i < req.partitions.length; i++) {
      const p = this.readForFollower(req.replicaId, req.partitions[i]!, ask.replicas[i], req.incremental);
      if (p === null) continue;
      (partitions ??= []).push(p);
      if (p.error !== null || p.divergingEpoch !== null || p.batches.length > 0) hasNews = true;
    }
    if (hasNews || !mayWait) {
      partitions ??= [];
      this.rememberSent(req.replicaId, partitions);
      this.core.send(from, { kind: 'fetchResponse', fetchId: req.fetchId, partitions });
      return;
    }
    // Nothing new: park the fetch until data arrives or replica.fetch.wait.max.ms passes.
    this.fetchPurgatory.park(ask.keys, this.core.ctx.config.broker['replica.fetch.wait.max.ms'], this, req, from);
  }

  /** The follower's ask as of this fetch: the last one's when it names the same partitions (see `asked`). */
  private askedOf(req: FetchRequest): FollowerAsk {
    const last = this.asked.get(req.replicaId);
    if (last !== undefined && (last.partitions === req.partitions || samePartitions(last.partitions, req.partitions))) {
      last.partitions = req.partitions;
      if (last.complete) return last;
    }
    const count = req.partitions.length;
    const keys = new Array<string>(count);
    const replicas = new Array<Replica | undefined>(count);
    let complete = true;
    for (let i = 0; i < count; i++) {
      keys[i] = partitionKey(req.partitions[i]!.topic, req.partitions[i]!.partition);
      replicas[i] = this.core.replicas.get(keys[i]!);
      // No replica here yet: metadata may make one later, so look again next time.
      if (replicas[i] === undefined) complete = false;
    }
    const ask: FollowerAsk = { partitions: req.partitions, keys, replicas, complete };
    this.asked.set(req.replicaId, ask);
    return ask;
  }

  /**
   * The fetch session's record of what the follower was sent (FetchSession.CachedPartition): the
   * HW and log start offset of each partition in the answer. An error or a diverging epoch makes
   * the follower change its log in ways the leader does not follow: its next answer is whole.
   */
  private rememberSent(replicaId: number, partitions: readonly FetchedPartition[]): void {
    for (let i = 0; i < partitions.length; i++) {
      const p = partitions[i]!;
      const st = this.core.replicas.get(partitionKey(p.topic, p.partition))?.followers.get(replicaId);
      if (!st) continue;
      const clean = p.error === null && p.divergingEpoch === null;
      st.sentHighWatermark = clean ? p.highWatermark : -1;
      st.sentLogStartOffset = clean ? p.logStartOffset : -1;
    }
  }

  /**
   * One partition of a follower's fetch, or null when an incremental fetch's answer leaves it out:
   * no records, and the HW and log start offset it was last sent (with no records to read, the
   * follower is at the leader's end, so it already applied that HW).
   */
  private readForFollower(replicaId: number, p: FetchRequest['partitions'][number], r: Replica | undefined, incremental: boolean): FetchedPartition | null {
    if (!r || !r.isLeader) return fetched(p, r, 'NOT_LEADER_OR_FOLLOWER', NO_BATCHES, null);
    if (incremental && idleForFollower(r, replicaId, p, this.now)) return null;
    if (p.currentLeaderEpoch < r.leaderEpoch) return fetched(p, r, 'FENCED_LEADER_EPOCH', NO_BATCHES, null);
    if (p.currentLeaderEpoch > r.leaderEpoch) return fetched(p, r, 'UNKNOWN_LEADER_EPOCH', NO_BATCHES, null);
    const position = r.checkFetchPosition(p.lastFetchedEpoch, p.fetchOffset);
    if (position === 'out-of-range') return fetched(p, r, 'OFFSET_OUT_OF_RANGE', NO_BATCHES, null);
    if (position) return fetched(p, r, null, NO_BATCHES, position);

    const st = r.updateFollowerFetchState(replicaId, p.fetchOffset, this.now);
    this.maybeExpandIsr(r, replicaId);
    this.maybeIncrementHighWatermark(r);
    const batches = r.appendedBatches(p.fetchOffset, this.core.ctx.config.broker['replica.fetch.max.bytes']);
    if (incremental && batches.length === 0 && st !== undefined && st.sentHighWatermark === r.log.highWatermark && st.sentLogStartOffset === r.log.logStartOffset) return null;
    return fetched(p, r, null, batches, null);
  }

  // ── ISR changes (leader → controller) ────────────────────────────────────────────────────

  private maybeExpandIsr(r: Replica, follower: number): void {
    if (r.pendingIsr || !r.canJoinIsr(follower) || !this.hooks.isEligibleForIsr(follower)) return;
    this.proposeIsr(r, [...r.isr, follower]);
  }

  /** The periodic ISR check (every half replica.lag.time.max.ms, ReplicaManager.startup). */
  shrinkIsrWhereLagging(): void {
    const lagMax = this.core.ctx.config.broker['replica.lag.time.max.ms'];
    for (const r of this.core.replicas.values()) {
      if (!r.isLeader) continue;
      if (r.pendingIsr) {
        // No answer from the controller for a while: the request or its answer was lost.
        if (this.now - r.pendingIsr.sentAtMs >= ALTER_PARTITION_RETRY_MS) this.proposeIsr(r, r.pendingIsr.proposed);
        continue;
      }
      const lagging = r.outOfSyncReplicas(this.now, lagMax);
      if (lagging.length > 0) this.proposeIsr(r, r.isr.filter((b) => !lagging.includes(b)));
    }
  }

  private proposeIsr(r: Replica, proposed: number[]): void {
    r.pendingIsr = { proposed, sentAtMs: this.now };
    this.core.send(CONTROLLER, {
      kind: 'alterPartition',
      broker: this.core.id,
      topic: r.topic,
      partition: r.partition,
      leaderEpoch: r.leaderEpoch,
      partitionEpoch: r.partitionEpoch,
      newIsr: proposed,
    });
  }

  handleAlterPartitionResponse(res: AlterPartitionResponse): void {
    const r = this.core.replicas.get(partitionKey(res.topic, res.partition));
    if (!r) return;
    r.pendingIsr = null;
    if (res.state && res.state.leaderEpoch === r.leaderEpoch && res.state.partitionEpoch > r.partitionEpoch) {
      r.applyState(res.state);
    }
    this.maybeIncrementHighWatermark(r);
  }
}

registerClass('LeaderReplication', LeaderReplication, { blank: () => new LeaderReplication(null as never, null as never, null as never, null as never) });

/** What a follower's fetches ask of this leader (LeaderReplication.asked). */
interface FollowerAsk {
  partitions: readonly FetchPartition[];
  readonly keys: readonly string[];
  /** This broker's replica of each partition asked for. */
  readonly replicas: readonly (Replica | undefined)[];
  /** Every partition asked for has a replica here. */
  readonly complete: boolean;
}

/** Do two fetches ask for the same partitions, in the same order (offsets aside)? */
function samePartitions(a: readonly FetchPartition[], b: readonly FetchPartition[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.partition !== b[i]!.partition || a[i]!.topic !== b[i]!.topic) return false;
  return true;
}

/**
 * The fast path of an incremental fetch's idle partition (most of a follower's partitions, most
 * of the time): the follower, an ISR member, asks at the leader's log end on the current epoch,
 * the HW is at the log end too and the session already sent both HW and log start offset. The
 * full path would only record the fetch (updateFollowerFetchState, caught up now), then find
 * nothing to do: no ISR change (an ISR member cannot join; none while one is pending), no HW
 * move (it cannot pass the log end), nothing to read, and leave the partition out of the answer.
 * Returns true when it took the fast path (and recorded the fetch); false: take the full path.
 */
function idleForFollower(r: Replica, replicaId: number, p: FetchPartition, now: number): boolean {
  const log = r.log;
  const leo = log.logEndOffset;
  if (p.fetchOffset !== leo || log.highWatermark !== leo || p.currentLeaderEpoch !== r.leaderEpoch) return false;
  // checkFetchPosition answers null: no epoch given, or the latest one (it ends at the log end).
  if (p.lastFetchedEpoch >= 0 && p.lastFetchedEpoch !== log.epochs.latestEpoch()) return false;
  if (p.fetchOffset < log.logStartOffset) return false;
  const st = r.followers.get(replicaId);
  if (st === undefined || st.sentHighWatermark !== leo || st.sentLogStartOffset !== log.logStartOffset) return false;
  if (r.pendingIsr === null && !r.isr.includes(replicaId)) return false;
  // Replica.updateFollowerFetchState with fetchOffset = the leader's log end.
  if (now > st.lastCaughtUpTimeMs) st.lastCaughtUpTimeMs = now;
  st.logEndOffset = leo;
  st.lastFetchLeaderLogEndOffset = leo;
  st.lastFetchTimeMs = now;
  return true;
}
/** One partition of a fetch response, with the leader's offsets as they stand now (one literal: one shape). */
function fetched(
  p: FetchRequest['partitions'][number],
  r: Replica | undefined,
  error: FetchedPartition['error'],
  batches: FetchedPartition['batches'],
  divergingEpoch: FetchedPartition['divergingEpoch'],
): FetchedPartition {
  return {
    topic: p.topic,
    partition: p.partition,
    error,
    batches,
    highWatermark: r?.log.highWatermark ?? 0,
    logStartOffset: r?.log.logStartOffset ?? 0,
    logEndOffset: r?.log.logEndOffset ?? 0,
    divergingEpoch,
  };
}
