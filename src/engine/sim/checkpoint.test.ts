/**
 * State as data: a run written out at any moment and read back continues exactly as the straight
 * run does, through JSON and structuredClone; a timeline seeks to any time with the cluster a fresh
 * run shows there, and a fork with its undo leaves each branch as it would be on its own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../scenario/library';
import { createSimulation, restoreSimulation, type Checkpoint, type Simulation } from './simulation';
import { createTimeline } from './timeline';
import { CHECKPOINT_TAIL } from './eventLog';
import type { Traced } from '../core/trace';

const library = builtInScenarios.map((b) => ({ id: b.id, scenario: b.scenario as { until?: number } }));
const untilOf = (s: { until?: number }): number => Math.min(s.until ?? 30_000, 30_000);
const traced = { recordTrace: true };

/** What a learner could see: the trace, the report and the cluster (versions aside: they count renders). */
function stateOf(sim: Simulation): string {
  const snapshot = JSON.stringify(sim.snapshot(), (key, value: unknown) => (key === 'version' ? undefined : value));
  return JSON.stringify([sim.now(), sim.trace(), sim.report(), snapshot, sim.inFlight()]);
}

function straight(scenario: unknown, until: number): Simulation {
  const sim = createSimulation(scenario, traced);
  sim.runUntil(until);
  return sim;
}

describe('checkpoint and restore', () => {
  it('property: checkpoint at a random time, carried through JSON or structuredClone, restored and run on, equals the straight run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: library.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (index, fraction, json) => {
        const { scenario } = library[index]!;
        const until = untilOf(scenario);
        const at = Math.floor(fraction * until);
        const sim = createSimulation(scenario, traced);
        sim.runUntil(at);
        const written = sim.checkpoint();
        const carried = (json ? JSON.parse(JSON.stringify(written)) : structuredClone(written)) as Checkpoint;
        const restored = restoreSimulation(carried);
        expect(restored.now()).toBe(at);
        restored.runUntil(until);
        expect(stateOf(restored)).toBe(stateOf(straight(scenario, until)));
      }),
      { numRuns: 12, seed: 20261129, verbose: true },
    );
    // Twelve straight runs and restores: seconds alone, far more on a loaded 2-core machine.
  }, 180_000);

  it('checkpoints share state copy-on-write: two restores of one checkpoint, the original and a checkpoint of a restore each run on as the straight run', () => {
    // A scenario with consumer groups: its ledger, record and processed columns all change after the checkpoint.
    const { scenario } = library.find((b) => b.id === 'commit-after-processing')!;
    const until = untilOf(scenario);
    const expected = stateOf(straight(scenario, until));
    const original = createSimulation(scenario, traced);
    original.runUntil(Math.floor(until / 3));
    const checkpoint = original.checkpoint();
    const first = restoreSimulation(checkpoint);
    first.runUntil(Math.floor((2 * until) / 3));
    const ofRestore = restoreSimulation(first.checkpoint());
    const second = restoreSimulation(checkpoint);
    for (const sim of [first, second, original, ofRestore]) sim.runUntil(until);
    for (const sim of [first, second, original, ofRestore]) expect(stateOf(sim)).toBe(expected);
  });

  it('without recordTrace a checkpoint keeps the ring\'s newest events: a restore reads them back (the older ones are absent, as events passed unbuilt are) and runs on with the same events', () => {
    const { scenario } = library.find((b) => b.id === 'acks1-leader-crash') ?? library[0]!;
    const original = createSimulation(scenario);
    original.runUntil(6_000);
    const held = original.eventsSince(0);
    const restored = restoreSimulation(structuredClone(original.checkpoint()));
    const back = restored.eventsSince(0);
    expect(held.events.length).toBeGreaterThan(CHECKPOINT_TAIL);
    // The newest CHECKPOINT_TAIL events (what the app reads back after a seek), and the kinds kept for good.
    expect(back.cursor).toBe(held.cursor);
    const tail = held.events.filter((e) => e.id > held.cursor - CHECKPOINT_TAIL);
    expect(back.events.filter((e) => e.id > held.cursor - CHECKPOINT_TAIL)).toEqual(tail);
    expect(back.events.length).toBeLessThanOrEqual(held.events.length);
    const after = (sim: Simulation): Traced[] => {
      const seen: Traced[] = [];
      sim.subscribe((e) => seen.push(e));
      sim.runUntil(12_000);
      return seen;
    };
    expect(JSON.stringify(after(restored))).toBe(JSON.stringify(after(original)));
    expect(JSON.stringify(restored.report())).toBe(JSON.stringify(original.report()));
  });

  it('a restored run takes commands like the original: the same command after restoring gives the same future', () => {
    const { scenario } = library[0]!;
    const a = createSimulation(scenario, traced);
    a.runUntil(3_000);
    const b = restoreSimulation(a.checkpoint());
    for (const sim of [a, b]) {
      expect(sim.dispatch({ do: 'crash', broker: 1 }).ok).toBe(true);
      sim.runUntil(9_000);
    }
    expect(stateOf(b)).toBe(stateOf(a));
  });
});

