/**
 * What the network keeps per message, and how a message is traced. Split from network.ts: the
 * network decides when and whether a message arrives; this file holds the data it moves.
 *
 * One object per message on the wire: the `Wire` is itself the queued delivery task (a subclass
 * of ScheduledTask), not a payload beside one. MessageSent and MessageDelivered are every request
 * and response, over half of all events, so each is built as one literal of its final shape.
 */
import type { EventQueue } from '../core/eventQueue';
import { ScheduledTask } from '../core/scheduledTask';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { correlationIdOf, kafkaApiName, recordIdsOf, type KafkaApiName, type Message } from './messages';

/** A message on the wire, as `inFlight()` lists it (plain data, for the view's moving tokens). */
export interface MessageInFlight {
  readonly messageId: number;
  readonly from: string;
  readonly to: string;
  readonly kind: KafkaApiName;
  readonly sentAt: number;
  readonly deliverAt: number;
  readonly correlationId: number | null;
  readonly recordIds?: readonly number[];
}

/** Both directions of a link share its cut state. */
export interface Link {
  cut: boolean;
  /** Bumped whenever the link is cut: a message sent before the cut carries an older generation. */
  generation: number;
  /** A message was lost on the link since it was cut: its connections are reset when it heals. */
  lostWhileCut: boolean;
}

/** One direction of a link, from → to. */
export interface Route {
  readonly from: string;
  readonly to: string;
  readonly link: Link;
  /** Last delivery time, to keep the direction FIFO. */
  lastDelivery: number;
  /**
   * The sender's connection: bumped when the sender learns it was reset. Only the first message
   * lost on a connection reports the reset; the others on it are gone with it (one notice per
   * connection, as one TCP reset — without this, every lost retry failed every newer request).
   */
  connection: number;
  resetReported: boolean;
}

/**
 * Where the network's events go (the simulation's Emitter). `watched` false: nobody outside the
 * engine reads events now, so MessageSent / MessageDelivered, which nothing inside reads, are
 * only counted (`pass`), not built. Absent: always built.
 */
export interface WireEvents {
  emit(event: TraceEvent): void;
  readonly watched?: boolean;
  pass?(): void;
}

/** Who receives a wire when it is due (the network; `deliver` runs as the wire's task). */
export interface WireReceiver {
  deliver(wire: Wire): void;
}

const DELIVER_TASK = defineTask('network.deliver', (network: WireReceiver, wire: Wire) => network.deliver(wire));

/**
 * A message on the wire and its delivery task in one object: the task runs `network.deliver(wire)`
 * at `deliverAt`. Data only (a module-level function, the network, the message), so a checkpoint
 * writes it like any task.
 */
export class Wire extends ScheduledTask {
  /** Delivered or dropped: no longer on the wire. */
  ended = false;
  constructor(
    queue: EventQueue,
    network: WireReceiver,
    readonly id: number,
    readonly route: Route,
    readonly message: Message,
    readonly sentAt: number,
    readonly deliverAt: number,
    readonly generation: number,
    readonly incarnation: number,
    readonly connection: number,
  ) {
    super(deliverAt, queue.claimSequence(), DELIVER_TASK.kind, DELIVER_TASK.run as (target: never, arg: never) => void, network, null, queue, null);
    this.payload = this;
  }
}

/** A message on the wire as `inFlight()` lists it (recordIds only for records). */
export function describeWire(wire: Wire): MessageInFlight {
  const { message, route } = wire;
  const recordIds = recordIdsOf(message);
  const entry: { -readonly [K in keyof MessageInFlight]: MessageInFlight[K] } = {
    messageId: wire.id,
    from: route.from,
    to: route.to,
    kind: kafkaApiName(message),
    sentAt: wire.sentAt,
    deliverAt: wire.deliverAt,
    correlationId: correlationIdOf(message),
  };
  if (recordIds) entry.recordIds = recordIds;
  return entry;
}

/**
 * The MessageSent event of a message: the fields of `describeWire`, in its order, then `cause`
 * and `id` as the emitter fills them in (left undefined / 0 here, so the emitter writes into
 * slots the object already has; JSON leaves an undefined cause out, so the trace is unchanged).
 */
export function messageSent(id: number, route: Route, message: Message, sentAt: number, deliverAt: number): TraceEventOf<'MessageSent'> {
  const recordIds = recordIdsOf(message);
  const kind = kafkaApiName(message);
  const correlationId = correlationIdOf(message);
  const { from, to } = route;
  const t = sentAt;
  if (recordIds) return { t, type: 'MessageSent', messageId: id, from, to, kind, sentAt, deliverAt, correlationId, recordIds, cause: undefined, id: 0 } as TraceEventOf<'MessageSent'>;
  return { t, type: 'MessageSent', messageId: id, from, to, kind, sentAt, deliverAt, correlationId, cause: undefined, id: 0 } as TraceEventOf<'MessageSent'>;
}

/** The MessageDelivered event, in its final shape (see messageSent). */
export function messageDelivered(t: number, messageId: number): TraceEventOf<'MessageDelivered'> {
  return { t, type: 'MessageDelivered', messageId, cause: undefined, id: 0 } as TraceEventOf<'MessageDelivered'>;
}

registerClass('NetworkWire', Wire, { blank: () => new Wire({ claimSequence: () => 0 } as never, null as never, 0, null as never, null as never, 0, 0, 0, 0, 0) });
