/**
 * The basic producer: one record per request (the full RecordAccumulator and Sender come with the
 * producer issue). What it does as Kafka's client does:
 * - learns leaders from metadata requests (any broker answers from its own, possibly stale,
 *   cache) and refreshes them after NOT_LEADER_OR_FOLLOWER, disconnects and metadata.max.age.ms;
 * - one queue per partition; at most max.in.flight.requests.per.connection requests per broker;
 * - acks=0 completes as soon as the request is written; acks=1/all wait for the answer, bounded
 *   by request.timeout.ms;
 * - retriable errors go back to the head of their partition's queue after an exponential backoff
 *   (retry.backoff.ms doubling to retry.backoff.max.ms, ±20% jitter, KIP-580), up to `retries`;
 * - delivery.timeout.ms bounds a record's whole life, queued or retried.
 * Idempotence (enable.idempotence) is not simulated yet: this producer behaves as if it were off.
 */
import { Deque } from '../core/deque';
import type { ScheduledTask } from '../core/eventQueue';
import type { Random } from '../core/random';
import type { ErrorCode } from '../core/trace';
import { unstampedBatch, utf8Length, type RecordData } from '../model/batch';
import { partitionForKey } from '../model/partitioner';
import type { ProducerSettings, ProducerSpec } from '../scenario/types';
import { brokerName, partitionKey, type SimContext } from './context';
import type { Message, MetadataResponse, ProduceResponse } from './messages';
import type { NetworkNode } from './network';

interface QueuedRecord {
  readonly data: RecordData;
  readonly topic: string;
  readonly partition: number;
  readonly createdAt: number;
  attempts: number;
  retryAt: number;
}

interface InFlight {
  record: QueuedRecord;
  broker: number;
  timeout: ScheduledTask;
}

export interface SendInput {
  topic: string;
  key: string | null;
  value: string;
  partition?: number;
}

/** Retriable errors after which the client asks for fresh metadata (InvalidMetadataException). */
const REFRESH_METADATA_ON: readonly ErrorCode[] = ['NOT_LEADER_OR_FOLLOWER', 'NETWORK_EXCEPTION', 'UNKNOWN_TOPIC_OR_PARTITION'];

export class Producer implements NetworkNode {
  readonly name: string;
  readonly settings: ProducerSettings;
  private readonly leaders = new Map<string, number>();
  private readonly queues = new Map<string, Deque<QueuedRecord>>();
  private readonly inFlight = new Map<number, InFlight>();
  private readonly inFlightPerBroker = new Map<number, number>();
  private readonly sendSeq = new Map<string, number>();
  private readonly sticky = new Map<string, { partition: number; bytes: number }>();
  private nextCorrelationId = 1;
  private metadataInFlight: number | null = null;
  private metadataNeeded = true;
  private lastMetadataAt = -Infinity;
  private bootstrapIndex = 0;
  private wake: ScheduledTask | null = null;
  private readonly random: Random;

  constructor(
    spec: ProducerSpec,
    private readonly ctx: SimContext,
    private readonly partitionCounts: ReadonlyMap<string, number>,
    private readonly brokerIds: readonly number[],
    private readonly nextRecordId: () => number,
  ) {
    this.name = spec.id;
    const { id: _id, explicit: _explicit, ...settings } = spec;
    this.settings = settings;
    this.random = ctx.random.fork(`producer/${spec.id}`);
  }

  private get now(): number {
    return this.ctx.queue.now;
  }

  /** `producer.send(record, callback)`: hands a record to the client. */
  send(input: SendInput): void {
    const partition = input.partition ?? this.choosePartition(input);
    const key = partitionKey(input.topic, partition);
    const seq = this.sendSeq.get(key) ?? 0;
    this.sendSeq.set(key, seq + 1);
    const data: RecordData = { id: this.nextRecordId(), producer: this.name, key: input.key, value: input.value, timestamp: this.now, sendSeq: seq };
    this.ctx.emit({ t: this.now, type: 'RecordSent', producer: this.name, recordId: data.id, topic: input.topic, partition, key: input.key });
    const record: QueuedRecord = { data, topic: input.topic, partition, createdAt: this.now, attempts: 0, retryAt: 0 };
    this.queueFor(key).push(record);
    this.drain();
  }

  /**
   * Keyed records: murmur2 over all partitions. Null keys: stay on one partition until
   * batch.size bytes went to it, then move (the uniform sticky partitioner, KIP-794, without its
   * weighting by queue length — that comes with the full producer).
   */
  private choosePartition(input: SendInput): number {
    const count = this.partitionCounts.get(input.topic) ?? 1;
    if (input.key !== null) return partitionForKey(input.key, count);
    let s = this.sticky.get(input.topic);
    if (!s || s.bytes >= this.settings['batch.size']) {
      let next = this.random.int(0, count - 1);
      if (s && count > 1 && next === s.partition) next = (next + 1) % count;
      s = { partition: next, bytes: 0 };
      this.sticky.set(input.topic, s);
    }
    s.bytes += utf8Length(input.value);
    return s.partition;
  }

