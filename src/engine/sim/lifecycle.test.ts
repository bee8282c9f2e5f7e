/**
 * A broker's sessions with the controller across restarts: registration, broker epochs, and
 * answers matched to the incarnation that asked (Kafka's BrokerLifecycleManager and
 * ClusterControlManager.registerBroker).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../core/trace';
import type { Message } from './messages';
import type { NetworkNode } from './network';
import { buildSimulation, createSimulation } from './simulation';
import staleHeartbeatAnswer from './testdata/stale-heartbeat-answer.json';
import staleHeartbeatAnswerOffline from './testdata/stale-heartbeat-answer-offline.json';

function run(input: unknown) {
  const sim = createSimulation(input, { recordTrace: true });
  sim.runUntil(sim.scenario.until);
  return { sim, events: sim.trace(), report: sim.report() };
}

const ofBroker = (events: readonly TraceEvent[], broker: number) =>
  events.filter((e) => 'broker' in e && e.broker === broker && e.type.startsWith('Broker'));

describe('a restarted broker and answers meant for its previous incarnation', () => {
  it('a heartbeat answer to the crashed incarnation is not taken as the new registration (reproducer 05)', () => {
    const { sim, events } = run(staleHeartbeatAnswer);
    const restart = events.find((e) => e.type === 'BrokerRestarted' && e.broker === 3)!;
    const registered = events.find((e) => e.type === 'BrokerRegistered' && e.broker === 3);
    expect(registered).toMatchObject({ incarnation: 1 });
    expect(registered!.t).toBeGreaterThan(restart.t);
    const unfenced = events.find((e) => e.type === 'BrokerUnfenced' && e.broker === 3 && e.t > registered!.t);
    expect(unfenced).toBeDefined();
    const snap = sim.snapshot();
    expect(snap.brokers.find((b) => b.id === 3)).toMatchObject({ state: 'running', fenced: false });
    // Back in service: it caught up and rejoined the ISR.
    expect(snap.partitions[0]!.isr).toContain(3);
  });

  it('with several partitions on it, none stays offline once the faults heal (reproducer 05b)', () => {
    const { sim, report } = run(staleHeartbeatAnswerOffline);
    expect(report.records.unavailable).toBe(0);
    expect(report.records.lostAcknowledged).toBe(0);
    for (const p of report.partitions) expect(p.leader, `${p.topic}-${p.partition}`).toBeGreaterThan(0);
    expect(sim.snapshot().brokers.map((b) => [b.id, b.state, b.fenced])).toEqual([
      [1, 'running', false],
      [2, 'running', false],
      [3, 'running', false],
    ]);
  });
});

/** Broker 1 leads; it crashes and comes back 200 ms later, well inside its 9 s session. */
const quickRestart = {
  name: 'restart inside the session',
  seed: 1,
  until: 40000,
  brokers: 3,
  topics: [{ name: 't', partitions: 1, 'replication.factor': 3 }],
  broker: { 'min.insync.replicas': 2 },
  producers: [{ id: 'p1' }],
  script: [
    { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 100, every: 100, key: 'k{i}' },
    { at: 5000, do: 'crash', broker: 1 },
    { at: 5200, do: 'restart', broker: 1 },
  ],
};

describe('a broker restarted inside its own session (DuplicateBrokerRegistrationException)', () => {
  it('is refused until the old session expires; the old incarnation keeps its leadership until then', () => {
    const sim = createSimulation(quickRestart, { recordTrace: true });
    sim.runUntil(12000);
    // Registration refused, nobody fenced: the controller still counts broker 1 as the leader.
    expect(sim.trace().some((e) => e.type === 'BrokerRegistrationRefused' && e.broker === 1)).toBe(true);
    expect(sim.trace().some((e) => e.type === 'BrokerFenced' || e.type === 'LeaderElected')).toBe(false);
    expect(sim.snapshot().partitions[0]).toMatchObject({ leader: 1, isr: [1, 2, 3] });
    expect(sim.snapshot().brokers[0]).toMatchObject({ state: 'recovering', fenced: false });

    sim.runUntil(quickRestart.until);
    const events = ofBroker(sim.trace(), 1);
    const fenced = events.find((e) => e.type === 'BrokerFenced')!;
    expect(fenced).toMatchObject({ reason: 'session-timeout' });
    // Its last heartbeat left before the crash; the session runs out 9 s later.
    expect(fenced.t).toBeGreaterThan(5000 + 1000);
    expect(fenced.t).toBeLessThanOrEqual(5000 + 9000);
    const refused = events.filter((e) => e.type === 'BrokerRegistrationRefused');
    expect(refused.length).toBeGreaterThan(1);
    expect(refused.every((e) => e.t < fenced.t)).toBe(true);
    // Only then is leadership moved, and the new incarnation registered.
    const elected = sim.trace().find((e) => e.type === 'LeaderElected')!;
    expect(elected).toMatchObject({ t: fenced.t, previousLeader: 1, leader: 2 });
    const registered = events.find((e) => e.type === 'BrokerRegistered')!;
    expect(registered).toMatchObject({ incarnation: 1 });
    expect(registered.t).toBeGreaterThan(fenced.t);
    expect(sim.snapshot().brokers[0]).toMatchObject({ state: 'running', fenced: false });
    expect(sim.report().records).toMatchObject({ lostAcknowledged: 0, unavailable: 0, failed: 0 });
  });

  it('retries with Kafka\'s exponential backoff (100 ms doubling, ±2% jitter), never faster', () => {
    const sim = createSimulation(quickRestart, { recordTrace: true });
    sim.runUntil(quickRestart.until);
    const times = sim.trace().filter((e) => e.type === 'BrokerRegistrationRefused').map((e) => e.t);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.length).toBeGreaterThanOrEqual(5);
    // Each gap is one backoff plus a round trip (2 ms); the backoffs double.
    gaps.forEach((gap, i) => {
      const backoff = 100 * 2 ** i;
      expect(gap).toBeGreaterThanOrEqual(Math.floor(backoff * 0.98) + 2);
      expect(gap).toBeLessThanOrEqual(Math.ceil(backoff * 1.02) + 2);
    });
  });
});

