/**
 * The faults a scenario injects into the network, split from network.ts: slowed nodes (every link
 * of the node gets its one-way latency) and the drop budgets of `dropRequests` / `dropResponses`
 * (the next n Produce requests to a broker, or its n next answers, are lost on the wire).
 */
import { registerClass } from '../core/graphRegistry';
import type { Message } from './messages';

export class LinkFaults {
  private readonly nodeLatencyMs = new Map<string, number>();
  private readonly dropRequestBudget = new Map<string, number>();
  private readonly dropResponseBudget = new Map<string, number>();

  /** One-way latency of the link a–b: a slowed endpoint sets it, else `latencyMs`. */
  latencyBetween(a: string, b: string, latencyMs: number): number {
    if (this.nodeLatencyMs.size === 0) return latencyMs;
    const la = this.nodeLatencyMs.get(a);
    const lb = this.nodeLatencyMs.get(b);
    if (la === undefined && lb === undefined) return latencyMs;
    return Math.max(la ?? 0, lb ?? 0);
  }

  /** Each slowed node and the one-way latency of its links, by node name. */
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

  /** A drop fault due for this message, if any (the budget is spent by the messages it drops). */
  consumeDropBudget(from: string, to: string, message: Message): 'dropRequests' | 'dropResponses' | null {
    if (message.kind === 'produce' && take(this.dropRequestBudget, to)) return 'dropRequests';
    if (message.kind === 'produceResponse' && take(this.dropResponseBudget, from)) return 'dropResponses';
    return null;
  }
}

function take(budget: Map<string, number>, broker: string): boolean {
  const left = budget.get(broker) ?? 0;
  if (left <= 0) return false;
  budget.set(broker, left - 1);
  return true;
}

registerClass('LinkFaults', LinkFaults, { blank: () => new LinkFaults() });