  // ── The sender loop ──────────────────────────────────────────────────────────────────────

  private drain(): void {
    if (this.now - this.lastMetadataAt >= this.settings['metadata.max.age.ms']) this.metadataNeeded = true;
    let nextWake = Infinity;
    for (const [key, queue] of this.queues) {
      nextWake = Math.min(nextWake, this.expireQueued(queue));
      const leader = this.leaders.get(key);
      while (queue.length > 0) {
        const head = queue.peek()!;
        if (head.retryAt > this.now) {
          nextWake = Math.min(nextWake, head.retryAt);
          break;
        }
        if (leader === undefined || leader < 0) {
          this.metadataNeeded = true;
          break;
        }
        if ((this.inFlightPerBroker.get(leader) ?? 0) >= this.settings['max.in.flight.requests.per.connection']) break;
        queue.shift();
        this.transmit(head, leader);
      }
    }
    if (this.metadataNeeded && this.metadataInFlight === null) {
      // Metadata refreshes are at least retry.backoff.ms apart (Metadata.timeToNextUpdate).
      const allowedAt = this.lastMetadataRequestAt + this.settings['retry.backoff.ms'];
      if (this.now >= allowedAt) this.requestMetadata();
      else nextWake = Math.min(nextWake, allowedAt);
    }
    this.wakeAt(nextWake);
  }

  /** Fails queued records past delivery.timeout.ms; returns when the next one would expire. */
  private expireQueued(queue: Deque<QueuedRecord>): number {
    const deliveryTimeout = this.settings['delivery.timeout.ms'];
    while (queue.length > 0 && this.now - queue.peek()!.createdAt >= deliveryTimeout) this.fail(queue.shift()!, 'DELIVERY_TIMEOUT');
    return queue.length > 0 ? queue.peek()!.createdAt + deliveryTimeout : Infinity;
  }

  private queueFor(key: string): Deque<QueuedRecord> {
    let queue = this.queues.get(key);
    if (!queue) {
      queue = new Deque();
      this.queues.set(key, queue);
    }
    return queue;
  }

  private wakeAt(time: number): void {
    if (time === Infinity) return;
    if (this.wake && !this.wake.cancelled && this.wake.time <= time) return;
    if (this.wake) this.wake.cancelled = true;
    this.wake = this.ctx.queue.scheduleAt(time, () => {
      this.wake = null;
      this.drain();
    });
  }

  private transmit(record: QueuedRecord, broker: number): void {
    record.attempts++;
    const acks = this.settings.acks;
    const correlationId = this.nextCorrelationId++;
    this.ctx.emit({ t: this.now, type: 'ProduceRequested', producer: this.name, broker, topic: record.topic, partition: record.partition, recordIds: [record.data.id], acks, attempt: record.attempts });
    this.ctx.network.send(this.name, brokerName(broker), {
      kind: 'produce',
      correlationId,
      producer: this.name,
      topic: record.topic,
      partition: record.partition,
      acks,
      timeoutMs: this.settings['request.timeout.ms'],
      batch: unstampedBatch([record.data]),
    });
    if (acks === '0') {
      // acks=0: "considered sent" once written to the socket; the offset is unknown (-1).
      this.ctx.emit({ t: this.now, type: 'Acked', producer: this.name, topic: record.topic, partition: record.partition, recordIds: [record.data.id], offset: -1 });
      return;
    }
    this.inFlightPerBroker.set(broker, (this.inFlightPerBroker.get(broker) ?? 0) + 1);
    const timeout = this.ctx.queue.schedule(this.settings['request.timeout.ms'], () => this.requestTimedOut(correlationId, broker));
    this.inFlight.set(correlationId, { record, broker, timeout });
  }

  // ── Answers ──────────────────────────────────────────────────────────────────────────────

  receive(message: Message): void {
    if (message.kind === 'produceResponse') this.handleProduceResponse(message);
    else if (message.kind === 'metadataResponse') this.handleMetadataResponse(message);
  }

  private handleProduceResponse(res: ProduceResponse): void {
    const entry = this.takeInFlight(res.correlationId);
    if (!entry) return;
    const { record } = entry;
    if (res.error === null) {
      this.ctx.emit({ t: this.now, type: 'Acked', producer: this.name, topic: record.topic, partition: record.partition, recordIds: [record.data.id], offset: res.baseOffset });
    } else {
      this.retryOrFail(record, entry.broker, res.error);
    }
    this.drain();
  }

