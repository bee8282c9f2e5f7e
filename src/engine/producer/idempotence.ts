/**
 * The idempotent producer's bookkeeping: the idempotent (non-transactional) half of Kafka's
 * TransactionManager, with TxnPartitionEntry's per-partition state kept on each PartitionQueue.
 *
 * - A batch gets its epoch and sequence when first drained and keeps them across retries
 *   (RecordAccumulator.drainBatchesForOneNode: "we should not change the producer id and sequence
 *   number, since this may introduce duplicates").
 * - A retried batch goes out only as the lowest sequence still in flight for its partition
 *   (RecordAccumulator.shouldStopDrainBatchesForPartition), so retries go out in order.
 * - The epoch is bumped for a partition that asked for it (requestEpochBumpForPartition): an
 *   OUT_OF_ORDER_SEQUENCE_NUMBER for the next expected sequence, a batch that failed with retries
 *   left, or a sequence left unresolved by an expired retry once nothing is in flight there
 *   (maybeResolveSequences). Only those partitions' in-flight batches are re-stamped with the new
 *   epoch from sequence 0 (bumpIdempotentProducerEpoch → startSequencesAtBeginning). Every other
 *   partition keeps sending its in-flight batches, retries included, with their old epoch and
 *   sequence, and starts over at 0 only once nothing of the old epoch is in flight
 *   (maybeUpdateProducerIdAndEpoch).
 *
 * Re-stamping a partition's in-flight batches is where Kafka itself can write a record twice: a
 * batch already written whose answer was lost is sent again as a new epoch's sequence, which the
 * broker cannot recognise (see the `idempotence-epoch-bump` note in simplifications.ts).
 */
import { requestExpiryDelay } from '../model/requestExpiry';
import type { ErrorCode } from '../core/trace';
import type { PartitionQueue } from './accumulator';
import type { ProducerBatch } from './producerBatch';
import type { ProducerCore } from './producerCore';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';

const WAKE_SENDER = defineTask('producer.wakeSenderAfterBackoff', (core: ProducerCore) => core.wakeSender());
const INIT_TIMEOUT = defineTask('producer.initProducerIdTimeout', (idempotence: Idempotence, correlationId: number) => idempotence.initTimedOut(correlationId));

export class Idempotence {
  producerId = -1;
  epoch = -1;
  private initInFlight: number | null = null;
  /**
   * A failed InitProducerId (timed out, or its connection lost) is a retry, sent no sooner than
   * retry.backoff.ms later, whatever wakes the sender before then
   * (Sender.maybeSendAndPollTransactionalRequest sleeps retryBackoffMs before a retry).
   */
  private initNotBefore = 0;
  /** TransactionManager.epochBumpRequired and partitionsToRewriteSequences. */
  private epochBumpRequired = false;
  private readonly partitionsToRewrite = new Set<PartitionQueue>();

  constructor(private readonly core: ProducerCore) {}

  get enabled(): boolean {
    return this.core.idempotent;
  }

  /**
   * The start of Sender.runOnce: resolve what can be resolved, apply a requested epoch bump, and
   * make sure there is a producer id (asking for one if not). False while no batch may be drained.
   */
  prepare(): boolean {
    if (!this.enabled) return true;
    if (this.producerId < 0) {
      if (this.initInFlight === null && this.core.ctx.queue.now >= this.initNotBefore) this.requestProducerId();
      return false;
    }
    this.maybeResolveSequences();
    if (this.epochBumpRequired) this.bumpEpoch();
    return true;
  }

  /** RecordAccumulator.shouldStopDrainBatchesForPartition, negated. */
  mayDrain(q: PartitionQueue, head: ProducerBatch): boolean {
    if (!this.enabled) return true;
    if (this.producerId < 0) return false;
    if (!head.hasSequence) {
      // No new batch while batches of an older epoch are in flight (a new epoch's sequence 0 must
      // not overtake them), nor while an expired retry leaves it unknown what was written.
      if (q.inFlight.length > 0 && q.sequenceEpoch !== this.epoch) return false;
      if (q.unresolvedNextSequence !== null) return false;
      return true;
    }
    // A retried batch waits until it is the first sequence still in flight.
    return q.inFlight.length === 0 || q.inFlight[0] === head;
  }

