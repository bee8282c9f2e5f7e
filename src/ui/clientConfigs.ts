// What a learner would paste to run this scenario's cluster and clients for real: the Java
// client's producer.properties / consumer.properties, the broker's server.properties with a
// kafka-topics line per topic, kafkajs options and a confluent-kafka-python config (see
// clientConfigLibs.ts). Only what differs from the defaults is written, plus what every client
// needs (bootstrap.servers, group.id, serializers). Pure functions of the current settings; the
// comments come in the reader's language (`say`), Kafka's names and the code as they are.
import { ASSIGNOR_CLASS_NAMES, type AssignorName, type SettingDescription, type SettingKind } from '../engine';
import { kafkajsConfig, pythonConfig } from './clientConfigLibs';
import { applicationComments, bootstrapServers, PLAYGROUND_SETTINGS, type ClientConfig, type ConfigNote, type Defaults, type Say } from './clientConfigCommon';
import type { CurrentSettings } from './settingsModel';
import { sameValue } from './settingsModel';

export type { ClientConfig, ConfigFormat, ConfigNote, Defaults, Say } from './clientConfigCommon';

/** Kafka's default of every setting, by kind, from the engine's settings catalogue. */
export function defaultsOf(catalogue: Record<SettingKind, SettingDescription[]>): Defaults {
  const of = (list: SettingDescription[]) => Object.fromEntries(list.map((d) => [d.name, d.default]));
  return { broker: of(catalogue.broker), topic: of(catalogue.topic), producer: of(catalogue.producer), group: of(catalogue.group), network: of(catalogue.network) };
}

/** Long.MAX_VALUE: what Kafka's "never" settings hold by default. */
const NEVER = '9223372036854775807';

/** A value as a .properties file writes it. */
function propertyValue(name: string, value: unknown): string {
  if (value === null) return NEVER;
  if (name === 'partition.assignment.strategy' && Array.isArray(value)) {
    return value.map((n: string) => ASSIGNOR_CLASS_NAMES[n as AssignorName] ?? n).join(',');
  }
  if (name === 'partitioner.class' && value === 'RoundRobinPartitioner') return 'org.apache.kafka.clients.producer.RoundRobinPartitioner';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** The settings of `values` that differ from `defaults`, Kafka settings only, in the table's order. */
export function changed(values: Record<string, unknown>, defaults: Record<string, unknown>): [string, unknown][] {
  return Object.entries(values).filter(([k, v]) => !PLAYGROUND_SETTINGS.has(k) && k in defaults && !sameValue(v, defaults[k]));
}

function javaProducer(current: CurrentSettings, defaults: Defaults, say: Say): ClientConfig {
  const blocks = current.producers.map((p) => [
    `# ${say('producerWith', { id: p.id, code: 'new KafkaProducer<>(props)' })}`,
    ...applicationComments(p.values, '#', say),
    `bootstrap.servers=${bootstrapServers(current.brokers)}`,
    'key.serializer=org.apache.kafka.common.serialization.StringSerializer',
    'value.serializer=org.apache.kafka.common.serialization.StringSerializer',
    ...changed(p.values, defaults.producer).map(([k, v]) => `${k}=${propertyValue(k, v)}`),
  ]);
  return { format: 'javaProducer', text: blocks.map((b) => b.join('\n')).join('\n\n') + '\n', notes: [] };
}

function javaConsumer(current: CurrentSettings, defaults: Defaults, say: Say): ClientConfig {
  const notes: ConfigNote[] = [];
  const blocks = current.groups.map((g) => {
    const statics = g.members.filter((m) => m['group.instance.id'] !== undefined);
    if (statics.length) notes.push({ id: 'staticMembers', params: { group: g.id } });
    return [
      `# ${say('groupWith', { id: g.id, code: `new KafkaConsumer<>(props), subscribe(List.of(${g.topics.map((t) => JSON.stringify(t)).join(', ')}))` })}`,
      ...applicationComments(g.values, '#', say),
      `bootstrap.servers=${bootstrapServers(current.brokers)}`,
      `group.id=${g.id}`,
      'key.deserializer=org.apache.kafka.common.serialization.StringDeserializer',
      'value.deserializer=org.apache.kafka.common.serialization.StringDeserializer',
      ...changed(g.values, defaults.group).map(([k, v]) => `${k}=${propertyValue(k, v)}`),
      ...statics.map((m) => `# ${say('member', { name: m.name, code: `group.instance.id=${m['group.instance.id']}` })}`),
    ];
  });
  return { format: 'javaConsumer', text: blocks.map((b) => b.join('\n')).join('\n\n') + '\n', notes };
}

/** A topic's `kafka-topics.sh --create` line: its partitions (or replica assignment) and overrides. */
export function createTopicLine(current: CurrentSettings, topic: CurrentSettings['topics'][number]): string {
  const parts = [`kafka-topics.sh --bootstrap-server localhost:9092 --create --topic ${topic.name}`];
  if (topic.assignment) parts.push(`--replica-assignment ${topic.assignment.map((r) => r.join(':')).join(',')}`);
  else parts.push(`--partitions ${topic.partitions} --replication-factor ${topic.replicationFactor}`);
  for (const [k, v] of Object.entries(topic.config)) if (v !== undefined) parts.push(`--config ${k}=${propertyValue(k, v)}`);
  return parts.join(' ');
}

function server(current: CurrentSettings, defaults: Defaults, say: Say): ClientConfig {
  const settings = changed(current.broker, defaults.broker);
  const lines = [
    `# ${say('server', { count: current.brokers })}`,
    ...(settings.length ? settings.map(([k, v]) => `${k}=${propertyValue(k, v)}`) : [`# ${say('serverDefaults')}`]),
    '',
    `# ${say('topics')}`,
    ...current.topics.map((t) => createTopicLine(current, t)),
  ];
  return { format: 'server', text: lines.join('\n') + '\n', notes: [] };
}

/** Every config the scenario needs, in the panel's order; a format with nothing to configure is left out. */
export function clientConfigs(current: CurrentSettings, defaults: Defaults, say: Say): ClientConfig[] {
  const out: ClientConfig[] = [];
  if (current.producers.length) out.push(javaProducer(current, defaults, say));
  if (current.groups.length) out.push(javaConsumer(current, defaults, say));
  out.push(server(current, defaults, say));
  if (current.producers.length || current.groups.length) out.push(kafkajsConfig(current, defaults, say), pythonConfig(current, defaults, say));
  return out;
}
