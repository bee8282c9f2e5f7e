/**
 * Every way KAFKA.md says a cluster loses (or keeps) acknowledged records, run as scenarios and
 * judged by the report's figures. The built-in scenarios are the ones the app shows, so these
 * tests also guard what a learner sees. The consumer groups' are in scenarios.consumer.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../sim/simulation';
import { runScenario } from '../run/run';
import { scenario, traceOf } from '../run/builtInRuns';

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
