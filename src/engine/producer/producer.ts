/**
 * The producer client (Kafka's KafkaProducer): `send` picks a partition, appends the record to the
 * RecordAccumulator — blocking while buffer.memory is used up, for at most max.block.ms — and
 * the Sender ships batches to partition leaders. It is a node on the simulated network.
 */
import { BATCH_OVERHEAD_BYTES, RECORD_OVERHEAD_BYTES, utf8Length, type RecordData } from '../model/batch';
import type { ScheduledTask } from '../core/eventQueue';
import type { Random } from '../core/random';
import type { ErrorCode } from '../core/trace';
import type { ProducerSettings, ProducerSpec } from '../scenario/types';
import type { SimContext } from '../sim/context';
import type { Message } from '../sim/messages';
import type { NetworkNode } from '../sim/network';
import { RecordAccumulator, type PartitionQueue } from './accumulator';
import { BufferPool, type MemoryWaiter, type PoolWaiter } from './bufferPool';
import { ProducerMetadata } from './metadata';
import { keyedPartition, PARTITIONER_CLASSES, ProducerPartitionerView, RoundRobinPartitioner, UniformStickyPartitioner, type Partitioner } from './partitioners';
import type { ProducerBatch } from './producerBatch';
import type { ProducerCore } from './producerCore';
import { Sender } from './sender';
import { ProducerStats } from './stats';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';
import { shaped } from '../sim/emitter';

const RUN_SENDER = defineTask('producer.runSender', (producer: Producer) => producer.runSender());
const RESUME = defineTask('producer.sendCallback', (waiter: SendWaiter) => waiter.resume());
const MAX_BLOCK = defineTask('producer.maxBlockMs', (blocked: BlockedSend) => blocked.producer.blockTimedOut(blocked));

export interface SendInput {
  topic: string;
  key: string | null;
  value: string;
  partition?: number;
}

/** Who is told of a send's progress: `resume()` runs in a task of its own, queued at that moment. */
export interface SendWaiter {
  resume(): void;
}

export interface SendCallbacks {
  /** A send that blocked on buffer.memory is over: the record is in a batch, or failed. */
  onUnblocked?: SendWaiter;
  /** The record was acknowledged or failed (the callback of `send(record, callback)`). */
  onSettled?: SendWaiter;
}

/** A send() waiting for buffer.memory (BufferPool.allocate), for at most max.block.ms. */
export class BlockedSend implements MemoryWaiter {
  giveUp: ScheduledTask | null = null;
  entry: PoolWaiter | null = null;

  constructor(
    readonly producer: Producer,
    readonly q: PartitionQueue,
    readonly data: RecordData,
    readonly bytes: number,
    readonly need: number,
    readonly sticky: boolean,
    readonly since: number,
    readonly onUnblocked: SendWaiter | null,
  ) {}

