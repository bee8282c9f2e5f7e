/**
 * The consumer's requests in flight, each with its timeout (request.timeout.ms, or longer for
 * JoinGroup). A broken connection fails every request on it; the group coordinator has a
 * connection of its own (Kafka's client uses a separate node id for it), so losing the
 * coordinator fails only group requests.
 */
import { requestExpiryDelay } from '../../model/requestExpiry';
import type { LazyTimer } from '../../core/lazyTimer';
import type { ConsumerResponse } from '../../sim/groupMessages';
import type { MetadataResponse } from '../../sim/messages';
import type { ClientProcess, Job } from './process';
import { registerClass } from '../../core/graphRegistry';
import { defineTask, type TaskKind } from '../../core/tasks';

export type Channel = 'coordinator' | 'data';
export type RequestFailure = 'NETWORK_EXCEPTION' | 'REQUEST_TIMED_OUT';
type Response = ConsumerResponse | MetadataResponse;

/**
 * The part of the consumer that waits for a request's answer. `tag` (data: what the request was
 * for and the values it needs) tells the owner what to do with the answer.
 */
export interface RequestOwner<Tag, R extends Response = Response> {
  onResponse(tag: Tag, response: R): void;
  onFailure(tag: Tag, failure: RequestFailure): void;
}

/**
 * A request waiting for its answer. It is also its timeout's work (a ClientProcess Job: TIMED_OUT
 * on the requests with its correlation id), so arming the timeout makes no object of its own.
 */
interface Pending extends Job {
  /** The correlation id. */
  readonly id: number;
  broker: number;
  channel: Channel;
  /** null: nobody waits for the answer (LeaveGroup). */
  owner: RequestOwner<unknown> | null;
  tag: unknown;
  timeout: LazyTimer;
}

const TIMED_OUT = defineTask('consumer.request.timeout', (r: InFlightRequests, id: number) => r.fail(id, 'REQUEST_TIMED_OUT'));
const TIMED_OUT_TASK = TIMED_OUT as TaskKind<unknown, unknown>;

export class InFlightRequests {
  /** In the order sent (correlation ids rise): a few at a time, so a short list rather than a map. */
  private pending: Pending[] = [];
  private nextCorrelationId = 1;
  /**
   * Timeout timers not armed now, for the next requests (core/lazyTimer.ts): a request's timeout is
   * armed and disarmed within milliseconds, and fires only when an answer is lost.
   */
  private readonly idleTimers: LazyTimer[] = [];

  constructor(private readonly process: ClientProcess) {}

  /** Registers a request; returns its correlation id for the message. */
  add<R extends Response, Tag>(broker: number, channel: Channel, timeoutMs: number, owner: RequestOwner<Tag, R> | null, tag: Tag): number {
    const id = this.nextCorrelationId++;
    const timeout = this.idleTimers.pop() ?? this.process.timer();
    const pending: Pending = { task: TIMED_OUT_TASK, target: this, arg: id, id, broker, channel, owner: owner as RequestOwner<unknown> | null, tag, timeout };
    this.process.armJob(timeout, requestExpiryDelay(timeoutMs), pending);
    this.pending.push(pending);
    return id;
  }

  complete(response: Response): void {
    const p = this.take(response.correlationId);
    if (!p) return;
    this.stopTimeout(p);
    p.owner?.onResponse(p.tag, response);
  }

  /** The connection to `broker` on `channel` (both when absent) broke. */
  failConnection(broker: number, channel?: Channel): void {
    for (const p of [...this.pending]) if (p.broker === broker && (channel === undefined || p.channel === channel)) this.fail(p.id, 'NETWORK_EXCEPTION');
  }

  clear(): void {
    for (const p of this.pending) this.stopTimeout(p);
    this.pending = [];
  }

  /** Removes and returns the request with correlation id `id`, if it is still waiting. */
  private take(id: number): Pending | undefined {
    const pending = this.pending;
    for (let i = 0; i < pending.length; i++) {
      const p = pending[i]!;
      if (p.id !== id) continue;
      pending.splice(i, 1);
      return p;
    }
    return undefined;
  }

  private stopTimeout(p: Pending): void {
    p.timeout.disarm();
    this.idleTimers.push(p.timeout);
  }

  /** @internal */
  fail(id: number, failure: RequestFailure): void {
    const p = this.take(id);
    if (!p) return;
    this.stopTimeout(p);
    p.owner?.onFailure(p.tag, failure);
  }
}

registerClass('InFlightRequests', InFlightRequests, { blank: () => new InFlightRequests(null as never) });
