/**
 * The simulated network: per-link latency (default 1 ms one way, optional seeded jitter), link
 * cuts, slow brokers, and the fault injectors `dropRequests` / `dropResponses`.
 *
 * Faithful to TCP where it matters here: each direction of a link delivers in order (a message
 * never overtakes an earlier one on the same link, even with jitter); a message in flight when its
 * link is cut is lost; a message to a process that is down, or that restarted since the message
 * was sent (its connections were reset), is lost, and its sender is told its connection broke
 * unless the target's machine is off (then it must time out).
 */
import type { EventQueue } from '../core/eventQueue';
import type { Random } from '../core/random';
import { defineTask } from '../core/tasks';
import { kafkaApiName, type Message } from './messages';
import { copyWith, registerClass } from '../core/graphRegistry';
import { LinkFaults } from './linkFaults';
import { describeWire, messageDelivered, messageSent, Wire, type Link, type MessageInFlight, type Route, type WireEvents, type WireReceiver } from './wire';

export type { MessageInFlight, WireEvents } from './wire';

export interface NetworkNode {
  readonly name: string;
  /** Is the process up? Absent: always (the controller and clients do not fail yet). */
  isUp?(): boolean;
  /** Bumped on every restart: messages sent to an earlier incarnation are lost. Absent: 0. */
  incarnation?(): number;
  receive(message: Message, from: string): void;
  /**
   * The process is down but its machine is up (a crash, not a power loss): the OS answers
   * connection attempts with a reset, so senders learn at once instead of timing out.
   */
  refusesConnections?(): boolean;
  /** Our connection to `peer` broke (refused or reset): every request in flight on it fails. */
  connectionLost?(peer: string): void;
}

type DropReason = 'link-cut' | 'node-down' | 'dropRequests' | 'dropResponses';

const isUp = (node: NetworkNode): boolean => node.isUp?.() ?? true;
const incarnationOf = (node: NetworkNode): number => node.incarnation?.() ?? 0;

/** The payload of a connection-reset notice. */
interface ResetNotice {
  readonly route: Route;
  readonly incarnation: number;
}

const CONNECTION_LOST_TASK = defineTask('network.connectionLost', (network: Network, notice: ResetNotice) => network.deliverReset(notice));

/**
 * A route with the node it leads to, kept current by `register` (a consumer member added again
 * under its name is a new node): no lookup by name for every message sent and delivered.
 */
interface RouteToNode extends Route {
  target: NetworkNode;
}

