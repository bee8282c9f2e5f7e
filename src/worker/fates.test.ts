import { describe, expect, it } from 'vitest';
import { builtInScenarios, createSimulation } from '../engine';
import { VerdictList } from './fates';

function run(id: string) {
  const scenario = builtInScenarios.find((s) => s.id === id)!.scenario;
  const sim = createSimulation(scenario);
  const verdicts = new VerdictList();
  sim.subscribe((e) => verdicts.observe(e));
  sim.runUntil(sim.scenario.until);
  return { bad: verdicts.badRecords(100_000), records: sim.report().records, verdicts };
}

describe('records with a bad fate, from the ledger\'s verdicts', () => {
  it('lists as many lost records as the report counts when acks=1 loses data', () => {
    const { bad, records } = run('acks1-leader-crash');
    expect(records.lostAcknowledged).toBeGreaterThan(0);
    expect(bad.filter((r) => r.fate === 'lost')).toHaveLength(records.lostAcknowledged);
  });

  it('lists nothing when acks=all with min.insync.replicas=2 keeps every record', () => {
    const { bad, records } = run('acksall-min-isr-2');
    expect(records.lostAcknowledged).toBe(0);
    expect(bad.filter((r) => r.fate === 'lost')).toEqual([]);
  });

  it("lists the records a group skipped and the ones it processed again, once each, as many as the report counts", () => {
    const skipping = run('retention-outruns-consumer');
    expect(skipping.records.skipped).toBeGreaterThan(0);
    expect(skipping.bad.filter((r) => r.fate === 'skipped')).toHaveLength(skipping.records.skipped);
    const repeating = run('auto-commit-crash-duplicates');
    const twice = repeating.bad.filter((r) => r.fate === 'processedTwice');
    expect(twice.length).toBeGreaterThan(0);
    // One line per record and group, however often it was processed again.
    expect(new Set(twice.map((r) => `${r.recordId}/${'group' in r ? r.group : ''}`)).size).toBe(twice.length);
    expect(twice.length).toBeLessThanOrEqual(repeating.records.processedTwice);
  });

  it('goes back, and forward, to the list as it stood at each saved moment', () => {
    const scenario = builtInScenarios.find((s) => s.id === 'acks1-leader-crash')!.scenario;
    const sim = createSimulation(scenario);
    const verdicts = new VerdictList();
    sim.subscribe((e) => verdicts.observe(e));
    const early = verdicts.save();
    sim.runUntil(sim.scenario.until);
    const all = verdicts.badRecords(100_000);
    expect(all.length).toBeGreaterThan(0);
    const late = verdicts.save();
    // Back to the start (a seek back), then forward to the end's checkpoint (a scrub forward after
    // an abandoned replay): the list must come back whole, not as a prefix of where it stood.
    verdicts.restore(early);
    expect(verdicts.badRecords()).toEqual([]);
    verdicts.restore(late);
    expect(verdicts.badRecords(100_000)).toEqual(all);
    // A verdict after a restore does not change what the checkpoint saved.
    verdicts.restore(early);
    verdicts.observe({ type: 'RecordLost', t: 1, recordId: 1, topic: 'orders', partition: 0, offset: 0, producer: 'p1' } as never);
    verdicts.restore(early);
    expect(verdicts.size()).toBe(0);
  });
});
