import { describe, expect, it } from 'vitest';
import { createSimulation } from '../engine';
import { WireTracker } from './wire';

function run(scenario: unknown, until: number): { tracker: WireTracker; effects: ReturnType<WireTracker['drain']> } {
  const sim = createSimulation(scenario);
  const tracker = new WireTracker();
  sim.subscribe((e) => tracker.observe(e));
  sim.runUntil(until);
  return { tracker, effects: tracker.drain() };
}

const base = {
  seed: 1,
  brokers: 3,
  topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3, 'replica.assignment': [[1, 2, 3]] }],
  producers: [{ id: 'p1', acks: 'all' }],
};

describe('WireTracker', () => {
  it('turns produce requests sent over a cut link into dropped messages that name the reason and the records', () => {
    const { effects } = run(
      {
        ...base,
        script: [
          { at: 0, do: 'produce', producer: 'p1', topic: 'orders', rate: 50 },
          { at: 1000, do: 'cut', between: ['p1', 'b1'] },
        ],
      },
      3000,
    );
    const produce = effects.dropped.filter((d) => d.kind === 'Produce' && d.from === 'p1' && d.to === 'b1');
    expect(produce.length).toBeGreaterThan(0);
    for (const d of produce) {
      expect(d.reason).toBe('link-cut');
      expect(d.droppedAt).toBeGreaterThanOrEqual(1000);
      expect(d.sentAt).toBeLessThanOrEqual(d.droppedAt);
      expect(d.recordIds?.length).toBeGreaterThan(0);
    }
  });

  it('names a dropRequests fault as the reason', () => {
    const { effects } = run(
      {
        ...base,
        script: [
          { at: 0, do: 'produce', producer: 'p1', topic: 'orders', rate: 20 },
          { at: 500, do: 'dropRequests', broker: 1, count: 2 },
        ],
      },
      2000,
    );
    expect(effects.dropped.filter((d) => d.reason === 'dropRequests').map((d) => d.kind)).toEqual(['Produce', 'Produce']);
  });

  it('marks a produce response that carried NOT_ENOUGH_REPLICAS as an error response from the leader', () => {
    const { effects } = run(
      {
        ...base,
        // b3 is fenced after its session times out and leaves the ISR: 2 in sync, 3 required.
        broker: { 'min.insync.replicas': 3 },
        script: [
          { at: 0, do: 'crash', broker: 3 },
          { at: 15000, do: 'produce', producer: 'p1', topic: 'orders', rate: 20 },
        ],
      },
      18000,
    );
    const refused = effects.errors.filter((e) => e.errors.includes('NOT_ENOUGH_REPLICAS'));
    expect(refused.length).toBeGreaterThan(0);
    for (const e of refused) {
      expect(e).toMatchObject({ kind: 'ProduceResponse', from: 'b1', to: 'p1' });
      expect(e.deliverAt).toBeGreaterThan(e.sentAt);
    }
  });

  it('gives each effect once, and after a seek the latest ones again', () => {
    const scenario = { ...base, script: [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', rate: 50 }, { at: 100, do: 'isolate', node: 'b1' }] };
    const { tracker, effects } = run(scenario, 2000);
    expect(effects.dropped.length).toBeGreaterThan(0);
    expect(tracker.drain()).toEqual({ dropped: [], errors: [] });
    expect(tracker.drain(true).dropped.at(-1)).toEqual(effects.dropped.at(-1));
  });
});
