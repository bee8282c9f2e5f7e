/**
 * The Sender (Kafka's Sender.runOnce): finds the leaders whose head batches are ready, drains at
 * most one batch per partition for each into one ProduceRequest (rotating the start partition,
 * up to max.request.size), keeps at most max.in.flight.requests.per.connection requests per
 * broker, and settles each batch from the answer: acknowledged, retried (back to the head of its
 * deque after an exponential backoff) or failed.
 */
import { requestExpiryDelay } from '../model/requestExpiry';
import type { ErrorCode } from '../core/trace';
import { brokerName } from '../sim/context';
import type { MetadataResponse, ProducePartitionResponse, ProduceResponse } from '../sim/messages';
import type { PartitionQueue } from './accumulator';
import { BatchOutcomes } from './batchOutcomes';
import { drainForNode, type Drained } from './drain';
import { Idempotence } from './idempotence';
import { maybeRequestMetadata } from './metadataRequest';
import type { ProducerCore } from './producerCore';
import { registerClass } from '../core/graphRegistry';
import { LazyTimer } from '../core/lazyTimer';
import { defineTask } from '../core/tasks';
import { shaped } from '../sim/emitter';

const REQUEST_TIMEOUT = defineTask('producer.produceRequestTimeout', (sender: Sender, request: InFlightRequest) =>
  sender.requestTimedOut(request.correlationId, request.broker),
);
const WAKE = defineTask('producer.senderWake', (sender: Sender) => sender.woken());

interface InFlightRequest {
  readonly correlationId: number;
  readonly broker: number;
  readonly items: Drained[];
  /** Its request.timeout.ms (the request itself is the timeout's argument). */
  timeout: LazyTimer | null;
}

/** Sender.run's per-pass list of each queue's leader, reused by every pass of every sender. */
const passLeaders: number[] = [];

export class Sender {
  private readonly inFlight = new Map<number, InFlightRequest>();
  private readonly inFlightPerBroker = new Map<number, number>();
  private readonly drainIndex = new Map<number, number>();
  /** The sender loop's next wake (re-armed on every pass: a LazyTimer, core/lazyTimer.ts). */
  private readonly wake: LazyTimer;
  /**
   * request.timeout.ms timers not armed now (core/lazyTimer.ts): a request's timeout is armed
   * and disarmed within milliseconds, and fires only when its answer is lost.
   */
  private readonly idleTimers: LazyTimer[] = [];
  readonly idempotence: Idempotence;
  private readonly outcomes: BatchOutcomes;

  constructor(private readonly core: ProducerCore) {
    this.idempotence = new Idempotence(core);
    this.outcomes = new BatchOutcomes(core, this.idempotence);
    // (A checkpoint's blank is made without a core: its timer is read back from the checkpoint.)
    this.wake = LazyTimer.of(core?.ctx.queue, WAKE, this);
  }

  /** Read-only, for snapshots: each unanswered ProduceRequest's broker and batches. */
  requestsInFlight(): { broker: number; batches: { topic: string; partition: number; records: number }[] }[] {
    return [...this.inFlight.values()].map((r) => ({
      broker: r.broker,
      batches: r.items.map((d) => ({ topic: d.q.topic, partition: d.q.partition, records: d.batch.recordCount })),
    }));
  }

  private get now(): number {
    return this.core.ctx.queue.now;
  }

