/**
 * The idempotent producer's bookkeeping (the idempotent half of Kafka's TransactionManager): a
 * producer id and epoch from the cluster, per-partition sequence numbers assigned when a batch is
 * first drained and kept across retries, and the rules that keep retried batches in order.
 *
 * - A retried batch is sent again only when it is the lowest sequence still outstanding for its
 *   partition (Sender.shouldStopDrainBatchesForPartition), so retries go out in order.
 * - A sequenced batch that fails for good leaves its sequence "unresolved": no new batches are
 *   drained for the partition until the batches in flight settle; if a later one was acknowledged
 *   the failed one was written after all, otherwise the producer bumps its epoch and every
 *   partition starts again from sequence 0 (KIP-360, as the idempotent producer does since 2.5).
 */
import type { PartitionQueue } from './accumulator';
import type { ProducerBatch } from './producerBatch';
import type { ProducerCore } from './producerCore';

/** Is any batch of this partition in a request still waiting for its answer? */
function onWire(q: PartitionQueue): boolean {
  return q.inFlight.some((b) => b.onWire);
}

export class Idempotence {
  producerId = -1;
  epoch = -1;
  private initInFlight: number | null = null;
  private epochBumpRequested = false;

  constructor(private readonly core: ProducerCore) {}

  get enabled(): boolean {
    return this.core.idempotent;
  }

  /**
   * Before draining: make sure there is a producer id (asking for one if not) and apply a pending
   * epoch bump. False while no batch may be drained yet.
   */
  prepare(requestsInFlight: number): boolean {
    if (!this.enabled) return true;
    if (this.producerId < 0) {
      if (this.initInFlight === null) this.requestProducerId();
      return false;
    }
    if (this.epochBumpRequested && requestsInFlight === 0) {
      this.epochBumpRequested = false;
      this.epoch++;
      this.core.ctx.emit({ t: this.core.ctx.queue.now, type: 'ProducerIdAssigned', producer: this.core.name, producerId: this.producerId, producerEpoch: this.epoch });
    }
    return true;
  }

  /** May the head batch of this partition be drained now? */
  mayDrain(q: PartitionQueue, head: ProducerBatch): boolean {
    if (!this.enabled) return true;
    if (this.epochBumpRequested) return false;
    if (q.sequenceEpoch !== this.epoch) return false;
    if (q.unresolved) {
      if (onWire(q)) return false;
      if (q.lastAckedSequence >= q.unresolved.lastSequence) {
        q.unresolved = null;
      } else {
        this.epochBumpRequested = true;
        return false;
      }
    }
    // A retried batch waits until it is the first sequence still outstanding.
    return !head.hasSequence || q.inFlight.length === 0 || q.inFlight[0] === head;
  }

  assignSequence(q: PartitionQueue, batch: ProducerBatch): void {
    if (!this.enabled || batch.hasSequence) return;
    batch.producerId = this.producerId;
    batch.producerEpoch = this.epoch;
    batch.baseSequence = q.nextSequence;
    q.nextSequence += batch.recordCount;
    q.inFlight.push(batch);
  }

  onSuccess(q: PartitionQueue, batch: ProducerBatch): void {
    if (!batch.hasSequence || batch.producerEpoch !== q.sequenceEpoch) return;
    q.lastAckedSequence = Math.max(q.lastAckedSequence, batch.lastSequence);
    this.removeInFlight(q, batch);
  }

  /**
   * After an epoch bump, once nothing of the old epoch is in flight, the partition's sequences
   * start over at 0 and queued retries get new numbers when drained. A queued retry whose
   * sequence is below one already acknowledged was written — a broker takes sequences only in
   * order — so it is settled as written (`written`) instead: renumbered, it would be written twice.
   */
  restartIfStale(q: PartitionQueue, written: (batch: ProducerBatch) => void): void {
    if (!this.enabled || this.epochBumpRequested || q.sequenceEpoch === this.epoch || onWire(q)) return;
    for (let head = q.batches.peek(); head && head.hasSequence && head.lastSequence <= q.lastAckedSequence; head = q.batches.peek()) {
      q.batches.shift();
      written(head);
    }
    this.restartSequences(q);
  }

  /** An answer for a batch already failed by delivery.timeout.ms: it was written after all. */
  onLateSuccess(q: PartitionQueue, batch: ProducerBatch): void {
    if (batch.hasSequence && batch.producerEpoch === q.sequenceEpoch) q.lastAckedSequence = Math.max(q.lastAckedSequence, batch.lastSequence);
  }

  onFailure(q: PartitionQueue, batch: ProducerBatch): void {
    if (!batch.hasSequence || batch.producerEpoch !== q.sequenceEpoch) return;
    this.removeInFlight(q, batch);
    if (!q.unresolved || batch.lastSequence > q.unresolved.lastSequence) q.unresolved = batch;
  }

  /**
   * OUT_OF_ORDER_SEQUENCE_NUMBER for the very next sequence the partition expects: the broker
   * lost what came before (truncation), so the producer bumps its epoch and starts over
   * (TransactionManager.canRetry → requestIdempotentEpochBumpForPartition).
   */
  onOutOfOrder(q: PartitionQueue, batch: ProducerBatch): void {
    if (!q.unresolved && batch.baseSequence === q.lastAckedSequence + 1) this.epochBumpRequested = true;
  }

  handleProducerId(correlationId: number, producerId: number, producerEpoch: number): void {
    if (correlationId !== this.initInFlight) return;
    this.initInFlight = null;
    this.producerId = producerId;
    this.epoch = producerEpoch;
    this.core.ctx.emit({ t: this.core.ctx.queue.now, type: 'ProducerIdAssigned', producer: this.core.name, producerId, producerEpoch });
  }

  /** A lost InitProducerId (or a dead broker) is retried with the next broker. */
  private requestProducerId(): void {
    const { core } = this;
    const correlationId = core.nextCorrelationId();
    this.initInFlight = correlationId;
    core.ctx.network.send(core.name, `b${core.nextBootstrapBroker()}`, { kind: 'initProducerId', correlationId });
    core.ctx.queue.schedule(core.settings['request.timeout.ms'], () => {
      if (this.initInFlight !== correlationId) return;
      this.initInFlight = null;
      core.wakeSender();
    }, 'InitProducerId request.timeout.ms');
  }

  initConnectionLost(): void {
    if (this.initInFlight === null) return;
    this.initInFlight = null;
    this.core.ctx.queue.schedule(this.core.settings['retry.backoff.ms'], () => this.core.wakeSender());
  }

  private restartSequences(q: PartitionQueue): void {
    // Initially too: sequenceEpoch -1 becomes the first epoch the producer id came with.
    q.sequenceEpoch = this.epoch;
    q.nextSequence = 0;
    q.lastAckedSequence = -1;
    q.unresolved = null;
    // Retried batches still queued get new sequences of the new epoch when drained.
    q.inFlight.length = 0;
    for (const batch of q.batches) batch.baseSequence = -1;
  }

  private removeInFlight(q: PartitionQueue, batch: ProducerBatch): void {
    const i = q.inFlight.indexOf(batch);
    if (i >= 0) q.inFlight.splice(i, 1);
  }
}
