import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario, ScenarioError } from './parse';
import type { BrokerSettings, ProducerSettings, Scenario } from './types';
import { scenarioErrorLines } from './scenarioErrorLines';

/** Java's Long.MAX_VALUE as JSON reads it (the nearest double, 2^63). */
const LONG_MAX = Number('9223372036854775807');

const base = { name: 'test', topics: [{ name: 't' }] };

/** The ScenarioError message parseScenario throws for `input` (fails the test if it parses). */
function errorOf(input: unknown): string {
  try {
    parseScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    const err = e as ScenarioError;
    expect(err.message).not.toMatch(/[\r\n]/);
    expect(err.message.startsWith(`${err.path}: `)).toBe(true);
    return err.message;
  }
  throw new Error(`expected a ScenarioError for ${JSON.stringify(input)}`);
}


const with_ = (extra: Record<string, unknown>): Record<string, unknown> => ({ ...base, ...extra });
const withScript = (...script: unknown[]): Record<string, unknown> =>
  with_({ producers: [{ id: 'p1' }], topics: [{ name: 't', partitions: 3 }], script });

const BROKER_DEFAULTS: BrokerSettings = {
  'min.insync.replicas': 1,
  'unclean.leader.election.enable': false,
  'unclean.leader.election.interval.ms': 300000,
  'replica.lag.time.max.ms': 30000,
  'replica.fetch.wait.max.ms': 500,
  'replica.fetch.max.bytes': 1048576,
  'replica.fetch.backoff.ms': 1000,
  'log.flush.interval.messages': null,
  'log.flush.interval.ms': null,
  'log.flush.scheduler.interval.ms': null,
  'log.retention.ms': 604800000,
  'log.retention.bytes': -1,
  'log.segment.bytes': 1073741824,
  'log.roll.ms': 604800000,
  'log.retention.check.interval.ms': 300000,
  'broker.heartbeat.interval.ms': 2000,
  'broker.session.timeout.ms': 9000,
  'auto.leader.rebalance.enable': true,
  'leader.imbalance.check.interval.seconds': 300,
  'leader.imbalance.per.broker.percentage': 10,
  'offsets.topic.num.partitions': 50,
  'offsets.topic.replication.factor': 3,
  'group.initial.rebalance.delay.ms': 3000,
  'group.min.session.timeout.ms': 6000,
  'group.max.session.timeout.ms': 1800000,
  'offsets.commit.timeout.ms': 5000,
};

const PRODUCER_DEFAULTS: ProducerSettings = {
  acks: 'all',
  retries: 2147483647,
  'retry.backoff.ms': 100,
  'retry.backoff.max.ms': 1000,
  'request.timeout.ms': 30000,
  'delivery.timeout.ms': 120000,
  'linger.ms': 5,
  'batch.size': 16384,
  'max.in.flight.requests.per.connection': 5,
  'enable.idempotence': true,
  'metadata.max.age.ms': 300000,
  'buffer.memory': 33554432,
  'max.block.ms': 60000,
  'max.request.size': 1048576,
  'partitioner.class': null,
  send: 'async',
};

describe('defaults', () => {
  it('fills in Kafka defaults for a minimal scenario', () => {
    expect(parseScenario(base)).toEqual({
      name: 'test',
      seed: 1,
      until: 30000,
      brokers: 3,
      topics: [{ name: 't', partitions: 1, 'replication.factor': 1, config: {} }],
      broker: BROKER_DEFAULTS,
      producers: [],
      network: { 'latency.ms': 1, 'jitter.ms': 0 },
      script: [],
    } satisfies Scenario);
  });

  it('fills in producer defaults and records no explicit settings', () => {
    const s = parseScenario(with_({ producers: [{ id: 'p1' }] }));
    expect(s.producers).toEqual([{ id: 'p1', ...PRODUCER_DEFAULTS, explicit: [] }]);
  });

  it('keeps description only when given', () => {
    expect('description' in parseScenario(base)).toBe(false);
    expect(parseScenario(with_({ description: 'about' })).description).toBe('about');
  });

  it('fills in produce defaults', () => {
    const s = parseScenario(withScript({ at: 0, do: 'produce', producer: 'p1', topic: 't' }));
    expect(s.script).toEqual([
      { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 1, every: 0, key: null, value: 'value-{i}' },
    ]);
  });

  it('accepts every setting named in types.ts, with non-default values', () => {
    const broker: BrokerSettings = {
      'min.insync.replicas': 2,
      'unclean.leader.election.enable': true,
      'unclean.leader.election.interval.ms': 60000,
      'replica.lag.time.max.ms': 10000,
      'replica.fetch.wait.max.ms': 100,
      'replica.fetch.max.bytes': 1000,
      'replica.fetch.backoff.ms': 50,
      'log.flush.interval.messages': 1,
      'log.flush.interval.ms': 1000,
      'log.flush.scheduler.interval.ms': 500,
      'log.retention.ms': 60000,
      'log.retention.bytes': 4096,
      'log.segment.bytes': 100,
      'log.roll.ms': 20000,
      'log.retention.check.interval.ms': 1000,
      'broker.heartbeat.interval.ms': 500,
      'broker.session.timeout.ms': 3000,
      'auto.leader.rebalance.enable': false,
      'leader.imbalance.check.interval.seconds': 30,
      'leader.imbalance.per.broker.percentage': 20,
      'offsets.topic.num.partitions': 5,
      'offsets.topic.replication.factor': 2,
      'group.initial.rebalance.delay.ms': 0,
      'group.min.session.timeout.ms': 1000,
      'group.max.session.timeout.ms': 60000,
      'offsets.commit.timeout.ms': 2000,
    };
    const producer: ProducerSettings = {
      acks: '1',
      retries: 3,
      'retry.backoff.ms': 10,
      'retry.backoff.max.ms': 20,
      'request.timeout.ms': 1000,
      'delivery.timeout.ms': 5000,
      'linger.ms': 0,
      'batch.size': 100,
      'max.in.flight.requests.per.connection': 1,
      'enable.idempotence': false,
      'metadata.max.age.ms': 1000,
      'buffer.memory': 1000000,
      'max.block.ms': 500,
      'max.request.size': 20000,
      'partitioner.class': 'org.apache.kafka.clients.producer.RoundRobinPartitioner',
      send: 'sync',
    };
    const topicConfig = {
      'min.insync.replicas': 2,
      'unclean.leader.election.enable': true,
      'retention.ms': 1000,
      'retention.bytes': 100,
      'segment.bytes': 10,
      'segment.ms': 500,
      'flush.messages': 1,
      'flush.ms': 0,
    };
    const s = parseScenario({
      name: 'all keys',
      description: 'd',
      seed: 42,
      brokers: 5,
      until: 1234,
      broker,
      topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3, 'replica.assignment': [[1, 2, 3], [2, 3, 4]], ...topicConfig }],
      producers: [{ id: 'app', ...producer }],
      network: { 'latency.ms': 3, 'jitter.ms': 2 },
    });
    expect(s.broker).toEqual(broker);
    expect(s.topics[0]).toEqual({
      name: 'orders',
      partitions: 2,
      'replication.factor': 3,
      'replica.assignment': [[1, 2, 3], [2, 3, 4]],
      config: topicConfig,
    });
    expect(s.producers[0]).toEqual({ id: 'app', ...producer, explicit: Object.keys(producer) });
    expect(s).toMatchObject({ name: 'all keys', description: 'd', seed: 42, brokers: 5, until: 1234 });
    expect(s.network).toEqual({ 'latency.ms': 3, 'jitter.ms': 2 });
  });
});

