/**
 * The checker must be able to fail: a clean run passes, and each kind of damage done to its final
 * logs, its trace or its report is caught as the right kind of failure.
 */
import { describe, expect, it } from 'vitest';
import type { LoggedRecord, Report, TraceEvent } from '../engine';
import { checkRun, type Failure } from './check';
import { generateScenario } from './generate';
import { recoveryTime } from './huntCase';
import { runCapped } from './runCapped';

/** A clean run with consumer groups (odd seed): its scenario, trace and report with logs. */
function cleanRun(seed: number) {
  const scenario = generateScenario(seed);
  const outcome = runCapped(scenario, { steps: 2_000_000, wallMs: 60_000, trace: true });
  if (outcome.kind !== 'done') throw new Error(`seed ${seed}: ${outcome.kind}`);
  const report = outcome.sim.report({ logs: true });
  const check = (r: Report = report, trace: readonly TraceEvent[] = outcome.trace): Failure[] =>
    checkRun(outcome.sim.scenario, trace, r, { recoveredAt: recoveryTime(scenario.script), stoppedAt: outcome.stoppedAt });
  return { scenario, trace: outcome.trace, report, check };
}

const copy = (r: Report): Report => JSON.parse(JSON.stringify(r)) as Report;
const kinds = (fs: Failure[]): string[] => [...new Set(fs.map((f) => (f.tag ? `${f.kind}:${f.tag}` : f.kind)))].sort();

/** The busiest partition's log. */
function busiest(r: Report): LoggedRecord[] {
  return Object.values(r.logs!).sort((a, b) => b.length - a.length)[0]!;
}

describe('the checker', { timeout: 60_000 }, () => {
  const run = cleanRun(3);

  it('passes a clean run with groups', () => {
    expect(run.report.records.acknowledged).toBeGreaterThan(50);
    expect(run.report.records.consumed).toBeGreaterThan(50);
    expect(run.check()).toEqual([]);
  });

  it('finds an acknowledged record missing from the log (and the report not counting it)', () => {
    const r = copy(run.report);
    const log = busiest(r);
    const gone = log.pop()!;
    r.partitions.find((x) => `${x.topic}-${x.partition}` === keyOf(r, log))!.highWatermark--;
    const failures = run.check(r);
    expect(kinds(failures)).toContain('lost');
    expect(kinds(failures)).toContain('accounting:lostAcknowledged');
    expect(failures.find((f) => f.kind === 'lost')!.detail).toContain(gone.key!);
  });

  it('finds a record written twice, and the offset gap a copy leaves', () => {
    const r = copy(run.report);
    const log = busiest(r);
    log.splice(1, 0, { ...log[0]! });
    expect(kinds(run.check(r))).toEqual(expect.arrayContaining(['duplicate', 'gap', 'accounting:duplicated']));
  });

  it('finds records out of send order', () => {
    const r = copy(run.report);
    const log = busiest(r);
    const [a, b] = [log[0]!, log[1]!];
    [log[0], log[1]] = [{ ...b, offset: a.offset }, { ...a, offset: b.offset }];
    expect(kinds(run.check(r))).toEqual(expect.arrayContaining(['reorder', 'accounting:reordered']));
  });

  it('finds a report counter that disagrees with the trace', () => {
    const r = copy(run.report);
    r.records.acknowledged++;
    r.records.skipped = 1;
    expect(kinds(run.check(r))).toEqual(['accounting:acknowledged', 'accounting:skipped']);
  });

  it('finds a commit past records the group never processed, and a group that never caught up', () => {
    const processed = run.trace.filter((e) => e.type === 'RecordsProcessed');
    const last = processed[processed.length - 1]!;
    const trace = run.trace.filter((e) => e !== last);
    expect(kinds(run.check(run.report, trace))).toEqual(expect.arrayContaining(['skipped', 'liveness:group']));
  });

  it('finds a broker that never came back', () => {
    const trace = [...run.trace, { t: run.scenario.until, type: 'BrokerFenced', broker: 1, reason: 'session-timeout' } as TraceEvent];
    expect(kinds(run.check(run.report, trace))).toContain('liveness:broker');
  });

  it('finds a partition left without a leader', () => {
    const r = copy(run.report);
    const p = r.partitions[0]!;
    const trace = [...run.trace, { t: run.scenario.until, type: 'PartitionOffline', topic: p.topic, partition: p.partition, leaderEpoch: p.leaderEpoch + 1, isr: [], previousLeader: p.leader } as TraceEvent];
    p.leader = -1;
    delete r.logs![`${p.topic}-${p.partition}`];
    expect(kinds(run.check(r, trace))).toEqual(expect.arrayContaining(['unavailable']));
  });
});

function keyOf(r: Report, log: LoggedRecord[]): string {
  return Object.entries(r.logs!).find(([, l]) => l === log)![0];
}
