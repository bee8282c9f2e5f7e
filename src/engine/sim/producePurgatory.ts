/**
 * Kafka's produce purgatory (DelayedProduce): an acks=all ProduceRequest waits until every
 * partition in it is settled — its high watermark passed the batch, or it failed — or until its
 * timeout, then gets one answer.
 */
import type { LazyTimer } from '../core/lazyTimer';
import type { ErrorCode } from '../core/trace';
import type { BrokerCore } from './brokerCore';
import { partitionKey } from './context';
import type { ProducePartitionResponse } from './messages';
import type { Replica } from './replica';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';

interface DelayedProduce {
  correlationId: number;
  producer: string;
  results: ProducePartitionResponse[];
  unsettled: number;
  timeout: LazyTimer;
}

/** One partition of a DelayedProduce, queued on that partition in offset order. */
interface PendingAppend {
  request: DelayedProduce;
  /** Index into `request.results`. */
  index: number;
  requiredOffset: number;
  settled: boolean;
}

/** A partition of a request that waits for its high watermark to reach `requiredOffset`. */
export interface AwaitedAppend {
  replica: Replica;
  index: number;
  requiredOffset: number;
}

const PRODUCE_TIMED_OUT = defineTask('broker.delayedProduceExpired', (purgatory: ProducePurgatory, request: DelayedProduce) => purgatory.expire(request));

export class ProducePurgatory {
  private readonly waiting = new Map<string, PendingAppend[]>();
  /** Timeout timers not armed now (core/lazyTimer.ts): most requests are answered long before theirs. */
  private readonly idleTimers: LazyTimer[] = [];

  constructor(private readonly core: BrokerCore) {}

  /** Parks a request whose `awaited` partitions wait for their HW; the others are answered in `results`. */
  park(correlationId: number, producer: string, results: ProducePartitionResponse[], awaited: readonly AwaitedAppend[], timeoutMs: number): void {
    const request: DelayedProduce = { correlationId, producer, results, unsettled: awaited.length, timeout: this.idleTimers.pop() ?? this.core.timer(PRODUCE_TIMED_OUT, this) };
    this.core.arm(request.timeout, timeoutMs, request);
    for (const w of awaited) {
      const key = partitionKey(w.replica.topic, w.replica.partition);
      const pending: PendingAppend = { request, index: w.index, requiredOffset: w.requiredOffset, settled: false };
      const list = this.waiting.get(key);
      if (list) list.push(pending);
      else this.waiting.set(key, [pending]);
    }
  }

  /** The HW of `r` moved: answer what it passed, with `error` (NOT_ENOUGH_REPLICAS_AFTER_APPEND or none). */
  complete(r: Replica, error: ErrorCode | null): void {
    const list = this.waiting.get(partitionKey(r.topic, r.partition));
    if (!list || list.length === 0) return;
    const hw = r.log.highWatermark;
    let done = 0;
    // Batches wait in offset order, so the satisfied ones are a prefix.
    while (done < list.length && list[done]!.requiredOffset <= hw) this.settle(list[done++]!, error);
    if (done > 0) list.splice(0, done);
  }

  /** `r` is no longer led here: everything waiting on it fails. */
  fail(r: Replica, error: ErrorCode): void {
    const key = partitionKey(r.topic, r.partition);
    const list = this.waiting.get(key);
    if (!list) return;
    this.waiting.delete(key);
    for (const pending of list) this.settle(pending, error, -1);
  }

  /** The process died: nothing will be answered. */
  clear(): void {
    for (const list of this.waiting.values()) for (const d of list) this.stopTimeout(d.request);
    this.waiting.clear();
  }

  /** One partition of a waiting request is done; the request answers when all of them are. */
  private settle(pending: PendingAppend, error: ErrorCode | null, baseOffset?: number): void {
    if (pending.settled) return;
    pending.settled = true;
    const { request } = pending;
    const result = request.results[pending.index]!;
    result.error = error;
    if (baseOffset !== undefined) result.baseOffset = baseOffset;
    if (--request.unsettled > 0) return;
    this.stopTimeout(request);
    this.core.send(request.producer, { kind: 'produceResponse', correlationId: request.correlationId, partitions: request.results });
  }

  /** A request's timeout, armed still (a request waits on several partitions), goes back to the idle ones. */
  private stopTimeout(request: DelayedProduce): void {
    if (!request.timeout.armed) return;
    request.timeout.disarm();
    this.idleTimers.push(request.timeout);
  }

  /** @internal DelayedProduce.onExpiration: partitions still waiting answer REQUEST_TIMED_OUT. */
  expire(request: DelayedProduce): void {
    for (const [key, list] of this.waiting) {
      const mine = list.filter((p) => p.request === request);
      if (mine.length === 0) continue;
      this.waiting.set(key, list.filter((p) => p.request !== request));
      for (const p of mine) this.settle(p, 'REQUEST_TIMED_OUT');
    }
  }
}

registerClass('ProducePurgatory', ProducePurgatory, { blank: () => new ProducePurgatory(null as never) });