  /** One pass of the sender loop; schedules the next one when something will become due. */
  run(): void {
    const { core } = this;
    const settings = core.settings;
    let nextWake = this.expireInFlight();
    // The sender wakes when its metadata expires (NetworkClient.poll sleeps at most until
    // Metadata.timeToNextUpdate), not at whatever wakes it next.
    const metadataExpiresAt = core.metadata.lastUpdateMs + settings['metadata.max.age.ms'];
    if (this.now >= metadataExpiresAt) core.metadata.needsUpdate = true;
    else nextWake = Math.min(nextWake, metadataExpiresAt);
    const canDrain = this.idempotence.prepare();
    // Per pass, no Map of lists and no Set (a pass runs on every send, answer and wake): each
    // queue's leader as it stood when looked at (-1: skipped), and the leaders found ready, in the
    // order they were found; only a ready leader's list of queues is built.
    const queues = core.accumulator.queues;
    // Scratch, not state: filled and read within this pass (the pass runs to its end before any other).
    const leaders = passLeaders;
    for (let i = 0; i < queues.length; i++) leaders[i] = -1;
    let ready: number[] | null = null;
    for (let i = 0; i < queues.length; i++) {
      const q = queues[i]!;
      let head = q.batches.peek();
      if (!head) continue;
      // Most passes expire nothing: look at the head before asking for the (new) list of expired.
      if (head.hasReachedDeliveryTimeout(settings['delivery.timeout.ms'], this.now)) {
        for (const batch of core.accumulator.expireQueued(q, settings['delivery.timeout.ms'], this.now)) this.outcomes.expire(q, batch);
        head = q.batches.peek();
        if (!head) continue;
      }
      nextWake = Math.min(nextWake, head.createdMs + settings['delivery.timeout.ms']);
      const leader = core.metadata.leaderOf(q.topic, q.partition);
      if (leader < 0) {
        core.metadata.needsUpdate = true;
        continue;
      }
      leaders[i] = leader;
      if (q.muted) continue;
      const wait = core.accumulator.readyIn(q, this.now);
      if (wait === 0) {
        if (ready === null) ready = [leader];
        else if (!ready.includes(leader)) ready.push(leader);
      } else nextWake = Math.min(nextWake, this.now + wait);
    }
    if (canDrain && ready !== null) {
      for (const leader of ready) {
        const list: PartitionQueue[] = [];
        for (let i = 0; i < queues.length; i++) if (leaders[i] === leader) list.push(queues[i]!);
        this.sendTo(leader, list);
      }
    }
    this.wakeAt(Math.min(nextWake, maybeRequestMetadata(this.core, this)));
  }

  /**
   * One request per pass of Kafka's sender loop, and another pass at once while the leader is
   * still ready (Sender.runOnce polls with timeout 0 then). A drain takes the head batch of every
   * partition of the leader, ready or not; a follow-up request goes only if a head batch is ready
   * by itself (RecordAccumulator.ready), so a batch just opened is not sent off nearly empty.
   */
  private sendTo(leader: number, queues: PartitionQueue[]): void {
    const maxInFlight = this.core.settings['max.in.flight.requests.per.connection'];
    while ((this.inFlightPerBroker.get(leader) ?? 0) < maxInFlight) {
      const items = drainForNode(this.core, this.idempotence, this.drainIndex, leader, queues);
      if (items.length === 0) return;
      this.transmit(leader, items);
      if (!queues.some((q) => !q.muted && this.core.accumulator.readyIn(q, this.now) === 0)) return;
    }
  }

  private transmit(broker: number, items: Drained[]): void {
    const { core } = this;
    const acks = core.settings.acks;
    const correlationId = core.nextCorrelationId();
    for (const { q, batch } of items) {
      core.stats.noteDrained(batch);
      core.ctx.emit(shaped<'ProduceRequested'>({
        t: this.now,
        type: 'ProduceRequested',
        producer: core.name,
        broker,
        correlationId,
        topic: q.topic,
        partition: q.partition,
        recordIds: batch.recordIds(),
        acks,
        attempt: batch.attempts + 1,
        baseSequence: batch.baseSequence,
        cause: undefined,
        id: 0,
      }));
    }
    core.stats.requests++;
    core.ctx.network.send(core.name, brokerName(broker), {
      kind: 'produce',
      correlationId,
      producer: core.name,
      acks,
      timeoutMs: core.settings['request.timeout.ms'],
      partitions: items.map(({ q, batch }) => ({ topic: q.topic, partition: q.partition, batch: batch.toWire() })),
    });
    if (acks === '0') {
      // acks=0: "considered sent" once written to the socket; the offset is unknown (-1).
      for (const { q, batch } of items) this.outcomes.succeed(q, batch, -1, false);
      return;
    }
    this.inFlightPerBroker.set(broker, (this.inFlightPerBroker.get(broker) ?? 0) + 1);
    for (const item of items) item.batch.onWire = true;
    const request: InFlightRequest = { correlationId, broker, items, timeout: null };
    request.timeout = this.idleTimers.pop() ?? LazyTimer.of(core.ctx.queue, REQUEST_TIMEOUT, this);
    request.timeout.arm(requestExpiryDelay(core.settings['request.timeout.ms']), request);
    this.inFlight.set(correlationId, request);
  }

  // ── Answers ──────────────────────────────────────────────────────────────────────────────

  handleProduceResponse(res: ProduceResponse): void {
    const request = this.takeInFlight(res.correlationId);
    if (!request) return;
    request.items.forEach((item, i) => this.complete(item, request.broker, res.partitions[i]!));
    this.run();
  }

