/**
 * Every record the report counts as lost, duplicated, reordered, skipped or processed twice got a
 * verdict event when it happened, and its story — read without a recorded trace — ends in it.
 */
import { describe, expect, it } from 'vitest';
import { VERDICT_TYPES, type Traced } from '../core/trace';
import { builtInScenarios } from '../scenario/library';
import { createSimulation } from './simulation';

type Verdict = Extract<Traced, { type: (typeof VERDICT_TYPES)[number] }>;
const isVerdict = (e: Traced): e is Verdict => (VERDICT_TYPES as readonly string[]).includes(e.type);

describe('verdicts of the built-in scenarios', () => {
  /** Verdict type → the scenarios that gave one (filled by the runs below). */
  const seen = new Map<string, Set<string>>();

  it.each(builtInScenarios.map((s) => [s.id, s.scenario] as const))('%s: one verdict per counted record, each with a story ending in it', (id, scenario) => {
    const sim = createSimulation(scenario);
    const verdicts: Verdict[] = [];
    // Times never go back in the trace: a verdict is dated when it is settled, not when its cause
    // happened (a deleted record's skip was dated at the deletion, up to seconds before).
    let latest = 0;
    const backwards: string[] = [];
    sim.subscribe((e) => {
      if (isVerdict(e)) verdicts.push(e);
      if (e.t < latest) backwards.push(`${e.type} #${e.id} at ${e.t} after ${latest}`);
      latest = Math.max(latest, e.t);
    });
    sim.runUntil(sim.scenario.until);
    expect(backwards.slice(0, 3)).toEqual([]);
    const { records } = sim.report();
    const of = <T extends Verdict['type']>(type: T): Extract<Verdict, { type: T }>[] => verdicts.filter((v): v is Extract<Verdict, { type: T }> => v.type === type);

    expect(new Set(of('RecordLost').map((v) => v.recordId)).size).toBe(records.lostAcknowledged);
    expect(of('RecordLost')).toHaveLength(records.lostAcknowledged);
    expect(of('RecordDuplicated')).toHaveLength(records.duplicated);
    expect(of('RecordReordered')).toHaveLength(records.reordered);
    expect(of('RecordSkipped')).toHaveLength(records.skipped);
    expect(of('RecordProcessedTwice')).toHaveLength(records.processedTwice);

    for (const v of verdicts) {
      if (!seen.has(v.type)) seen.set(v.type, new Set());
      seen.get(v.type)!.add(id);
      const story = sim.story(v.recordId);
      expect(story.length).toBeGreaterThan(1);
      const last = story[story.length - 1]!;
      expect(isVerdict(last) && last.recordId === v.recordId).toBe(true);
      // Oldest first, and every step's cause (when the story holds it) comes before it.
      const ids = story.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      for (const e of story) if (e.cause !== undefined) expect(e.cause).toBeLessThan(e.id);
      // The story holds what caused the verdict (the retry's commit, the commit or deletion that
      // skipped it, the truncation or election that lost it …).
      expect(v.cause === undefined || story.some((e) => e.id === v.cause)).toBe(true);
      // It tells this record's steps, not another's (a batch's request is caused by the send of
      // its first record: "p1 sent record #56" in the story of #151).
      const others = story.filter((e) => 'recordId' in e && e.recordId !== v.recordId).map((e) => `${e.type} #${(e as { recordId: number }).recordId}`);
      expect(others, `story of #${v.recordId}`).toEqual([]);
      // A lost record's story shows that it was acknowledged.
      if (v.type === 'RecordLost') expect(story.some((e) => e.type === 'Acked' && e.recordIds.includes(v.recordId))).toBe(true);
    }
  });

  it('covers every kind of verdict: lost, duplicated, reordered, skipped and processed twice each happen in some scenario', () => {
    expect([...seen.keys()].sort()).toEqual([...VERDICT_TYPES].sort());
  });
});
