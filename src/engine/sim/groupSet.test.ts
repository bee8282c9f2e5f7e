/**
 * `set` on a consumer group: checked by the parser's own code and messages, recorded as a
 * command, replayable as a script action, and applied as Kafka applies a consumer's config: to the
 * consumers created after the change (KafkaConsumer reads its config in its constructor).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation';
import { parseScenario } from '../scenario/parse';

const scenario = {
  seed: 3,
  brokers: 3,
  topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
  producers: [{ id: 'p1', acks: 'all' }],
  groups: [{ 'group.id': 'g', topics: ['orders'], members: 1, 'auto.offset.reset': 'earliest' }],
  broker: { 'offsets.topic.num.partitions': 3 },
  script: [{ at: 0, do: 'produce', producer: 'p1', topic: 'orders', count: 20, every: 20 }],
};

describe('set on a group: the parser\'s checks', () => {
  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['an unknown group', { do: 'set', group: 'h', config: { 'max.poll.records': 5 } }, [{ path: 'group', message: 'no group "h" (groups: g)' }]],
    ['a producer setting', { do: 'set', group: 'g', config: { acks: '1' } }, [{ path: 'config.acks', message: expect.stringContaining('unknown setting') as unknown as string }]],
    [
      'a heartbeat as long as the session',
      { do: 'set', group: 'g', config: { 'heartbeat.interval.ms': 45000 } },
      [{ path: 'config.heartbeat.interval.ms', message: "45000 must be lower than session.timeout.ms (45000): Kafka's consumer refuses to start" }],
    ],
    ['two targets', { do: 'set', group: 'g', topic: 'orders', config: { 'max.poll.records': 5 } }, [{ path: 'command', message: 'a set action takes one target ("topic", "producer" or "group"), got "topic" and "group"' }]],
  ])('refuses %s', (_, command, errors) => {
    const sim = createSimulation(scenario);
    sim.runUntil(50);
    expect(sim.validate(command)).toEqual(errors);
  });

  it('checks a change against the changes before it', () => {
    const sim = createSimulation(scenario);
    sim.runUntil(50);
    expect(sim.dispatch({ do: 'set', group: 'g', config: { 'session.timeout.ms': 10000 } }).ok).toBe(true);
    expect(sim.validate({ do: 'set', group: 'g', config: { 'heartbeat.interval.ms': 12000 } })).toEqual([
      { path: 'config.heartbeat.interval.ms', message: "12000 must be lower than session.timeout.ms (10000): Kafka's consumer refuses to start" },
    ]);
  });
});

describe('set on a group: what it changes', () => {
  it('gives the new config to members that start after it; running members keep theirs', () => {
    const sim = createSimulation(scenario, { recordTrace: true });
    sim.runUntil(50);
    expect(sim.dispatch({ do: 'set', group: 'g', config: { 'heartbeat.interval.ms': 100 } })).toEqual({
      ok: true,
      applied: { at: 50, do: 'set', group: 'g', config: { 'heartbeat.interval.ms': 100 } },
    });
    sim.dispatch({ do: 'addMember', group: 'g' });
    sim.runUntil(15000);
    const heartbeats = (from: string) => sim.trace().filter((e) => e.type === 'MessageSent' && e.from === from && e.kind === 'Heartbeat').length;
    // c1 started with Kafka's 3 s; c2, created after the change, beats every 100 ms.
    expect(heartbeats('g/c1')).toBeLessThanOrEqual(6);
    expect(heartbeats('g/c2')).toBeGreaterThan(30);
    expect(sim.trace().some((e) => e.type === 'SettingChanged' && e.target === 'group:g')).toBe(true);
  });

  it('replays as a script action, byte for byte', () => {
    const live = createSimulation(scenario, { recordTrace: true });
    live.runUntil(50);
    live.dispatch({ do: 'set', group: 'g', config: { 'auto.commit.interval.ms': 100 } });
    live.dispatch({ do: 'addMember', group: 'g' });
    live.runUntil(1500);
    const replay = createSimulation({ ...scenario, script: [...scenario.script, ...live.commands()] }, { recordTrace: true });
    replay.runUntil(1500);
    expect(JSON.stringify(replay.trace())).toBe(JSON.stringify(live.trace()));
    expect(parseScenario({ ...scenario, script: [...scenario.script, ...live.commands()] }).script[1]).toEqual({
      at: 50,
      do: 'set',
      group: 'g',
      config: { 'auto.commit.interval.ms': 100 },
    });
  });
});