describe('top level', () => {
  it('takes an optional, non-empty name, and requires at least one topic', () => {
    const unnamed = parseScenario({ topics: [{ name: 't' }] });
    expect('name' in unnamed).toBe(false);
    expect(parseScenario(unnamed)).toEqual(unnamed);
    expect(errorOf({ ...base, name: '' })).toBe('name: must not be empty');
    expect(errorOf({ name: 'x' })).toBe('topics: required');
    expect(errorOf({ name: 'x', topics: [] })).toBe('topics: must have at least 1 item');
    expect(errorOf({ name: 'x', topics: {} })).toBe('topics: must be an array, got an object');
  });

  it('checks brokers, seed and until', () => {
    expect(errorOf(with_({ brokers: 0 }))).toBe('brokers: must be at least 1, got 0');
    expect(errorOf(with_({ brokers: 10 }))).toBe('brokers: must be at most 9, got 10');
    expect(errorOf(with_({ brokers: 2.5 }))).toBe('brokers: must be an integer, got 2.5');
    expect(errorOf(with_({ brokers: '3' }))).toBe('brokers: must be a number, got "3"');
    expect(errorOf(with_({ seed: 1.5 }))).toBe('seed: must be an integer, got 1.5');
    expect(errorOf(with_({ until: -1 }))).toBe('until: must be at least 0, got -1');
    expect(parseScenario(with_({ brokers: 1, seed: -7, until: 0 }))).toMatchObject({ brokers: 1, seed: -7, until: 0 });
  });

  it('rejects input that is not an object', () => {
    expect(errorOf(5)).toBe('scenario: must be an object, got 5');
    expect(errorOf(null)).toBe('scenario: must be an object, got null');
    expect(errorOf([])).toBe('scenario: must be an object, got an array');
  });
});

describe('JSON text', () => {
  it('parses a JSON string', () => {
    expect(parseScenario(JSON.stringify(base))).toEqual(parseScenario(base));
  });

  it('reports bad JSON as (json) on one line', () => {
    const msg = errorOf('{"name": "x",\n "topics": [\n}');
    expect(msg).toMatch(/^\(json\): /);
    const e = (() => {
      try {
        parseScenario('{');
      } catch (err) {
        return err as ScenarioError;
      }
      return undefined;
    })();
    expect(e?.path).toBe('(json)');
  });
});

