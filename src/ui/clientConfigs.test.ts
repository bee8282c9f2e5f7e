import { describe, expect, it } from 'vitest';
import { builtInScenarios, describeSettings, parseScenario } from '../engine';
import sandbox from '../store/sandbox.json';
import type { TimedCommand } from '../worker/protocol';
import { clientConfigs, defaultsOf, type ClientConfig, type ConfigFormat } from './clientConfigs';
import { currentSettings } from './settingsModel';
import { initI18n } from '../i18n';
import { SETTINGS_NS, addSettingsMessages } from '../i18n/settingsMessages';

const DEFAULTS = defaultsOf(describeSettings());
const i18n = initI18n('en');
addSettingsMessages();
const say = (id: string, params?: Record<string, unknown>) => i18n.t(`configComments.${id}`, { ns: SETTINGS_NS, ...params });

function configs(raw: unknown, commands: TimedCommand[] = [], time = 0): Record<ConfigFormat, ClientConfig> {
  const list = clientConfigs(currentSettings(parseScenario(raw), commands, time), DEFAULTS, say);
  return Object.fromEntries(list.map((c) => [c.format, c])) as Record<ConfigFormat, ClientConfig>;
}

const acks1 = builtInScenarios.find((s) => s.id === 'acks1-leader-crash')!.scenario;

describe('the configs a learner copies', () => {
  it('acks=1 without idempotence: the Java producer writes exactly what differs from Kafka 4 defaults', () => {
    expect(configs(acks1).javaProducer.text).toBe(
      [
        '# producer p1: new KafkaProducer<>(props)',
        'bootstrap.servers=localhost:9092,localhost:9093,localhost:9094',
        'key.serializer=org.apache.kafka.common.serialization.StringSerializer',
        'value.serializer=org.apache.kafka.common.serialization.StringSerializer',
        'acks=1',
        'enable.idempotence=false',
        '',
      ].join('\n'),
    );
  });

  it('a live change shows in the config from its time on, not before', () => {
    const commands: TimedCommand[] = [{ time: 500, command: { do: 'set', producer: 'p1', config: { 'linger.ms': 20 } } as TimedCommand['command'] }];
    expect(configs(acks1, commands, 499).javaProducer.text).not.toContain('linger.ms');
    expect(configs(acks1, commands, 500).javaProducer.text).toContain('linger.ms=20\n');
  });

  it('server.properties has the changed broker settings and a kafka-topics line with the replica assignment', () => {
    const text = configs(acks1, [{ time: 10, command: { do: 'set', config: { 'min.insync.replicas': 2 } } as TimedCommand['command'] }], 10).server.text;
    expect(text).toContain('\nmin.insync.replicas=2\n');
    expect(text).toContain('kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --replica-assignment 1:2:3\n');
  });

  it('the sandbox consumer: Java properties, the commit style as a comment, and its topics line', () => {
    const c = configs(sandbox);
    expect(c.javaConsumer.text).toBe(
      [
        '# consumer group billing: new KafkaConsumer<>(props), subscribe(List.of("orders"))',
        "# the application commits (commitSync) after processing each poll's records",
        'bootstrap.servers=localhost:9092,localhost:9093,localhost:9094',
        'group.id=billing',
        'key.deserializer=org.apache.kafka.common.serialization.StringDeserializer',
        'value.deserializer=org.apache.kafka.common.serialization.StringDeserializer',
        'enable.auto.commit=false',
        'auto.offset.reset=earliest',
        '',
      ].join('\n'),
    );
    expect(c.server.text).toContain('--topic orders --partitions 3 --replication-factor 3\n');
  });

  it("python: librdkafka's names, and its defaults that differ from Java's written out", () => {
    const c = configs(sandbox);
    expect(c.python.text).toContain("    'delivery.timeout.ms': 120000,\n");
    expect(c.python.text).toContain("    'enable.idempotence': True,\n");
    expect(c.python.text).toContain("    'partitioner': 'murmur2_random',\n");
    expect(c.python.text).toContain("    'partition.assignment.strategy': 'range',\n");
    expect(c.python.text).not.toContain('fetch.max.wait.ms');
    expect(c.python.notes).toContainEqual({ id: 'rdkafkaAssignors', params: { dropped: 'cooperative-sticky' } });
    expect(c.python.notes[0]).toEqual({ id: 'rdkafkaNames' });
  });

  it('kafkajs: acks on send() as -1/0/1, idempotent on the producer, the group options in its own names', () => {
    const c = configs(sandbox);
    expect(c.kafkajs.text).toContain("const p1 = kafka.producer({ maxInFlightRequests: 5, idempotent: true })\n");
    expect(c.kafkajs.text).toContain("const billing = kafka.consumer({ groupId: 'billing', sessionTimeout: 45000, maxWaitTimeInMs: 500 })\n");
    expect(c.kafkajs.text).toContain("await billing.subscribe({ topics: ['orders'], fromBeginning: true })\n");
    expect(c.kafkajs.text).toContain('await billing.run({ autoCommit: false, eachMessage: handle })\n');
    expect(configs(acks1).kafkajs.text).toContain("await p1.send({ topic: 'orders', messages, acks: 1 })\n");
    expect(c.kafkajs.notes.map((n) => n.id)).toContain('kafkajsBatching');
  });

  it('python: an eager sticky group keeps librdkafka’s default assignors and says why, once', () => {
    const c = configs(builtInScenarios.find((s) => s.id === 'cooperative-vs-eager')!.scenario);
    expect(c.python.text).not.toContain("'partition.assignment.strategy': '',");
    expect(c.python.text).toContain("    'partition.assignment.strategy': 'cooperative-sticky',\n");
    expect(c.python.notes).toContainEqual({ id: 'rdkafkaAssignors', params: { dropped: 'sticky' } });
    expect(c.python.notes.filter((n) => n.id === 'unsupported')).toEqual([]);
  });

  it('a scenario without groups offers no consumer config', () => {
    expect(configs(acks1).javaConsumer).toBeUndefined();
  });

  it('writes its comments in Chinese for a Chinese reader, keeping Kafka\'s names and the code', async () => {
    const withGroup = { ...(acks1 as object), groups: [{ 'group.id': 'g', topics: ['orders'], commit: 'sync-after-processing' }] };
    await i18n.changeLanguage('zh-CN');
    try {
      const all = configs(withGroup);
      expect(all.javaProducer.text.split('\n')[0]).toBe('# 生产者 p1：new KafkaProducer<>(props)');
      expect(all.javaConsumer.text).toContain('# 应用在处理完每次 poll 到的记录之后提交（commitSync）\n');
      expect(all.javaConsumer.text).toContain('\ngroup.id=g\n');
      expect(all.server.text).toContain('# 主题\n');
      expect(all.python.text).toContain('# 消费者组 g\n');
      expect(all.kafkajs.text).toContain('// 生产者 p1\n');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
