/**
 * The producer's view of the cluster (Kafka's client Metadata): who leads each partition, learned
 * from metadata requests that any broker answers from its own, possibly stale, cache.
 */
import type { PartitionState } from '../sim/messages';
import { registerClass } from '../core/graphRegistry';

export class ProducerMetadata {
  private readonly leaders = new Map<string, number[]>();
  /** The newest leader epoch seen per partition (Metadata.lastSeenLeaderEpochs). */
  private readonly leaderEpochs = new Map<string, number[]>();
  private readonly available = new Map<string, number[]>();
  /** Set after NOT_LEADER_OR_FOLLOWER, a disconnect, an unknown leader, or metadata.max.age.ms. */
  needsUpdate = true;
  lastUpdateMs = -Infinity;
  lastRequestMs = -Infinity;
  /** The correlation id of the metadata request in flight, and whom it went to. */
  inFlight: { correlationId: number; broker: number } | null = null;

  constructor(private readonly partitionCounts: ReadonlyMap<string, number>) {}

  /** The request in flight timed out (unanswered, it is asked again): true if it was this one. */
  requestTimedOut(correlationId: number): boolean {
    if (this.inFlight?.correlationId !== correlationId) return false;
    this.inFlight = null;
    this.needsUpdate = true;
    return true;
  }

  /** The answer to the request in flight: true if it was (a stale answer is ignored). */
  answered(correlationId: number, partitions: readonly PartitionState[], nowMs: number): boolean {
    if (correlationId !== this.inFlight?.correlationId) return false;
    this.inFlight = null;
    this.update(partitions, nowMs);
    return true;
  }

  /** The connection to `broker` broke: a request in flight to it is asked again. */
  connectionLost(broker: number): void {
    if (this.inFlight?.broker !== broker) return;
    this.inFlight = null;
    this.needsUpdate = true;
  }

  partitionCount(topic: string): number {
    return this.partitionCounts.get(topic) ?? 1;
  }

  /** -1 when unknown (no metadata yet, or the partition has no leader). */
  leaderOf(topic: string, partition: number): number {
    return this.leaders.get(topic)?.[partition] ?? -1;
  }

  /** Partitions with a known leader, ascending (Cluster.availablePartitionsForTopic). */
  availablePartitions(topic: string): readonly number[] {
    return this.available.get(topic) ?? [];
  }

  /** The newest leader epoch seen for the partition, -1 if none yet. */
  leaderEpochOf(topic: string, partition: number): number {
    return this.leaderEpochs.get(topic)?.[partition] ?? -1;
  }

  /**
   * Takes each partition's leader from a metadata answer unless the answering broker's cache is
   * older than what the producer already knows: since KIP-320, Metadata.updateLatestMetadata keeps
   * the cached partition when the answer's leader epoch is below the last one seen. Without this,
   * a broker cut off from the controller that still believes it leads would win the producer back.
   */
  update(partitions: readonly PartitionState[], now: number): void {
    for (const p of partitions) {
      const leaders = this.perPartition(this.leaders, p.topic);
      const epochs = this.perPartition(this.leaderEpochs, p.topic);
      if (p.leaderEpoch < epochs[p.partition]!) continue;
      epochs[p.partition] = p.leaderEpoch;
      leaders[p.partition] = p.leader;
    }
    this.refreshAvailable();
    this.lastUpdateMs = now;
    this.needsUpdate = false;
  }

  /**
   * KIP-951, Metadata.updatePartitionLeadership: the leader a NOT_LEADER_OR_FOLLOWER produce
   * answer names is taken only if its epoch is newer than the one known. It does not count as a
   * metadata update (a full one is still requested).
   */
  updatePartitionLeadership(topic: string, partition: number, leaderId: number, leaderEpoch: number): void {
    if (leaderId < 0 || leaderEpoch < 0 || partition >= this.partitionCount(topic)) return;
    const epochs = this.perPartition(this.leaderEpochs, topic);
    if (leaderEpoch <= epochs[partition]!) return;
    epochs[partition] = leaderEpoch;
    this.perPartition(this.leaders, topic)[partition] = leaderId;
    this.refreshAvailable();
  }

  private refreshAvailable(): void {
    for (const [topic, list] of this.leaders) {
      const up: number[] = [];
      list.forEach((leader, partition) => {
        if (leader >= 0) up.push(partition);
      });
      this.available.set(topic, up);
    }
  }

  private perPartition(map: Map<string, number[]>, topic: string): number[] {
    let list = map.get(topic);
    if (!list) {
      list = new Array<number>(this.partitionCount(topic)).fill(-1);
      map.set(topic, list);
    }
    return list;
  }
}

registerClass('ProducerMetadata', ProducerMetadata, { blank: () => new ProducerMetadata(null as never) });
