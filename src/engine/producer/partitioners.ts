/**
 * Where a record goes (KafkaProducer.partition): an explicit partition wins; a key is hashed with
 * murmur2 over all partitions; a record without a key goes to the uniform sticky partitioner
 * (BuiltInPartitioner, KIP-794) or, with partitioner.class = RoundRobinPartitioner, to the next
 * partition in turn.
 */
import type { Random } from '../core/random';
import { partitionForKey } from '../model/partitioner';

export const ROUND_ROBIN_PARTITIONER = 'org.apache.kafka.clients.producer.RoundRobinPartitioner';
/** Values partitioner.class accepts: null (the built-in partitioner) or RoundRobinPartitioner. */
export const PARTITIONER_CLASSES = [ROUND_ROBIN_PARTITIONER, 'RoundRobinPartitioner'] as const;

/** What the partitioners need to know about the cluster and the accumulator. */
export interface PartitionerView {
  partitionCount(topic: string): number;
  /** Partitions whose leader the producer knows, ascending. */
  availablePartitions(topic: string): readonly number[];
  /** Batches queued in the accumulator for that partition. */
  queuedBatches(topic: string, partition: number): number;
}

export interface Partitioner {
  /** The partition for a record without a key. */
  partition(topic: string): number;
  /** Told after each append, with the record's size in bytes. */
  onAppend(topic: string, partition: number, bytes: number): void;
}

export function keyedPartition(key: string, partitionCount: number): number {
  return partitionForKey(key, partitionCount);
}

/**
 * The uniform sticky partitioner: stay on one partition until batch.size bytes went to it, then
 * pick the next at random, weighted toward partitions with shorter queues (adaptive partitioning,
 * `partitioner.adaptive.partitioning.enable` = true): weight = longest queue + 1 − own queue.
 */
export class UniformStickyPartitioner implements Partitioner {
  private readonly current = new Map<string, { partition: number; producedBytes: number }>();

  constructor(
    private readonly view: PartitionerView,
    private readonly random: Random,
    private readonly stickyBatchSize: () => number,
  ) {}

  partition(topic: string): number {
    let info = this.current.get(topic);
    if (!info) {
      info = { partition: this.nextPartition(topic), producedBytes: 0 };
      this.current.set(topic, info);
    }
    return info.partition;
  }

  onAppend(topic: string, partition: number, bytes: number): void {
    const info = this.current.get(topic);
    if (!info || info.partition !== partition) return;
    info.producedBytes += bytes;
    if (info.producedBytes >= this.stickyBatchSize()) {
      info.partition = this.nextPartition(topic);
      info.producedBytes = 0;
    }
  }

  /** BuiltInPartitioner.nextPartition: a cumulative-frequency table over queue lengths. */
  private nextPartition(topic: string): number {
    const available = this.view.availablePartitions(topic);
    if (available.length === 0) return this.random.int(0, this.view.partitionCount(topic) - 1);
    const sizes = available.map((p) => this.view.queuedBatches(topic, p));
    const maxPlusOne = Math.max(...sizes) + 1;
    let total = 0;
    const cumulative = sizes.map((size) => (total += maxPlusOne - size));
    const pick = this.random.int(0, total - 1);
    return available[cumulative.findIndex((c) => pick < c)]!;
  }
}

/** RoundRobinPartitioner: a counter per topic over the available partitions (all if none are). */
export class RoundRobinPartitioner implements Partitioner {
  private readonly counters = new Map<string, number>();

  constructor(private readonly view: PartitionerView) {}

  partition(topic: string): number {
    const next = this.counters.get(topic) ?? 0;
    this.counters.set(topic, next + 1);
    const available = this.view.availablePartitions(topic);
    if (available.length > 0) return available[next % available.length]!;
    return next % this.view.partitionCount(topic);
  }

  onAppend(): void {}
}
