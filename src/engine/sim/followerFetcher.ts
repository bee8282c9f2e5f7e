/**
 * A broker's follower side: one fetcher per leader it copies from (Kafka's ReplicaFetcherThread),
 * each with at most one fetch in flight. Answers append, truncate on a diverging epoch, or back off.
 */
import type { ScheduledTask } from '../core/eventQueue';
import type { BrokerCore } from './brokerCore';
import { brokerName, partitionKey } from './context';
import type { FetchedPartition, FetchPartition, FetchResponse } from './messages';
import type { Replica } from './replica';
import { shaped } from './emitter';
import { appendToLog, truncate, truncateOutOfRange } from './replicaLog';
import { registerClass } from '../core/graphRegistry';
import type { LazyTimer } from '../core/lazyTimer';
import { defineTask } from '../core/tasks';

/** Kafka's `replica.socket.timeout.ms` default: a follower's fetch gives up after this. */
export const REPLICA_SOCKET_TIMEOUT_MS = 30000;

interface Fetcher {
  leader: number;
  inFlight: number | null;
  /** The next fetch (re-armed after every answer: a LazyTimer, core/lazyTimer.ts). */
  readonly wake: LazyTimer;
  /**
   * The fetcher's replica.socket.timeout.ms check, at most one queued. A fetch is answered within
   * milliseconds, so a timer per fetch (made, then cancelled) was a task, a far bucket and a
   * cancellation for every fetch; this one stays queued across fetches and, when it comes due
   * while a later fetch is in flight, waits again until that fetch's own `deadline`.
   */
  timeout: ScheduledTask | null;
  /** When the fetch in flight times out. */
  deadline: number;
  /**
   * KIP-227: an answer was applied in this fetcher's session, so the next fetch is incremental.
   * A new fetcher, a timeout or a lost connection starts a new session (a full fetch): the leader
   * cannot know what the follower applied of an answer that may have been lost.
   */
  incremental: boolean;
  /**
   * The partitions of the last fetch sent. A partition whose position has not moved since is
   * asked for with the same (immutable) entry, and a fetch that asks exactly what the last one
   * asked reuses its list: most partitions of a fetch (__consumer_offsets' above all) are idle,
   * and these lists were the largest garbage of a busy run after the wire's own.
   */
  sent: readonly FetchPartition[];
  /**
   * The replicas this broker follows from `leader`, in the order of the broker's replica map, as
   * of metadata version `followedVersion` (-1: not listed yet). Leaders change only when metadata
   * is applied (a new version) or when the process dies (the fetchers go with it), so a fetch
   * walks these few instead of every replica the broker hosts (__consumer_offsets' fifty).
   */
  followed: Replica[];
  followedVersion: number;
}

/** Where the fetchers read the version of the metadata the broker applied (BrokerMetadata). */
export interface MetadataVersion {
  readonly version: number;
}

const NONE_SENT: readonly FetchPartition[] = Object.freeze([]);

const FETCHER_WAKE = defineTask('broker.followerFetch', (fetchers: FollowerFetchers, f: Fetcher) => fetchers.wake(f));
/** A follower's fetch gave no answer within replica.socket.timeout.ms (unless it was answered since). */
const FETCH_TIMED_OUT = defineTask('broker.followerFetchTimedOut', (fetchers: FollowerFetchers, f: Fetcher) => fetchers.fetchTimedOut(f));

function stopTimeout(f: Fetcher): void {
  if (f.timeout) f.timeout.cancelled = true;
  f.timeout = null;
}

/** Does the last fetch's entry still say what a fetch of `r` would ask? */
function unchanged(old: FetchPartition | undefined, r: Replica): boolean {
  return (
    old !== undefined &&
    old.partition === r.partition &&
    old.topic === r.topic &&
    old.fetchOffset === r.log.logEndOffset &&
    old.currentLeaderEpoch === r.leaderEpoch &&
    old.lastFetchedEpoch === r.log.lastBatchEpoch()
  );
}

export class FollowerFetchers {
  private readonly fetchers = new Map<number, Fetcher>();
  private nextFetchId = 1;

  constructor(
    private readonly core: BrokerCore,
    private readonly metadata: MetadataVersion,
  ) {}

  private get now(): number {
    return this.core.ctx.queue.now;
  }

  /** Fetch from `leader` (starts its fetcher unless one is running). */
  ensureFetcher(leader: number): void {
    let f = this.fetchers.get(leader);
    if (!f) {
      f = { leader, inFlight: null, wake: this.core.timer(FETCHER_WAKE, this), timeout: null, deadline: 0, incremental: false, sent: NONE_SENT, followed: [], followedVersion: -1 };
      this.fetchers.set(leader, f);
    }
    if (f.inFlight === null && !f.wake.armed) this.scheduleFetch(f, 0);
  }

  /** The process died: every fetcher stops. */
  clear(): void {
    for (const f of this.fetchers.values()) {
      f.wake.disarm();
      stopTimeout(f);
    }
    this.fetchers.clear();
  }

  /** A fetch in flight to a leader that died: back off, then fetch again (maybe elsewhere). */
  connectionLost(peer: string): void {
    for (const f of this.fetchers.values()) {
      if (brokerName(f.leader) === peer && f.inFlight !== null) {
        f.inFlight = null;
        f.incremental = false;
        this.scheduleFetch(f, this.core.ctx.config.broker['replica.fetch.backoff.ms']);
      }
    }
  }

  private scheduleFetch(f: Fetcher, delayMs: number): void {
    this.core.arm(f.wake, delayMs, f);
  }

  /** @internal The FETCHER_WAKE task. */
  wake(f: Fetcher): void {
    this.sendFetch(f);
  }