/** Stands in for broker 2's process on the network, to speak the registration protocol by hand. */
class Probe implements NetworkNode {
  readonly received: Message[] = [];
  constructor(readonly name: string) {}
  receive(message: Message): void {
    this.received.push(message);
  }
}

describe('the controller\'s side of registration', () => {
  function setUp() {
    const { simulation, cluster } = buildSimulation({ ...quickRestart, script: [{ at: 3000, do: 'crash', broker: 2 }] }, { recordTrace: true });
    simulation.runUntil(3000);
    const probe = new Probe('b2');
    cluster.network.register(probe);
    const send = (message: Message): void => cluster.network.send('b2', 'controller', message);
    const answers = (kind: Message['kind']) => probe.received.filter((m) => m.kind === kind);
    return { simulation, send, answers };
  }

  it('refuses a new incarnation during the old session, then gives it a new broker epoch, fenced', () => {
    const { simulation, send, answers } = setUp();
    send({ kind: 'register', broker: 2, incarnation: 1 });
    simulation.runUntil(3100);
    expect(answers('registerResponse')).toEqual([{ kind: 'registerResponse', incarnation: 1, brokerEpoch: -1, error: 'DUPLICATE_BROKER_REGISTRATION', metadata: null }]);
    simulation.runUntil(12000); // broker 2's session (last heartbeat at 2000) has run out
    send({ kind: 'register', broker: 2, incarnation: 1 });
    simulation.runUntil(12100);
    const accepted = answers('registerResponse')[1];
    expect(accepted).toMatchObject({ incarnation: 1, brokerEpoch: 1, error: null });
    expect(simulation.snapshot().brokers[1]!.fenced).toBe(true);
  });

  it('amends a registration sent twice by the same incarnation: same epoch, fencing unchanged', () => {
    const { simulation, send, answers } = setUp();
    simulation.runUntil(12000);
    send({ kind: 'register', broker: 2, incarnation: 1 });
    simulation.runUntil(12100);
    const version = simulation.snapshot().version;
    send({ kind: 'heartbeat', broker: 2, brokerEpoch: 1, metadataVersion: Number.MAX_SAFE_INTEGER });
    simulation.runUntil(12200);
    expect(simulation.snapshot().brokers[1]!.fenced).toBe(false);
    expect(simulation.snapshot().version).toBeGreaterThan(version);
    send({ kind: 'register', broker: 2, incarnation: 1 });
    simulation.runUntil(12300);
    expect(answers('registerResponse').map((m) => m.kind === 'registerResponse' && m.brokerEpoch)).toEqual([1, 1]);
    expect(simulation.snapshot().brokers[1]!.fenced).toBe(false);
    expect(simulation.trace().filter((e) => e.type === 'BrokerRegistered')).toHaveLength(1);
  });

  it('answers a heartbeat with the broker epoch it carried, and ignores one from an older epoch', () => {
    const { simulation, send, answers } = setUp();
    simulation.runUntil(12000);
    send({ kind: 'register', broker: 2, incarnation: 1 });
    simulation.runUntil(12100);
    send({ kind: 'heartbeat', broker: 2, brokerEpoch: 0, metadataVersion: 0 });
    simulation.runUntil(12200);
    expect(answers('heartbeatResponse')).toEqual([]);
    send({ kind: 'heartbeat', broker: 2, brokerEpoch: 1, metadataVersion: 0 });
    simulation.runUntil(12300);
    expect(answers('heartbeatResponse')).toMatchObject([{ brokerEpoch: 1, fenced: true }]);
  });
});

