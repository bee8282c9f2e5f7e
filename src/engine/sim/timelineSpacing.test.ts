/**
 * How a timeline spaces its checkpoints and what it costs the run: once the memory budget is full,
 * a checkpoint waits for the spacing the budget can hold (one taken sooner is thinned away again,
 * after costing as much as one kept); and a timeline nobody listens to leaves its run unwatched, so
 * the wire's events are not built. Seeks on such a timeline still land on the straight run's state.
 */
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../scenario/library';
import { keptSpacing, type Stored } from './checkpointStore';
import { createSimulation, type Simulation } from './simulation';
import { createTimeline } from './timeline';

const stored = (time: number, bytes: number): Stored => ({ time, commandCount: 0, checkpoint: null as never, companion: undefined, bytes });

/** What a learner sees without a recorded trace: the cluster, the report, the messages in flight. */
function seen(sim: Simulation): string {
  const snapshot = JSON.stringify(sim.snapshot(), (key, value: unknown) => (key === 'version' ? undefined : value));
  return JSON.stringify([sim.now(), sim.report(), snapshot, sim.inFlight()]);
}

const busiest = builtInScenarios.find((b) => b.id === 'commit-after-processing')!.scenario as { until?: number };

describe('keptSpacing', () => {
  it('is 0 while another checkpoint of the usual size fits the budget', () => {
    expect(keptSpacing([stored(0, 1000), stored(1000, 100), stored(2000, 100)], 1300, 3000)).toBe(0);
  });

  it('once the budget is full, is the run so far spread evenly over the checkpoints held', () => {
    // 1000 + 2 × 100 held, a third 100 would pass 1250.
    expect(keptSpacing([stored(0, 1000), stored(1000, 100), stored(2000, 100)], 1250, 6000)).toBe(2000);
  });

  it('does not take the first checkpoint (the whole state) as the size of the next ones', () => {
    expect(keptSpacing([stored(0, 10_000), stored(500, 10)], 10_050, 1000)).toBe(0);
  });
});

describe('timeline: checkpoint spacing under a budget', () => {
  const until = Math.min(busiest.until ?? 30_000, 30_000);

  it('takes about the checkpoints it keeps, where spacing by the rules alone takes many times more', () => {
    // Dense rules: checkpoints hold only what differs between them (a few KB to a few hundred), so
    // a budget of 1.5 MB holds several and the rules must ask for many more.
    const options = { checkpointEveryEvents: 20 };
    const unbounded = createTimeline(busiest, { ...options, memoryBudgetBytes: Number.MAX_SAFE_INTEGER });
    unbounded.runUntil(until);
    const timeline = createTimeline(busiest, { ...options, memoryBudgetBytes: 1.5 * 1024 * 1024 });
    timeline.runUntil(until);
    const { checkpoints, taken, bytes } = timeline.stats();
    // The budget holds far fewer than the rules ask for: the test means something.
    expect(unbounded.stats().taken).toBeGreaterThan(8 * checkpoints);
    // N kept, budget full at t_full: about N·(1 + ln(until / t_full)) taken (more when their sizes
    // vary, and a thinned one's successor is counted again, larger: checkpointStore.ts withinBudget).
    expect(taken).toBeLessThanOrEqual(6 * checkpoints);
    expect(taken).toBeLessThanOrEqual(unbounded.stats().taken / 2);
    expect(bytes).toBeLessThanOrEqual(1.5 * 1024 * 1024);
  }, 60_000);

  it('runs on when the budget holds a checkpoint back past the virtual-time rule (it does not wait for one forever)', () => {
    const timeline = createTimeline(busiest, { checkpointEveryEvents: 100, checkpointEveryVirtualMs: 1_000, memoryBudgetBytes: 1024 * 1024 });
    timeline.runUntil(until);
    expect(timeline.now()).toBe(until);
  }, 60_000);

  it('seeks on the thinned timeline land on exactly what a straight run shows, and a fork after a seek equals a straight run with the command', () => {
    const timeline = createTimeline(busiest, { checkpointEveryEvents: 200, memoryBudgetBytes: 2 * 1024 * 1024 });
    timeline.runUntil(until);
    for (const at of [Math.floor(until * 0.73), Math.floor(until * 0.2), until - 1, 1234]) {
      const straight = createSimulation(busiest);
      straight.runUntil(at);
      expect(seen(timeline.seek(at))).toBe(seen(straight));
    }
    const at = Math.floor(until / 2);
    timeline.seek(at);
    expect(timeline.dispatch({ do: 'crash', broker: 2 })).toMatchObject({ ok: true, forked: true });
    timeline.runUntil(until);
    const straight = createSimulation(busiest);
    straight.runUntil(at);
    straight.dispatch({ do: 'crash', broker: 2 });
    straight.runUntil(until);
    expect(seen(timeline.sim)).toBe(seen(straight));
  }, 60_000);
});

describe('timeline: watched only while someone listens', () => {
  const wireEvents = (sim: Simulation, after: number) => sim.eventsSince(after).events.filter((e) => e.type === 'MessageSent' || e.type === 'MessageDelivered').length;

  it('does not make its run watched by itself: the wire events are built only while the timeline has a listener, across a seek too', () => {
    const timeline = createTimeline(busiest, { checkpointEveryEvents: 300 });
    timeline.runUntil(2_000);
    expect(wireEvents(timeline.sim, 0)).toBe(0);

    const heard: string[] = [];
    const stop = timeline.subscribe((e) => heard.push(e.type));
    let cursor = timeline.sim.eventsSince(Number.MAX_SAFE_INTEGER).cursor;
    timeline.runUntil(2_500);
    expect(wireEvents(timeline.sim, cursor)).toBeGreaterThan(0);
    expect(heard).toContain('MessageSent');

    // A seek back restores another simulation: the listener follows it.
    heard.length = 0;
    timeline.seek(1_000);
    timeline.runUntil(1_200);
    expect(heard).toContain('MessageSent');

    stop();
    cursor = timeline.sim.eventsSince(Number.MAX_SAFE_INTEGER).cursor;
    heard.length = 0;
    timeline.runUntil(1_700);
    expect(wireEvents(timeline.sim, cursor)).toBe(0);
    expect(heard).toEqual([]);
  });
});
