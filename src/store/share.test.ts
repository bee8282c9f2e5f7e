import { describe, expect, it } from 'vitest';
import { createSimulation, type ClusterSnapshot } from '../engine';
import { shareUnchanged } from './share';

/** What postMessage does to a frame: every object new, every value the same. */
const cloned = (s: ClusterSnapshot): ClusterSnapshot => structuredClone(s);

const scenario = {
  seed: 3,
  brokers: 3,
  topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
  producers: [{ id: 'p1', acks: 'all' }],
  script: [
    { at: 0, do: 'produce', producer: 'p1', topic: 'orders', rate: 20 },
    { at: 1500, do: 'crash', broker: 2 },
  ],
};

describe('shareUnchanged (structural sharing across postMessage)', () => {
  it('gives back the page’s own object for every entity the engine did not change, and the new one for each it did', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(1000);
    const before = sim.snapshot();
    const held = shareUnchanged(null, cloned(before));
    sim.runUntil(1600);
    const after = sim.snapshot();
    const shared = shareUnchanged(held, cloned(after));

    // The page sees exactly the engine's cluster.
    expect(shared).toEqual(after);
    // And, entity by entity, an unchanged one is the object it already held; a changed one is not.
    after.brokers.forEach((b, i) => expect(shared.brokers[i] === held.brokers[i]).toBe(b === before.brokers[i]));
    after.partitions.forEach((p, i) =>
      p.replicaStates.forEach((r, j) => expect(shared.partitions[i]!.replicaStates[j] === held.partitions[i]!.replicaStates[j]).toBe(r === before.partitions[i]!.replicaStates[j])),
    );
    // The crash changed broker 2, not broker 1.
    expect(shared.brokers.find((b) => b.id === 2)).not.toBe(held.brokers.find((b) => b.id === 2));
    expect(shared.brokers.find((b) => b.id === 1)).toBe(held.brokers.find((b) => b.id === 1));
  });

  it('keeps a whole list when nothing in it changed, and shares nothing without a previous frame', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(500);
    const first = shareUnchanged(null, cloned(sim.snapshot()));
    const again = shareUnchanged(first, cloned(sim.snapshot()));
    expect(again.brokers).toBe(first.brokers);
    expect(again.links).toBe(first.links);
    const fresh = cloned(sim.snapshot());
    expect(shareUnchanged(null, fresh)).toBe(fresh);
  });
});
