/** The app's handle on a running simulation: commands in, events and snapshots out. */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../core/trace';
import { createSimulation } from './simulation';

const scenario = {
  name: 'handle',
  seed: 3,
  brokers: 3,
  topics: [{ name: 'orders', partitions: 1, 'replication.factor': 3 }],
  producers: [{ id: 'p1', acks: 'all' }],
  script: [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 50, every: 20, key: 'k{i}' }],
};

describe('createSimulation', () => {
  it('starts a healthy cluster: every broker running, partition 0 led by broker 1 with a full ISR', () => {
    const sim = createSimulation(scenario);
    const snap = sim.snapshot();
    expect(snap.time).toBe(0);
    expect(snap.brokers.map((b) => [b.id, b.state, b.fenced])).toEqual([
      [1, 'running', false],
      [2, 'running', false],
      [3, 'running', false],
    ]);
    expect(snap.partitions[0]).toMatchObject({ topic: 'orders', partition: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3] });
  });

  it('runs to a time, streams events to subscribers, and stops streaming after unsubscribe', () => {
    const sim = createSimulation(scenario, { recordTrace: true });
    const seen: TraceEvent[] = [];
    const unsubscribe = sim.subscribe((e) => seen.push(e));
    sim.runUntil(500);
    expect(sim.now()).toBe(500);
    expect(seen.some((e) => e.type === 'Acked')).toBe(true);
    expect(seen.every((e) => e.t <= 500)).toBe(true);
    const count = seen.length;
    unsubscribe();
    sim.runUntil(900);
    expect(seen.length).toBe(count);
    // The recorded trace still has everything.
    expect(sim.trace().length).toBeGreaterThan(count);
  });

  it('applies a dispatched command at the current virtual time, and the snapshot shows its effect', () => {
    const sim = createSimulation(scenario, { recordTrace: true });
    sim.runUntil(300);
    const before = sim.snapshot();
    sim.dispatch({ do: 'crash', broker: 1 });
    sim.runUntil(300);
    const crashed = sim.trace().find((e) => e.type === 'BrokerCrashed');
    expect(crashed).toMatchObject({ t: 300, broker: 1, powerLoss: false });
    const after = sim.snapshot();
    expect(after.brokers[0]!.state).toBe('crashed');
    expect(after.version).toBeGreaterThan(before.version);
    // After the session timeout the controller moves leadership to broker 2.
    sim.runUntil(15000);
    expect(sim.snapshot().partitions[0]).toMatchObject({ leader: 2, isr: [2, 3] });
  });

  it('step() runs one event at a time, never going back in time', () => {
    const sim = createSimulation({ ...scenario, script: [] });
    const seen: TraceEvent[] = [];
    sim.subscribe((e) => seen.push(e));
    let previous = sim.now();
    // An idle cluster still has work: follower fetches, heartbeats, ISR checks.
    for (let i = 0; i < 200; i++) {
      expect(sim.step()).toBe(true);
      expect(sim.now()).toBeGreaterThanOrEqual(previous);
      previous = sim.now();
    }
    expect(previous).toBeGreaterThan(0);
    expect(seen.filter((e) => e.type === 'Appended')).toEqual([]);
  });

  it('refuses an invalid scenario with a message naming the path, before building anything', () => {
    expect(() => createSimulation({ ...scenario, brokers: 12 })).toThrow(/^brokers: /);
  });
});