describe('liveness: once every fault heals, every broker serves again', () => {
  const at = fc.integer({ min: 0, max: 30000 });
  const broker = fc.integer({ min: 1, max: 3 });
  const fault = fc.oneof(
    fc.record({ at, do: fc.constantFrom('crash' as const, 'restart' as const), broker }),
    fc.record({ at, do: fc.constant('slow' as const), broker, 'latency.ms': fc.integer({ min: 0, max: 3000 }) }),
    fc.record({ at, do: fc.constant('dropResponses' as const), broker, count: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ at, do: fc.constant('cut' as const), between: fc.constantFrom(['b1', 'controller'], ['b2', 'controller'], ['b3', 'controller'], ['b1', 'b2']) }),
  );
  /**
   * A slow broker bounced (crash, then restart soon after), its link maybe restored in between:
   * answers to its last heartbeats may reach the next incarnation (reproducers 05 and 05b).
   */
  const bounce = fc
    .record({ at, broker, latency: fc.integer({ min: 200, max: 2500 }), down: fc.integer({ min: 50, max: 1500 }), unslow: fc.boolean() })
    .map(({ at: t, broker: b, latency, down, unslow }) => [
      { at: t, do: 'slow' as const, broker: b, 'latency.ms': latency },
      { at: t + latency, do: 'crash' as const, broker: b },
      ...(unslow ? [{ at: t + latency + Math.floor(down / 2), do: 'slow' as const, broker: b, 'latency.ms': 0 }] : []),
      { at: t + latency + down, do: 'restart' as const, broker: b },
    ]);

  it('every broker ends registered, unfenced and running, and every partition has a leader', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fault, { maxLength: 6 }), fc.array(bounce, { minLength: 1, maxLength: 2 }), (seed, faults, bounces) => {
        const input = {
          name: 'liveness',
          seed,
          until: 35000 + 45000,
          brokers: 3,
          topics: [{ name: 't', partitions: 3, 'replication.factor': 3 }],
          broker: { 'min.insync.replicas': 2, 'replica.lag.time.max.ms': 10000 },
          producers: [{ id: 'p1' }],
          network: { 'jitter.ms': 3 },
          script: [
            { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 100, every: 100, key: 'k{i}' },
            ...faults,
            ...bounces.flat(),
            { at: 35000, do: 'heal' },
            ...[1, 2, 3].flatMap((b) => [
              { at: 35000, do: 'slow', broker: b, 'latency.ms': 0 },
              { at: 35000, do: 'restart', broker: b },
            ]),
          ],
        };
        const sim = createSimulation(input, { recordTrace: false });
        sim.runUntil(input.until);
        const snap = sim.snapshot();
        expect(snap.brokers.map((b) => [b.id, b.state, b.fenced])).toEqual([
          [1, 'running', false],
          [2, 'running', false],
          [3, 'running', false],
        ]);
        for (const p of snap.partitions) expect(p.leader, `t-${p.partition}`).toBeGreaterThan(0);
        expect(sim.report().records.unavailable).toBe(0);
      }),
      { numRuns: 30, seed: 20261129, verbose: 1 },
    );
  }, 120_000);
});

describe('unfencing (BrokerHeartbeatManager.calculateNextBrokerState)', () => {
  it('a broker fenced while cut off from the controller is unfenced by its first heartbeat after the heal, though its metadata is behind', () => {
    const sim = createSimulation({
      ...quickRestart,
      script: [
        { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 100, every: 100, key: 'k{i}' },
        { at: 5000, do: 'cut', between: ['b1', 'controller'] },
        // Not on a heartbeat's millisecond: a script action runs after the engine's events of its
        // millisecond, so a heal at 20000 would come just after the heartbeat sent at 20000.
        { at: 19500, do: 'heal' },
      ],
    }, { recordTrace: true });
    sim.runUntil(quickRestart.until);
    const events = sim.trace();
    const fenced = events.find((e) => e.type === 'BrokerFenced' && e.broker === 1)!;
    expect(fenced.t).toBeLessThan(19500);
    // It missed the metadata published while it was away (its own fencing, the new leader) ...
    expect(events.some((e) => e.type === 'LeaderElected' && e.t >= fenced.t && e.t < 19500)).toBe(true);
    // ... yet it has replayed its own registration, so Kafka unfences it at once: its first
    // heartbeat after the heal (heartbeats leave every 2000 ms) does, not the one after.
    const unfenced = events.find((e) => e.type === 'BrokerUnfenced' && e.broker === 1)!;
    expect(unfenced.t).toBeGreaterThan(19500);
    expect(unfenced.t).toBeLessThan(19500 + 2000);
  });
});