  private sendFetch(f: Fetcher): void {
    const asked = this.partitionsToFetch(f);
    if (asked.length === 0) {
      this.fetchers.delete(f.leader);
      return;
    }
    f.sent = asked;
    const fetchId = this.nextFetchId++;
    f.inFlight = fetchId;
    this.core.send(brokerName(f.leader), { kind: 'fetch', fetchId, replicaId: this.core.id, incremental: f.incremental, partitions: asked as FetchPartition[] });
    f.deadline = this.now + REPLICA_SOCKET_TIMEOUT_MS;
    if (f.timeout === null) f.timeout = this.core.later(REPLICA_SOCKET_TIMEOUT_MS, FETCH_TIMED_OUT, this, f);
  }

  /**
   * What the next fetch asks of `f.leader`: every partition this broker follows there, at its log
   * end. The last fetch's list when nothing moved (no list built), else a new list that keeps the
   * last fetch's entry for each partition that did not move.
   */
  private partitionsToFetch(f: Fetcher): readonly FetchPartition[] {
    const followed = this.followedFrom(f);
    const before = f.sent;
    const count = followed.length;
    let same = count === before.length;
    for (let i = 0; same && i < count; i++) if (!unchanged(before[i], followed[i]!)) same = false;
    if (same) return before;
    const partitions = new Array<FetchPartition>(count);
    for (let i = 0; i < count; i++) {
      const r = followed[i]!;
      const old = before[i];
      partitions[i] = unchanged(old, r)
        ? old!
        : { topic: r.topic, partition: r.partition, fetchOffset: r.log.logEndOffset, lastFetchedEpoch: r.log.lastBatchEpoch(), currentLeaderEpoch: r.leaderEpoch };
    }
    return partitions;
  }

  /** The replicas this broker follows from `f.leader` (see Fetcher.followed). */
  private followedFrom(f: Fetcher): readonly Replica[] {
    const version = this.metadata.version;
    if (f.followedVersion === version) return f.followed;
    const followed: Replica[] = [];
    for (const r of this.core.replicas.values()) if (r.leader === f.leader && !r.isLeader) followed.push(r);
    f.followed = followed;
    f.followedVersion = version;
    return followed;
  }

  /**
   * @internal The FETCH_TIMED_OUT task: the fetch in flight (if any) is over its deadline, or the
   * check waits for it. No fetch in flight: the next fetch queues a check again.
   */
  fetchTimedOut(f: Fetcher): void {
    f.timeout = null;
    if (f.inFlight === null) return;
    if (this.now < f.deadline) {
      f.timeout = this.core.later(f.deadline - this.now, FETCH_TIMED_OUT, this, f);
      return;
    }
    f.inFlight = null;
    f.incremental = false;
    this.scheduleFetch(f, this.core.ctx.config.broker['replica.fetch.backoff.ms']);
  }

  handleFetchResponse(res: FetchResponse, from: string): void {
    const leader = Number(from.slice(1));
    const f = this.fetchers.get(leader);
    if (!f || f.inFlight !== res.fetchId) return;
    f.inFlight = null;
    f.incremental = true;
    let backoff = false;
    // Index loops, not for-of: a fetch answer's lists (often the shared, frozen empty batch list)
    // went through the generic iterator, an object per step.
    const partitions = res.partitions;
    for (let i = 0; i < partitions.length; i++) {
      const p = partitions[i]!;
      const r = this.core.replicas.get(partitionKey(p.topic, p.partition));
      if (!r || r.isLeader || r.leader !== leader) continue;
      if (p.error === 'OFFSET_OUT_OF_RANGE') truncateOutOfRange(this.core, r, p);
      else if (p.error !== null) backoff = true;
      else if (p.divergingEpoch) truncate(this.core, r, r.divergenceOffset(p.divergingEpoch), 'diverging-epoch');
      else this.appendFromLeader(r, p, leader);
    }
    this.scheduleFetch(f, backoff ? this.core.ctx.config.broker['replica.fetch.backoff.ms'] : 0);
  }

  private appendFromLeader(r: Replica, p: FetchedPartition, leader: number): void {
    const { ctx } = this.core;
    const fetchOffset = r.log.logEndOffset;
    let records = 0;
    const batches = p.batches;
    for (let i = 0; i < batches.length; i++) {
      const batch = batches[i]!;
      if (batch.baseOffset !== r.log.logEndOffset) break;
      appendToLog(this.core, r, batch, 'follower');
      records += batch.records.length;
    }
    r.log.advanceLogStartOffset(p.logStartOffset);
    const hw = Math.min(p.highWatermark, r.log.logEndOffset);
    if (hw > r.log.highWatermark) {
      r.log.highWatermark = hw;
      if (ctx.passesHighWatermarkOf(r.topic, r.partition, this.core.id)) ctx.pass();
      else ctx.emit(shaped<'HighWatermarkAdvanced'>({ t: this.now, type: 'HighWatermarkAdvanced', broker: this.core.id, topic: r.topic, partition: r.partition, highWatermark: hw, cause: undefined, id: 0 }));
    }
    if (records > 0) {
      // Read only outside the engine (Emitter.pass).
      if (!ctx.watched) ctx.pass();
      else ctx.emit(shaped<'Fetched'>({ t: this.now, type: 'Fetched', broker: this.core.id, leader, topic: r.topic, partition: r.partition, fetchOffset, records, highWatermark: r.log.highWatermark, cause: undefined, id: 0 }));
    }
  }
}

registerClass('FollowerFetchers', FollowerFetchers, { blank: () => new FollowerFetchers(null as never, null as never) });
