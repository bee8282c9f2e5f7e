/**
 * The producer client (Kafka's KafkaProducer): `send` picks a partition, appends the record to the
 * RecordAccumulator — blocking while buffer.memory is used up, for at most max.block.ms — and
 * the Sender ships batches to partition leaders. It is a node on the simulated network.
 */
import { BATCH_OVERHEAD_BYTES, RECORD_OVERHEAD_BYTES, utf8Length, type RecordData } from '../model/batch';
import type { Random } from '../core/random';
import type { ErrorCode } from '../core/trace';
import type { ProducerSettings, ProducerSpec } from '../scenario/types';
import type { SimContext } from '../sim/context';
import type { Message } from '../sim/messages';
import type { NetworkNode } from '../sim/network';
import { RecordAccumulator, type PartitionQueue } from './accumulator';
import { BufferPool } from './bufferPool';
import { ProducerMetadata } from './metadata';
import { keyedPartition, PARTITIONER_CLASSES, RoundRobinPartitioner, UniformStickyPartitioner, type Partitioner } from './partitioners';
import type { ProducerBatch } from './producerBatch';
import type { ProducerCore } from './producerCore';
import { Sender } from './sender';
import { ProducerStats } from './stats';
import { registerClass } from '../core/graphRegistry';

export interface SendInput {
  topic: string;
  key: string | null;
  value: string;
  partition?: number;
}

export interface SendCallbacks {
  /** A send that blocked on buffer.memory is over: the record is in a batch, or failed. */
  onUnblocked?: () => void;
  /** The record was acknowledged or failed (the callback of `send(record, callback)`). */
  onSettled?: () => void;
}

export class Producer implements NetworkNode, ProducerCore {
  readonly name: string;
  readonly settings: ProducerSettings;
  readonly random: Random;
  readonly accumulator: RecordAccumulator;
  readonly metadata: ProducerMetadata;
  readonly stats = new ProducerStats();
  readonly idempotent: boolean;
  private readonly sender: Sender;
  private readonly partitioner: Partitioner;
  private readonly settledCallbacks = new Map<number, () => void>();
  private correlationIds = 1;
  private bootstrapIndex = 0;
  private senderWakePending = false;
  private lastValue: string | null = null;
  private lastValueBytes = 0;
  private lastKey: string | null = null;
  private lastKeyBytes = 0;

  constructor(
    spec: ProducerSpec,
    readonly ctx: SimContext,
    partitionCounts: ReadonlyMap<string, number>,
    private readonly brokerIds: readonly number[],
    private readonly nextRecordId: () => number,
  ) {
    this.name = spec.id;
    const { id: _id, explicit: _explicit, ...settings } = spec;
    this.settings = settings;
    this.idempotent = settings['enable.idempotence'];
    this.random = ctx.random.fork(`producer/${spec.id}`);
    this.metadata = new ProducerMetadata(partitionCounts);
    const pool = new BufferPool(settings['buffer.memory']);
    this.accumulator = new RecordAccumulator({ batchSize: () => this.settings['batch.size'], lingerMs: () => this.settings['linger.ms'] }, pool);
    const view = {
      partitionCount: (topic: string) => this.metadata.partitionCount(topic),
      availablePartitions: (topic: string) => this.metadata.availablePartitions(topic),
      queuedBatches: (topic: string, partition: number) => this.accumulator.queuedBatches(topic, partition),
    };
    this.partitioner = (PARTITIONER_CLASSES as readonly (string | null)[]).includes(settings['partitioner.class'])
      ? new RoundRobinPartitioner(view)
      : new UniformStickyPartitioner(view, this.random.fork('partitioner'), () => this.settings['batch.size']);
    this.sender = new Sender(this);
    // The sender starts at once: metadata, and the producer id for an idempotent producer.
    this.wakeSender();
  }

  /** Read-only, for snapshots: each unanswered ProduceRequest's broker and batches. */
  requestsInFlight(): ReturnType<Sender['requestsInFlight']> {
    return this.sender.requestsInFlight();
  }

  private get now(): number {
    return this.ctx.queue.now;
  }

  /** `producer.send(record, callback)`. Returns the record's id and whether send() blocked. */
  send(input: SendInput, callbacks: SendCallbacks = {}): { recordId: number; blocked: boolean } {
    const bytes = this.sizeOf(input.key, input.value);
    const tooLarge = bytes + BATCH_OVERHEAD_BYTES > Math.min(this.settings['max.request.size'], this.settings['buffer.memory']);
    // Only a record without a key or partition is placed by the partitioner (and counted by it).
    const sticky = input.partition === undefined && input.key === null;
    const partition =
      input.partition ??
      (input.key !== null ? keyedPartition(input.key, this.metadata.partitionCount(input.topic)) : this.stickyPartition(input.topic, bytes, tooLarge));
    const q = this.accumulator.queue(input.topic, partition);
    const data: RecordData = { id: this.nextRecordId(), producer: this.name, key: input.key, value: input.value, timestamp: this.now, sendSeq: q.sendCount++ };
    if (callbacks.onSettled) this.settledCallbacks.set(data.id, callbacks.onSettled);
    this.ctx.emit({ t: this.now, type: 'RecordSent', producer: this.name, recordId: data.id, topic: input.topic, partition, key: input.key });
    // KafkaProducer.ensureValidRecordSize: fails the record at once, nothing is retried.
    if (tooLarge) {
      this.failUnbatched(data, 'RECORD_TOO_LARGE');
      return { recordId: data.id, blocked: false };
    }
    const appendedBytes = this.accumulator.tryAppend(q, data, bytes, this.now);
    if (appendedBytes > 0) {
      this.appended(q, appendedBytes, sticky);
      return { recordId: data.id, blocked: false };
    }
    this.block(q, data, bytes, sticky, callbacks);
    return { recordId: data.id, blocked: true };
  }

