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
import type { ClientProcess } from './process';
import { registerClass } from '../../core/graphRegistry';
import { defineTask } from '../../core/tasks';

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

interface Pending {
  broker: number;
  channel: Channel;
  /** null: nobody waits for the answer (LeaveGroup). */
  owner: RequestOwner<unknown> | null;
  tag: unknown;
  timeout: LazyTimer;
}

const TIMED_OUT = defineTask('consumer.request.timeout', (r: InFlightRequests, id: number) => r.fail(id, 'REQUEST_TIMED_OUT'));

export class InFlightRequests {
  private readonly pending = new Map<number, Pending>();
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
    this.process.arm(timeout, requestExpiryDelay(timeoutMs), TIMED_OUT, this, id);
    this.pending.set(id, { broker, channel, owner: owner as RequestOwner<unknown> | null, tag, timeout });
    return id;
  }

  complete(response: Response): void {
    const p = this.pending.get(response.correlationId);
    if (!p) return;
    this.pending.delete(response.correlationId);
    this.stopTimeout(p);
    p.owner?.onResponse(p.tag, response);
  }

  /** The connection to `broker` on `channel` (both when absent) broke. */
  failConnection(broker: number, channel?: Channel): void {
    for (const [id, p] of [...this.pending]) if (p.broker === broker && (channel === undefined || p.channel === channel)) this.fail(id, 'NETWORK_EXCEPTION');
  }

  clear(): void {
    for (const p of this.pending.values()) this.stopTimeout(p);
    this.pending.clear();
  }

  private stopTimeout(p: Pending): void {
    p.timeout.disarm();
    this.idleTimers.push(p.timeout);
  }

  /** @internal */
  fail(id: number, failure: RequestFailure): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.stopTimeout(p);
    p.owner?.onFailure(p.tag, failure);
  }
}

registerClass('InFlightRequests', InFlightRequests, { blank: () => new InFlightRequests(null as never) });
