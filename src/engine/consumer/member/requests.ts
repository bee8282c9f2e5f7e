/**
 * The consumer's requests in flight, each with its timeout (request.timeout.ms, or longer for
 * JoinGroup). A broken connection fails every request on it; the group coordinator has a
 * connection of its own (Kafka's client uses a separate node id for it), so losing the
 * coordinator fails only group requests.
 */
import type { ScheduledTask } from '../../core/eventQueue';
import type { ConsumerResponse } from '../messages';
import type { MetadataResponse } from '../../sim/messages';
import type { ClientProcess } from './process';
import { registerClass } from '../../core/graphRegistry';

export type Channel = 'coordinator' | 'data';
export type RequestFailure = 'NETWORK_EXCEPTION' | 'REQUEST_TIMED_OUT';
type Response = ConsumerResponse | MetadataResponse;

interface Pending {
  broker: number;
  channel: Channel;
  onResponse: (response: Response) => void;
  onFailure: (failure: RequestFailure) => void;
  timeout: ScheduledTask;
}

export class InFlightRequests {
  private readonly pending = new Map<number, Pending>();
  private nextCorrelationId = 1;

  constructor(private readonly process: ClientProcess) {}

  /** Registers a request; returns its correlation id for the message. */
  add<R extends Response>(broker: number, channel: Channel, timeoutMs: number, onResponse: (response: R) => void, onFailure: (failure: RequestFailure) => void): number {
    const id = this.nextCorrelationId++;
    const timeout = this.process.later(timeoutMs, () => this.fail(id, 'REQUEST_TIMED_OUT'), 'consumer request.timeout.ms');
    this.pending.set(id, { broker, channel, onResponse: onResponse as (r: Response) => void, onFailure, timeout });
    return id;
  }

  complete(response: Response): void {
    const p = this.pending.get(response.correlationId);
    if (!p) return;
    this.pending.delete(response.correlationId);
    p.timeout.cancelled = true;
    p.onResponse(response);
  }

  /** The connection to `broker` on `channel` (both when absent) broke. */
  failConnection(broker: number, channel?: Channel): void {
    for (const [id, p] of [...this.pending]) if (p.broker === broker && (channel === undefined || p.channel === channel)) this.fail(id, 'NETWORK_EXCEPTION');
  }

  clear(): void {
    for (const p of this.pending.values()) p.timeout.cancelled = true;
    this.pending.clear();
  }

  private fail(id: number, failure: RequestFailure): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.timeout.cancelled = true;
    p.onFailure(failure);
  }
}

registerClass('InFlightRequests', InFlightRequests);
