/** The rich snapshot: versions move only on change, and log windows match the logs. */
import { describe, expect, it } from 'vitest';
import { buildSimulation, createSimulation } from './simulation';
import { partitionKey } from './context';

const scenario = {
  name: 'snapshot',
  seed: 5,
  brokers: 3,
  topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
  producers: [{ id: 'p1', acks: 'all', 'linger.ms': 20 }],
  groups: [{ 'group.id': 'billing', topics: ['orders'], members: 2 }],
  'script': [
    { at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 40, every: 25, key: 'k{i}' },
    { at: 400, do: 'cut', between: ['b2', 'b3'] },
    { at: 500, do: 'slow', broker: 3, 'latency.ms': 40 },
    { at: 2000, do: 'crash', broker: 1 },
    { at: 2500, do: 'powerLoss', broker: 2 },
  ],
};

describe('snapshot', () => {
  it('keeps the same objects and versions when nothing changed between two snapshots', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(900);
    const a = sim.snapshot();
    const b = sim.snapshot();
    expect(b.partitions[0]).toBe(a.partitions[0]);
    expect(b.brokers.map((x) => x.version)).toEqual(a.brokers.map((x) => x.version));
    expect(b.groups[0]!.members[0]).toBe(a.groups[0]!.members[0]);
    expect(b.links).toBe(a.links);
  });

  it('bumps the version of what changed, and only that', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(1900);
    const before = sim.snapshot();
    sim.dispatch({ do: 'crash', broker: 3 });
    sim.runUntil(1901);
    const after = sim.snapshot();
    const b3 = (s: typeof before) => s.brokers.find((b) => b.id === 3)!;
    expect(b3(after).state).toBe('crashed');
    expect(b3(after).version).toBeGreaterThan(b3(before).version);
    // Broker 2 did not change in that millisecond.
    expect(after.brokers.find((b) => b.id === 2)).toBe(before.brokers.find((b) => b.id === 2));
  });

  it('reports cut and slow links, crashed vs powered-off brokers, groups and producers', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(3000);
    const s = sim.snapshot();
    expect(s.links.cut).toEqual([['b2', 'b3']]);
    expect(s.links.slow).toEqual([{ node: 'b3', latencyMs: 40 }]);
    expect(s.brokers.map((b) => b.state)).toEqual(['crashed', 'poweredOff', 'running']);
    expect(s.producers[0]).toMatchObject({ id: 'p1', acks: 'all', lingerMs: 20 });
    expect(s.groups[0]!.members.map((m) => m.node)).toEqual(['billing/c1', 'billing/c2']);
  });

  it('gives each replica its ISR membership, epoch and a tail that matches logWindow', () => {
    const { simulation: sim, cluster } = buildSimulation(scenario);
    sim.runUntil(1500);
    const s = sim.snapshot({ tailCells: 8 });
    for (const p of s.partitions) {
      expect(p.window.to - p.window.from).toBeLessThanOrEqual(8);
      for (const r of p.replicaStates) {
        expect(r.inIsr).toBe(p.isr.includes(r.broker));
        const cells = sim.logWindow(p.topic, p.partition, r.broker, p.window.from, p.window.to - p.window.from);
        expect(r.tail).toEqual(cells);
        const log = cluster.brokers.get(r.broker)!.replicas.get(partitionKey(p.topic, p.partition))!.log;
        const records = [...log.allBatches()].flatMap((b) => b.records.map((rec, i) => ({ offset: b.baseOffset + i, id: rec.id, epoch: b.leaderEpoch })));
        for (const c of cells) {
          const rec = records.find((x) => x.offset === c.offset)!;
          expect(c.recordId).toBe(rec.id);
          expect(c.leaderEpoch).toBe(rec.epoch);
          expect(c.flushed).toBe(c.offset < log.recoveryPoint);
          expect(c.belowHighWatermark).toBe(c.offset < log.highWatermark);
        }
      }
    }
  });

  it('logWindow clips to the log and returns nothing for a broker without the replica', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(1500);
    const leo = sim.snapshot().partitions[0]!.replicaStates[0]!.logEndOffset;
    expect(leo).toBeGreaterThan(3);
    const cells = sim.logWindow('orders', 0, 1, leo - 3, 10);
    expect(cells.map((c) => c.offset)).toEqual([leo - 3, leo - 2, leo - 1]);
    expect(sim.logWindow('orders', 0, 9, 0, 10)).toEqual([]);
    expect(sim.logWindow('nope', 0, 1, 0, 10)).toEqual([]);
  });
});
