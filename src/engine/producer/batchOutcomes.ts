/**
 * How a produced batch ends, split from sender.ts (which sends and tracks requests): acknowledged,
 * retried (back to the head of its deque after an exponential backoff), failed or expired — in
 * Kafka's names (Sender.completeBatch, canRetry, failBatch).
 */
import { registerClass } from '../core/graphRegistry';
import { RETRIABLE_ERRORS, type ErrorCode } from '../core/trace';
import type { PartitionQueue } from './accumulator';
import type { Idempotence } from './idempotence';
import type { ProducerBatch } from './producerBatch';
import type { ProducerCore } from './producerCore';
import { shaped } from '../sim/emitter';

/** Errors after which the client asks for fresh metadata (InvalidMetadataException, disconnects). */
const REFRESH_METADATA_ON: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['NOT_LEADER_OR_FOLLOWER', 'NETWORK_EXCEPTION', 'UNKNOWN_TOPIC_OR_PARTITION']);

export class BatchOutcomes {
  constructor(
    private readonly core: ProducerCore,
    private readonly idempotence: Idempotence,
  ) {}

  private get now(): number {
    return this.core.ctx.queue.now;
  }

  /**
   * Sender.canRetry: fewer than `retries` retries so far, within delivery.timeout.ms, and a
   * retriable error (OUT_OF_ORDER_SEQUENCE_NUMBER only for the idempotent producer).
   *
   * A batch past delivery.timeout.ms when its answer comes is expired, as Kafka's sender loop
   * does before it reads answers (Sender.sendProducerData expires, then client.poll).
   */
  retryOrFail(q: PartitionQueue, batch: ProducerBatch, broker: number, error: ErrorCode): void {
    if (batch.done) return;
    const { core } = this;
    if (REFRESH_METADATA_ON.has(error)) core.metadata.needsUpdate = true;
    const expired = batch.hasReachedDeliveryTimeout(core.settings['delivery.timeout.ms'], this.now);
    const retriable = RETRIABLE_ERRORS.has(error) && (error !== 'OUT_OF_ORDER_SEQUENCE_NUMBER' || this.idempotence.enabled);
    const retriesLeft = batch.attempts < core.settings.retries;
    const willRetry = !expired && retriable && retriesLeft;
    core.stats.noteError(error);
    core.ctx.emit({ t: this.now, type: 'ProduceErrored', producer: core.name, broker, topic: q.topic, partition: q.partition, recordIds: batch.recordIds(), error, willRetry });
    if (expired) {
      this.expire(q, batch);
      return;
    }
    if (!willRetry) {
      // Sender.completeBatch: failBatch(batch, response, batch.attempts() < retries).
      this.fail(q, batch, error, retriesLeft);
      return;
    }
    if (error === 'OUT_OF_ORDER_SEQUENCE_NUMBER') this.idempotence.onOutOfOrderRetry(q, batch);
    core.stats.retries++;
    q.muted = false;
    core.accumulator.reenqueue(q, batch, this.backoffMs(batch.attempts + 1), this.now);
  }

  /** KIP-580: retry.backoff.ms × 2^(n-1), capped at retry.backoff.max.ms, with ±20% jitter. */
  private backoffMs(retry: number): number {
    const { settings, random } = this.core;
    const base = Math.min(settings['retry.backoff.ms'] * 2 ** Math.max(0, retry - 1), settings['retry.backoff.max.ms']);
    return Math.round(base * (0.8 + 0.4 * random.float()));
  }

  succeed(q: PartitionQueue, batch: ProducerBatch, baseOffset: number, duplicate: boolean): void {
    if (batch.done) {
      // A late answer for a batch already expired still counts for its sequence
      // (TransactionManager.handleCompletedBatch runs before batch.complete).
      this.idempotence.onSuccess(q, batch);
      return;
    }
    batch.done = true;
    const { core } = this;
    const t = this.now;
    const recordIds = batch.recordIds();
    // Two literals, not a spread of `{ duplicate }`: one object per acknowledged batch.
    if (duplicate) core.ctx.emit(shaped<'Acked'>({ t, type: 'Acked', producer: core.name, topic: q.topic, partition: q.partition, recordIds, offset: baseOffset, duplicate, cause: undefined, id: 0 }));
    else core.ctx.emit(shaped<'Acked'>({ t, type: 'Acked', producer: core.name, topic: q.topic, partition: q.partition, recordIds, offset: baseOffset, cause: undefined, id: 0 }));
    this.idempotence.onSuccess(q, batch);
    this.release(q, batch);
  }

  /**
   * Sender.failBatch. `adjust` (adjustSequenceNumbers): the batch was refused for good with
   * retries left, so it was not written and its partition may start over under a new epoch.
   */
  fail(q: PartitionQueue, batch: ProducerBatch, error: ErrorCode, adjust: boolean): void {
    if (batch.done) return;
    batch.done = true;
    const { core } = this;
    if (error === 'DELIVERY_TIMEOUT') core.stats.noteError(error);
    core.ctx.emit({ t: this.now, type: 'SendFailed', producer: core.name, recordIds: batch.recordIds(), error });
    this.idempotence.onFailure(q, batch, error, adjust);
    this.release(q, batch);
  }

  /** Sender.sendProducerData's expiry: failBatch(…, false), then markSequenceUnresolved if retried. */
  expire(q: PartitionQueue, batch: ProducerBatch): void {
    if (batch.done) return;
    this.fail(q, batch, 'DELIVERY_TIMEOUT', false);
    // Kafka's sender loops again at once (poll timeout 0) and resolves the sequence there.
    if (this.idempotence.onExpired(q, batch)) this.core.wakeSender();
  }

  private release(q: PartitionQueue, batch: ProducerBatch): void {
    q.muted = false;
    this.core.accumulator.deallocate(batch);
    this.core.onBatchDone(batch);
  }
}

registerClass('BatchOutcomes', BatchOutcomes, { blank: () => new BatchOutcomes(null as never, null as never) });