describe('unknown keys, at every level', () => {
  it.each<[string, unknown, string]>([
    ['top level', { ...base, topic: [] }, 'topic: unknown key (did you mean "topics"?)'],
    ['top level, far from anything', { ...base, zzzzzz: 1 }, 'zzzzzz: unknown key'],
    ['broker', with_({ broker: { 'min.insync.replica': 2 } }), 'broker.min.insync.replica: unknown setting (did you mean "min.insync.replicas"?)'],
    ['broker, topic name used', with_({ broker: { 'retention.ms': 1 } }), 'broker.retention.ms: unknown setting (did you mean "log.retention.ms"?)'],
    ['broker, producer setting', with_({ broker: { acks: 'all' } }), 'broker.acks: unknown setting (acks is a producer setting)'],
    ['topic', { name: 'x', topics: [{ name: 't', partition: 3 }] }, 'topics[0].partition: unknown setting (did you mean "partitions"?)'],
    ['topic, broker name used', { name: 'x', topics: [{ name: 't', 'log.retention.ms': 1 }] }, 'topics[0].log.retention.ms: unknown setting (did you mean "retention.ms"?)'],
    ['topic config', { name: 'x', topics: [{ name: 't', config: { 'segment.byte': 1 } }] }, 'topics[0].config.segment.byte: unknown setting (did you mean "segment.bytes"?)'],
    ['producer', with_({ producers: [{ id: 'p', 'linger.msec': 1 }] }), 'producers[0].linger.msec: unknown setting (did you mean "linger.ms"?)'],
    ['producer, broker setting', with_({ producers: [{ id: 'p', 'min.insync.replicas': 2 }] }), 'producers[0].min.insync.replicas: unknown setting (min.insync.replicas is a broker or topic setting, not a producer setting)'],
    ['network', with_({ network: { latency: 5 } }), 'network.latency: unknown setting (did you mean "latency.ms"?)'],
    ['script action', withScript({ at: 0, do: 'crash', brokr: 1 }), 'script[0].brokr: unknown key (did you mean "broker"?)'],
    ['script action, far', withScript({ at: 0, do: 'crash', broker: 1, zzzzzzzz: 1 }), 'script[0].zzzzzzzz: unknown key (a "crash" action takes at, do, broker)'],
    ['set config (broker)', withScript({ at: 0, do: 'set', config: { 'unclean.leader.election': true } }), 'script[0].config.unclean.leader.election: unknown setting (did you mean "unclean.leader.election.enable"?)'],
    ['set config (topic)', withScript({ at: 0, do: 'set', topic: 't', config: { 'log.retention.ms': 1 } }), 'script[0].config.log.retention.ms: unknown setting (did you mean "retention.ms"?)'],
    ['set config (producer)', withScript({ at: 0, do: 'set', producer: 'p1', config: { ack: '1' } }), 'script[0].config.ack: unknown setting (did you mean "acks"?)'],
  ])('%s', (_, input, message) => {
    expect(errorOf(input)).toBe(message);
  });

  it('quotes keys that are not plain names', () => {
    expect(errorOf({ ...base, 'a b\nc': 1 })).toBe('["a b\\nc"]: unknown key');
  });

  it('prefers the misspelled key over the missing required one', () => {
    expect(errorOf({ nmae: 'x', topics: [{ name: 't' }] })).toBe('nmae: unknown key (did you mean "name"?)');
  });
});

describe('broker settings', () => {
  it('converts log.retention.hours and .minutes with Kafka precedence ms > minutes > hours', () => {
    const retention = (broker: object): number => parseScenario(with_({ broker })).broker['log.retention.ms'];
    expect(retention({ 'log.retention.hours': 168 })).toBe(604800000);
    expect(retention({ 'log.retention.hours': 1 })).toBe(3600000);
    expect(retention({ 'log.retention.minutes': 2 })).toBe(120000);
    expect(retention({ 'log.retention.hours': 1, 'log.retention.minutes': 2 })).toBe(120000);
    expect(retention({ 'log.retention.hours': 1, 'log.retention.minutes': 2, 'log.retention.ms': 5 })).toBe(5);
    expect(retention({ 'log.retention.hours': -1 })).toBe(-1);
    expect(retention({ 'log.retention.ms': -1 })).toBe(-1);
    const s = parseScenario(with_({ broker: { 'log.retention.hours': 1, 'log.roll.hours': 2 } }));
    expect(s.broker['log.roll.ms']).toBe(7200000);
    expect(Object.keys(s.broker)).toEqual(Object.keys(BROKER_DEFAULTS));
    expect(parseScenario(with_({ broker: { 'log.roll.hours': 2, 'log.roll.ms': 9 } })).broker['log.roll.ms']).toBe(9);
  });

  it('reads null, Long.MAX_VALUE and anything ≥ 2^53 as "never" for flush settings', () => {
    const flush = (v: unknown): number | null =>
      parseScenario(with_({ broker: { 'log.flush.interval.messages': v } })).broker['log.flush.interval.messages'];
    expect(flush(null)).toBeNull();
    expect(flush(LONG_MAX)).toBeNull();
    expect(flush(2 ** 53)).toBeNull();
    expect(flush(1)).toBe(1);
    expect(errorOf(with_({ broker: { 'log.flush.interval.messages': 0 } }))).toBe(
      'broker.log.flush.interval.messages: must be at least 1 (or null for never), got 0',
    );
    expect(errorOf(with_({ broker: { 'log.flush.interval.ms': 'never' } }))).toBe(
      'broker.log.flush.interval.ms: must be a number, or null for never, got "never"',
    );
    expect(errorOf(with_({ broker: { 'log.flush.interval.ms': 1.5 } }))).toBe(
      'broker.log.flush.interval.ms: must be an integer, or null for never, got 1.5',
    );
  });

  it('allows tiny segments but not empty ones', () => {
    expect(parseScenario(with_({ broker: { 'log.segment.bytes': 1 } })).broker['log.segment.bytes']).toBe(1);
    expect(errorOf(with_({ broker: { 'log.segment.bytes': 0 } }))).toBe('broker.log.segment.bytes: must be at least 1, got 0');
  });

  it('validates values', () => {
    expect(errorOf(with_({ broker: { 'min.insync.replicas': 0 } }))).toBe('broker.min.insync.replicas: must be at least 1, got 0');
    expect(errorOf(with_({ broker: { 'unclean.leader.election.enable': 'true' } }))).toBe(
      'broker.unclean.leader.election.enable: must be true or false, got "true"',
    );
    expect(errorOf(with_({ broker: { 'log.retention.ms': -2 } }))).toBe('broker.log.retention.ms: must be at least -1, got -2');
    expect(errorOf(with_({ broker: [] }))).toBe('broker: must be an object, got an array');
  });
});

