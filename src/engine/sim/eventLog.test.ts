/**
 * Trace on demand: without `recordTrace` the simulation keeps a bounded ring of recent events for
 * `eventsSince`, the rare control-plane events, and each verdict's story — so memory stays bounded
 * however long the run, and stories still work.
 */
import { describe, expect, it } from 'vitest';
import type { Traced } from '../core/trace';
import { builtInScenarios } from '../scenario/library';
import { unbuiltEventProblems } from './fixtures/unbuilt';
import { createSimulation } from './simulation';

const acks1 = builtInScenarios.find((s) => s.id === 'acks1-leader-crash')!.scenario;

describe('eventsSince', () => {
  it('a reader that keeps up gets every event once, in order, whatever the window', () => {
    const sim = createSimulation(acks1, { traceWindow: 64 });
    const all: Traced[] = [];
    sim.subscribe((e) => all.push(e));
    const read: Traced[] = [];
    let cursor = 0;
    while (sim.now() < 20000 && sim.step()) {
      const batch = sim.eventsSince(cursor);
      expect(batch.missed).toBe(0);
      read.push(...batch.events);
      cursor = batch.cursor;
    }
    expect(read.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(sim.trace()).toEqual([]);
  });

  it('a reader that falls behind gets the last `traceWindow` events and the count it missed', () => {
    const sim = createSimulation(acks1, { traceWindow: 100 });
    sim.subscribe(() => {}); // watched: every event is built (unwatched, see below)
    sim.runUntil(5000);
    const { events, cursor, missed } = sim.eventsSince(0);
    expect(events).toHaveLength(100);
    expect(events[events.length - 1]!.id).toBe(cursor);
    expect(missed).toBe(cursor - 100);
    expect(sim.eventsSince(cursor)).toEqual({ events: [], cursor, missed: 0 });
  });

  it('unwatched (no subscriber, no recorded trace), the last `traceWindow` ids hold every event but those only readers outside use', () => {
    const watched = createSimulation(acks1, { traceWindow: 100 });
    watched.subscribe(() => {});
    watched.runUntil(5000);
    const sim = createSimulation(acks1, { traceWindow: 100 });
    sim.runUntil(5000);
    const { events, cursor, missed } = sim.eventsSince(0);
    expect(cursor).toBe(watched.eventsSince(0).cursor);
    expect(missed).toBe(cursor - 100);
    const leaders = new Map(createSimulation(acks1).snapshot().partitions.map((p) => [`${p.topic}-${p.partition}`, p.leader] as const));
    expect(unbuiltEventProblems(events, watched.eventsSince(0).events, leaders)).toEqual([]);
    expect(events.length).toBeLessThan(100);
  });

  it('with recordTrace, the whole trace is kept and eventsSince reads all of it', () => {
    const sim = createSimulation(acks1, { recordTrace: true, traceWindow: 10 });
    sim.runUntil(3000);
    const { events, missed } = sim.eventsSince(0);
    expect(missed).toBe(0);
    expect(events).toEqual(sim.trace());
  });
});

/** A batch event narrowed to one record: its own offset where the event has one. */
function offsetsOf(e: Traced, recordId: number): Record<string, number> {
  if (e.type === 'Appended') {
    const offset = e.baseOffset + e.recordIds.indexOf(recordId);
    return { baseOffset: offset, lastOffset: offset };
  }
  if (e.type === 'Acked' && e.offset >= 0) return { offset: e.offset + e.recordIds.indexOf(recordId) };
  return {};
}

describe('story without the trace', () => {
  it('a lost record’s story survives a tiny ring: from the slowing of the follower that will lead, through its send, the crash and the election, to the verdict', () => {
    const sim = createSimulation(acks1, { traceWindow: 16 });
    let lostId = 0;
    sim.subscribe((e) => {
      if (e.type === 'RecordLost' && lostId === 0) lostId = e.recordId;
    });
    sim.runUntil(sim.scenario.until);
    expect(lostId).toBeGreaterThan(0);
    const story = sim.story(lostId);
    expect(story.map((e) => e.type)).toEqual(['LinkSlowed', 'RecordSent', 'ProduceRequested', 'Appended', 'Acked', 'BrokerCrashed', 'BrokerFenced', 'LeaderElected', 'RecordLost']);
    // The same story as with the whole trace, the routine steps narrowed to this record.
    const full = createSimulation(acks1, { recordTrace: true });
    full.runUntil(full.scenario.until);
    const whole = full.story(lostId);
    expect(sim.story(lostId).map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect(sim.story(lostId)).toEqual(whole.map((e) => ('recordIds' in e ? { ...e, recordIds: [lostId], ...offsetsOf(e, lostId) } : e)));
  });

  it('a record with nothing to tell yet has the steps still held, and none of anything else', () => {
    const sim = createSimulation(acks1);
    sim.runUntil(100);
    const story = sim.story(1);
    // acks=1: acknowledged on the leader's append; the HW advance past it came after.
    expect(story.map((e) => e.type)).toEqual(['RecordSent', 'ProduceRequested', 'Appended', 'Acked', 'HighWatermarkAdvanced']);
    expect(sim.story(999999)).toEqual([]);
  });

  it('refuses a window that is not a positive integer', () => {
    expect(() => createSimulation(acks1, { traceWindow: 0 })).toThrow(/traceWindow/);
  });
});
