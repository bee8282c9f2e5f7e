/**
 * The consumer side of KAFKA.md, run as the built-in scenarios a learner sees: commits and crashes
 * (what is processed twice, what is skipped), groups, assignment and rebalances.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run/run';
import { ofType, run, scenario } from '../run/builtInRuns';

describe('consumer commits and crashes (KAFKA.md, Consumer)', () => {
  it('auto commit + crash: records processed twice, none skipped', () => {
    const { report, events } = run('auto-commit-crash-duplicates');
    expect(report.records).toMatchObject({ sent: 1000, consumed: 1000, skipped: 0 });
    expect(report.records.processedTwice).toBeGreaterThan(0);
    expect(report.records.effectsDuplicated).toBe(report.records.processedTwice);
    expect(ofType(events, 'MemberLeft').map((e) => [e.member, e.reason])).toEqual([['c1', 'session-timeout']]);
    expect(report.groups![0]).toMatchObject({ state: 'Stable', generation: 2, assignment: { c2: ['orders-0', 'orders-1'] }, lag: { 'orders-0': 0, 'orders-1': 0 } });
  });

  it('an idempotent sink: the same reprocessing, no duplicated effect', () => {
    const { report } = run('idempotent-sink');
    expect(report.records.processedTwice).toBeGreaterThan(0);
    expect(report.records).toMatchObject({ effectsDuplicated: 0, skipped: 0, consumed: 1000 });
  });

  it('commit before processing + crash mid-batch: records skipped, none repeated', () => {
    const { report } = run('commit-before-processing-loses');
    expect(report.records.skipped).toBeGreaterThan(0);
    expect(report.records.processedTwice).toBe(0);
    expect(report.records.consumed + report.records.skipped).toBe(1000);
  });

  it('commit after processing + crash: nothing skipped', () => {
    const { report } = run('commit-after-processing');
    expect(report.records).toMatchObject({ skipped: 0, consumed: 1000 });
    expect(report.records.processedTwice).toBeGreaterThan(0);
  });

  it('auto commit with async processing + crash: committed past unprocessed records', () => {
    const { report } = run('async-processing-auto-commit-loses');
    expect(report.records.skipped).toBeGreaterThan(0);
    // In the poll loop the same crash skips nothing.
    const inLoop = run('async-processing-auto-commit-loses', (s) => {
      (s.groups as Record<string, unknown>[])[0]!.processing = 'in-poll-loop';
    });
    expect(inLoop.report.records.skipped).toBe(0);
  });

  it('retention faster than a slow consumer: OFFSET_OUT_OF_RANGE, reset to the log start, records skipped', () => {
    const { report, events } = run('retention-outruns-consumer');
    const reset = ofType(events, 'OffsetReset').find((e) => e.reason === 'out-of-range');
    expect(reset).toMatchObject({ policy: 'earliest', topic: 'clicks', partition: 0 });
    expect(reset!.offset).toBeGreaterThan(0);
    expect(report.records.skipped).toBeGreaterThan(0);
    expect(report.records.lostAcknowledged).toBe(0);
  });

  it('the same with auto.offset.reset=latest (a learner\'s change): the reset jumps to the end, and the accounting of the deleted records holds up', () => {
    const { report, events } = run('retention-outruns-consumer', (input) => {
      (input.groups as Record<string, unknown>[])[0]!['auto.offset.reset'] = 'latest';
    });
    const reset = ofType(events, 'OffsetReset').find((e) => e.reason === 'out-of-range');
    expect(reset).toMatchObject({ policy: 'latest', topic: 'clicks', partition: 0 });
    expect(report.records.skipped).toBeGreaterThan(0);
    expect(report.records.processedTwice).toBe(0);
    expect(report.records.lostAcknowledged).toBe(0);
  });

  it('a new group with auto.offset.reset=latest skips what was written before it joined', () => {
    const { report, events } = run('latest-offset-reset-skips');
    expect(ofType(events, 'OffsetReset').every((e) => e.policy === 'latest' && e.offset > 0)).toBe(true);
    expect(report.records.skipped).toBeGreaterThan(0);
    expect(report.records.consumed + report.records.skipped).toBe(600);
  });
});

describe('groups, assignment and rebalances', () => {
  it('two groups on one topic each see every record; a group shares them out', () => {
    const { report, events } = run('two-groups-pubsub');
    expect(report.records).toMatchObject({ sent: 300, consumed: 600, processedTwice: 0, skipped: 0 });
    const billing = new Set(ofType(events, 'RecordsProcessed').filter((e) => e.group === 'billing').flatMap((e) => e.recordIds));
    expect(billing.size).toBe(300);
    expect(report.groups!.map((g) => Object.keys(g.assignment).length)).toEqual([2, 1]);
  });

  it('more members than partitions: the extra members are idle', () => {
    const { report } = run('more-members-than-partitions');
    expect(report.groups![0]!.assignment).toEqual({ c1: ['orders-0'], c2: ['orders-1'], c3: [], c4: [] });
    expect(report.records.consumed).toBe(200);
  });

  it('eager revokes everything before rejoining; cooperative revokes only what moves, then hands it over', () => {
    const { report, events } = run('cooperative-vs-eager');
    const revoked = (group: string) => ofType(events, 'MemberRevoked').filter((e) => e.group === group && e.t >= 12000);
    expect(revoked('eager').flatMap((e) => e.partitions).sort()).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3', 'orders-4', 'orders-5']);
    expect(revoked('cooperative').flatMap((e) => e.partitions)).toHaveLength(2);
    const cooperative = report.groups!.find((g) => g['group.id'] === 'cooperative')!;
    expect(cooperative.generation).toBe(3); // the join, then the follow-up that hands over the moved partitions
    expect(Object.values(cooperative.assignment).map((p) => p.length)).toEqual([2, 2, 2]);
    expect(report.records).toMatchObject({ consumed: 1200, skipped: 0 });
  });

  it('a static member restarting within the session timeout causes no rebalance', () => {
    const { report, events } = run('static-membership-restart');
    expect(ofType(events, 'GroupStateChanged').filter((e) => e.to === 'PreparingRebalance')).toHaveLength(1);
    expect(report.groups![0]).toMatchObject({ state: 'Stable', generation: 1, assignment: { c1: ['orders-0'], c2: ['orders-1'] } });
  });

  it('processing slower than max.poll.interval.ms: the member leaves, its commit fails, records repeat', () => {
    const { report, events } = run('slow-processing-leaves-group');
    expect(ofType(events, 'RebalanceNeeded').some((e) => e.reason === 'poll-timeout')).toBe(true);
    expect(ofType(events, 'CommitFailed').length).toBeGreaterThan(0);
    expect(report.records.processedTwice).toBeGreaterThan(0);
  });

  it('the coordinator broker dies: another replica loads the group and its offsets, nothing is skipped', () => {
    const { report, events } = run('coordinator-failover');
    const loaded = ofType(events, 'GroupLoaded').find((e) => e.broker !== 2);
    expect(loaded).toMatchObject({ group: 'billing', state: 'Stable', generation: 1 });
    expect(Object.values(loaded!.committed).every((o) => o > 0)).toBe(true);
    expect(ofType(events, 'CoordinatorFound').some((e) => e.broker === loaded!.broker)).toBe(true);
    expect(report.records).toMatchObject({ consumed: 1500, skipped: 0, lostAcknowledged: 0 });
  });

  it('one member joining an empty group: Empty → PreparingRebalance → CompletingRebalance → Stable', () => {
    const { events } = run('more-members-than-partitions', (s) => {
      (s.groups as Record<string, unknown>[])[0]!.members = 1;
    });
    const changes = ofType(events, 'GroupStateChanged');
    expect([changes[0]!.from, ...changes.map((e) => e.to)]).toEqual(['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable']);
    // The join waited group.initial.rebalance.delay.ms for more members.
    expect(changes[1]!.t - changes[0]!.t).toBe(3000);
  });

  it('keeps __consumer_offsets out of the report and the cluster scenarios unchanged', () => {
    const { report } = run('two-groups-pubsub');
    expect(report.partitions.map((p) => p.topic)).toEqual(['orders', 'orders']);
    expect('groups' in runScenario(scenario('acks1-leader-crash'))).toBe(false);
  });
});
