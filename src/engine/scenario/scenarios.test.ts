/**
 * Every way KAFKA.md says a cluster loses (or keeps) acknowledged records, run as scenarios and
 * judged by the report's figures. The built-in scenarios are the ones the app shows, so these
 * tests also guard what a learner sees.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../core/trace';
import { createSimulation } from '../sim/simulation';
import { builtInScenarios } from './library';
import { runScenario } from '../run/run';

function scenario(id: string): Record<string, unknown> {
  const found = builtInScenarios.find((s) => s.id === id);
  if (!found) throw new Error(`no built-in scenario ${id}`);
  return structuredClone(found.scenario) as Record<string, unknown>;
}

function traceOf(input: unknown): TraceEvent[] {
  const events: TraceEvent[] = [];
  runScenario(input, { onEvent: (e) => events.push(e) });
  return events;
}

describe('acks=0 and acks=1 lose acknowledged records when the leader dies', () => {
  it('acks=1: the slow follower becomes leader without records the old leader acknowledged', () => {
    const input = scenario('acks1-leader-crash');
    const report = runScenario(input);
    expect(report.records.lostAcknowledged).toBeGreaterThan(0);
    expect(report.records.unavailable).toBe(0);
    expect(report.partitions[0]).toMatchObject({ leader: 2, leaderEpoch: 1 });
    // Back from the crash, b1 cuts off the records the new leader never had.
    const truncated = traceOf(input).find((e) => e.type === 'Truncated' && e.broker === 1);
    expect(truncated).toMatchObject({ reason: 'diverging-epoch' });
  });

  it('the same run with acks=all and min.insync.replicas=2 loses nothing', () => {
    const input = scenario('acks1-leader-crash');
    input.producers = [{ id: 'p1', acks: 'all', 'enable.idempotence': false }];
    input.broker = { ...(input.broker as object), 'min.insync.replicas': 2 };
    const report = runScenario(input);
    expect(report.records.lostAcknowledged).toBe(0);
    expect(report.records.acknowledged).toBeGreaterThan(0);
  });

  it('acks=0: every send counts as acknowledged, and those sent into the crash are lost', () => {
    const report = runScenario(scenario('acks0-leader-crash'));
    expect(report.records.acknowledged).toBe(report.records.sent);
    expect(report.records.failed).toBe(0);
    expect(report.records.lostAcknowledged).toBeGreaterThan(0);
  });
});

describe('a leader cut off from the controller only (a zombie leader)', () => {
  it('with acks=1 keeps acknowledging after it was deposed; those records are truncated away', () => {
    const input = scenario('zombie-leader');
    const events = traceOf(input);
    const deposed = events.find((e) => e.type === 'LeaderElected' && e.previousLeader === 1);
    expect(deposed).toMatchObject({ leader: 2, unclean: false });
    const ackedByZombie = events.filter((e) => e.type === 'Acked' && e.t > deposed!.t && e.t < 20000);
    expect(ackedByZombie.length).toBeGreaterThan(0);
    expect(events.find((e) => e.type === 'Truncated' && e.broker === 1)).toBeDefined();
    const report = runScenario(input);
    expect(report.records.lostAcknowledged).toBeGreaterThan(0);
    expect(report.partitions[0]!.isr).toContain(1);
  });

  it('with acks=all the zombie cannot acknowledge alone: nothing is lost', () => {
    const input = scenario('zombie-leader');
    input.producers = [{ id: 'p1', acks: 'all', 'enable.idempotence': false }];
    expect(runScenario(input).records.lostAcknowledged).toBe(0);
  });
});

describe('preferred leader election (auto.leader.rebalance.enable)', () => {
  function crashAndReturn(broker: Record<string, unknown>): Record<string, unknown> {
    const input = scenario('acksall-min-isr-2');
    input.broker = { ...(input.broker as object), ...broker };
    input.until = 60000;
    return input;
  }

  it('moves leadership back to the preferred replica once it is back in the ISR', () => {
    const input = crashAndReturn({ 'leader.imbalance.check.interval.seconds': 10 });
    const events = traceOf(input);
    const back = events.find((e) => e.type === 'LeaderElected' && e.leader === 1);
    expect(back).toMatchObject({ previousLeader: 2, unclean: false, leaderEpoch: 2 });
    const rejoined = events.find((e) => e.type === 'IsrExpanded' && e.added.includes(1));
    expect(rejoined!.t).toBeLessThan(back!.t);
    const report = runScenario(input);
    expect(report.partitions[0]).toMatchObject({ leader: 1, leaderEpoch: 2 });
    expect(report.records.lostAcknowledged).toBe(0);
  });

  it('leaves leadership where it is when auto.leader.rebalance.enable is false', () => {
    const input = crashAndReturn({ 'leader.imbalance.check.interval.seconds': 10, 'auto.leader.rebalance.enable': false });
    expect(runScenario(input).partitions[0]).toMatchObject({ leader: 2, leaderEpoch: 1 });
  });
});

describe('acks=all with min.insync.replicas=2', () => {
  it('survives a leader crash with every record acknowledged, none lost, and (idempotent) none duplicated or reordered', () => {
    const report = runScenario(scenario('acksall-min-isr-2'));
    expect(report.records).toMatchObject({ sent: 200, acknowledged: 200, lostAcknowledged: 0, unavailable: 0, pending: 0, duplicated: 0, reordered: 0 });
    expect(report.partitions[0]!.highWatermark).toBeGreaterThanOrEqual(200);
  });
});

describe('the Jepsen case: the ISR shrinks to the leader, then the leader dies', () => {
  it('with unclean election and min.insync.replicas=1, acknowledged records are lost', () => {
    const input = scenario('jepsen-unclean-election');
    const events = traceOf(input);
    const shrunkToLeader = events.find((e) => e.type === 'IsrShrunk' && e.isr.length === 1 && e.isr[0] === 1);
    const unclean = events.find((e) => e.type === 'LeaderElected' && e.unclean);
    expect(shrunkToLeader, 'the ISR shrank to b1 alone').toBeDefined();
    expect(unclean, 'an out-of-sync replica was elected').toMatchObject({ leader: 2 });
    expect(shrunkToLeader!.t).toBeLessThan(unclean!.t);
    expect(runScenario(input).records.lostAcknowledged).toBeGreaterThan(0);
  });

  it('with min.insync.replicas=2 the leader refuses with NOT_ENOUGH_REPLICAS and nothing acknowledged is lost', () => {
    const input = scenario('jepsen-min-isr-2');
    const events = traceOf(input);
    const refused = events.filter((e) => e.type === 'ProduceErrored' && e.error === 'NOT_ENOUGH_REPLICAS');
    expect(refused.length).toBeGreaterThan(0);
    const report = runScenario(input);
    expect(report.records.lostAcknowledged).toBe(0);
    expect(report.records.acknowledged).toBeGreaterThan(0);
  });

  it('with unclean election off the partition is unavailable, then loses nothing when the leader returns', () => {
    const input = scenario('jepsen-unclean-off');
    const simulation = createSimulation(input);
    simulation.runUntil(35000); // b1 crashed at 18 s and returns at 40 s
    const during = simulation.report();
    expect(during.partitions[0]!.leader).toBe(-1);
    expect(during.partitions[0]!.isr).toEqual([1]);
    expect(during.records.unavailable).toBeGreaterThan(0);
    simulation.runUntil(simulation.scenario.until);
    const after = simulation.report();
    expect(after.partitions[0]!.leader).toBe(1);
    expect(after.records).toMatchObject({ lostAcknowledged: 0, unavailable: 0 });
  });
});

describe('power loss of every replica', () => {
  it('with the default flush policy (never fsync) loses what was acknowledged', () => {
    const input = scenario('power-loss-default-flush');
    const events = traceOf(input);
    expect(events.filter((e) => e.type === 'UnflushedDataLost').length).toBe(3);
    const report = runScenario(input);
    expect(report.records.acknowledged).toBeGreaterThan(0);
    expect(report.records.lostAcknowledged).toBe(report.records.acknowledged);
  });

  it('with log.flush.interval.messages=1 loses nothing', () => {
    const report = runScenario(scenario('power-loss-flush-every-message'));
    expect(report.records.acknowledged).toBeGreaterThan(0);
    expect(report.records.lostAcknowledged).toBe(0);
  });

  it('a process crash (not a power loss) keeps the page cache: nothing is lost', () => {
    const input = scenario('power-loss-default-flush');
    input.script = (input.script as { do: string }[]).map((a) => (a.do === 'powerLoss' ? { ...a, do: 'crash' } : a));
    expect(runScenario(input).records.lostAcknowledged).toBe(0);
  });
});

describe('retention', () => {
  it('deletes whole old segments by time and moves the log start offset, losing nothing acknowledged', () => {
    const input = scenario('retention-moves-log-start');
    const events = traceOf(input);
    const deleted = events.filter((e) => e.type === 'SegmentDeleted');
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((e) => e.type === 'SegmentDeleted' && e.reason === 'retention.ms')).toBe(true);
    const report = runScenario(input);
    const p = report.partitions[0]!;
    expect(p.logStartOffset).toBeGreaterThan(0);
    expect(p.logStartOffset).toBeLessThan(p.highWatermark);
    expect(report.records.lostAcknowledged).toBe(0);
  });

  it('deletes by size with retention.bytes, keeping the log under the limit plus one segment', () => {
    const input = scenario('retention-moves-log-start');
    input.topics = [{ name: 'clicks', partitions: 1, 'replication.factor': 3, 'segment.bytes': 2048, 'retention.bytes': 4096 }];
    const events = traceOf(input);
    expect(events.some((e) => e.type === 'SegmentDeleted' && e.reason === 'retention.bytes')).toBe(true);
    expect(runScenario(input).partitions[0]!.logStartOffset).toBeGreaterThan(0);
  });
});

describe('the producer: retries, ordering, idempotence, send styles, batching', () => {
  it('a lost answer and a retry write a batch twice without idempotence', () => {
    const report = runScenario(scenario('retries-duplicate'));
    expect(report.records.duplicated).toBeGreaterThan(0);
    expect(report.records).toMatchObject({ acknowledged: report.records.sent, lostAcknowledged: 0 });
    expect(report.producers[0]!.retries).toBe(1);
  });

  it('with idempotence the leader answers the retry with the original offsets and writes nothing', () => {
    const input = scenario('idempotence-no-duplicates');
    const report = runScenario(input);
    expect(report.records).toMatchObject({ duplicated: 0, acknowledged: report.records.sent, lostAcknowledged: 0 });
    const events = traceOf(input);
    const duplicate = events.find((e) => e.type === 'Acked' && e.duplicate === true);
    expect(duplicate).toBeDefined();
    const first = events.find((e) => e.type === 'Appended' && e.role === 'leader' && e.recordIds[0] === (duplicate as { recordIds: number[] }).recordIds[0]);
    expect(first).toMatchObject({ baseOffset: (duplicate as { offset: number }).offset });
  });

  it('a lost request with five in flight lands its batch late: reordered', () => {
    const input = scenario('in-flight-reorders');
    expect(runScenario(input).records.reordered).toBeGreaterThan(0);
    const one = structuredClone(input);
    one.producers = [{ id: 'p1', acks: 'all', 'enable.idempotence': false, 'max.in.flight.requests.per.connection': 1, 'request.timeout.ms': 3000 }];
    expect(runScenario(one).records.reordered).toBe(0);
    const idempotent = structuredClone(input);
    idempotent.producers = [{ id: 'p1', acks: 'all', 'enable.idempotence': true, 'request.timeout.ms': 3000 }];
    expect(runScenario(idempotent).records).toMatchObject({ reordered: 0, duplicated: 0 });
  });

  it('fire-and-forget failures go unnoticed; the same failures with a callback are noticed', () => {
    const input = scenario('fire-and-forget');
    const report = runScenario(input);
    expect(report.records.failed).toBeGreaterThan(0);
    expect(report.records.failedUnnoticed).toBe(report.records.failed);
    const withCallback = structuredClone(input);
    (withCallback.producers as Record<string, unknown>[])[0]!.send = 'async';
    const noticed = runScenario(withCallback);
    expect(noticed.records.failed).toBe(report.records.failed);
    expect(noticed.records.failedUnnoticed).toBe(0);
  });

  it('linger.ms fills batches; sync send sends one record per request and falls behind', () => {
    const report = runScenario(scenario('batching-linger'));
    const [linger, sync] = report.producers;
    // 1,000 records/s lingering 100 ms: about a hundred records per batch.
    expect(linger!.recordsPerBatch).toBeGreaterThan(80);
    expect(linger!.recordsPerBatch).toBeLessThanOrEqual(101);
    expect(sync!.recordsPerBatch).toBe(1);
    expect(sync!.requests).toBe(sync!.batches);
    expect(sync!.throughput).toBeLessThan(linger!.throughput / 3);
  });
});

// ── Consumer groups ──────────────────────────────────────────────────────────────────────────

/** One run: the report and the trace. */
function run(id: string, change: (input: Record<string, unknown>) => void = () => undefined) {
  const input = scenario(id);
  change(input);
  const events: TraceEvent[] = [];
  const report = runScenario(input, { onEvent: (e) => events.push(e) });
  return { report, events };
}

const ofType = <T extends TraceEvent['type']>(events: TraceEvent[], type: T) => events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

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
