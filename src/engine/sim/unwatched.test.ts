/**
 * Nobody watching (no subscriber, no recorded trace): events that no part of the engine reads are
 * counted but not built (Emitter.pass): MessageSent, MessageDelivered, and a follower's Appended,
 * Fetched and HighWatermarkAdvanced (the ledger reads an HW advance only from the broker it takes
 * for the leader). Everything else must be as in a watched run: every other event with the same
 * id and cause, the report, the stories.
 */
import { describe, expect, it } from 'vitest';
import type { Traced } from '../core/trace';
import { builtInScenarios } from '../scenario/library';
import { createSimulation } from './simulation';
import { unbuiltEventProblems } from './fixtures/unbuilt';

const WINDOW = 1 << 20;

describe('an unwatched run', () => {
  it.each(builtInScenarios.map((s) => [s.id, s.scenario] as const))('%s: every event but those only readers outside use, the report and the stories as when watched', (_id, scenario) => {
    const until = (scenario as { until?: number }).until ?? 30000;
    const recorded = createSimulation(scenario, { recordTrace: true });
    recorded.runUntil(until);
    const unwatched = createSimulation(scenario, { traceWindow: WINDOW });
    unwatched.runUntil(until);

    const trace = recorded.trace();
    const { events, cursor } = unwatched.eventsSince(0);
    expect(cursor).toBe(trace.length);
    const leaders = new Map(createSimulation(scenario).snapshot().partitions.map((p) => [`${p.topic}-${p.partition}`, p.leader] as const));
    expect(unbuiltEventProblems(events, trace, leaders)).toEqual([]);
    expect(events.length).toBeLessThan(trace.length);
    expect(unwatched.report()).toEqual(recorded.report());
    const verdicts = trace.filter((e): e is Traced & { recordId: number } => 'recordId' in e && e.type.startsWith('Record') && e.type !== 'RecordSent');
    for (const v of verdicts.slice(0, 20)) expect(unwatched.story(v.recordId)).toEqual(recorded.story(v.recordId));
  });

  it('a subscriber that joins midway gets every event from then on, the wire\'s included', () => {
    const scenario = builtInScenarios.find((s) => s.id === 'acks1-leader-crash')!.scenario;
    const recorded = createSimulation(scenario, { recordTrace: true });
    recorded.runUntil(8000);
    const sim = createSimulation(scenario);
    sim.runUntil(4000);
    const seen: Traced[] = [];
    sim.subscribe((e) => seen.push(e));
    sim.runUntil(8000);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual(recorded.trace().filter((e) => e.id >= seen[0]!.id));
    expect(seen.some((e) => e.type === 'MessageSent')).toBe(true);
  });
});
