/**
 * The simulated network behaves like TCP where the lessons depend on it: per-link latency, each
 * direction in order even with jitter, messages lost when their link is cut or their receiver is
 * down or restarted, and the fault injectors dropRequests / dropResponses.
 */
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../core/eventQueue';
import { createRandom } from '../core/random';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { unstampedBatch } from '../model/batch';
import type { Message, MetadataRequest, ProduceRequest, ProduceResponse } from './messages';
import { Network, type NetworkNode } from './network';

class FakeNode implements NetworkNode {
  up = true;
  incarnationNo = 0;
  refuses = false;
  readonly received: { t: number; from: string; message: Message }[] = [];
  readonly lost: { t: number; peer: string }[] = [];

  constructor(
    readonly name: string,
    private readonly queue: EventQueue,
  ) {}

  isUp(): boolean {
    return this.up;
  }
  incarnation(): number {
    return this.incarnationNo;
  }
  receive(message: Message, from: string): void {
    this.received.push({ t: this.queue.now, from, message });
  }
  refusesConnections(): boolean {
    return this.refuses;
  }
  connectionLost(peer: string): void {
    this.lost.push({ t: this.queue.now, peer });
  }
  /** Correlation ids of what arrived, in arrival order. */
  ids(): number[] {
    return this.received.map((r) => ('correlationId' in r.message ? r.message.correlationId : -1));
  }
}

function setup(opts: { latencyMs?: number; jitterMs?: number; seed?: number } = {}) {
  const queue = new EventQueue();
  const events: TraceEvent[] = [];
  // The network hands over MessageSent / MessageDelivered with an `id` slot (0) that the
  // simulation's emitter fills in; this bare sink numbers nothing, so it leaves the slot out.
  const emit = (e: TraceEvent): void => {
    const { id: _unnumbered, ...event } = e as TraceEvent & { id?: number };
    events.push(event as TraceEvent);
  };
  const net = new Network(queue, createRandom(opts.seed ?? 1).fork('network'), { emit }, opts.latencyMs ?? 1, opts.jitterMs ?? 0);
  const node = (name: string): FakeNode => {
    const n = new FakeNode(name, queue);
    net.register(n);
    return n;
  };
  const b1 = node('b1');
  const b2 = node('b2');
  const b3 = node('b3');
  const p1 = node('p1');
  const dropped = (): TraceEventOf<'MessageDropped'>[] => events.filter((e): e is TraceEventOf<'MessageDropped'> => e.type === 'MessageDropped');
  return { queue, net, events, dropped, b1, b2, b3, p1 };
}

const metadata = (correlationId: number): MetadataRequest => ({ kind: 'metadata', correlationId });
const produce = (correlationId: number): ProduceRequest => ({
  kind: 'produce',
  correlationId,
  producer: 'p1',
  acks: 'all',
  timeoutMs: 30000,
  partitions: [{ topic: 't', partition: 0, batch: unstampedBatch([]) }],
});
const produceResponse = (correlationId: number): ProduceResponse => ({
  kind: 'produceResponse',
  correlationId,
  partitions: [{ topic: 't', partition: 0, error: null, baseOffset: 0 }],
});