  /** Java's client closes the connection when a request times out: all in flight on it fail. */
  private requestTimedOut(correlationId: number, broker: number): void {
    const entry = this.takeInFlight(correlationId);
    if (!entry) return;
    this.retryOrFail(entry.record, broker, 'REQUEST_TIMED_OUT');
    this.failAllInFlightTo(broker, 'NETWORK_EXCEPTION');
    this.metadataNeeded = true;
    this.drain();
  }

  connectionLost(peer: string): void {
    const broker = Number(peer.slice(1));
    this.failAllInFlightTo(broker, 'NETWORK_EXCEPTION');
    if (this.metadataInFlight !== null && this.metadataBroker === broker) this.metadataInFlight = null;
    this.metadataNeeded = true;
    this.drain();
  }

  /**
   * NetworkClient fails a dead connection's requests newest first (InFlightRequests.clearAll), and
   * each goes back to the head of its queue, so the oldest ends up first again.
   */
  private failAllInFlightTo(broker: number, error: ErrorCode): void {
    for (const [id, entry] of [...this.inFlight].reverse()) {
      if (entry.broker !== broker) continue;
      this.takeInFlight(id);
      this.retryOrFail(entry.record, broker, error);
    }
  }

  private takeInFlight(correlationId: number): InFlight | undefined {
    const entry = this.inFlight.get(correlationId);
    if (!entry) return undefined;
    this.inFlight.delete(correlationId);
    entry.timeout.cancelled = true;
    this.inFlightPerBroker.set(entry.broker, (this.inFlightPerBroker.get(entry.broker) ?? 1) - 1);
    return entry;
  }

  /**
   * Sender.canRetry: within delivery.timeout.ms and fewer than `retries` retries so far. Every
   * error the simulated brokers return is retriable.
   */
  private retryOrFail(record: QueuedRecord, broker: number, error: ErrorCode): void {
    if (REFRESH_METADATA_ON.includes(error)) this.metadataNeeded = true;
    const retriesSoFar = record.attempts - 1;
    const expired = this.now - record.createdAt >= this.settings['delivery.timeout.ms'];
    const willRetry = !expired && retriesSoFar < this.settings.retries;
    this.ctx.emit({ t: this.now, type: 'ProduceErrored', producer: this.name, broker, topic: record.topic, partition: record.partition, recordIds: [record.data.id], error, willRetry });
    if (!willRetry) {
      this.fail(record, expired ? 'DELIVERY_TIMEOUT' : error);
      return;
    }
    record.retryAt = this.now + this.backoffMs(record.attempts);
    // Back to the head of its partition's queue (RecordAccumulator.reenqueue).
    this.queueFor(partitionKey(record.topic, record.partition)).unshift(record);
  }

  /** KIP-580: retry.backoff.ms × 2^(n-1), capped at retry.backoff.max.ms, with ±20% jitter. */
  private backoffMs(attempt: number): number {
    const base = Math.min(this.settings['retry.backoff.ms'] * 2 ** Math.max(0, attempt - 1), this.settings['retry.backoff.max.ms']);
    const jitter = 0.8 + 0.4 * this.random.float();
    return Math.round(base * jitter);
  }

  private fail(record: QueuedRecord, error: ErrorCode): void {
    this.ctx.emit({ t: this.now, type: 'SendFailed', producer: this.name, recordIds: [record.data.id], error });
  }

  // ── Metadata ─────────────────────────────────────────────────────────────────────────────

  private metadataBroker = -1;
  private lastMetadataRequestAt = -Infinity;

  /** Asks the next bootstrap broker in turn; a lost request is retried after request.timeout.ms. */
  private requestMetadata(): void {
    const broker = this.brokerIds[this.bootstrapIndex++ % this.brokerIds.length]!;
    const correlationId = this.nextCorrelationId++;
    this.metadataInFlight = correlationId;
    this.metadataBroker = broker;
    this.metadataNeeded = false;
    this.lastMetadataRequestAt = this.now;
    this.ctx.network.send(this.name, brokerName(broker), { kind: 'metadata', correlationId });
    this.ctx.queue.schedule(this.settings['request.timeout.ms'], () => {
      if (this.metadataInFlight !== correlationId) return;
      this.metadataInFlight = null;
      this.metadataNeeded = true;
      this.drain();
    });
  }

  private handleMetadataResponse(res: MetadataResponse): void {
    if (res.correlationId !== this.metadataInFlight) return;
    this.metadataInFlight = null;
    this.lastMetadataAt = this.now;
    for (const p of res.partitions) this.leaders.set(partitionKey(p.topic, p.partition), p.leader);
    this.drain();
  }

  /** Applies a `set` on this producer: new settings take effect for what is sent next. */
  configure(changes: Partial<ProducerSettings>): void {
    Object.assign(this.settings, changes);
  }
}