  memoryGranted(): void {
    this.producer.memoryGranted(this);
  }
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
  private readonly settledCallbacks = new Map<number, SendWaiter>();
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
  ) {
    this.name = spec.id;
    const { id: _id, explicit: _explicit, ...settings } = spec;
    this.settings = settings;
    this.idempotent = settings['enable.idempotence'];
    this.random = ctx.random.fork(`producer/${spec.id}`);
    this.metadata = new ProducerMetadata(partitionCounts);
    const pool = new BufferPool(settings['buffer.memory']);
    this.accumulator = new RecordAccumulator(this.settings, pool);
    const view = new ProducerPartitionerView(this.metadata, this.accumulator);
    this.partitioner = (PARTITIONER_CLASSES as readonly (string | null)[]).includes(settings['partitioner.class'])
      ? new RoundRobinPartitioner(view)
      : new UniformStickyPartitioner(view, this.random.fork('partitioner'), this.settings);
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
    const data: RecordData = { id: this.ctx.allocateRecordId(), producer: this.name, key: input.key, value: input.value, timestamp: this.now, sendSeq: q.sendCount++ };
    if (callbacks.onSettled) this.settledCallbacks.set(data.id, callbacks.onSettled);
    this.ctx.emit(shaped<'RecordSent'>({ t: this.now, type: 'RecordSent', producer: this.name, recordId: data.id, topic: input.topic, partition, key: input.key, cause: undefined, id: 0 }));
    // KafkaProducer.ensureValidRecordSize: fails the record at once, nothing is retried.
    if (tooLarge) {
      this.failUnbatched(data, 'RECORD_TOO_LARGE');
      return { recordId: data.id, blocked: false };
    }
    const appendedBytes = this.accumulator.tryAppend(q, data, bytes, this.now);
    if (appendedBytes > 0) {
      this.appended(q, appendedBytes, sticky, appendedBytes !== bytes);
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

  /**
   * RecordAccumulator.append's end: the partitioner counts the bytes, switching only at a full
   * batch. KafkaProducer.doSend wakes the sender only for a new batch or a full one
   * (`result.batchIsFull || result.newBatchCreated`): a record that joins a lingering batch changes
   * nothing the sender's own wake-up (at the end of linger.ms) does not cover.
   */
  private appended(q: PartitionQueue, appendedBytes: number, sticky: boolean, newBatch: boolean): void {
    const allFull = this.accumulator.allBatchesFull(q);
    if (sticky) this.partitioner.onAppend(q.topic, q.partition, appendedBytes, allFull);
    if (newBatch || allFull || q.batches.length > 1) this.wakeSender();
  }

  /** BufferPool.allocate: wait for memory, or give up after max.block.ms. */
  private block(q: PartitionQueue, data: RecordData, bytes: number, sticky: boolean, callbacks: SendCallbacks): void {
    const blocked = new BlockedSend(this, q, data, bytes, this.accumulator.allocationFor(bytes), sticky, this.now, callbacks.onUnblocked ?? null);
    this.ctx.emit({ t: this.now, type: 'SendBlocked', producer: this.name, bufferedBytes: this.accumulator.pool.used });
    blocked.giveUp = this.ctx.queue.after(this.settings['max.block.ms'], MAX_BLOCK, blocked);
    blocked.entry = this.accumulator.pool.waitFor(blocked.need, blocked);
    // Someone waiting for memory makes every leader ready: lingering batches go now.
    this.wakeSender();
  }

  /** @internal max.block.ms is over and the memory did not come: the record fails. */
  blockTimedOut(blocked: BlockedSend): void {
    this.accumulator.pool.cancel(blocked.entry!);
    this.unblocked(blocked);
    this.failUnbatched(blocked.data, 'BUFFER_EXHAUSTED');
    if (blocked.onUnblocked) this.ctx.queue.after(0, RESUME, blocked.onUnblocked);
  }

  /** @internal The memory came in time: the record opens its batch. */
  memoryGranted(blocked: BlockedSend): void {
    blocked.giveUp!.cancelled = true;
    this.unblocked(blocked);
    const appendedBytes = this.accumulator.appendWithMemory(blocked.q, blocked.data, blocked.bytes, blocked.need, this.now);
    this.appended(blocked.q, appendedBytes, blocked.sticky, appendedBytes !== blocked.bytes);
    if (blocked.onUnblocked) this.ctx.queue.after(0, RESUME, blocked.onUnblocked);
  }

  private unblocked(blocked: BlockedSend): void {
    this.ctx.emit({ t: this.now, type: 'SendUnblocked', producer: this.name, blockedMs: this.now - blocked.since });
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
    const waiter = this.settledCallbacks.get(recordId);
    if (!waiter) return;
    this.settledCallbacks.delete(recordId);
    this.ctx.queue.after(0, RESUME, waiter);
  }

  wakeSender(): void {
    if (this.senderWakePending) return;
    this.senderWakePending = true;
    this.ctx.queue.after(0, RUN_SENDER, this);
  }

  /** @internal The wake queued by wakeSender: one pass of the sender loop. */
  runSender(): void {
    this.senderWakePending = false;
    this.sender.run();
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

registerClass('Producer', Producer, { blank: () => new Producer({ id: '', 'enable.idempotence': false, 'buffer.memory': 0 } as never, { random: { fork: () => ({ fork: () => null }) }, queue: { after: () => null } } as never, null as never, []) });
registerClass('BlockedSend', BlockedSend, { blank: () => new BlockedSend(null as never, null as never, null as never, 0, 0, null as never, 0, null as never) });
