/**
 * Where a record goes (KafkaProducer.partition): an explicit partition wins; a key is hashed with
 * murmur2 over all partitions; a record without a key goes to the uniform sticky partitioner
 * (BuiltInPartitioner, KIP-794) or, with partitioner.class = RoundRobinPartitioner, to the next
 * partition in turn.
 */
import type { Random } from '../core/random';
import type { RecordAccumulator } from './accumulator';
import type { ProducerMetadata } from './metadata';
import { partitionForKey } from '../model/partitioner';
import { registerClass } from '../core/graphRegistry';

export { ROUND_ROBIN_PARTITIONER, PARTITIONER_CLASSES } from '../scenario/partitionerNames';

/** What the partitioners need to know about the cluster and the accumulator. */
export interface PartitionerView {
  partitionCount(topic: string): number;
  /** Partitions whose leader the producer knows, ascending. */
  availablePartitions(topic: string): readonly number[];
  /** Batches queued in the accumulator for that partition. */
  queuedBatches(topic: string, partition: number): number;
}

/** The producer's view: partition leaders from its metadata, queue lengths from its accumulator. */
export class ProducerPartitionerView implements PartitionerView {
  constructor(
    private readonly metadata: ProducerMetadata,
    private readonly accumulator: RecordAccumulator,
  ) {}

  partitionCount(topic: string): number {
    return this.metadata.partitionCount(topic);
  }

  availablePartitions(topic: string): readonly number[] {
    return this.metadata.availablePartitions(topic);
  }

  queuedBatches(topic: string, partition: number): number {
    return this.accumulator.queuedBatches(topic, partition);
  }
}

export interface Partitioner {
  /** The partition for a record without a key. */
  partition(topic: string): number;
  /**
   * Before a record it placed is appended, when every batch of its partition is full (or the
   * record would need a new batch): switch now if enough bytes went there. True if it switched.
   */
  switchIfDone(topic: string): boolean;
  /**
   * After a record it placed was appended: `bytes` as the accumulator counts them (a new batch's
   * first record with the batch header), `enableSwitch` false while the partition's last batch is
   * not full yet.
   */
  onAppend(topic: string, partition: number, bytes: number, enableSwitch: boolean): void;
}

export function keyedPartition(key: string, partitionCount: number): number {
  return partitionForKey(key, partitionCount);
}

/**
 * The uniform sticky partitioner: stay on one partition until batch.size bytes went to it and its
 * last batch is full, then pick the next at random, weighted toward partitions with shorter
 * queues (adaptive partitioning, `partitioner.adaptive.partitioning.enable` = true): weight =
 * longest queue + 1 − own queue.
 *
 * The switch waits for a batch boundary so that no small fragment batch is left behind
 * (BuiltInPartitioner.updatePartitionInfo with `enableSwitch` = RecordAccumulator.allBatchesFull,
 * called from RecordAccumulator.append, and RecordAccumulator.partitionChanged before the next
 * append); past 2 × batch.size it switches anyway. Bytes are counted as the accumulator grows:
 * the first record of a new batch with the batch header (RecordAppendResult.appendedBytes).
 */
export class UniformStickyPartitioner implements Partitioner {
  private readonly current = new Map<string, { partition: number; producedBytes: number }>();

  constructor(
    private readonly view: PartitionerView,
    private readonly random: Random,
    /** The producer's live settings: batch.size is how many bytes to stick to a partition. */
    private readonly settings: { readonly 'batch.size': number },
  ) {}

  partition(topic: string): number {
    let info = this.current.get(topic);
    if (!info) {
      info = { partition: this.nextPartition(topic), producedBytes: 0 };
      this.current.set(topic, info);
    }
    return info.partition;
  }

  switchIfDone(topic: string): boolean {
    const info = this.current.get(topic);
    if (!info || info.producedBytes < this.settings['batch.size']) return false;
    this.switchPartition(info, topic);
    return true;
  }

  onAppend(topic: string, partition: number, bytes: number, enableSwitch: boolean): void {
    const info = this.current.get(topic);
    if (!info || info.partition !== partition) return;
    info.producedBytes += bytes;
    const batchSize = this.settings['batch.size'];
    if ((enableSwitch && info.producedBytes >= batchSize) || info.producedBytes >= 2 * batchSize) this.switchPartition(info, topic);
  }

  private switchPartition(info: { partition: number; producedBytes: number }, topic: string): void {
    info.partition = this.nextPartition(topic);
    info.producedBytes = 0;
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

  switchIfDone(): boolean {
    return false;
  }

  onAppend(): void {}
}

registerClass('UniformStickyPartitioner', UniformStickyPartitioner, { blank: () => new UniformStickyPartitioner(null as never, null as never, null as never) });
registerClass('RoundRobinPartitioner', RoundRobinPartitioner, { blank: () => new RoundRobinPartitioner(null as never) });
registerClass('ProducerPartitionerView', ProducerPartitionerView, { blank: () => new ProducerPartitionerView(null as never, null as never) });
