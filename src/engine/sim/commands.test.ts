/**
 * Commands, one contract: validate and dispatch use the scenario parser's checks and messages
 * against the live cluster, every applied command is recorded, and a session written out as a
 * scenario (its script followed by `commands()`) replays byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from './simulation';

const scenario = {
  seed: 7,
  brokers: 3,
  topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
  producers: [{ id: 'p1', acks: 'all', 'enable.idempotence': true }, { id: 'p2', acks: '1', 'enable.idempotence': false }],
  groups: [{ 'group.id': 'g', topics: ['orders'], members: 2, 'auto.offset.reset': 'earliest' }],
  broker: { 'offsets.topic.num.partitions': 3 },
  script: [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 40, every: 25, key: 'k{i}' }],
};

/** The whole trace, which must be there: every simulation here records it. */
const traceOf = (sim: Simulation): string => {
  expect(sim.trace().length).toBeGreaterThan(0);
  return JSON.stringify(sim.trace());
};

describe('validate: the parser checks, against the live cluster', () => {
  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['a broker the cluster does not have', { do: 'crash', broker: 7 }, [{ path: 'broker', message: 'no broker 7 in a 3-broker cluster' }]],
    ['acks that Kafka does not know', { do: 'set', producer: 'p2', config: { acks: 'banana' } }, [{ path: 'config.acks', message: 'must be "0", "1", "all" or "-1"' }]],
    ['a negative min.insync.replicas', { do: 'set', config: { 'min.insync.replicas': -3 } }, [{ path: 'config.min.insync.replicas', message: 'must be at least 1, got -3' }]],
    [
      'a set that breaks an idempotent producer\'s rules',
      { do: 'set', producer: 'p1', config: { acks: '1' } },
      [{ path: 'config.acks', message: 'Must set acks to all in order to use the idempotent producer; otherwise idempotence cannot be guaranteed (p1 is idempotent)' }],
    ],
    ['an unknown action', { do: 'explode' }, [{ path: 'do', message: 'unknown action "explode" (expected one of produce, stopProducing, crash, powerLoss, restart, isolate, cut, heal, slow, dropRequests, dropResponses, set, addMember, removeMember, crashMember, pauseMember)' }]],
    ['a time: commands run now', { at: 5, do: 'crash', broker: 1 }, [{ path: 'at', message: 'a command runs at the simulation\'s current time; give no "at"' }]],
    ['not an object', 'crash', [{ path: 'command', message: 'must be an object, got "crash"' }]],
  ])('refuses %s with the parser\'s message', (_, command, errors) => {
    const sim = createSimulation(scenario);
    sim.runUntil(100);
    expect(sim.validate(command)).toEqual(errors);
    expect(sim.dispatch(command)).toEqual({ ok: false, errors });
  });

  it('follows the members as they come and go', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(100);
    expect(sim.validate({ do: 'crashMember', group: 'g', member: 'c2' })).toEqual([]);
    expect(sim.dispatch({ do: 'crashMember', group: 'g', member: 'c2' }).ok).toBe(true);
    expect(sim.validate({ do: 'pauseMember', group: 'g', member: 'c3', ms: 100 })).toEqual([
      { path: 'member', message: 'no member "c3" in group "g" (members: c1, c2)' },
    ]);
    // A new member is named after every name the group has used (as in a scenario's script).
    expect(sim.dispatch({ do: 'addMember', group: 'g' })).toEqual({ ok: true, applied: { at: 100, do: 'addMember', group: 'g', member: 'c3' } });
    expect(sim.dispatch({ do: 'addMember', group: 'g', member: 'c2' }).ok).toBe(true);
    expect(sim.validate({ do: 'addMember', group: 'g', member: 'c1' })[0]?.message).toBe(
      'member "c1" of group "g" is already running (remove or crash it first)',
    );
  });

  it('counts the records of produce commands against the playground limit', () => {
    const sim = createSimulation(scenario);
    expect(sim.dispatch({ do: 'produce', producer: 'p2', topic: 'orders', count: 999_000 }).ok).toBe(true);
    expect(sim.validate({ do: 'produce', producer: 'p2', topic: 'orders', count: 1000 })).toEqual([
      { path: 'count', message: "takes the run to 1000040 records, more than the playground's limit of 1000000 records in a run" },
    ]);
  });
});

