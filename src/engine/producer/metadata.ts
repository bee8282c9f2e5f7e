/**
 * The producer's view of the cluster (Kafka's client Metadata): who leads each partition, learned
 * from metadata requests that any broker answers from its own, possibly stale, cache.
 */
import type { PartitionState } from '../sim/messages';

export class ProducerMetadata {
  private readonly leaders = new Map<string, number[]>();
  private readonly available = new Map<string, number[]>();
  /** Set after NOT_LEADER_OR_FOLLOWER, a disconnect, an unknown leader, or metadata.max.age.ms. */
  needsUpdate = true;
  lastUpdateMs = -Infinity;
  lastRequestMs = -Infinity;
  /** The correlation id of the metadata request in flight, and whom it went to. */
  inFlight: { correlationId: number; broker: number } | null = null;

  constructor(private readonly partitionCounts: ReadonlyMap<string, number>) {}

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

  update(partitions: readonly PartitionState[], now: number): void {
    for (const p of partitions) {
      let list = this.leaders.get(p.topic);
      if (!list) {
        list = new Array<number>(this.partitionCount(p.topic)).fill(-1);
        this.leaders.set(p.topic, list);
      }
      list[p.partition] = p.leader;
    }
    for (const [topic, list] of this.leaders) {
      const up: number[] = [];
      list.forEach((leader, partition) => {
        if (leader >= 0) up.push(partition);
      });
      this.available.set(topic, up);
    }
    this.lastUpdateMs = now;
    this.needsUpdate = false;
  }
}
