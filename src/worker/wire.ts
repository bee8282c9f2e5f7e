/**
 * What the wire did that `inFlight()` cannot show: messages lost on the way (MessageDropped) and
 * responses that came back with an error code. It follows the trace as the FateTracker does:
 * every MessageSent is remembered until its MessageDelivered or MessageDropped (one of the two
 * always follows), so a drop carries the flight it had — a message lost as it was sent (its link
 * already cut, a dropRequests fault) never appears in `inFlight()` at all.
 *
 * An error code is only in the response's payload, which the trace does not carry; the client
 * reports it as it handles the response (the producer's ProduceErrored, the consumer's
 * CommitFailed), in the same engine step as that response's MessageDelivered. So the last
 * delivered message, at the same time, from the right broker to the right client, is the response
 * that carried it. A client-side error (a request that timed out in the client, a commit by a
 * member no longer in the group) has no such response and is left out.
 */
import type { TraceEvent } from '../engine';
import type { DroppedMessage, ErrorResponse, WireEffects } from './protocol';

interface Sent {
  from: string;
  to: string;
  kind: string;
  sentAt: number;
  deliverAt: number;
  recordIds?: number[];
}

/** How many of each the tracker keeps for a frame after a seek (the view shows the last moments). */
export const RECENT_KEPT = 48;

export class WireTracker {
  private readonly live = new Map<number, Sent>();
  private lastDelivered: { id: number; t: number; sent: Sent } | null = null;
  private dropped: DroppedMessage[] = [];
  private errors: ErrorResponse[] = [];
  private fresh = { dropped: 0, errors: 0 };

  observe(event: TraceEvent): void {
    switch (event.type) {
      case 'MessageSent': {
        const sent: Sent = { from: event.from, to: event.to, kind: event.kind, sentAt: event.sentAt, deliverAt: event.deliverAt };
        if (event.recordIds) sent.recordIds = event.recordIds;
        this.live.set(event.messageId, sent);
        return;
      }
      case 'MessageDelivered': {
        const sent = this.live.get(event.messageId);
        this.live.delete(event.messageId);
        this.lastDelivered = sent ? { id: event.messageId, t: event.t, sent } : null;
        return;
      }
      case 'MessageDropped': {
        const sent = this.live.get(event.messageId);
        this.live.delete(event.messageId);
        const drop: DroppedMessage = {
          messageId: event.messageId,
          from: event.from,
          to: event.to,
          kind: event.kind,
          reason: event.reason,
          sentAt: sent?.sentAt ?? event.t,
          deliverAt: sent?.deliverAt ?? event.t,
          droppedAt: event.t,
        };
        if (sent?.recordIds) drop.recordIds = sent.recordIds;
        this.push('dropped', drop);
        return;
      }
      case 'ProduceErrored':
        return this.errorIn(event.t, 'ProduceResponse', `b${event.broker}`, event.producer, event.error);
      case 'CommitFailed':
        return this.errorIn(event.t, 'OffsetCommitResponse', null, `${event.group}/${event.member}`, event.error);
      default:
        return;
    }
  }

  /** The effects since the last call (or, with `recent`, the latest ones kept, for a frame after a seek). */
  drain(recent = false): WireEffects {
    const take = <T>(list: T[], n: number): T[] => (recent ? list.slice() : n > 0 ? list.slice(-n) : []);
    const out = { dropped: take(this.dropped, this.fresh.dropped), errors: take(this.errors, this.fresh.errors) };
    this.fresh = { dropped: 0, errors: 0 };
    return out;
  }

  /** The latest effects kept, without taking the fresh ones from the next `drain` (a kept frame's copy). */
  recent(): WireEffects {
    return { dropped: this.dropped.slice(-RECENT_KEPT), errors: this.errors.slice(-RECENT_KEPT) };
  }

  private errorIn(t: number, kind: string, from: string | null, to: string, error: string): void {
    const d = this.lastDelivered;
    if (!d || d.t !== t || d.sent.kind !== kind || d.sent.to !== to || (from !== null && d.sent.from !== from)) return;
    // Several partitions of one response may fail: one entry per response, its codes listed once.
    const same = this.errors.find((e) => e.messageId === d.id);
    if (same) {
      if (!same.errors.includes(error)) same.errors.push(error);
      return;
    }
    const entry: ErrorResponse = { messageId: d.id, from: d.sent.from, to: d.sent.to, kind, errors: [error], sentAt: d.sent.sentAt, deliverAt: d.sent.deliverAt };
    if (d.sent.recordIds) entry.recordIds = d.sent.recordIds;
    this.push('errors', entry);
  }

  private push<K extends 'dropped' | 'errors'>(key: K, item: WireEffects[K][number]): void {
    const list = this[key] as WireEffects[K][number][];
    list.push(item);
    if (list.length > RECENT_KEPT * 2) list.splice(0, list.length - RECENT_KEPT);
    this.fresh[key] = Math.min(this.fresh[key] + 1, list.length);
  }
}