describe('dispatch and commands()', () => {
  it('applies nothing when it refuses a command', () => {
    const a = createSimulation(scenario, { recordTrace: true });
    const b = createSimulation(scenario, { recordTrace: true });
    a.runUntil(300);
    b.runUntil(300);
    expect(a.dispatch({ do: 'crash', broker: 7 }).ok).toBe(false);
    a.runUntil(3000);
    b.runUntil(3000);
    expect(a.commands()).toEqual([]);
    expect(traceOf(a)).toBe(traceOf(b));
  });

  it('returns the applied command with its time and defaults, and records it as a script entry', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(250);
    expect(sim.dispatch({ do: 'produce', producer: 'p2', topic: 'orders' })).toEqual({
      ok: true,
      applied: { at: 250, do: 'produce', producer: 'p2', topic: 'orders', count: 1, every: 0, key: null, value: 'value-{i}' },
    });
    sim.runUntil(400);
    expect(sim.dispatch({ do: 'crash', broker: 2 })).toEqual({ ok: true, applied: { at: 400, do: 'crash', broker: 2 } });
    expect(sim.commands()).toEqual([
      { at: 250, do: 'produce', producer: 'p2', topic: 'orders', count: 1, every: 0, key: null, value: 'value-{i}' },
      { at: 400, do: 'crash', broker: 2 },
    ]);
  });

  /** A virtual ms at which the engine emits trace events (an acknowledgement): where order shows. */
  const busyTime = (): number => {
    const probe = createSimulation(scenario, { recordTrace: true });
    probe.runUntil(1000);
    return probe.trace().find((e) => e.type === 'Acked' && e.t > 300)!.t;
  };

  it('runs a command dispatched at T in the slot of a script action at T: after T\'s events, same trace', () => {
    const at = busyTime();
    const live = createSimulation(scenario, { recordTrace: true });
    live.runUntil(at);
    live.dispatch({ do: 'slow', broker: 1, 'latency.ms': 5 });
    live.runUntil(4000);
    const scripted = createSimulation({ ...scenario, script: [...scenario.script, { at, do: 'slow', broker: 1, 'latency.ms': 5 }] }, { recordTrace: true });
    scripted.runUntil(4000);
    const atT = scripted.trace().filter((e) => e.t === at).map((e) => e.type);
    expect(atT.at(-1)).toBe('LinkSlowed');
    expect(atT).toContain('Acked');
    expect(traceOf(live)).toBe(traceOf(scripted));
  });

  it('runs a command dispatched between two events of one millisecond after the rest of that millisecond', () => {
    const at = busyTime();
    const live = createSimulation(scenario, { recordTrace: true });
    live.runUntil(at - 1);
    // Stop right after the first event of the busy millisecond.
    const before = live.trace().length;
    while (live.trace().length === before) live.step();
    expect(live.now()).toBe(at);
    live.dispatch({ do: 'set', config: { 'min.insync.replicas': 2 } });
    live.runUntil(2000);
    const scripted = createSimulation({ ...scenario, script: [...scenario.script, { at, do: 'set', config: { 'min.insync.replicas': 2 } }] }, { recordTrace: true });
    scripted.runUntil(2000);
    expect(traceOf(live)).toBe(traceOf(scripted));
  });
});

// ---------------------------------------------------------------------------------------------
// A session exported as a scenario replays byte for byte

const node = fc.constantFrom('b1', 'b2', 'b3', 'controller', 'p1', 'p2', 'g/c1', 'b4');
const command = fc.oneof(
  fc.record({ do: fc.constantFrom('crash', 'powerLoss', 'restart'), broker: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ do: fc.constant('produce'), producer: fc.constantFrom('p1', 'p2'), topic: fc.constant('orders'), count: fc.integer({ min: 1, max: 30 }), every: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ do: fc.constant('produce'), producer: fc.constantFrom('p1', 'p2'), topic: fc.constant('orders'), rate: fc.integer({ min: 1, max: 200 }), key: fc.constant('r{i}') }),
  fc.record({ do: fc.constant('stopProducing'), producer: fc.constantFrom('p1', 'p2') }),
  fc.record({ do: fc.constant('isolate'), node }),
  fc.record({ do: fc.constant('cut'), between: fc.tuple(node, node) }),
  fc.record({ do: fc.constant('heal') }),
  fc.record({ do: fc.constant('slow'), broker: fc.integer({ min: 1, max: 3 }), 'latency.ms': fc.integer({ min: 0, max: 300 }) }),
  fc.record({ do: fc.constantFrom('dropRequests', 'dropResponses'), broker: fc.integer({ min: 1, max: 3 }), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ do: fc.constant('set'), config: fc.record({ 'min.insync.replicas': fc.integer({ min: -1, max: 3 }) }) }),
  fc.record({ do: fc.constant('set'), producer: fc.constantFrom('p1', 'p2'), config: fc.record({ 'linger.ms': fc.integer({ min: 0, max: 50 }) }) }),
  fc.record({ do: fc.constant('addMember'), group: fc.constant('g') }),
  fc.record({ do: fc.constantFrom('crashMember', 'removeMember'), group: fc.constant('g'), member: fc.constantFrom('c1', 'c2', 'c3') }),
);
/** A session: wait some virtual ms, take a few single steps, or dispatch a command. */
const move = fc.oneof(
  fc.record({ wait: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ steps: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ command }),
);

describe('a random session, exported with commands(), replays byte for byte', { timeout: 120_000 }, () => {
  it('gives the same trace (fixed seed; fast-check prints the seed and the session on failure)', () => {
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 12 }), (moves) => {
        const live = createSimulation(scenario, { recordTrace: true });
        for (const m of moves) {
          if ('wait' in m) live.runUntil(live.now() + m.wait);
          else if ('steps' in m) for (let i = 0; i < m.steps; i++) live.step();
          else live.dispatch(m.command);
        }
        const end = live.now() + 500;
        live.runUntil(end);
        const exported = { ...scenario, until: end, script: [...scenario.script, ...live.commands()] };
        const replay = createSimulation(JSON.parse(JSON.stringify(exported)), { recordTrace: true });
        replay.runUntil(end);
        expect(traceOf(replay)).toBe(traceOf(live));
      }),
      { seed: 20261129, numRuns: 30 },
    );
  });
});