describe('topics', () => {
  const topic = (t: object, extra: object = {}) => parseScenario({ name: 'x', topics: [t], ...extra }).topics[0]!;

  it('gathers topic-level overrides into config, only those given', () => {
    expect(topic({ name: 't', 'retention.ms': 1000, 'min.insync.replicas': 2 })).toEqual({
      name: 't',
      partitions: 1,
      'replication.factor': 1,
      config: { 'min.insync.replicas': 2, 'retention.ms': 1000 },
    });
    expect(topic({ name: 't', config: { 'segment.bytes': 10 }, 'flush.messages': null }).config).toEqual({
      'segment.bytes': 10,
      'flush.messages': null,
    });
    expect(errorOf({ name: 'x', topics: [{ name: 't', 'retention.ms': 1, config: { 'retention.ms': 2 } }] })).toBe(
      'topics[0].config.retention.ms: also given directly on the topic; give it once',
    );
  });

  it('checks names', () => {
    const nameErr = (name: unknown) => errorOf({ name: 'x', topics: [{ name }] });
    expect(nameErr('')).toBe('topics[0].name: must not be empty');
    expect(nameErr('a b')).toBe('topics[0].name: may contain only ASCII letters, digits, ".", "_" and "-"');
    expect(nameErr('é')).toBe('topics[0].name: may contain only ASCII letters, digits, ".", "_" and "-"');
    expect(nameErr('x'.repeat(250))).toBe('topics[0].name: must be at most 249 characters long');
    expect(nameErr('..')).toBe('topics[0].name: ".." is not a legal topic name');
    expect(nameErr(3)).toBe('topics[0].name: must be a string, got 3');
    expect(topic({ name: 'x'.repeat(249) }).name).toHaveLength(249);
    expect(topic({ name: 'Orders.v1_x-2' }).name).toBe('Orders.v1_x-2');
    expect(errorOf({ name: 'x', topics: [{}] })).toBe('topics[0].name: required');
    expect(errorOf({ name: 'x', topics: [{ name: 'a' }, { name: 'b' }, { name: 'a' }] })).toBe(
      'topics[2].name: duplicate topic "a" (also topics[0])',
    );
    expect(errorOf({ name: 'x', topics: [{ name: 'a.b' }, { name: 'a_b' }] })).toBe(
      'topics[1].name: "a_b" collides with "a.b" (topics[0]): Kafka treats "." and "_" alike in topic names',
    );
  });

  it('checks partitions and replication factor', () => {
    expect(errorOf({ name: 'x', topics: [{ name: 't', partitions: 0 }] })).toBe('topics[0].partitions: must be at least 1, got 0');
    expect(errorOf({ name: 'x', topics: [{ name: 't', partitions: 65 }] })).toBe('topics[0].partitions: must be at most 64, got 65');
    expect(errorOf({ name: 'x', topics: [{ name: 't', 'replication.factor': 4 }] })).toBe(
      'topics[0].replication.factor: 4 is larger than the 3 brokers (INVALID_REPLICATION_FACTOR)',
    );
    expect(errorOf({ name: 'x', brokers: 1, topics: [{ name: 't', 'replication.factor': 2 }] })).toBe(
      'topics[0].replication.factor: 2 is larger than the 1 broker (INVALID_REPLICATION_FACTOR)',
    );
    expect(errorOf({ name: 'x', topics: [{ name: 't', 'replication.factor': 0 }] })).toBe(
      'topics[0].replication.factor: must be at least 1, got 0',
    );
    expect(topic({ name: 't', partitions: 64, 'replication.factor': 3 })).toMatchObject({ partitions: 64, 'replication.factor': 3 });
  });

  it('accepts min.insync.replicas above the replication factor (legal in Kafka: produces then fail)', () => {
    expect(topic({ name: 't', 'replication.factor': 1, 'min.insync.replicas': 3 }).config['min.insync.replicas']).toBe(3);
  });

  it('checks replica.assignment', () => {
    const err = (t: object, brokers = 3) => errorOf({ name: 'x', brokers, topics: [{ name: 't', ...t }] });
    expect(err({ partitions: 3, 'replica.assignment': [[1], [2]] })).toBe(
      'topics[0].replica.assignment: has 2 rows, but the topic has 3 partitions (one row per partition)',
    );
    expect(err({ 'replication.factor': 2, 'replica.assignment': [[1, 2], [2]] })).toBe(
      'topics[0].replica.assignment[1]: has 1 replica, but replication.factor is 2',
    );
    expect(err({ 'replica.assignment': [[1, 2], [2]] })).toBe('topics[0].replica.assignment[1]: has 1 replica, but row 0 has 2');
    expect(err({ 'replica.assignment': [[1, 7]] })).toBe('topics[0].replica.assignment[0][1]: no broker 7 in a 3-broker cluster');
    expect(err({ 'replica.assignment': [[0]] })).toBe('topics[0].replica.assignment[0][0]: no broker 0 in a 3-broker cluster');
    expect(err({ 'replica.assignment': [[2, 2]] })).toBe("topics[0].replica.assignment[0][1]: broker 2 appears twice in partition 0's replicas");
    expect(err({ 'replica.assignment': [[1.5]] })).toBe('topics[0].replica.assignment[0][0]: must be an integer, got 1.5');
    expect(err({ 'replica.assignment': [[]] })).toBe('topics[0].replica.assignment[0]: must have at least 1 item');
    expect(err({ 'replica.assignment': [] })).toBe('topics[0].replica.assignment: must have at least 1 item');
  });

  it('infers partitions and replication factor from replica.assignment, like kafka-topics', () => {
    expect(topic({ name: 't', 'replica.assignment': [[3, 1], [1, 2], [2, 3]] })).toEqual({
      name: 't',
      partitions: 3,
      'replication.factor': 2,
      'replica.assignment': [[3, 1], [1, 2], [2, 3]],
      config: {},
    });
  });
});

