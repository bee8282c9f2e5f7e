/**
 * `skipped` counts the records a group never processed that it moved its committed offset past,
 * and the records retention deleted before the group read them — even when the group never
 * commits past them (it is stuck, paused or failed: those records are gone all the same). A record
 * a member has polled and still holds is in progress, not skipped, whatever the commit says; so
 * is one it fetched before the deletion and holds in its fetch buffer (poll() will hand it out).
 */
import { describe, expect, it } from 'vitest';
import type { Traced } from '../core/trace';
import { builtInScenarios } from '../scenario/library';
import { buildSimulation, createSimulation } from '../sim/simulation';

function runScenario(input: unknown) {
  const { simulation: sim, cluster } = buildSimulation(input);
  let polled = 0;
  sim.subscribe((e) => {
    if (e.type === 'RecordsPolled') for (const [first, last] of Object.values(e.ranges)) polled += last - first + 1;
  });
  sim.runUntil(sim.scenario.until);
  const report = sim.report();
  // Fetched before retention deleted them, not yet polled: in the paused member's fetch buffer.
  const logStart = report.partitions[0]!.logStartOffset;
  const buffer = cluster.clients!.members.get('reports')!.get('c1')!.bufferedRecordIds();
  const bufferedDeleted = buffer.filter((id) => cluster.ledger.entry(id).offset < logStart).length;
  return Object.assign(report, { polled, bufferedDeleted });
}

describe('consumer accounting', () => {
  it('counts records retention deleted before a paused group read them as skipped, though it never committed past them', () => {
    const report = runScenario({
      name: 'retention deletes what a paused group has not read',
      seed: 1,
      until: 40000,
      brokers: 3,
      broker: { 'log.retention.check.interval.ms': 5000, 'offsets.topic.num.partitions': 3 },
      topics: [{ name: 'clicks', partitions: 1, 'replication.factor': 3, 'segment.bytes': 2048, 'retention.ms': 15000 }],
      producers: [{ id: 'p1', acks: 'all' }],
      groups: [
        {
          'group.id': 'reports',
          topics: ['clicks'],
          members: 1,
          'auto.offset.reset': 'earliest',
          'processing.ms': 100,
          'max.poll.records': 20,
          'max.partition.fetch.bytes': 1024,
          'session.timeout.ms': 60000,
        },
      ],
      script: [
        { at: 0, do: 'produce', producer: 'p1', topic: 'clicks', count: 800, every: 50, key: 'page-{i}' },
        { at: 15500, do: 'pauseMember', group: 'reports', member: 'c1', ms: 30000 },
      ],
    });
    const logStart = report.partitions[0]!.logStartOffset;
    const committed = report.groups![0]!.committed['clicks-0']!;
    // The group is still paused, its committed offset far below what retention deleted.
    expect(committed).toBeLessThan(logStart);
    expect(report.records.consumed).toBeLessThan(logStart);
    // Offsets 0..consumed-1 were processed; the paused member still holds what it polled after
    // them and what it fetched after those (it processes them when it resumes); everything else
    // below the log start is gone unread.
    const held = report.polled - report.records.consumed;
    expect(held).toBeGreaterThan(0);
    expect(report.bufferedDeleted).toBeGreaterThan(0);
    expect(report.records.skipped).toBe(logStart - report.records.consumed - held - report.bufferedDeleted);
  });

  it('names the offset reset that jumped over a skipped record as its cause, and the story shows it', () => {
    // latest-offset-reset-skips: a new group starts at the log end (auto.offset.reset=latest) and
    // commits past everything written before it joined. The commit only settles the verdict.
    const sim = createSimulation(builtInScenarios.find((s) => s.id === 'latest-offset-reset-skips')!.scenario);
    const byId = new Map<number, Traced>();
    const skipped: (Traced & { type: 'RecordSkipped' })[] = [];
    sim.subscribe((e) => {
      if (e.type === 'OffsetReset' || e.type === 'OffsetsCommitted') byId.set(e.id, e);
      if (e.type === 'RecordSkipped') skipped.push(e);
    });
    sim.runUntil(sim.scenario.until);
    expect(skipped.length).toBe(sim.report().records.skipped);
    expect(skipped.length).toBeGreaterThan(0);
    for (const v of skipped) {
      const reset = byId.get(v.cause!);
      expect(reset, `record ${v.recordId}`).toMatchObject({ type: 'OffsetReset', group: v.group, topic: v.topic, partition: v.partition, policy: 'latest' });
      expect((reset as { offset: number }).offset).toBeGreaterThan(v.offset);
      expect(sim.story(v.recordId).map((e) => e.id)).toContain(v.cause);
    }
  });

  it('names what placed a member below a record it processes again as the cause (here: no commit covered it, the new owner reset to earliest)', () => {
    const sim = createSimulation(builtInScenarios.find((s) => s.id === 'auto-commit-crash-duplicates')!.scenario);
    const byId = new Map<number, Traced>();
    const twice: (Traced & { type: 'RecordProcessedTwice' })[] = [];
    sim.subscribe((e) => {
      if (e.type === 'OffsetReset' || e.type === 'MemberAssigned') byId.set(e.id, e);
      if (e.type === 'RecordProcessedTwice') twice.push(e);
    });
    sim.runUntil(sim.scenario.until);
    expect(twice.length).toBe(sim.report().records.processedTwice);
    expect(twice.length).toBeGreaterThan(0);
    for (const v of twice) {
      expect(byId.get(v.cause!), `record ${v.recordId}`).toMatchObject({ group: v.group, member: v.member });
      expect(sim.story(v.recordId).map((e) => e.id)).toContain(v.cause);
    }
  });
});