describe('Network: latency and ordering', () => {
  it('delivers a message one link latency later (1 ms by default), with its sender', () => {
    const { queue, net, b2 } = setup();
    net.send('b1', 'b2', metadata(7));
    queue.runUntil(0);
    expect(b2.received).toEqual([]);
    queue.runUntil(1);
    expect(b2.received).toEqual([{ t: 1, from: 'b1', message: metadata(7) }]);
  });

  it('uses the configured latency', () => {
    const { queue, net, b2 } = setup({ latencyMs: 25 });
    queue.runUntil(100);
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(1000);
    expect(b2.received.map((r) => r.t)).toEqual([125]);
  });

  it('keeps each direction of a link in order even with jitter, never earlier than the latency', () => {
    const { queue, net, b2 } = setup({ latencyMs: 2, jitterMs: 40, seed: 3 });
    const sentAt: number[] = [];
    for (let i = 0; i < 200; i++) {
      queue.runUntil(i * 3);
      sentAt.push(queue.now);
      net.send('b1', 'b2', metadata(i));
    }
    queue.runUntil(10_000);
    expect(b2.ids()).toEqual([...Array(200).keys()]);
    const times = b2.received.map((r) => r.t);
    for (let i = 0; i < times.length; i++) {
      expect(times[i]).toBeGreaterThanOrEqual(sentAt[i]! + 2);
      if (i > 0) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    }
    // The jitter did vary the one-way delay.
    const delays = new Set(times.map((t, i) => t - sentAt[i]!));
    expect(delays.size).toBeGreaterThan(5);
  });

  it('jitter is seeded: the same seed gives the same delivery times', () => {
    const run = (seed: number): number[] => {
      const { queue, net, b2 } = setup({ jitterMs: 30, seed });
      for (let i = 0; i < 50; i++) net.send('b1', 'b2', metadata(i));
      queue.runUntil(1000);
      return b2.received.map((r) => r.t);
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('slow(node, ms) sets the latency of every link of that node, both directions; slow(node, 0) restores it', () => {
    const { queue, net, b1, b2, b3 } = setup();
    net.slow('b2', 100);
    expect(net.latencyBetween('b1', 'b2')).toBe(100);
    expect(net.latencyBetween('b2', 'b3')).toBe(100);
    expect(net.latencyBetween('b1', 'b3')).toBe(1);
    net.send('b1', 'b2', metadata(1));
    net.send('b2', 'b1', metadata(2));
    net.send('b1', 'b3', metadata(3));
    queue.runUntil(99);
    expect(b3.received.map((r) => r.t)).toEqual([1]);
    expect(b2.received).toEqual([]);
    queue.runUntil(100);
    expect(b2.received.map((r) => r.t)).toEqual([100]);
    expect(b1.received.map((r) => r.t)).toEqual([100]);

    net.slow('b2', 0);
    expect(net.latencyBetween('b1', 'b2')).toBe(1);
    net.send('b1', 'b2', metadata(4));
    queue.runUntil(200);
    expect(b2.received.map((r) => r.t)).toEqual([100, 101]);
  });

  it('with both ends slowed, the slower one sets the link latency', () => {
    const { net } = setup();
    net.slow('b1', 30);
    net.slow('b2', 70);
    expect(net.latencyBetween('b1', 'b2')).toBe(70);
    expect(net.latencyBetween('b2', 'b1')).toBe(70);
  });

  it('a message sent after a slow link is restored does not overtake the slow ones before it', () => {
    const { queue, net, b2 } = setup();
    net.slow('b2', 500);
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(10);
    net.slow('b2', 0);
    net.send('b1', 'b2', metadata(2));
    queue.runUntil(1000);
    expect(b2.ids()).toEqual([1, 2]);
    expect(b2.received.map((r) => r.t)).toEqual([500, 500]);
  });
});

describe('Network: cut links', () => {
  it('a cut link drops messages both ways at once and reports each drop', () => {
    const { queue, net, events, dropped, b1, b2, b3 } = setup();
    net.cut('b1', 'b2');
    expect(net.isCut('b1', 'b2')).toBe(true);
    expect(net.isCut('b2', 'b1')).toBe(true);
    expect(events).toContainEqual({ t: 0, type: 'LinkCut', between: ['b1', 'b2'] });
    net.send('b1', 'b2', metadata(1));
    net.send('b2', 'b1', metadata(2));
    net.send('b1', 'b3', metadata(3));
    queue.runUntil(10);
    expect(b2.received).toEqual([]);
    expect(b1.received).toEqual([]);
    expect(b3.ids()).toEqual([3]);
    expect(dropped()).toEqual([
      { t: 0, type: 'MessageDropped', messageId: 1, from: 'b1', to: 'b2', kind: 'Metadata', reason: 'link-cut' },
      { t: 0, type: 'MessageDropped', messageId: 2, from: 'b2', to: 'b1', kind: 'Metadata', reason: 'link-cut' },
    ]);
  });

  it('a message in flight when its link is cut is lost, even if the link heals before it would arrive', () => {
    const { queue, net, dropped, b2 } = setup({ latencyMs: 10 });
    net.send('b1', 'b2', metadata(1));
    net.send('b1', 'b2', metadata(2));
    queue.runUntil(5);
    net.cut('b1', 'b2');
    queue.runUntil(7);
    net.heal(['b1', 'b2']);
    net.send('b1', 'b2', metadata(3));
    queue.runUntil(100);
    expect(b2.ids()).toEqual([3]);
    expect(dropped().map((d) => [d.t, d.reason])).toEqual([
      [10, 'link-cut'],
      [10, 'link-cut'],
    ]);
  });

  it('heal(link) restores that link only; heal() restores every link', () => {
    const { queue, net, events, b2, b3 } = setup();
    net.cut('b1', 'b2');
    net.cut('b1', 'b3');
    net.heal(['b2', 'b1']);
    expect(events).toContainEqual({ t: 0, type: 'LinkHealed', between: ['b2', 'b1'] });
    expect(net.isCut('b1', 'b2')).toBe(false);
    expect(net.isCut('b1', 'b3')).toBe(true);
    net.send('b1', 'b2', metadata(1));
    net.send('b1', 'b3', metadata(2));
    queue.runUntil(10);
    expect(b2.ids()).toEqual([1]);
    expect(b3.ids()).toEqual([]);

    net.heal();
    expect(events).toContainEqual({ t: 10, type: 'LinkHealed', between: null });
    expect(net.isCut('b1', 'b3')).toBe(false);
    net.send('b1', 'b3', metadata(3));
    queue.runUntil(20);
    expect(b3.ids()).toEqual([3]);
  });

  it('isolate(node) cuts every link of that node and no other', () => {
    const { net } = setup();
    net.isolate('b1');
    for (const other of ['b2', 'b3', 'p1']) expect(net.isCut('b1', other)).toBe(true);
    expect(net.isCut('b2', 'b3')).toBe(false);
    expect(net.isCut('p1', 'b2')).toBe(false);
    net.heal();
    expect(net.isCut('b1', 'b2')).toBe(false);
  });
});

describe('Network: receivers that are down or restarted', () => {
  it('a message to a node that is down is lost', () => {
    const { queue, net, dropped, b2 } = setup();
    b2.up = false;
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(10);
    expect(b2.received).toEqual([]);
    expect(dropped()).toEqual([{ t: 1, type: 'MessageDropped', messageId: 1, from: 'b1', to: 'b2', kind: 'Metadata', reason: 'node-down' }]);
  });

  it('a message to a node that goes down while it is in flight is lost', () => {
    const { queue, net, b2 } = setup({ latencyMs: 10 });
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(5);
    b2.up = false;
    queue.runUntil(20);
    expect(b2.received).toEqual([]);
  });

  it('a crashed process whose machine is up refuses the connection: the sender learns it one latency later', () => {
    const { queue, net, b1, b2 } = setup({ latencyMs: 3 });
    b2.up = false;
    b2.refuses = true;
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(100);
    expect(b1.lost).toEqual([{ t: 6, peer: 'b2' }]);
  });

  it('a powered-off machine does not answer: the sender is not told (it must time out)', () => {
    const { queue, net, b1, b2 } = setup();
    b2.up = false;
    b2.refuses = false;
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(100);
    expect(b1.lost).toEqual([]);
  });

  it('a message sent to an earlier incarnation is lost even though the node is up again', () => {
    const { queue, net, dropped, b2 } = setup({ latencyMs: 10 });
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(5);
    b2.incarnationNo++; // restarted: its connections were reset
    net.send('b1', 'b2', metadata(2));
    queue.runUntil(100);
    expect(b2.ids()).toEqual([2]);
    expect(dropped().map((d) => d.reason)).toEqual(['node-down']);
  });

  it('a message that reaches a restarted process on an old connection tells the sender its connection broke (a TCP reset)', () => {
    // Hunt finding new-2: sent while b2 was down, arriving after its restart.
    const { queue, net, dropped, b1, b2 } = setup({ latencyMs: 10 });
    b2.up = false;
    b2.refuses = true;
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(5);
    b2.up = true;
    b2.incarnationNo++;
    queue.runUntil(100);
    expect(dropped().map((d) => d.reason)).toEqual(['node-down']);
    expect(b1.lost).toEqual([{ t: 20, peer: 'b2' }]);
  });

  it('a healed link that lost messages in the cut resets its connections one latency after the heal (hunt finding new-3)', () => {
    const { queue, net, b1, b2 } = setup({ latencyMs: 10 });
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(5);
    net.cut('b1', 'b2');
    queue.runUntil(50);
    expect(b1.lost).toEqual([]); // no reset can cross a cut link
    net.heal(['b1', 'b2']);
    queue.runUntil(100);
    expect(b1.lost).toEqual([{ t: 60, peer: 'b2' }]);
    // b2 never sent to b1: it had no connection of its own to lose.
    expect(b2.lost).toEqual([]);
  });

  it('an idle link that is cut and healed keeps its connections, as TCP does', () => {
    const { queue, net, b1, b2 } = setup({ latencyMs: 10 });
    net.send('b1', 'b2', metadata(1));
    queue.runUntil(20);
    net.cut('b1', 'b2');
    queue.runUntil(50);
    net.heal();
    queue.runUntil(100);
    expect(b2.ids()).toEqual([1]);
    expect([...b1.lost, ...b2.lost]).toEqual([]);
  });

  it('resetConnectionsOf(node) tells every peer it can reach that its connection to the node broke', () => {
    const { queue, net, b1, b2, b3, p1 } = setup({ latencyMs: 2 });
    net.cut('b1', 'b3');
    net.resetConnectionsOf('b1');
    queue.runUntil(100);
    expect(b2.lost).toEqual([{ t: 2, peer: 'b1' }]);
    expect(p1.lost).toEqual([{ t: 2, peer: 'b1' }]);
    expect(b3.lost).toEqual([]);
    expect(b1.lost).toEqual([]);
  });

  it('a peer that restarts before the reset notice arrives does not get it', () => {
    const { queue, net, b2 } = setup({ latencyMs: 5 });
    net.resetConnectionsOf('b1');
    queue.runUntil(2);
    b2.incarnationNo++;
    queue.runUntil(100);
    expect(b2.lost).toEqual([]);
  });
});

describe('Network: dropRequests and dropResponses', () => {
  it('dropRequests(broker, n) drops exactly the next n produce requests to that broker', () => {
    const { queue, net, dropped, b1, b2 } = setup();
    net.dropRequests('b1', 2);
    net.send('p1', 'b1', metadata(100)); // not a produce request: untouched, budget kept
    net.send('p1', 'b2', produce(200)); // another broker: untouched
    for (let i = 1; i <= 4; i++) net.send('p1', 'b1', produce(i));
    queue.runUntil(10);
    expect(b1.ids()).toEqual([100, 3, 4]);
    expect(b2.ids()).toEqual([200]);
    expect(dropped()).toEqual([
      { t: 0, type: 'MessageDropped', messageId: 3, from: 'p1', to: 'b1', kind: 'Produce', reason: 'dropRequests' },
      { t: 0, type: 'MessageDropped', messageId: 4, from: 'p1', to: 'b1', kind: 'Produce', reason: 'dropRequests' },
    ]);
  });

  it('dropResponses(broker, n) drops exactly the next n produce responses from that broker', () => {
    const { queue, net, dropped, p1 } = setup();
    net.dropResponses('b1', 1);
    net.send('b1', 'p1', metadata(100));
    net.send('b2', 'p1', produceResponse(200));
    net.send('b1', 'p1', produceResponse(1));
    net.send('b1', 'p1', produceResponse(2));
    queue.runUntil(10);
    expect(p1.ids()).toEqual([100, 200, 2]);
    expect(dropped()).toEqual([{ t: 0, type: 'MessageDropped', messageId: 3, from: 'b1', to: 'p1', kind: 'ProduceResponse', reason: 'dropResponses' }]);
  });

  it('drop budgets add up and do not touch the other direction', () => {
    const { queue, net, b1, p1 } = setup();
    net.dropResponses('b1', 1);
    net.dropResponses('b1', 1);
    net.send('p1', 'b1', produce(1)); // a request to b1 is not a response from b1
    for (let i = 10; i < 13; i++) net.send('b1', 'p1', produceResponse(i));
    queue.runUntil(10);
    expect(b1.ids()).toEqual([1]);
    expect(p1.ids()).toEqual([12]);
  });
});

describe('Network: messages in flight', () => {
  const of = <T extends TraceEvent['type']>(events: TraceEvent[], type: T): TraceEventOf<T>[] =>
    events.filter((e): e is TraceEventOf<T> => e.type === type);

  it('traces each message sent with Kafka\'s API name, its times and the records it carries, then its delivery', () => {
    const { queue, net, events } = setup({ latencyMs: 3 });
    const request = produce(7);
    request.partitions[0]!.batch = unstampedBatch([{ id: 41, producer: 'p1', key: null, value: 'v', timestamp: 0, sendSeq: 0 }]);
    net.send('p1', 'b1', request);
    net.send('b1', 'b2', metadata(8));
    expect(of(events, 'MessageSent')).toEqual([
      { t: 0, type: 'MessageSent', messageId: 1, from: 'p1', to: 'b1', kind: 'Produce', sentAt: 0, deliverAt: 3, correlationId: 7, recordIds: [41] },
      { t: 0, type: 'MessageSent', messageId: 2, from: 'b1', to: 'b2', kind: 'Metadata', sentAt: 0, deliverAt: 3, correlationId: 8 },
    ]);
    queue.runUntil(10);
    expect(of(events, 'MessageDelivered')).toEqual([
      { t: 3, type: 'MessageDelivered', messageId: 1 },
      { t: 3, type: 'MessageDelivered', messageId: 2 },
    ]);
  });

  it('inFlight() lists what is on the wire now, and forgets a message once delivered or dropped', () => {
    const { queue, net, b2 } = setup({ latencyMs: 5 });
    net.send('p1', 'b1', produceResponse(1));
    queue.runUntil(2);
    net.send('b1', 'b2', metadata(2));
    expect(net.inFlight()).toEqual([
      { messageId: 1, from: 'p1', to: 'b1', kind: 'ProduceResponse', sentAt: 0, deliverAt: 5, correlationId: 1 },
      { messageId: 2, from: 'b1', to: 'b2', kind: 'Metadata', sentAt: 2, deliverAt: 7, correlationId: 2 },
    ]);
    b2.up = false;
    queue.runUntil(5);
    expect(net.inFlight().map((m) => m.messageId)).toEqual([2]);
    queue.runUntil(7);
    expect(net.inFlight()).toEqual([]);
  });

  it('every message sent ends exactly once, delivered or dropped, under cuts, crashes and drop faults', () => {
    const { queue, net, events, b2 } = setup({ latencyMs: 2, jitterMs: 3, seed: 9 });
    net.dropRequests('b1', 2);
    for (let i = 0; i < 40; i++) {
      net.send('p1', i % 2 ? 'b1' : 'b2', produce(i));
      net.send('b2', 'b3', metadata(100 + i));
      if (i === 10) net.cut('b2', 'b3');
      if (i === 20) b2.up = false;
      if (i === 25) net.heal();
      queue.runUntil(queue.now + 1);
    }
    queue.runUntil(1000);
    const sent = of(events, 'MessageSent').map((e) => e.messageId);
    const ended = [...of(events, 'MessageDelivered'), ...of(events, 'MessageDropped')].map((e) => e.messageId);
    expect(sent).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    expect([...ended].sort((a, b) => a - b)).toEqual(sent);
    expect(net.inFlight()).toEqual([]);
  });

  it('inFlight() stays exact over thousands of messages, a slow link keeping some on the wire', () => {
    const { queue, net } = setup({ latencyMs: 1 });
    net.slow('b3', 5000);
    for (let i = 0; i < 3000; i++) {
      net.send('b1', i % 10 === 0 ? 'b3' : 'b2', metadata(i));
      queue.runUntil(queue.now + 1);
    }
    // b3's messages take 5 s: those sent in the last 5 s are still on the wire, oldest first.
    const expected = Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 10 === 0 && i + 5000 > queue.now);
    expect(net.inFlight().map((m) => m.correlationId)).toEqual(expected);
    queue.runUntil(queue.now + 5000);
    expect(net.inFlight()).toEqual([]);
  });

  it('a crashed receiver resets the connection once: the messages lost with it send one notice', () => {
    const { queue, net, b1, p1 } = setup({ latencyMs: 1 });
    b1.up = false;
    b1.refuses = true;
    for (let i = 0; i < 5; i++) net.send('p1', 'b1', produce(i));
    queue.runUntil(10);
    expect(p1.lost).toEqual([{ t: 2, peer: 'b1' }]);
    // After the notice the producer reconnects: a message lost on the new connection resets it again.
    net.send('p1', 'b1', produce(9));
    queue.runUntil(20);
    expect(p1.lost).toEqual([
      { t: 2, peer: 'b1' },
      { t: 12, peer: 'b1' },
    ]);
  });
});
