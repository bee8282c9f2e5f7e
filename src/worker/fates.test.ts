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

  it('goes back to the list as it stood at a saved moment', () => {
    const { verdicts } = run('acks1-leader-crash');
    const all = verdicts.badRecords(100_000);
    verdicts.restore(1);
    expect(verdicts.badRecords()).toEqual(all.slice(0, 1));
  });
});