/** A link's key, the same either way round ("b1|b2"). */
export function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export class Network implements WireReceiver {
  private readonly nodes = new Map<string, NetworkNode>();
  private readonly links = new Map<string, Link>();
  private readonly routes = new Map<string, Map<string, RouteToNode>>();
  private readonly faults = new LinkFaults();
  /**
   * What is on the wire, in send order (ids ascend); ended ones are swept out once they are half
   * the list (cheaper than a Map insert and delete per message).
   */
  private wires: Wire[] = [];
  private endedWires = 0;
  private nextMessageId = 1;

  constructor(
    private readonly queue: EventQueue,
    private readonly random: Random,
    private readonly events: WireEvents,
    private latencyMs: number,
    private readonly jitterMs: number,
  ) {
  }

  register(node: NetworkNode): void {
    this.nodes.set(node.name, node);
    for (const byTo of this.routes.values()) {
      const route = byTo.get(node.name);
      if (route) route.target = node;
    }
  }

  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  isCut(a: string, b: string): boolean {
    return this.links.get(linkKey(a, b))?.cut ?? false;
  }

  /** One-way latency of the link: a slowed endpoint sets it, else the network's latency. */
  latencyBetween(a: string, b: string): number {
    return this.faults.latencyBetween(a, b, this.latencyMs);
  }

  /** The messages on the wire now, oldest first. */
  inFlight(): MessageInFlight[] {
    const out: MessageInFlight[] = [];
    for (const wire of this.wires) if (!wire.ended) out.push(describeWire(wire));
    return out;
  }

  send(from: string, to: string, message: Message): void {
    const route = this.route(from, to);
    if (route === null) return;
    const target = route.target;
    const now = this.queue.now;
    const id = this.nextMessageId++;
    if (route.link.cut) return this.dropAtOnce(id, route, message, 'link-cut');
    const budgetReason = this.faults.consumeDropBudget(from, to, message);
    if (budgetReason) return this.dropAtOnce(id, route, message, budgetReason);

    const jitter = this.jitterMs > 0 ? this.random.int(0, this.jitterMs) : 0;
    // FIFO per direction: never deliver before the previous message on this link.
    const arrival = now + this.latencyBetween(from, to) + jitter;
    const at = arrival > route.lastDelivery ? arrival : route.lastDelivery;
    route.lastDelivery = at;
    if (this.events.watched === false) this.events.pass!();
    else this.events.emit(messageSent(id, route, message, now, at));
    const wire = new Wire(this.queue, this, id, route, message, now, at, route.link.generation, incarnationOf(target), route.connection);
    this.wires.push(wire);
    this.queue.enqueue(wire);
  }

  /** @internal (the DELIVER task) */
  deliver(wire: Wire): void {
    wire.ended = true;
    if (++this.endedWires > 64 && this.endedWires * 2 > this.wires.length) {
      this.wires = this.wires.filter((w) => !w.ended);
      this.endedWires = 0;
    }
    const { route, message } = wire;
    if (route.link.generation !== wire.generation) return this.drop(wire.id, route, message, 'link-cut');
    // Every route is made by `route()`, with its node.
    const target = (route as RouteToNode).target;
    const up = isUp(target);
    if (!up || incarnationOf(target) !== wire.incarnation) {
      this.drop(wire.id, route, message, 'node-down');
      // The sender learns its connection broke, as from a TCP reset: a process that is down with
      // its machine up refuses the connection; one that restarted since the message was sent
      // (even if it was down when it was sent) has no such connection and answers with a reset.
      // Either way the client's NetworkClient sees a disconnect and fails the requests on it at
      // once (NetworkClient.handleDisconnections), instead of waiting request.timeout.ms.
      const resets = up || target.refusesConnections?.() === true;
      if (resets && wire.connection === route.connection) this.reportReset(route);
      return;
    }
    if (this.events.watched === false) this.events.pass!();
    else this.events.emit(messageDelivered(this.queue.now, wire.id));
    target.receive(message, route.from);
  }

  /** The route from → to, made on first use (links start up); null when no node `to` is registered. */
  private route(from: string, to: string): RouteToNode | null {
    let byTo = this.routes.get(from);
    if (!byTo) this.routes.set(from, (byTo = new Map()));
    let route = byTo.get(to);
    if (!route) {
      const target = this.nodes.get(to);
      if (!target) return null;
      route = { from, to, link: this.link(from, to), lastDelivery: 0, connection: 0, resetReported: false, target };
      byTo.set(to, route);
    }
    return route;
  }

  private link(a: string, b: string): Link {
    const key = linkKey(a, b);
    let link = this.links.get(key);
    if (!link) this.links.set(key, (link = { cut: false, generation: 0, lostWhileCut: false }));
    return link;
  }

  /**
   * `node`'s process died with its machine up: the OS resets its connections, and every peer it
   * can still reach learns of it one latency later.
   */
  resetConnectionsOf(node: string): void {
    for (const peer of this.nodes.keys()) if (peer !== node) this.reportReset(this.route(peer, node)!);
  }

  /**
   * Tells the route's sender (after one link latency) that its connection to the receiver is gone,
   * once per connection: messages still on the dead connection are lost without another notice.
   */
  private reportReset(route: Route): void {
    if (route.resetReported) return;
    const sender = this.nodes.get(route.from);
    if (!sender?.connectionLost || route.link.cut) return;
    route.resetReported = true;
    const notice: ResetNotice = { route, incarnation: incarnationOf(sender) };
    this.queue.after(this.latencyBetween(route.from, route.to), CONNECTION_LOST_TASK, this, notice);
  }

  /** @internal (the CONNECTION_LOST task) */
  deliverReset({ route, incarnation }: ResetNotice): void {
    // The sender knows now: what it sends next goes on a new connection.
    route.connection++;
    route.resetReported = false;
    const sender = this.nodes.get(route.from)!;
    if (isUp(sender) && incarnationOf(sender) === incarnation) sender.connectionLost?.(route.to);
  }

  cut(a: string, b: string): void {
    const link = this.link(a, b);
    if (link.cut) return;
    link.cut = true;
    link.generation++;
    this.events.emit({ t: this.queue.now, type: 'LinkCut', between: [a, b] });
  }

  isolate(node: string): void {
    for (const other of this.nodes.keys()) if (other !== node) this.cut(node, other);
  }

  heal(between?: [string, string]): void {
    const healed = between ? [linkKey(between[0], between[1])] : [...this.links.keys()];
    for (const key of healed) {
      const link = this.links.get(key);
      if (link) link.cut = false;
    }
    this.events.emit({ t: this.queue.now, type: 'LinkHealed', between: between ?? null });
    for (const key of healed) this.resetIfLost(key);
  }

  /**
   * A cut loses what it catches on the wire, but real TCP keeps the connection and retransmits
   * once the link is back, so a request (or its answer) caught in a short cut still arrives a
   * moment after the heal. Without that the requester waits its own timeout, e.g. a follower
   * replica.socket.timeout.ms (30 s) while it stays in the ISR and holds every acks=all write.
   * The cheap model: a healed link that lost messages resets its connections (both ends learn
   * one latency later), so each side sends its unanswered requests again at once, as a
   * retransmission would deliver them. Idle links keep their connections, as TCP does.
   */
  private resetIfLost(key: string): void {
    const link = this.links.get(key);
    if (!link?.lostWhileCut) return;
    link.lostWhileCut = false;
    const [a, b] = key.split('|') as [string, string];
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const route = this.routes.get(from)?.get(to);
      if (route) this.reportReset(route);
    }
  }

  /** Read-only, for snapshots: every cut link as its two node names, sorted. */
  cutLinks(): [string, string][] {
    const cut = [...this.links].filter(([, link]) => link.cut).map(([key]) => key);
    return cut.sort().map((key) => key.split('|') as [string, string]);
  }

  /** Read-only, for snapshots: each slowed node and the one-way latency of its links. */
  slowedNodes(): { node: string; latencyMs: number }[] {
    return this.faults.slowedNodes();
  }

  /** Sets the one-way latency of every link of `node`; 0 restores the network's latency. */
  slow(node: string, latencyMs: number): void {
    this.faults.slow(node, latencyMs);
  }

  dropRequests(broker: string, count: number): void {
    this.faults.dropRequests(broker, count);
  }

  dropResponses(broker: string, count: number): void {
    this.faults.dropResponses(broker, count);
  }

  /** Lost as it is sent: traced as sent (deliverAt = sentAt) and dropped at once. */
  private dropAtOnce(id: number, route: Route, message: Message, reason: DropReason): void {
    const now = this.queue.now;
    if (this.events.watched === false) this.events.pass!();
    else this.events.emit(messageSent(id, route, message, now, now));
    this.drop(id, route, message, reason);
  }

  private drop(messageId: number, route: Route, message: Message, reason: DropReason): void {
    if (reason === 'link-cut') {
      route.link.lostWhileCut = true;
      // Caught by a cut that has healed before it was due: the link is back, reset at once.
      if (!route.link.cut) this.resetIfLost(linkKey(route.from, route.to));
    }
    this.events.emit({ t: this.queue.now, type: 'MessageDropped', messageId, from: route.from, to: route.to, kind: kafkaApiName(message), reason });
  }
}

// A checkpoint writes only the wires still in flight: the list keeps delivered ones until they are half of it.
registerClass('Network', Network, {
  blank: () => new Network(null as never, null as never, null as never, 0, 0),
  encodeAs: (n) => {
    const { wires, endedWires } = n as unknown as { wires: Wire[]; endedWires: number };
    return endedWires === 0 ? n : copyWith(n, { wires: wires.filter((w) => !w.ended), endedWires: 0 });
  },
});