describe('producers', () => {
  const producer = (p: object) => parseScenario(with_({ producers: [{ id: 'p', ...p }] })).producers[0]!;

  it.each<[unknown, string]>([
    ['0', '0'],
    [0, '0'],
    ['1', '1'],
    [1, '1'],
    ['all', 'all'],
    ['-1', 'all'],
    [-1, 'all'],
  ])('normalises acks %j to %j', (acks, expected) => {
    expect(producer({ acks }).acks).toBe(expected);
  });

  it.each([2, '2', 'ALL', 'none', true, null, 0.5])('rejects acks %j', (acks) => {
    expect(errorOf(with_({ producers: [{ id: 'p', acks }] }))).toBe('producers[0].acks: must be "0", "1", "all" or "-1"');
  });

  it('lists explicit settings in the order written, without id', () => {
    expect(producer({ 'linger.ms': 0, acks: '1', retries: 0 }).explicit).toEqual(['linger.ms', 'acks', 'retries']);
  });

  it('rejects delivery.timeout.ms set explicitly below linger.ms + request.timeout.ms', () => {
    expect(errorOf(with_({ producers: [{ id: 'p', 'delivery.timeout.ms': 30004 }] }))).toBe(
      'producers[0].delivery.timeout.ms: 30004 is less than linger.ms + request.timeout.ms = 30005: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
    );
    expect(producer({ 'delivery.timeout.ms': 30005 })['delivery.timeout.ms']).toBe(30005);
    expect(producer({ 'delivery.timeout.ms': 1000, 'request.timeout.ms': 500, 'linger.ms': 500 })['delivery.timeout.ms']).toBe(1000);
  });

  it('raises delivery.timeout.ms silently when it was not set explicitly (KafkaProducer.configureDeliveryTimeout)', () => {
    const p = producer({ 'request.timeout.ms': 200000 });
    expect(p['delivery.timeout.ms']).toBe(200005);
    expect(p.explicit).toEqual(['request.timeout.ms']);
  });

  it('checks ids', () => {
    const idErr = (...ids: unknown[]) => errorOf(with_({ producers: ids.map((id) => ({ id })) }));
    expect(idErr('')).toBe('producers[0].id: must not be empty');
    expect(idErr('controller')).toBe(`producers[0].id: "controller" is the controller's node name; pick another id`);
    expect(idErr('b1')).toBe(`producers[0].id: "b1" is a broker's node name; pick another id`);
    expect(idErr('ok', 'g/m')).toBe('producers[1].id: must not contain "/" (it separates group and member names)');
    expect(idErr('p', 'q', 'p')).toBe('producers[2].id: duplicate producer "p" (also producers[0])');
    expect(errorOf(with_({ producers: [{ acks: 'all' }] }))).toBe('producers[0].id: required');
    expect(producer({}).id).toBe('p');
    expect(parseScenario(with_({ producers: [{ id: 'b10' }, { id: 'b0' }, { id: 'broker' }] })).producers).toHaveLength(3);
  });

  it('validates values', () => {
    const err = (p: object) => errorOf(with_({ producers: [{ id: 'p', ...p }] }));
    expect(err({ retries: -1 })).toBe('producers[0].retries: must be at least 0, got -1');
    expect(err({ 'max.in.flight.requests.per.connection': 0 })).toBe(
      'producers[0].max.in.flight.requests.per.connection: must be at least 1, got 0',
    );
    expect(err({ 'enable.idempotence': 1 })).toBe('producers[0].enable.idempotence: must be true or false, got 1');
    expect(err({ 'linger.ms': -5 })).toBe('producers[0].linger.ms: must be at least 0, got -5');
    expect(err({ explicit: ['acks', 'nope'] })).toMatch(/^producers\[0\]\.explicit\[1\]: must be "acks" or "retries"/);
    expect(err({ explicit: ['acks', 'acks'] })).toBe('producers[0].explicit[1]: "acks" is listed twice');
  });
});

describe('network', () => {
  it('fills defaults and validates', () => {
    expect(parseScenario(with_({ network: { 'jitter.ms': 4 } })).network).toEqual({ 'latency.ms': 1, 'jitter.ms': 4 });
    expect(errorOf(with_({ network: { 'latency.ms': 0 } }))).toBe('network.latency.ms: must be at least 1, got 0');
  });
});

