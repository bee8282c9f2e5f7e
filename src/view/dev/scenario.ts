/**
 * The dev harness's scenarios: a generated cluster of B brokers × P partitions with a producer,
 * a group and a few faults, and synthetic messages on the wire until the engine lists its own.
 */
import type { ClusterSnapshot, KafkaApiName, MessageInFlight } from '../../engine';

export function gridScenario(brokers: number, partitions: number, faults: boolean): Record<string, unknown> {
  const script: Record<string, unknown>[] = [
    { at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 100000, every: 8, key: 'user-{i}' },
    { at: 200, do: 'produce', producer: 'p2', topic: 'orders', count: 100000, every: 25, key: null },
  ];
  if (faults && brokers >= 2) script.push({ at: 1200, do: 'slow', broker: 2, 'latency.ms': 400 });
  if (faults && brokers >= 3) script.push({ at: 2600, do: 'crash', broker: 3 });
  if (faults && brokers >= 4) script.push({ at: 3000, do: 'powerLoss', broker: 4 });
  if (faults && brokers >= 5) script.push({ at: 1000, do: 'cut', between: ['b1', 'b5'] });
  return {
    name: `harness ${brokers}x${partitions}`,
    seed: 7,
    brokers,
    topics: [{ name: 'orders', partitions, 'replication.factor': Math.min(3, brokers) }],
    broker: { 'replica.lag.time.max.ms': 1500, 'log.flush.interval.messages': 6, 'group.initial.rebalance.delay.ms': 0 },
    producers: [
      { id: 'p1', acks: 'all', 'linger.ms': 40 },
      { id: 'p2', acks: '1', 'linger.ms': 80, 'enable.idempotence': false },
    ],
    groups: [{ 'group.id': 'billing', topics: ['orders'], members: partitions > 6 ? 3 : 2, 'auto.offset.reset': 'earliest' }],
    script,
  };
}

/** Messages a running cluster would have on the wire at `time`, made up from the snapshot. */
export function syntheticInFlight(s: ClusterSnapshot, time: number): MessageInFlight[] {
  const out: MessageInFlight[] = [];
  let id = Math.floor(time) * 100;
  const add = (from: string, to: string, kind: KafkaApiName, phase: number, span: number): void => {
    const sentAt = time - phase * span;
    out.push({ messageId: id++, from, to, kind, sentAt, deliverAt: sentAt + span, correlationId: id });
  };
  const up = new Set(s.brokers.filter((b) => b.state === 'running').map((b) => b.id));
  s.partitions.forEach((p, i) => {
    if (p.leader < 0 || !up.has(p.leader)) return;
    for (const r of p.replicaStates) {
      if (r.broker === p.leader || !up.has(r.broker)) continue;
      add(`b${r.broker}`, `b${p.leader}`, i % 2 ? 'Fetch' : 'FetchResponse', ((i * 7 + r.broker) % 10) / 10, 10);
    }
    if (i % 3 === 0) add(s.producers[i % s.producers.length]!.id, `b${p.leader}`, i % 2 ? 'ProduceResponse' : 'Produce', ((i * 3) % 10) / 10, 10);
  });
  for (const b of s.brokers) if (up.has(b.id) && b.id % 2 === 1) add(`b${b.id}`, 'controller', 'BrokerHeartbeat', 0.4, 10);
  for (const g of s.groups) {
    g.members.forEach((m, i) => {
      if (m.alive && g.coordinator !== null) add(m.node, `b${g.coordinator}`, i % 2 ? 'Heartbeat' : 'OffsetCommit', 0.3 + i * 0.2, 10);
    });
  }
  return out;
}