  /** The drain's stamping of a new batch (a retried one keeps what it has). */
  assignSequence(q: PartitionQueue, batch: ProducerBatch): void {
    if (!this.enabled || batch.hasSequence) return;
    this.maybeUpdateProducerIdAndEpoch(q);
    batch.producerId = this.producerId;
    batch.producerEpoch = this.epoch;
    batch.baseSequence = q.nextSequence;
    q.nextSequence += batch.recordCount;
    q.inFlight.push(batch);
  }

  /** TransactionManager.handleCompletedBatch. */
  onSuccess(q: PartitionQueue, batch: ProducerBatch): void {
    if (!batch.hasSequence) return;
    // Kafka takes any acknowledged sequence; an answer of an epoch the partition has left behind
    // (a batch that expired before its answer came) would mix two numberings, so it is ignored.
    if (batch.producerEpoch === q.sequenceEpoch) q.lastAckedSequence = Math.max(q.lastAckedSequence, batch.lastSequence);
    this.removeInFlight(q, batch);
  }

  /**
   * TransactionManager.handleFailedBatch. `adjust` is Sender.completeBatch's
   * `batch.attempts() < retries`: a batch refused for good with retries left was not written, so
   * the partition starts over under a new epoch; one that ran out of retries or time may have been
   * written, so nothing is renumbered on its account.
   */
  onFailure(q: PartitionQueue, batch: ProducerBatch, error: ErrorCode, adjust: boolean): void {
    if (!this.enabled || !batch.hasSequence) return;
    this.removeInFlight(q, batch);
    if (error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' || adjust) this.requestEpochBumpForPartition(q);
  }

  /**
   * Sender.sendProducerData: an expired batch that had been retried (`inRetry`) may or may not
   * have been written; no new batch goes to the partition until the batches in flight settle
   * (TransactionManager.markSequenceUnresolved). One that expired on its first try is not marked.
   * True if the partition is now unresolved.
   */
  onExpired(q: PartitionQueue, batch: ProducerBatch): boolean {
    if (!this.enabled || !batch.hasSequence || batch.attempts === 0) return false;
    const next = batch.lastSequence + 1;
    q.unresolvedNextSequence = q.unresolvedNextSequence === null ? next : Math.max(q.unresolvedNextSequence, next);
    return true;
  }

  /**
   * TransactionManager.canRetry for OUT_OF_ORDER_SEQUENCE_NUMBER (the batch is retried either
   * way): a batch that is not the next expected sequence waits for the ones before it; the next
   * one, or the one right after an unresolved sequence, means a real gap: bump the epoch.
   */
  onOutOfOrderRetry(q: PartitionQueue, batch: ProducerBatch): void {
    const unresolved = q.unresolvedNextSequence;
    if (unresolved === null && (batch.sequenceReset || batch.baseSequence - q.lastAckedSequence !== 1)) return;
    if (unresolved === null || batch.baseSequence === unresolved) this.requestEpochBumpForPartition(q);
  }

  handleProducerId(correlationId: number, producerId: number, producerEpoch: number): void {
    if (correlationId !== this.initInFlight) return;
    this.initInFlight = null;
    this.producerId = producerId;
    this.epoch = producerEpoch;
    this.core.ctx.emit({ t: this.core.ctx.queue.now, type: 'ProducerIdAssigned', producer: this.core.name, producerId, producerEpoch });
  }

  initConnectionLost(): void {
    if (this.initInFlight === null) return;
    this.retryInitLater();
  }

  /** A lost InitProducerId (or a dead broker) is retried with the next broker. */
  private requestProducerId(): void {
    const { core } = this;
    const correlationId = core.nextCorrelationId();
    this.initInFlight = correlationId;
    core.ctx.network.send(core.name, `b${core.nextBootstrapBroker()}`, { kind: 'initProducerId', correlationId });
    core.ctx.queue.after(requestExpiryDelay(core.settings['request.timeout.ms']), INIT_TIMEOUT, this, correlationId);
  }

  /**
   * @internal InitProducerId's request.timeout.ms: unanswered, it is asked again (of the next
   * broker) as after a lost connection: NetworkClient fails a timed-out request as a
   * disconnection, and the TxnRequestHandler re-enqueues it as a retry.
   */
  initTimedOut(correlationId: number): void {
    if (this.initInFlight !== correlationId) return;
    this.retryInitLater();
  }

  private retryInitLater(): void {
    this.initInFlight = null;
    const backoff = this.core.settings['retry.backoff.ms'];
    this.initNotBefore = this.core.ctx.queue.now + backoff;
    this.core.ctx.queue.after(backoff, WAKE_SENDER, this.core);
  }

  private requestEpochBumpForPartition(q: PartitionQueue): void {
    this.epochBumpRequired = true;
    this.partitionsToRewrite.add(q);
  }

  /**
   * TransactionManager.maybeResolveSequences: once nothing is in flight for a partition with an
   * unresolved sequence, either the last acknowledged sequence is the last one sent (the expired
   * batch was written after all) or the partition starts over under a new epoch.
   */
  private maybeResolveSequences(): void {
    for (const q of this.core.accumulator.queues) {
      if (q.unresolvedNextSequence === null || q.inFlight.length > 0) continue;
      if (q.nextSequence - q.lastAckedSequence !== 1) this.requestEpochBumpForPartition(q);
      q.unresolvedNextSequence = null;
    }
  }

  /**
   * TransactionManager.bumpIdempotentProducerEpoch: the epoch goes up at once, whatever is in
   * flight, and only the partitions that asked for it rewrite their in-flight batches. (At epoch
   * 32767 Kafka asks for a new producer id instead; no run here gets near it.)
   */
  private bumpEpoch(): void {
    this.epochBumpRequired = false;
    this.epoch++;
    this.core.ctx.emit({ t: this.core.ctx.queue.now, type: 'ProducerIdAssigned', producer: this.core.name, producerId: this.producerId, producerEpoch: this.epoch });
    for (const q of this.partitionsToRewrite) {
      this.startSequencesAtBeginning(q);
      q.unresolvedNextSequence = null;
    }
    this.partitionsToRewrite.clear();
  }

  /** TransactionManager.maybeUpdateProducerIdAndEpoch: a stale partition with nothing in flight starts over. */
  private maybeUpdateProducerIdAndEpoch(q: PartitionQueue): void {
    if (q.sequenceEpoch !== this.epoch && q.inFlight.length === 0) this.startSequencesAtBeginning(q);
  }

  /**
   * TxnPartitionEntry.startSequencesAtBeginning: the batches in flight (sent, answered or not,
   * and not yet settled; queued retries too) get the current epoch and sequences from 0, in their
   * order (ProducerBatch.resetProducerState, which marks them `sequenceReset`).
   */
  private startSequencesAtBeginning(q: PartitionQueue): void {
    let sequence = 0;
    for (const batch of q.inFlight) {
      batch.producerId = this.producerId;
      batch.producerEpoch = this.epoch;
      batch.baseSequence = sequence;
      batch.sequenceReset = true;
      sequence += batch.recordCount;
    }
    q.sequenceEpoch = this.epoch;
    q.nextSequence = sequence;
    q.lastAckedSequence = -1;
  }

  private removeInFlight(q: PartitionQueue, batch: ProducerBatch): void {
    const i = q.inFlight.indexOf(batch);
    if (i >= 0) q.inFlight.splice(i, 1);
  }
}

registerClass('Idempotence', Idempotence, { blank: () => new Idempotence(null as never) });