  /**
   * The built-in partitioner's choice for a record without a key. Before appending, Kafka checks
   * whether the sticky partition is done (RecordAccumulator.partitionChanged): once its last batch
   * is full — or the record does not fit in it, which closes it — and batch.size bytes went there,
   * the record goes to the next partition instead of opening a small batch here.
   */
  private stickyPartition(topic: string, bytes: number, tooLarge: boolean): number {
    const partition = this.partitioner.partition(topic);
    if (tooLarge) return partition;
    const q = this.accumulator.queue(topic, partition);
    this.accumulator.closeIfNoRoom(q, bytes);
    if (this.accumulator.allBatchesFull(q) && this.partitioner.switchIfDone(topic)) return this.partitioner.partition(topic);
    return partition;
  }

  /**
   * recordSizeBytes, remembering the last key and value measured: a produce action sends the
   * same value (or the same template) again and again, and measuring UTF-8 is the costly part.
   */
  private sizeOf(key: string | null, value: string): number {
    if (value !== this.lastValue) {
      this.lastValue = value;
      this.lastValueBytes = utf8Length(value);
    }
    let keyBytes = 0;
    if (key !== null) {
      if (key !== this.lastKey) {
        this.lastKey = key;
        this.lastKeyBytes = utf8Length(key);
      }
      keyBytes = this.lastKeyBytes;
    }
    return RECORD_OVERHEAD_BYTES + keyBytes + this.lastValueBytes;
  }

  /** RecordAccumulator.append's end: the partitioner counts the bytes, switching only at a full batch. */
  private appended(q: PartitionQueue, appendedBytes: number, sticky: boolean): void {
    if (sticky) this.partitioner.onAppend(q.topic, q.partition, appendedBytes, this.accumulator.allBatchesFull(q));
    this.wakeSender();
  }

  /** BufferPool.allocate: wait for memory, or give up after max.block.ms. */
  private block(q: PartitionQueue, data: RecordData, bytes: number, sticky: boolean, callbacks: SendCallbacks): void {
    const since = this.now;
    const need = this.accumulator.allocationFor(bytes);
    this.ctx.emit({ t: this.now, type: 'SendBlocked', producer: this.name, bufferedBytes: this.accumulator.pool.used });
    const unblocked = (): void => this.ctx.emit({ t: this.now, type: 'SendUnblocked', producer: this.name, blockedMs: this.now - since });
    const giveUp = this.ctx.queue.schedule(this.settings['max.block.ms'], () => {
      cancel();
      unblocked();
      this.failUnbatched(data, 'BUFFER_EXHAUSTED');
      if (callbacks.onUnblocked) this.ctx.queue.schedule(0, callbacks.onUnblocked);
    });
    const cancel = this.accumulator.pool.waitFor(need, () => {
      giveUp.cancelled = true;
      unblocked();
      const appendedBytes = this.accumulator.appendWithMemory(q, data, bytes, need, this.now);
      this.appended(q, appendedBytes, sticky);
      if (callbacks.onUnblocked) this.ctx.queue.schedule(0, callbacks.onUnblocked);
    });
    // Someone waiting for memory makes every leader ready: lingering batches go now.
    this.wakeSender();
  }

  private failUnbatched(data: RecordData, error: ErrorCode): void {
    this.stats.noteError(error);
    this.ctx.emit({ t: this.now, type: 'SendFailed', producer: this.name, recordIds: [data.id], error });
    this.settle(data.id);
  }

  onBatchDone(batch: ProducerBatch): void {
    if (this.settledCallbacks.size === 0) return;
    for (const r of batch.records) this.settle(r.id);
  }

  private settle(recordId: number): void {
    const callback = this.settledCallbacks.get(recordId);
    if (!callback) return;
    this.settledCallbacks.delete(recordId);
    this.ctx.queue.schedule(0, callback);
  }

  wakeSender(): void {
    if (this.senderWakePending) return;
    this.senderWakePending = true;
    this.ctx.queue.schedule(0, () => {
      this.senderWakePending = false;
      this.sender.run();
    });
  }

  nextCorrelationId(): number {
    return this.correlationIds++;
  }

  nextBootstrapBroker(): number {
    return this.brokerIds[this.bootstrapIndex++ % this.brokerIds.length]!;
  }

  // ── Network ──────────────────────────────────────────────────────────────────────────────

  receive(message: Message): void {
    switch (message.kind) {
      case 'produceResponse':
        return this.sender.handleProduceResponse(message);
      case 'metadataResponse':
        return this.sender.handleMetadataResponse(message);
      case 'initProducerIdResponse':
        this.sender.idempotence.handleProducerId(message.correlationId, message.producerId, message.producerEpoch);
        return this.wakeSender();
      default:
        return;
    }
  }

  connectionLost(peer: string): void {
    const broker = Number(peer.slice(1));
    this.sender.metadataConnectionLost(broker);
    this.sender.idempotence.initConnectionLost();
    this.sender.connectionLost(broker);
  }

  /** Applies a `set` on this producer: new settings take effect for what is sent next. */
  configure(changes: Partial<ProducerSettings>): void {
    Object.assign(this.settings, changes);
    if (changes['buffer.memory'] !== undefined) this.accumulator.pool.resize(changes['buffer.memory']);
    this.wakeSender();
  }
}

registerClass('Producer', Producer);
