/**
 * Accounting reproducers from the fault hunt (issue 10, fix 3), and the report mid-run: an
 * acknowledged record above the high watermark is at risk, not lost.
 */
import { describe, expect, it } from 'vitest';
import type { Traced } from '../core/trace';
import { builtInScenarios } from '../scenario/library';
import { runScenario } from '../run/run';
import reproducer03 from './fixtures/reliability-03.json';
import reproducer06 from './fixtures/reliability-06.json';
import reproducer10 from './fixtures/reliability-10.json';
import { createSimulation } from './simulation';

function runWithEvents(input: unknown): { events: Traced[]; report: ReturnType<typeof runScenario> } {
  const events: Traced[] = [];
  const report = runScenario(input, { onEvent: (e) => events.push(e as Traced) });
  return { events, report };
}

describe('accounting reproducers', () => {
  it('03: an append by a replaced leader, truncated and never committed, is not counted as skipped', () => {
    const { events, report } = runWithEvents(reproducer03);
    // The scenario does contain them: broker 4, slowed and replaced as leader at 6 s, keeps
    // appending as a leader of epoch 0 at offsets the new leader (epoch 1) fills with other records.
    const electedAt = events.find((e) => e.type === 'LeaderElected' && e.topic === 't1')!.t;
    expect(events.some((e) => e.type === 'Appended' && e.role === 'leader' && e.broker === 4 && e.t > electedAt)).toBe(true);
    expect(report.records.skipped).toBe(0);
    expect(events.filter((e) => e.type === 'RecordSkipped')).toEqual([]);
  });

  it('06: acknowledged records lost in an unclean election stay lost after retention passes their offsets', () => {
    const sim = createSimulation(reproducer06);
    const lost: Traced[] = [];
    sim.subscribe((e) => {
      if (e.type === 'RecordLost') lost.push(e);
    });
    sim.runUntil(22000);
    expect(sim.report().records.lostAcknowledged).toBe(20);
    sim.runUntil(sim.scenario.until);
    const report = sim.report();
    // Retention has moved the log start past every one of them: still lost, not "deleted".
    expect(report.partitions[0]!.logStartOffset).toBeGreaterThanOrEqual(20);
    expect(lost.every((e) => e.type === 'RecordLost' && e.offset < 20)).toBe(true);
    expect(report.records.lostAcknowledged).toBe(20);
    expect(lost).toHaveLength(20);
    const election = sim.story((lost[0] as Extract<Traced, { type: 'RecordLost' }>).recordId).find((e) => e.type === 'LeaderElected');
    expect(election).toMatchObject({ unclean: true, leader: 2 });
  });

  it('10: skipped counts a duplicated record once, like consumed and processedTwice', () => {
    const { events, report } = runWithEvents(reproducer10);
    expect(report.records).toMatchObject({ sent: 1, duplicated: 1, skipped: 1 });
    expect(events.filter((e) => e.type === 'RecordSkipped')).toHaveLength(1);
  });
});

describe('the report mid-run', () => {
  const acks1 = builtInScenarios.find((s) => s.id === 'acks1-leader-crash')!.scenario;

  it('counts acknowledged records not yet on every in-sync replica as at risk, then as lost once a leader without them is elected', () => {
    const sim = createSimulation(acks1);
    // Broker 2 is slowed at 1 s; broker 1 (the leader) still acknowledges every record at once.
    sim.runUntil(1400);
    const before = sim.report().records;
    expect(before.atRisk).toBeGreaterThan(0);
    expect(before.lostAcknowledged).toBe(0);
    sim.runUntil(sim.scenario.until);
    const after = sim.report().records;
    expect(after.atRisk).toBe(0);
    expect(after.lostAcknowledged).toBeGreaterThan(0);
  });

  it('never counts a record as lost before a RecordLost verdict for it', () => {
    const sim = createSimulation(acks1);
    let verdicts = 0;
    sim.subscribe((e) => {
      if (e.type === 'RecordLost') verdicts++;
    });
    for (let t = 500; t <= sim.scenario.until; t += 500) {
      sim.runUntil(t);
      expect(sim.report().records.lostAcknowledged).toBe(verdicts);
    }
  });
});