describe('script', () => {
  it('normalises every action kind', () => {
    const s = parseScenario(
      withScript(
        { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 3, every: 10, key: 'k-{i}', value: 'v', partition: 2 },
        { at: 1, do: 'crash', broker: 1 },
        { at: 2, do: 'powerLoss', broker: 2 },
        { at: 3, do: 'restart', broker: 3 },
        { at: 4, do: 'isolate', node: 'b1' },
        { at: 5, do: 'cut', between: ['b1', 'p1'] },
        { at: 6, do: 'heal', between: ['controller', 'b2'] },
        { at: 7, do: 'heal' },
        { at: 8, do: 'slow', broker: 1, 'latency.ms': 50 },
        { at: 9, do: 'dropRequests', broker: 2, count: 1 },
        { at: 10, do: 'dropResponses', broker: 3, count: 2 },
        { at: 11, do: 'set', config: { 'min.insync.replicas': 2 } },
        { at: 12, do: 'set', topic: 't', config: { 'retention.ms': 5 } },
        { at: 13, do: 'set', producer: 'p1', config: { acks: -1 } },
      ),
    );
    expect(s.script).toEqual([
      { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 3, every: 10, key: 'k-{i}', value: 'v', partition: 2 },
      { at: 1, do: 'crash', broker: 1 },
      { at: 2, do: 'powerLoss', broker: 2 },
      { at: 3, do: 'restart', broker: 3 },
      { at: 4, do: 'isolate', node: 'b1' },
      { at: 5, do: 'cut', between: ['b1', 'p1'] },
      { at: 6, do: 'heal', between: ['controller', 'b2'] },
      { at: 7, do: 'heal' },
      { at: 8, do: 'slow', broker: 1, 'latency.ms': 50 },
      { at: 9, do: 'dropRequests', broker: 2, count: 1 },
      { at: 10, do: 'dropResponses', broker: 3, count: 2 },
      { at: 11, do: 'set', config: { 'min.insync.replicas': 2 } },
      { at: 12, do: 'set', topic: 't', config: { 'retention.ms': 5 } },
      { at: 13, do: 'set', producer: 'p1', config: { acks: 'all' } },
    ]);
    // until defaults to the last action time + 30000: the produce run ends at 0 + 2 * 10 = 20,
    // later than the last action's at (13).
    expect(s.until).toBe(30020);
  });

  it('sorts by at, keeping the written order of ties', () => {
    const s = parseScenario(
      withScript(
        { at: 500, do: 'crash', broker: 1 },
        { at: 100, do: 'crash', broker: 2 },
        { at: 500, do: 'restart', broker: 1 },
        { at: 100, do: 'restart', broker: 2 },
        { at: 0, do: 'heal' },
      ),
    );
    expect(s.script.map((a) => `${a.at}:${a.do}`)).toEqual(['0:heal', '100:crash', '100:restart', '500:crash', '500:restart']);
  });

  it('defaults until to the end of the last produce run + 30000, and keeps an explicit until', () => {
    const produce = { at: 1000, do: 'produce', producer: 'p1', topic: 't', count: 5, every: 100 };
    expect(parseScenario(withScript(produce, { at: 1200, do: 'crash', broker: 1 })).until).toBe(1400 + 30000);
    expect(parseScenario(withScript({ ...produce, every: 0 }, { at: 1200, do: 'crash', broker: 1 })).until).toBe(1200 + 30000);
    expect(parseScenario({ ...withScript(produce), until: 10 }).until).toBe(10);
  });

  it('names unknown and missing actions', () => {
    expect(errorOf(withScript({ at: 0, do: 'crash', broker: 1 }, { at: 0, do: 'heal' }, { at: 1, do: 'explode' }))).toBe(
      'script[2].do: unknown action "explode" (expected one of produce, stopProducing, crash, powerLoss, restart, isolate, cut, heal, slow, dropRequests, dropResponses, set, addMember, removeMember, crashMember, pauseMember)',
    );
    expect(errorOf(withScript({ at: 0 }))).toMatch(/^script\[0\]\.do: required \(one of produce, stopProducing, crash, /);
    expect(errorOf(withScript({ at: 0, do: 7 }))).toMatch(/^script\[0\]\.do: must be an action name \(one of /);
    expect(errorOf(withScript('crash'))).toBe('script[0]: must be an object, got "crash"');
    expect(errorOf(withScript({ do: 'heal' }))).toBe('script[0].at: required');
    expect(errorOf(withScript({ at: -1, do: 'heal' }))).toBe('script[0].at: must be at least 0, got -1');
    expect(errorOf(withScript({ at: 0.5, do: 'heal' }))).toBe('script[0].at: must be an integer, got 0.5');
  });

  it('checks references to brokers, producers, topics, partitions and nodes', () => {
    const err = (...actions: unknown[]) => errorOf(withScript({ at: 0, do: 'heal' }, ...actions));
    expect(err({ at: 0, do: 'heal' }, { at: 0, do: 'heal' }, { at: 5, do: 'crash', broker: 7 })).toBe(
      'script[3].broker: no broker 7 in a 3-broker cluster',
    );
    expect(err({ at: 0, do: 'restart', broker: 0 })).toBe('script[1].broker: no broker 0 in a 3-broker cluster');
    expect(err({ at: 0, do: 'slow', broker: 4, 'latency.ms': 1 })).toBe('script[1].broker: no broker 4 in a 3-broker cluster');
    expect(err({ at: 0, do: 'dropResponses', broker: 9, count: 1 })).toBe('script[1].broker: no broker 9 in a 3-broker cluster');
    expect(err({ at: 0, do: 'produce', producer: 'p2', topic: 't' })).toBe('script[1].producer: no producer "p2" (producers: p1)');
    expect(errorOf(with_({ script: [{ at: 0, do: 'produce', producer: 'p', topic: 't' }] }))).toBe(
      'script[0].producer: no producer "p" (the scenario has no producers)',
    );
    expect(err({ at: 0, do: 'produce', producer: 'p1', topic: 'u' })).toBe('script[1].topic: no topic "u" (topics: t)');
    expect(err({ at: 0, do: 'produce', producer: 'p1', topic: 't', partition: 3 })).toBe(
      'script[1].partition: no partition 3: topic "t" has 3 partitions (0..2)',
    );
    expect(err({ at: 0, do: 'isolate', node: 'b4' })).toBe('script[1].node: unknown node "b4" (nodes: b1, b2, b3, controller, p1)');
    expect(err({ at: 0, do: 'cut', between: ['b1', 'zk'] })).toBe(
      'script[1].between[1]: unknown node "zk" (nodes: b1, b2, b3, controller, p1)',
    );
    expect(err({ at: 0, do: 'cut', between: ['b1', 'b1'] })).toBe('script[1].between: a link joins two different nodes, got "b1" twice');
    expect(err({ at: 0, do: 'heal', between: ['p2', 'b1'] })).toBe(
      'script[1].between[0]: unknown node "p2" (nodes: b1, b2, b3, controller, p1)',
    );
    expect(err({ at: 0, do: 'cut', between: ['b1'] })).toBe('script[1].between: must have at least 2 items');
    expect(err({ at: 0, do: 'dropRequests', broker: 1, count: 0 })).toBe('script[1].count: must be at least 1, got 0');
    expect(err({ at: 0, do: 'produce', producer: 'p1', topic: 't', count: 0 })).toBe('script[1].count: must be at least 1, got 0');
    expect(err({ at: 0, do: 'produce', producer: 'p1', topic: 't', key: 5 })).toBe('script[1].key: must be a string, got 5');
    expect(err({ at: 0, do: 'slow', broker: 1, 'latency.ms': -1 })).toBe('script[1].latency.ms: must be at least 0, got -1');
  });

  it('checks set actions against the settings of their target, without filling defaults', () => {
    const err = (a: object) => errorOf(withScript({ at: 0, do: 'set', ...a }));
    const set = (a: object) => parseScenario(withScript({ at: 0, do: 'set', ...a })).script[0];
    expect(set({ config: { 'log.retention.hours': 1 } })).toEqual({ at: 0, do: 'set', config: { 'log.retention.ms': 3600000 } });
    expect(set({ config: { 'log.flush.interval.messages': 1, 'min.insync.replicas': 2 } })).toEqual({
      at: 0,
      do: 'set',
      config: { 'min.insync.replicas': 2, 'log.flush.interval.messages': 1 },
    });
    expect(set({ producer: 'p1', config: { 'linger.ms': 50, 'max.in.flight.requests.per.connection': 1 } })).toEqual({
      at: 0,
      do: 'set',
      producer: 'p1',
      config: { 'linger.ms': 50, 'max.in.flight.requests.per.connection': 1 },
    });
    // Every problem at once: the idempotence cannot change, and acks=1 breaks its rules.
    expect(scenarioErrorLines(withScript({ at: 0, do: 'set', producer: 'p1', config: { 'enable.idempotence': false, acks: 1 } }))).toEqual([
      'script[0].config.enable.idempotence: cannot change on a running producer (p1 was created with enable.idempotence true); set it in its producers entry',
      'script[0].config.acks: Must set acks to all in order to use the idempotent producer; otherwise idempotence cannot be guaranteed (p1 is idempotent)',
    ]);
    expect(err({ producer: 'p1', config: { acks: 1 } })).toBe(
      'script[0].config.acks: Must set acks to all in order to use the idempotent producer; otherwise idempotence cannot be guaranteed (p1 is idempotent)',
    );
    expect(err({ config: { acks: 'all' } })).toBe('script[0].config.acks: unknown setting (acks is a producer setting)');
    expect(err({ topic: 't', config: { acks: 'all' } })).toBe('script[0].config.acks: unknown setting (acks is a producer setting)');
    expect(err({ producer: 'p1', config: { acks: 'most' } })).toBe('script[0].config.acks: must be "0", "1", "all" or "-1"');
    expect(err({ producer: 'p1', config: { 'retention.ms': 5 } })).toBe(
      'script[0].config.retention.ms: unknown setting (retention.ms is a broker or topic setting, not a producer setting)',
    );
    expect(err({ topic: 't', config: { 'min.insync.replicas': 0 } })).toBe('script[0].config.min.insync.replicas: must be at least 1, got 0');
    expect(err({ config: { 'unclean.leader.election.enable': 'yes' } })).toBe(
      'script[0].config.unclean.leader.election.enable: must be true or false, got "yes"',
    );
    expect(err({ topic: 'nope', config: { 'retention.ms': 1 } })).toBe('script[0].topic: no topic "nope" (topics: t)');
    expect(err({ producer: 'p9', config: { acks: '1' } })).toBe('script[0].producer: no producer "p9" (producers: p1)');
    expect(err({ topic: 't', producer: 'p1', config: { acks: '1' } })).toBe('script[0]: a set action takes one target ("topic", "producer" or "group"), got "topic" and "producer"');
    expect(err({ config: {} })).toBe('script[0].config: must change at least one broker setting');
    expect(err({})).toBe('script[0].config: required');
    expect(err({ config: 3 })).toBe('script[0].config: must be an object, got 3');
  });
});

describe('ScenarioError', () => {
  it('carries the path and a one-line message', () => {
    try {
      parseScenario(withScript({ at: 0, do: 'crash', broker: 7 }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect(e).toBeInstanceOf(Error);
      const err = e as ScenarioError;
      expect(err.name).toBe('ScenarioError');
      expect(err.path).toBe('script[0].broker');
      expect(err.reason).toBe('no broker 7 in a 3-broker cluster');
      expect(err.message).toBe('script[0].broker: no broker 7 in a 3-broker cluster');
    }
  });
});

describe('idempotence: parseScenario(parseScenario(x)) equals parseScenario(x)', () => {
  const rich = {
    name: 'rich',
    description: 'every feature',
    brokers: 4,
    broker: { 'log.retention.hours': 2, 'log.roll.hours': 1, 'log.flush.interval.messages': LONG_MAX, 'min.insync.replicas': 2 },
    topics: [
      { name: 'a', partitions: 2, 'replication.factor': 3, 'retention.bytes': 100, config: { 'flush.ms': null } },
      { name: 'b', 'replica.assignment': [[4, 1], [1, 2]] },
    ],
    producers: [
      { id: 'p1', acks: -1, 'linger.ms': 0 },
      { id: 'p2', acks: 1, 'request.timeout.ms': 200000, 'enable.idempotence': false },
    ],
    network: { 'latency.ms': 2 },
    script: [
      { at: 300, do: 'set', config: { 'log.retention.minutes': 1 } },
      { at: 100, do: 'produce', producer: 'p1', topic: 'a', count: 10, every: 5, key: 'k{i}' },
      { at: 100, do: 'crash', broker: 2 },
      { at: 200, do: 'set', producer: 'p2', config: { acks: 0 } },
      { at: 250, do: 'set', topic: 'b', config: { 'segment.ms': 10 } },
      { at: 0, do: 'cut', between: ['b1', 'p2'] },
      { at: 400, do: 'heal' },
    ],
  };

  it('holds for a scenario using every feature', () => {
    const once = parseScenario(rich);
    const twice = parseScenario(once);
    expect(twice).toEqual(once);
    expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
    expect(parseScenario(JSON.stringify(once))).toEqual(once);
  });

  it('holds for generated scenarios (fixed seed; fast-check prints seed and path on failure)', () => {
    const action = fc.oneof(
      fc.record(
        {
          at: fc.nat(10000),
          do: fc.constant('produce'),
          producer: fc.constant('p1'),
          topic: fc.constant('t'),
          count: fc.integer({ min: 1, max: 20 }),
          every: fc.nat(100),
          key: fc.option(fc.string()),
          value: fc.string(),
          partition: fc.nat(1),
        },
        { requiredKeys: ['at', 'do', 'producer', 'topic'] },
      ),
      fc.record({ at: fc.nat(10000), do: fc.constantFrom('crash', 'powerLoss', 'restart'), broker: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ at: fc.nat(10000), do: fc.constant('isolate'), node: fc.constantFrom('b1', 'b2', 'controller', 'p1') }),
      fc.record({ at: fc.nat(10000), do: fc.constant('heal') }),
      fc.record({ at: fc.nat(10000), do: fc.constant('set'), producer: fc.constant('p1'), config: fc.record({ acks: fc.constantFrom('0', 1, -1, 'all') }) }),
      fc.record({ at: fc.nat(10000), do: fc.constant('set'), config: fc.record({ 'log.retention.hours': fc.integer({ min: -1, max: 200 }) }) }),
    );
    const scenario = fc.record(
      {
        name: fc.string({ minLength: 1 }),
        seed: fc.integer(),
        brokers: fc.constant(3),
        broker: fc.record(
          {
            'min.insync.replicas': fc.integer({ min: 1, max: 3 }),
            'log.retention.hours': fc.integer({ min: -1, max: 1000 }),
            'log.flush.interval.ms': fc.option(fc.nat()),
          },
          { requiredKeys: [] },
        ),
        topics: fc.constant([{ name: 't', partitions: 2 }]),
        producers: fc.tuple(
          fc.record(
            {
              id: fc.constant('p1'),
              acks: fc.constantFrom('0', '1', 'all', '-1', 0, 1, -1),
              'linger.ms': fc.nat(100),
              'request.timeout.ms': fc.nat(200000),
              // Idempotence would make some generated acks (and `set acks`) errors.
              'enable.idempotence': fc.constant(false),
            },
            { requiredKeys: ['id', 'enable.idempotence'] },
          ),
        ),
        script: fc.array(action, { maxLength: 8 }),
      },
      { requiredKeys: ['name', 'topics', 'producers'] },
    );
    fc.assert(
      fc.property(scenario, (input) => {
        const once = parseScenario(input);
        expect(parseScenario(once)).toEqual(once);
        expect(once.script.map((a) => a.at)).toEqual([...once.script.map((a) => a.at)].sort((a, b) => a - b));
      }),
      { seed: 1234, numRuns: 300 },
    );
  });
});