describe('timeline: seek', () => {
  it('property: seeking to a random time shows what a fresh run shows at that time, backwards and forwards', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: library.length - 1 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }), (index, fractions) => {
        const { scenario } = library[index]!;
        const until = untilOf(scenario);
        const timeline = createTimeline(scenario, { ...traced, checkpointEveryEvents: 500 });
        timeline.runUntil(until);
        for (const f of fractions) {
          const at = Math.floor(f * until);
          const sim = timeline.seek(at);
          expect(sim.now()).toBe(at);
          expect(stateOf(sim)).toBe(stateOf(straight(scenario, at)));
        }
      }),
      { numRuns: 8, seed: 11292026, verbose: true },
    );
  }, 180_000);

  it('replays the learner\'s commands when seeking past them', () => {
    const { scenario } = library[0]!;
    const timeline = createTimeline(scenario, { ...traced, checkpointEveryEvents: 300 });
    timeline.runUntil(2_000);
    expect(timeline.dispatch({ do: 'crash', broker: 2 }).ok).toBe(true);
    timeline.runUntil(8_000);
    const live = stateOf(timeline.sim);
    timeline.seek(500);
    expect(timeline.seek(8_000).now()).toBe(8_000);
    expect(stateOf(timeline.sim)).toBe(live);
  });
});

describe('timeline: fork and undo', () => {
  it('acting in the past forks: the old future is gone, the new one is what the command makes; undo brings the old one back', () => {
    const { scenario } = library[0]!;
    const timeline = createTimeline(scenario, { ...traced, checkpointEveryEvents: 300 });
    timeline.runUntil(10_000);
    const original = stateOf(timeline.sim);

    timeline.seek(4_000);
    const fork = timeline.dispatch({ do: 'crash', broker: 1 });
    expect(fork).toMatchObject({ ok: true, forked: true });
    timeline.runUntil(10_000);
    const expected = createSimulation(scenario, traced);
    expected.runUntil(4_000);
    expected.dispatch({ do: 'crash', broker: 1 });
    expected.runUntil(10_000);
    expect(stateOf(timeline.sim)).toBe(stateOf(expected));
    expect(timeline.commands()).toEqual([{ at: 4_000, do: 'crash', broker: 1 }]);

    expect(timeline.undoFork()).toBe(true);
    expect(timeline.now()).toBe(4_000);
    timeline.runUntil(10_000);
    expect(stateOf(timeline.sim)).toBe(original);
    expect(timeline.commands()).toEqual([]);
    expect(timeline.undoFork()).toBe(false);
  });

  it('names its nearest checkpoint at or before a time, on the branch it is on (a fork drops the later ones, undo brings them back)', () => {
    const { scenario } = library[0]!;
    const timeline = createTimeline(scenario, { ...traced, checkpointEveryEvents: 300 });
    timeline.runUntil(10_000);
    const late = timeline.checkpointAtOrBefore(9_000);
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThanOrEqual(9_000);
    expect(timeline.checkpointAtOrBefore(0)).toBe(0);

    // Act just before that checkpoint: the new branch no longer has it.
    timeline.seek(late - 1);
    timeline.dispatch({ do: 'crash', broker: 1 });
    expect(timeline.checkpointAtOrBefore(9_000)).toBeLessThan(late);
    expect(timeline.undoFork()).toBe(true);
    expect(timeline.checkpointAtOrBefore(9_000)).toBe(late);
  });

  it('a command at the horizon is not a fork', () => {
    const timeline = createTimeline(library[0]!.scenario, traced);
    timeline.runUntil(1_000);
    expect(timeline.dispatch({ do: 'crash', broker: 1 })).toMatchObject({ ok: true, forked: false });
  });
});

describe('timeline: a reloaded session', () => {
  it('applies the commands it is given at their times, as if they had been dispatched then', () => {
    const { scenario } = library[0]!;
    const live = createTimeline(scenario, traced);
    live.runUntil(3_000);
    live.dispatch({ do: 'crash', broker: 3 });
    const reloaded = createTimeline(scenario, { ...traced, commands: live.commands() });
    reloaded.runUntil(3_000);
    expect(stateOf(reloaded.sim)).toBe(stateOf(live.sim));
    expect(reloaded.sim.snapshot().brokers.find((b) => b.id === 3)?.state).not.toBe('running');
  });
});
