/**
 * The simulated network: per-link latency (default 1 ms one way, optional seeded jitter), link
 * cuts, slow brokers, and the fault injectors `dropRequests` / `dropResponses`.
 *
 * Faithful to TCP where it matters here: each direction of a link delivers in order (a message
 * never overtakes an earlier one on the same link, even with jitter); a message in flight when its
 * link is cut is lost; a message to a process that is down, or that restarted since the message
 * was sent (its connections were reset), is lost.
 */
import type { EventQueue } from '../core/eventQueue';
import type { Random } from '../core/random';
import type { TraceEvent } from '../core/trace';
import type { Message } from './messages';

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

const isUp = (node: NetworkNode): boolean => node.isUp?.() ?? true;
const incarnationOf = (node: NetworkNode): number => node.incarnation?.() ?? 0;

function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export class Network {
  private readonly nodes = new Map<string, NetworkNode>();
  private readonly cuts = new Set<string>();
  /** Bumped whenever a link is cut: a message sent before the cut carries an older generation. */
  private readonly cutGeneration = new Map<string, number>();
  /** Last delivery time per direction, to keep each direction FIFO. */
  private readonly lastDelivery = new Map<string, number>();
  private readonly nodeLatencyMs = new Map<string, number>();
  private readonly dropRequestBudget = new Map<string, number>();
  private readonly dropResponseBudget = new Map<string, number>();

  constructor(
    private readonly queue: EventQueue,
    private readonly random: Random,
    private readonly emit: (event: TraceEvent) => void,
    private latencyMs: number,
    private readonly jitterMs: number,
  ) {}

  register(node: NetworkNode): void {
    this.nodes.set(node.name, node);
  }

  nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  isCut(a: string, b: string): boolean {
    return this.cuts.has(linkKey(a, b));
  }

  /** One-way latency of the link: a slowed endpoint sets it, else the network's latency. */
  latencyBetween(a: string, b: string): number {
    const la = this.nodeLatencyMs.get(a);
    const lb = this.nodeLatencyMs.get(b);
    if (la === undefined && lb === undefined) return this.latencyMs;
    return Math.max(la ?? 0, lb ?? 0);
  }

  send(from: string, to: string, message: Message): void {
    const target = this.nodes.get(to);
    if (!target) return;
    const key = linkKey(from, to);
    if (this.cuts.has(key)) {
      this.drop(from, to, message, 'link-cut');
      return;
    }
    if (this.consumeDropBudget(from, to, message)) return;

    const generation = this.cutGeneration.get(key) ?? 0;
    const incarnation = incarnationOf(target);
    const jitter = this.jitterMs > 0 ? this.random.int(0, this.jitterMs) : 0;
    const direction = `${from}>${to}`;
    const now = this.queue.now;
    // FIFO per direction: never deliver before the previous message on this link.
    const at = Math.max(now + this.latencyBetween(from, to) + jitter, this.lastDelivery.get(direction) ?? 0);
    this.lastDelivery.set(direction, at);
    this.queue.scheduleAt(at, () => {
      if ((this.cutGeneration.get(key) ?? 0) !== generation) return this.drop(from, to, message, 'link-cut');
      if (!isUp(target) || incarnationOf(target) !== incarnation) {
        this.drop(from, to, message, 'node-down');
        if (!isUp(target) && target.refusesConnections?.()) this.notifyConnectionLost(from, to);
        return;
      }
      target.receive(message, from);
    });
  }

  /**
   * `node`'s process died with its machine up: the OS resets its connections, and every peer it
   * can still reach learns of it one latency later.
   */
  resetConnectionsOf(node: string): void {
    for (const peer of this.nodes.keys()) if (peer !== node) this.notifyConnectionLost(peer, node);
  }

  /** Tells `node` (after one link latency) that its connection to `peer` is gone. */
  private notifyConnectionLost(node: string, peer: string): void {
    const target = this.nodes.get(node);
    if (!target?.connectionLost || this.isCut(node, peer)) return;
    const incarnation = incarnationOf(target);
    this.queue.schedule(this.latencyBetween(node, peer), () => {
      if (isUp(target) && incarnationOf(target) === incarnation) target.connectionLost?.(peer);
    });
  }

  cut(a: string, b: string): void {
    const key = linkKey(a, b);
    if (this.cuts.has(key)) return;
    this.cuts.add(key);
    this.cutGeneration.set(key, (this.cutGeneration.get(key) ?? 0) + 1);
    this.emit({ t: this.queue.now, type: 'LinkCut', between: [a, b] });
  }

  isolate(node: string): void {
    for (const other of this.nodes.keys()) if (other !== node) this.cut(node, other);
  }

  heal(between?: [string, string]): void {
    if (between) this.cuts.delete(linkKey(between[0], between[1]));
    else this.cuts.clear();
    this.emit({ t: this.queue.now, type: 'LinkHealed', between: between ?? null });
  }

  /** Read-only, for snapshots: every cut link as its two node names, sorted. */
  cutLinks(): [string, string][] {
    return [...this.cuts].sort().map((key) => key.split('|') as [string, string]);
  }

  /** Read-only, for snapshots: each slowed node and the one-way latency of its links. */
  slowedNodes(): { node: string; latencyMs: number }[] {
    return [...this.nodeLatencyMs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([node, latencyMs]) => ({ node, latencyMs }));
  }

  /** Sets the one-way latency of every link of `node`; 0 restores the network's latency. */
  slow(node: string, latencyMs: number): void {
    if (latencyMs === 0) this.nodeLatencyMs.delete(node);
    else this.nodeLatencyMs.set(node, latencyMs);
  }

  dropRequests(broker: string, count: number): void {
    this.dropRequestBudget.set(broker, (this.dropRequestBudget.get(broker) ?? 0) + count);
  }

  dropResponses(broker: string, count: number): void {
    this.dropResponseBudget.set(broker, (this.dropResponseBudget.get(broker) ?? 0) + count);
  }

  private consumeDropBudget(from: string, to: string, message: Message): boolean {
    if (message.kind === 'produce') return this.takeFrom(this.dropRequestBudget, to, from, message, 'dropRequests');
    if (message.kind === 'produceResponse') return this.takeFrom(this.dropResponseBudget, from, from, message, 'dropResponses', to);
    return false;
  }

  private takeFrom(
    budget: Map<string, number>,
    broker: string,
    from: string,
    message: Message,
    reason: 'dropRequests' | 'dropResponses',
    to = broker,
  ): boolean {
    const left = budget.get(broker) ?? 0;
    if (left <= 0) return false;
    budget.set(broker, left - 1);
    this.drop(from, to, message, reason);
    return true;
  }

  private drop(from: string, to: string, message: Message, reason: 'link-cut' | 'node-down' | 'dropRequests' | 'dropResponses'): void {
    this.emit({ t: this.queue.now, type: 'MessageDropped', from, to, kind: message.kind, reason });
  }
}
