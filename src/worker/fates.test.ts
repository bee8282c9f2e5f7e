import { describe, expect, it } from 'vitest';
import { builtInScenarios, createSimulation } from '../engine';
import { FateTracker } from './fates';

function run(id: string) {
  const scenario = builtInScenarios.find((s) => s.id === id)!.scenario;
  const sim = createSimulation(scenario);
  const fates = new FateTracker();
  sim.subscribe((e) => fates.observe(e));
  sim.runUntil(sim.scenario.until);
  return { bad: fates.badRecords(sim.snapshot(), 100_000), records: sim.report().records };
}

describe('records with a bad fate, from the trace', () => {
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
});