  private complete({ q, batch }: Drained, broker: number, res: ProducePartitionResponse): void {
    if (res.error === null) this.outcomes.succeed(q, batch, res.baseOffset, res.duplicate === true);
    // Written before, beyond the broker's memory of offsets: success, offset unknown.
    else if (res.error === 'DUPLICATE_SEQUENCE_NUMBER') {
      this.core.stats.noteError(res.error);
      this.outcomes.succeed(q, batch, -1, true);
    }
    else {
      // KIP-951: Sender.completeBatch hands the answer's current leader to
      // Metadata.updatePartitionLeadership, so the retry goes to the new leader at once.
      if (res.error === 'NOT_LEADER_OR_FOLLOWER' && res.currentLeader) {
        this.core.metadata.updatePartitionLeadership(q.topic, q.partition, res.currentLeader.leaderId, res.currentLeader.leaderEpoch);
      }
      this.outcomes.retryOrFail(q, batch, broker, res.error);
    }
  }

  /**
   * Java's client closes the connection when a request times out (NetworkClient
   * handleTimedOutRequests): that request fails with REQUEST_TIMED_OUT, the others on the
   * connection with NETWORK_EXCEPTION.
   * @internal (run by a queued task)
   */
  requestTimedOut(correlationId: number, broker: number): void {
    if (!this.inFlight.has(correlationId)) return;
    this.failAllInFlightTo(broker, 'NETWORK_EXCEPTION', correlationId);
    this.core.metadata.needsUpdate = true;
    this.run();
  }

  connectionLost(broker: number): void {
    this.failAllInFlightTo(broker, 'NETWORK_EXCEPTION');
    this.core.metadata.needsUpdate = true;
    this.run();
  }

  /**
   * InFlightRequests.clearAll hands a dead connection's requests back oldest first, and each
   * failed batch goes back to the head of its deque (addFirst): without idempotence the newest
   * ends up first, one more way retries reorder records.
   */
  private failAllInFlightTo(broker: number, error: ErrorCode, timedOut = -1): void {
    for (const request of [...this.inFlight.values()]) {
      if (request.broker !== broker) continue;
      this.takeInFlight(request.correlationId);
      const cause = request.correlationId === timedOut ? 'REQUEST_TIMED_OUT' : error;
      for (const { q, batch } of request.items) this.outcomes.retryOrFail(q, batch, broker, cause);
    }
  }

  private takeInFlight(correlationId: number): InFlightRequest | undefined {
    const request = this.inFlight.get(correlationId);
    if (!request) return undefined;
    this.inFlight.delete(correlationId);
    if (request.timeout) {
      request.timeout.disarm();
      this.idleTimers.push(request.timeout);
    }
    request.timeout = null;
    for (const item of request.items) item.batch.onWire = false;
    this.inFlightPerBroker.set(request.broker, (this.inFlightPerBroker.get(request.broker) ?? 1) - 1);
    return request;
  }

  /** Sender.getExpiredInflightBatches: delivery.timeout.ms also ends batches still in flight. */
  private expireInFlight(): number {
    const deliveryTimeout = this.core.settings['delivery.timeout.ms'];
    let next = Infinity;
    for (const request of this.inFlight.values()) {
      for (const { q, batch } of request.items) {
        if (batch.done) continue;
        if (batch.hasReachedDeliveryTimeout(deliveryTimeout, this.now)) this.outcomes.expire(q, batch);
        else next = Math.min(next, batch.createdMs + deliveryTimeout);
      }
    }
    return next;
  }

  wakeAt(time: number): void {
    if (time === Infinity) return;
    if (this.wake.armedTime <= time) return;
    this.wake.armAt(Math.max(time, this.now));
  }

  /** @internal The wake queued by wakeAt. */
  woken(): void {
    this.run();
  }

  // ── Metadata ─────────────────────────────────────────────────────────────────────────────

  /** @internal A metadata request's request.timeout.ms: unanswered, it is asked again. */
  metadataTimedOut(correlationId: number): void {
    if (this.core.metadata.requestTimedOut(correlationId)) this.run();
  }

  handleMetadataResponse(res: MetadataResponse): void {
    if (this.core.metadata.answered(res.correlationId, res.partitions, this.now)) this.run();
  }

  metadataConnectionLost(broker: number): void {
    this.core.metadata.connectionLost(broker);
  }
}

registerClass('Sender', Sender, { blank: () => new Sender(null as never) });
