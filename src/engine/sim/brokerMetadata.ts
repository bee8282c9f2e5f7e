/**
 * A broker's metadata cache (what it last heard from the controller) and how each partition's
 * state changes the replica hosted here: become leader, become follower, or take a new ISR.
 */
import type { BrokerCore } from './brokerCore';
import { partitionKey } from './context';
import type { MetadataImage, PartitionState, ProduceResponse } from './messages';
import { Replica } from './replica';
import { registerClass } from '../core/graphRegistry';

/** What a change of role sets off in the other parts of the broker. */
export interface LeadershipHooks {
  /** This broker now leads `r` (a new leader epoch). */
  becameLeader(r: Replica): void;
  /** `r`'s ISR or partition epoch changed while it leads here. */
  leaderStateChanged(r: Replica): void;
  /** This broker led `r` and no longer does. */
  stoppedLeading(r: Replica): void;
  /** Copy `r` from `leader`. */
  follow(leader: number): void;
}

export class BrokerMetadata {
  /** Version of the last image applied; 0 = none (a restarted process knows nothing). */
  version = 0;
  private lastImage: MetadataImage | null = null;
  private fencedBrokers = new Set<number>();

  constructor(
    private readonly core: BrokerCore,
    private readonly hooks: LeadershipHooks,
  ) {}

  /** The metadata cache is memory: a dead process forgets it. */
  reset(): void {
    this.version = 0;
    this.lastImage = null;
  }

  /** As a client asking this broker would see it (possibly stale). */
  partitions(): PartitionState[] {
    return this.lastImage?.partitions ?? [];
  }

  /**
   * KIP-951: a NOT_LEADER_OR_FOLLOWER answer names the partition's current leader and epoch from
   * this broker's metadata cache (KafkaApis.handleProduceRequest → getCurrentLeader), so the
   * producer retries on the new leader without waiting for a metadata answer.
   */
  withLeaderHints(res: ProduceResponse): ProduceResponse {
    if (!res.partitions.some((p) => p.error === 'NOT_LEADER_OR_FOLLOWER')) return res;
    const cached = this.partitions();
    const partitions = res.partitions.map((p) => {
      if (p.error !== 'NOT_LEADER_OR_FOLLOWER') return p;
      const state = cached.find((s) => s.topic === p.topic && s.partition === p.partition);
      return state && state.leader >= 0 ? { ...p, currentLeader: { leaderId: state.leader, leaderEpoch: state.leaderEpoch } } : p;
    });
    return { ...res, partitions };
  }

  isFenced(broker: number): boolean {
    return this.fencedBrokers.has(broker);
  }

  apply(image: MetadataImage): void {
    if (image.version <= this.version) return;
    this.version = image.version;
    this.lastImage = image;
    this.fencedBrokers = new Set(image.fencedBrokers);
    const { id, replicas } = this.core;
    for (const state of image.partitions) {
      if (!state.replicas.includes(id)) continue;
      const key = partitionKey(state.topic, state.partition);
      let r = replicas.get(key);
      if (!r) {
        r = new Replica(state.topic, state.partition, id);
        replicas.set(key, r);
      }
      this.applyPartitionState(r, state);
    }
  }

  private applyPartitionState(r: Replica, state: PartitionState): void {
    const now = this.core.ctx.queue.now;
    if (state.leader === this.core.id) {
      if (!r.isLeader || state.leaderEpoch > r.leaderEpoch) {
        r.becomeLeader(state, now);
        this.hooks.becameLeader(r);
      } else if (state.partitionEpoch > r.partitionEpoch) {
        r.applyState(state);
        if (r.pendingIsr && sameMembers(r.pendingIsr.proposed, state.isr)) r.pendingIsr = null;
        this.hooks.leaderStateChanged(r);
      }
      return;
    }
    if (r.isLeader || state.leaderEpoch > r.leaderEpoch) {
      const wasLeader = r.isLeader;
      r.becomeFollower(state);
      if (wasLeader) this.hooks.stoppedLeading(r);
      if (state.leader >= 0) this.hooks.follow(state.leader);
    } else if (state.partitionEpoch > r.partitionEpoch) {
      r.applyState(state);
    }
  }
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

registerClass('BrokerMetadata', BrokerMetadata, { blank: () => new BrokerMetadata(null as never, null as never) });
