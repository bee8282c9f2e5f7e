/** parseScenario reports every problem at once, in file order; the playground's limits; reproducers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECORDS, MAX_UNTIL_MS, parseScenario } from './parse';
import { runScenario } from '../run/run';
import { scenarioErrorLines } from './scenarioErrorLines';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/reliability', `${name}.json`), 'utf8'));

describe('every problem at once', () => {
  it('lists four mistakes in one error, in the order the file has them, each with its path', () => {
    const input = {
      brokers: 3,
      topics: [{ name: 'orders', partitions: 2, 'replication.factor': 4 }],
      producers: [{ id: 'p1', acks: 'banana' }],
      broker: { 'min.insync.replicas': -3 },
      script: [
        { at: 0, do: 'produce', producer: 'p1', topic: 'orderz' },
        { at: 10, do: 'crash', broker: 7 },
      ],
    };
    expect(scenarioErrorLines(input)).toEqual([
      'topics[0].replication.factor: 4 is larger than the 3 brokers (INVALID_REPLICATION_FACTOR)',
      'producers[0].acks: must be "0", "1", "all" or "-1"',
      'broker.min.insync.replicas: must be at least 1, got -3',
      'script[0].topic: no topic "orderz" (topics: orders)',
      'script[1].broker: no broker 7 in a 3-broker cluster',
    ]);
  });

  it('does not add a second problem for a reference to a part that has its own', () => {
    // The producer is broken (unknown setting); the action naming it gets no "no producer" line.
    expect(scenarioErrorLines({ topics: [{ name: 't' }], producers: [{ id: 'p1', 'linger.m': 5 }], script: [{ at: 0, do: 'produce', producer: 'p1', topic: 't' }] })).toEqual([
      'producers[0].linger.m: unknown setting (did you mean "linger.ms"?)',
    ]);
  });

  it('checks every script action and every group, not only the first bad one', () => {
    const input = {
      topics: [{ name: 't' }],
      groups: [{ 'group.id': 'g', topics: ['x'] }, { 'group.id': 'h', topics: ['t'], 'heartbeat.interval.ms': 50000 }],
      script: [
        { at: 0, do: 'isolate', node: 'b9' },
        { at: 0, do: 'explode' },
        { at: 5, do: 'crashMember', group: 'g', member: 'c7' },
      ],
    };
    expect(scenarioErrorLines(input)).toEqual([
      'groups[0].topics[0]: no topic "x" (topics: t)',
      'groups[1].heartbeat.interval.ms: 50000 must be lower than session.timeout.ms (45000): Kafka\'s consumer refuses to start',
      'script[0].node: unknown node "b9" (nodes: b1, b2, b3, controller, g/c1, h/c1)',
      'script[1].do: unknown action "explode" (expected one of produce, stopProducing, crash, powerLoss, restart, isolate, cut, heal, slow, dropRequests, dropResponses, set, addMember, removeMember, crashMember, pauseMember)',
      'script[2].member: no member "c7" in group "g" (members: c1)',
    ]);
  });
});

describe('the playground limits', () => {
  it(`refuses a run longer than one virtual day (${MAX_UNTIL_MS} ms), naming until and the limit`, () => {
    expect(scenarioErrorLines({ topics: [{ name: 't' }], until: MAX_UNTIL_MS + 1 })).toEqual([
      `until: ${MAX_UNTIL_MS + 1} is more than the playground's limit of ${MAX_UNTIL_MS} ms (one virtual day)`,
    ]);
    expect(parseScenario({ topics: [{ name: 't' }], until: MAX_UNTIL_MS }).until).toBe(MAX_UNTIL_MS);
  });

  it(`refuses more than ${MAX_RECORDS} records in a run, naming the action that goes past it`, () => {
    const produce = (count: number) => ({ at: 0, do: 'produce', producer: 'p1', topic: 't', count });
    const scenario = (...script: unknown[]) => ({ topics: [{ name: 't' }], producers: [{ id: 'p1' }], until: 1000, script });
    // The benchmark's million records in one action is allowed.
    expect(parseScenario(scenario(produce(MAX_RECORDS))).script).toHaveLength(1);
    expect(scenarioErrorLines(scenario(produce(600_000), produce(400_001)))).toEqual([
      `script[1].count: takes the run to 1000001 records, more than the playground's limit of ${MAX_RECORDS} records in a run`,
    ]);
  });

  it('counts a rate until its stopProducing, or until the end of the run', () => {
    const rate = { at: 0, do: 'produce', producer: 'p1', topic: 't', rate: 10_000 };
    const base = { topics: [{ name: 't' }], producers: [{ id: 'p1' }] };
    // 10,000 records per second for 100 s: exactly the limit.
    expect(() => parseScenario({ ...base, until: 100_000, script: [rate] })).not.toThrow();
    expect(scenarioErrorLines({ ...base, until: 200_000, script: [rate] })).toEqual([
      `script[0].rate: takes the run to 2000000 records (at 10000 records per second until 200000 ms, 2000000 records), more than the playground's limit of ${MAX_RECORDS} records in a run`,
    ]);
    expect(() => parseScenario({ ...base, until: 200_000, script: [rate, { at: 50_000, do: 'stopProducing', producer: 'p1' }] })).not.toThrow();
  });
});

describe('produce at a rate, stopProducing', () => {
  const base = { seed: 1, topics: [{ name: 't', partitions: 2 }], producers: [{ id: 'p1' }, { id: 'p2' }] };

  it('takes rate or count and every, not both', () => {
    expect(scenarioErrorLines({ ...base, script: [{ at: 0, do: 'produce', producer: 'p1', topic: 't', rate: 5, count: 3 }] })).toEqual([
      'script[0].count: a produce action takes "rate" (records per second, until stopped) or "count" and "every", not both',
    ]);
    expect(scenarioErrorLines({ ...base, script: [{ at: 0, do: 'produce', producer: 'p1', topic: 't', rate: 0 }] })).toEqual(['script[0].rate: must be greater than 0, got 0']);
    expect(scenarioErrorLines({ ...base, script: [{ at: 0, do: 'stopProducing', producer: 'p3' }] })).toEqual(['script[0].producer: no producer "p3" (producers: p1, p2)']);
  });

  it('keeps a rate action as it is, so that parsing the output again gives the same scenario', () => {
    const once = parseScenario({ ...base, script: [{ at: 5, do: 'produce', producer: 'p1', topic: 't', rate: 2.5 }, { at: 900, do: 'stopProducing', producer: 'p1', topic: 't' }] });
    expect(once.script).toEqual([
      { at: 5, do: 'produce', producer: 'p1', topic: 't', rate: 2.5, key: null, value: 'value-{i}' },
      { at: 900, do: 'stopProducing', producer: 'p1', topic: 't' },
    ]);
    expect(parseScenario(once)).toEqual(once);
  });

  it('sends rate records per second until stopProducing, and stops only the producer (and topic) named', () => {
    const report = runScenario({
      ...base,
      until: 5000,
      script: [
        { at: 0, do: 'produce', producer: 'p1', topic: 't', rate: 100 },
        { at: 0, do: 'produce', producer: 'p2', topic: 't', rate: 20 },
        { at: 1000, do: 'stopProducing', producer: 'p1', topic: 't' },
      ],
    });
    // p1 sends at 0, 10, …, 1000 (the stop at 1000 runs after the send due at 1000: an action
    // runs once the engine's events at its time have run): 101. p2 goes on: 0, 50, …, 5000: 101.
    expect(report.records.sent).toBe(101 + 101);
    expect(report.records.acknowledged).toBeGreaterThanOrEqual(200);
  });
});

describe('reproducers of input that hung the engine (issue 10)', () => {
  it('07: an idle cluster for 10^12 ms is refused, naming until and the limit', () => {
    expect(scenarioErrorLines(fixture('07'))).toEqual([`until: 1000000000000 is more than the playground's limit of ${MAX_UNTIL_MS} ms (one virtual day)`]);
  });

  it('08: 10^7 records in one action are refused, naming the count and the limit', () => {
    expect(scenarioErrorLines(fixture('08'))).toEqual([
      `script[0].count: takes the run to 10000000 records, more than the playground's limit of ${MAX_RECORDS} records in a run`,
    ]);
  });

  it('04, 11, 12: zero timeouts and backoffs are accepted, as Kafka accepts them (ConfigDef atLeast(0))', () => {
    expect(parseScenario(fixture('04')).producers[0]!['request.timeout.ms']).toBe(0);
    expect(parseScenario(fixture('11')).producers[0]!['retry.backoff.max.ms']).toBe(0);
    const group = parseScenario(fixture('12')).groups![0]!;
    expect([group['request.timeout.ms'], group['retry.backoff.ms']]).toEqual([0, 0]);
  });

  // Kafka accepts these values. A zero request timeout expires its request a millisecond after it
  // was sent, as Kafka's NetworkClient does (model/requestExpiry.ts); it used to expire at once and
  // stall the engine at one virtual millisecond.
  it.each(['04', '11', '12'])('%s: runs to its end', (name) => {
    const input = fixture(name) as { until: number };
    expect(runScenario(input).until).toBe(input.until);
  });
});

describe('no second problem for a broken part', () => {
  it('does not call a group unknown when its own entry has a problem', () => {
    const input = {
      topics: [{ name: 't' }],
      groups: [{ 'group.id': 'g', topics: ['t'], members: -1 }],
      script: [{ at: 0, do: 'crashMember', group: 'g', member: 'c1' }],
    };
    expect(scenarioErrorLines(input)).toEqual(['groups[0].members: must be at least 0, got -1']);
  });
});
