/**
 * The machines panel reads each entity's state from the engine's snapshot, and finds which
 * transitions fired between two snapshots, on a real simulation.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, machineDefinitions, type TraceEvent } from '../engine';
import sandbox from '../store/sandbox.json';
import { candidates, readEntity, stepsBetween, targetsOf, type MachineTarget } from './entities';

const defs = machineDefinitions();
const label = (ids: string[], kind: keyof typeof defs) => ids.map((id) => defs[kind].transitions.find((t) => t.id === id)!).map((t) => `${t.from}-${t.event}->${t.to ?? '='}`);

describe('entities of the machines panel', () => {
  it('lists every broker, partition, group and member of the cluster', () => {
    const sim = createSimulation(sandbox);
    sim.runUntil(6000);
    const keys = targetsOf(sim.snapshot()).map((t) => t.kind);
    expect(keys.filter((k) => k === 'broker')).toHaveLength(3);
    expect(keys.filter((k) => k === 'registration')).toHaveLength(3);
    expect(keys.filter((k) => k === 'partition')).toHaveLength(3);
    expect(keys.filter((k) => k === 'group')).toHaveLength(1);
    expect(keys.filter((k) => k === 'member')).toHaveLength(2);
  });

  it('a crashed broker reads crashed, and the step is its CRASH transition', () => {
    const sim = createSimulation(sandbox);
    sim.runUntil(6000);
    const b1: MachineTarget = { kind: 'broker', broker: 1 };
    const before = readEntity(sim.snapshot(), b1);
    expect(before?.state).toBe('running');
    sim.dispatch({ do: 'crash', broker: 1 });
    sim.runUntil(6100);
    const after = readEntity(sim.snapshot(), b1);
    expect(after?.state).toBe('crashed');
    const steps = stepsBetween(defs.broker, b1, before, after);
    expect(steps.map((s) => label(s.transitions, 'broker'))).toEqual([['running-CRASH->crashed']]);
  });

  it("a crashed broker stays registered until its session runs out; then the controller's SESSION_CHECK fences it", () => {
    const sim = createSimulation(sandbox);
    sim.runUntil(6000);
    const reg: MachineTarget = { kind: 'registration', broker: 1 };
    const before = readEntity(sim.snapshot(), reg);
    expect(before?.state).toBe('unfenced');
    sim.dispatch({ do: 'crash', broker: 1 });
    sim.runUntil(6100);
    // The crashed process (broker machine) and the controller's registration disagree for a while.
    expect(readEntity(sim.snapshot(), { kind: 'broker', broker: 1 })?.state).toBe('crashed');
    expect(readEntity(sim.snapshot(), reg)?.state).toBe('unfenced');
    sim.runUntil(6000 + 20_000);
    const after = readEntity(sim.snapshot(), reg);
    expect(after?.state).toBe('fenced');
    const steps = stepsBetween(defs.registration, reg, before, after);
    expect(steps.map((s) => label(s.transitions, 'registration'))).toEqual([['unfenced-REGISTER->fenced', 'unfenced-SESSION_CHECK->fenced']]);
  });

  it("a partition led by the crashed broker elects a new leader: the ELECT that stays online", () => {
    const sim = createSimulation(sandbox);
    sim.runUntil(6000);
    const led = sim.snapshot().partitions.find((p) => p.leader === 1)!;
    const target: MachineTarget = { kind: 'partition', topic: led.topic, partition: led.partition };
    const before = readEntity(sim.snapshot(), target);
    sim.dispatch({ do: 'crash', broker: 1 });
    sim.runUntil(20000);
    const after = readEntity(sim.snapshot(), target);
    expect(after?.state).toBe('online');
    const steps = stepsBetween(defs.partition, target, before, after);
    expect(steps.map((s) => label(s.transitions, 'partition'))).toEqual([['online-ELECT->=']]);
  });

  it("a group's several steps between two snapshots come from the coordinator's events", () => {
    const sim = createSimulation(sandbox);
    sim.runUntil(6000);
    const g: MachineTarget = { kind: 'group', group: 'billing' };
    const before = readEntity(sim.snapshot(), g);
    expect(before?.state).toBe('Stable');
    const events: TraceEvent[] = [];
    sim.subscribe((e) => events.push(e));
    sim.dispatch({ do: 'addMember', group: 'billing' });
    sim.runUntil(30000);
    const after = readEntity(sim.snapshot(), g);
    expect(after?.state).toBe('Stable');
    const steps = stepsBetween(defs.group, g, before, after, events);
    expect(steps.map((s) => `${s.from}→${s.to}`)).toEqual(['Stable→PreparingRebalance', 'PreparingRebalance→CompletingRebalance', 'CompletingRebalance→Stable']);
    expect(steps.every((s) => s.transitions.length > 0)).toBe(true);
  });

  it("a member's CLOSE from any state is a candidate for → dead", () => {
    expect(label(candidates(defs.member, 'stable', 'dead'), 'member')).toEqual(['-CLOSE->dead', '-CRASH->dead']);
    expect(candidates(defs.member, 'stable', 'syncing')).toEqual([]);
  });

  it('a seek or a group without coordinator gives no step', () => {
    const g: MachineTarget = { kind: 'group', group: 'billing' };
    expect(stepsBetween(defs.group, g, { state: null, raw: 'Unavailable' }, { state: 'Stable', raw: 'Stable' })).toEqual([]);
    expect(stepsBetween(defs.group, g, null, { state: 'Stable', raw: 'Stable' })).toEqual([]);
  });
});
