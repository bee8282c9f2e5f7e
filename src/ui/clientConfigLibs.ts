// The scenario's clients in two other libraries, with their own names and defaults:
// - confluent-kafka-python passes its dict to librdkafka, whose names and defaults are in
//   librdkafka's CONFIGURATION.md (e.g. delivery.timeout.ms defaults to 300000, enable.idempotence
//   to false, batch.size to 1000000, and `partitioner` must be murmur2_random to place keyed
//   records as the Java client does);
// - kafkajs takes options on kafka.producer(), producer.send(), kafka.consumer(),
//   consumer.subscribe() and consumer.run() (docs/Producing.md, docs/Consuming.md).
// A setting is written when its value differs from the library's own default (where that default
// is not Kafka's, this is how the client behaves as the simulated one does); a setting the library
// lacks gets a note when the scenario changes it from Kafka's default.
import { applicationComments, bootstrapServers, PLAYGROUND_SETTINGS, type ClientConfig, type ConfigNote, type Defaults, type Say } from './clientConfigCommon';
import type { CurrentSettings } from './settingsModel';
import { sameValue } from './settingsModel';

/** How one Kafka setting reads in a library: its name there and that library's default. */
interface Mapping {
  name: string;
  /** The library's default; absent: write the setting only when it differs from Kafka's. */
  libDefault?: unknown;
  convert?: (value: unknown) => unknown;
}
type Table = Record<string, Mapping | null>;

/**
 * librdkafka producer properties (global and topic-level; confluent-kafka-python accepts both in
 * one dict). partitioner.class is handled on its own (a hash name in librdkafka).
 */
const RDKAFKA_PRODUCER: Table = {
  acks: { name: 'acks', libDefault: 'all' },
  retries: { name: 'retries', libDefault: 2147483647 },
  'retry.backoff.ms': { name: 'retry.backoff.ms', libDefault: 100 },
  'retry.backoff.max.ms': { name: 'retry.backoff.max.ms', libDefault: 1000 },
  'request.timeout.ms': { name: 'request.timeout.ms', libDefault: 30000 },
  'delivery.timeout.ms': { name: 'delivery.timeout.ms', libDefault: 300000 },
  'linger.ms': { name: 'linger.ms', libDefault: 5 },
  'batch.size': { name: 'batch.size', libDefault: 1000000 },
  'max.in.flight.requests.per.connection': { name: 'max.in.flight.requests.per.connection', libDefault: 1000000 },
  'enable.idempotence': { name: 'enable.idempotence', libDefault: false },
  'metadata.max.age.ms': { name: 'metadata.max.age.ms', libDefault: 900000 },
  'max.request.size': { name: 'message.max.bytes', libDefault: 1000000 },
  'buffer.memory': null,
  'max.block.ms': null,
};

/** partition.assignment.strategy and max.poll.records are handled on their own, with notes of their own. */
const RDKAFKA_CONSUMER: Table = {
  'session.timeout.ms': { name: 'session.timeout.ms', libDefault: 45000 },
  'heartbeat.interval.ms': { name: 'heartbeat.interval.ms', libDefault: 3000 },
  'max.poll.interval.ms': { name: 'max.poll.interval.ms', libDefault: 300000 },
  'fetch.max.wait.ms': { name: 'fetch.wait.max.ms', libDefault: 500 },
  'max.partition.fetch.bytes': { name: 'max.partition.fetch.bytes', libDefault: 1048576 },
  'enable.auto.commit': { name: 'enable.auto.commit', libDefault: true },
  'auto.commit.interval.ms': { name: 'auto.commit.interval.ms', libDefault: 5000 },
  'auto.offset.reset': { name: 'auto.offset.reset', libDefault: 'latest', convert: (v) => (v === 'none' ? 'error' : v) },
  'request.timeout.ms': null,
  'retry.backoff.ms': { name: 'retry.backoff.ms', libDefault: 100 },
};

const RDKAFKA_ASSIGNORS = ['range', 'roundrobin', 'cooperative-sticky'];
const COOPERATIVE = new Set(['cooperative-sticky']);

/**
 * librdkafka's assignors: no `sticky`, and eager and cooperative ones may not be mixed, so Kafka's
 * default list (range, cooperative-sticky) becomes its first protocol's names only.
 */
function rdkafkaStrategy(value: string[]): { value: string; dropped: string[] } {
  const supported = value.filter((n) => RDKAFKA_ASSIGNORS.includes(n));
  const cooperative = supported.length > 0 && COOPERATIVE.has(supported[0]!);
  const kept = supported.filter((n) => COOPERATIVE.has(n) === cooperative);
  return { value: kept.join(','), dropped: value.filter((n) => !kept.includes(n)) };
}

/** The settings a table writes, and notes for the ones the library lacks. */
function translate(values: Record<string, unknown>, kafkaDefaults: Record<string, unknown>, table: Table, library: string, notes: ConfigNote[]) {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(values)) {
    // Settings a table does not list are handled (and noted) by the caller, or have no equivalent worth a note.
    if (PLAYGROUND_SETTINGS.has(k) || !(k in table)) continue;
    const m = table[k];
    const differsFromKafka = !sameValue(v, kafkaDefaults[k]);
    if (m === null || m === undefined) {
      if (differsFromKafka) notes.push({ id: 'unsupported', params: { library, setting: k } });
      continue;
    }
    const lib = m.convert ? m.convert(v) : v;
    if (m.libDefault === undefined ? differsFromKafka : !sameValue(lib, m.libDefault)) out.push([m.name, lib]);
  }
  return out;
}

const py = (v: unknown): string => (v === true ? 'True' : v === false ? 'False' : v === null ? 'None' : typeof v === 'string' ? `'${v}'` : String(v));

function pyDict(name: string, entries: [string, unknown][]): string {
  return [`${name} = {`, ...entries.map(([k, v]) => `    '${k}': ${py(v)},`), '}'].join('\n');
}

type ProducerValues = CurrentSettings['producers'][number];
type GroupValues = CurrentSettings['groups'][number];

/**
 * How one library writes the scenario's clients: its opening lines, its comment mark, and the code
 * of one producer and of one group (each adding the notes it needs). libraryConfig writes the rest
 * the same way for every library: a commented heading per client, the application's comments,
 * blocks a blank line apart, each note once.
 */
interface LibraryShape {
  format: 'kafkajs' | 'python';
  comment: '#' | '//';
  preamble: string[];
  notes: ConfigNote[];
  producer(p: ProducerValues, notes: ConfigNote[]): string[];
  group(g: GroupValues, notes: ConfigNote[]): string[];
}

function libraryConfig(shape: LibraryShape, current: CurrentSettings, say: Say): ClientConfig {
  const notes = [...shape.notes];
  const c = shape.comment;
  const blocks = [shape.preamble.join('\n')];
  for (const p of current.producers) blocks.push([`${c} ${say('producer', { id: p.id })}`, ...applicationComments(p.values, c, say), ...shape.producer(p, notes)].join('\n'));
  for (const g of current.groups) blocks.push([`${c} ${say('group', { id: g.id })}`, ...applicationComments(g.values, c, say), ...shape.group(g, notes)].join('\n'));
  return { format: shape.format, text: blocks.join('\n\n') + '\n', notes: dedupe(notes) };
}

export function pythonConfig(current: CurrentSettings, defaults: Defaults, say: Say): ClientConfig {
  const bootstrap: [string, unknown] = ['bootstrap.servers', bootstrapServers(current.brokers)];
  return libraryConfig(
    {
      format: 'python',
      comment: '#',
      preamble: ['from confluent_kafka import Consumer, Producer'],
      notes: [{ id: 'rdkafkaNames' }],
      producer(p, notes) {
        const entries = translate(p.values, defaults.producer, RDKAFKA_PRODUCER, 'librdkafka', notes);
        if (p.values['partitioner.class'] === null) entries.push(['partitioner', 'murmur2_random']);
        else notes.push({ id: 'rdkafkaRoundRobin' });
        const name = pyName(p.id);
        return [pyDict(`${name}_config`, [bootstrap, ...entries]), `${name} = Producer(${name}_config)`];
      },
      group(g, notes) {
        const entries = translate(g.values, defaults.group, RDKAFKA_CONSUMER, 'librdkafka', notes);
        const strategy = rdkafkaStrategy(g.values['partition.assignment.strategy'] as string[]);
        // Nothing librdkafka knows (only sticky): its own default applies, and the note says so.
        if (strategy.value !== '' && strategy.value !== 'range,roundrobin') entries.push(['partition.assignment.strategy', strategy.value]);
        if (strategy.dropped.length) notes.push({ id: 'rdkafkaAssignors', params: { dropped: strategy.dropped.join(', ') } });
        if (g.values['max.poll.records'] !== defaults.group['max.poll.records']) notes.push({ id: 'rdkafkaMaxPollRecords', params: { n: String(g.values['max.poll.records']) } });
        const name = pyName(g.id);
        return [pyDict(`${name}_config`, [bootstrap, ['group.id', g.id], ...entries]), `${name} = Consumer(${name}_config)`, `${name}.subscribe([${g.topics.map((t) => `'${t}'`).join(', ')}])`];
      },
    },
    current,
    say,
  );
}

const KAFKAJS_PRODUCER: Table = {
  'enable.idempotence': { name: 'idempotent', libDefault: false },
  'max.in.flight.requests.per.connection': { name: 'maxInFlightRequests', libDefault: null },
  'metadata.max.age.ms': { name: 'metadataMaxAge', libDefault: 300000 },
  retries: { name: 'retry.retries' },
  'retry.backoff.ms': { name: 'retry.initialRetryTime' },
  'retry.backoff.max.ms': { name: 'retry.maxRetryTime' },
  'delivery.timeout.ms': null,
  'buffer.memory': null,
  'max.block.ms': null,
  'max.request.size': null,
};
/** Options of producer.send(). */
const KAFKAJS_SEND: Table = {
  acks: { name: 'acks', libDefault: -1, convert: (v) => (v === 'all' ? -1 : Number(v)) },
  'request.timeout.ms': { name: 'timeout', libDefault: 30000 },
};
const KAFKAJS_CONSUMER: Table = {
  'session.timeout.ms': { name: 'sessionTimeout', libDefault: 30000 },
  'heartbeat.interval.ms': { name: 'heartbeatInterval', libDefault: 3000 },
  'fetch.max.wait.ms': { name: 'maxWaitTimeInMs', libDefault: 5000 },
  'max.partition.fetch.bytes': { name: 'maxBytesPerPartition', libDefault: 1048576 },
  'retry.backoff.ms': { name: 'retry.initialRetryTime' },
  'max.poll.interval.ms': null,
  'max.poll.records': null,
  'request.timeout.ms': null,
};

/** Code written as is (a variable name), not quoted. */
const raw = (code: string) => ({ raw: code });
const js = (v: unknown): string =>
  typeof v === 'object' && v !== null && 'raw' in v ? String((v as { raw: string }).raw) : typeof v === 'string' ? `'${v}'` : String(v);

/** `{ a: 1, retry: { retries: 3 } }` from dotted names. */
function jsObject(entries: [string, unknown][]): string {
  const top: string[] = [];
  const nested = new Map<string, string[]>();
  for (const [k, v] of entries) {
    const [head, tail] = k.split('.') as [string, string | undefined];
    if (tail === undefined) top.push(js(v) === head && typeof v === 'object' ? head : `${head}: ${js(v)}`);
    else nested.set(head, [...(nested.get(head) ?? []), `${tail}: ${js(v)}`]);
  }
  for (const [head, inner] of nested) top.push(`${head}: { ${inner.join(', ')} }`);
  return `{ ${top.join(', ')} }`;
}

export function kafkajsConfig(current: CurrentSettings, defaults: Defaults, say: Say): ClientConfig {
  const brokers = bootstrapServers(current.brokers).split(',').map((b) => `'${b}'`).join(', ');
  return libraryConfig(
    {
      format: 'kafkajs',
      comment: '//',
      preamble: ["const { Kafka } = require('kafkajs')", '', `const kafka = new Kafka({ clientId: 'playground', brokers: [${brokers}] })`],
      notes: [],
      producer(p, notes) {
        const name = jsName(p.id);
        const options = translate(p.values, defaults.producer, KAFKAJS_PRODUCER, 'kafkajs', notes);
        const send = translate(p.values, defaults.producer, KAFKAJS_SEND, 'kafkajs', notes);
        notes.push({ id: 'kafkajsBatching' });
        if (p.values['partitioner.class'] !== null) notes.push({ id: 'kafkajsRoundRobin' });
        if (p.values.retries !== defaults.producer.retries) notes.push({ id: 'kafkajsRetries' });
        return [
          `const ${name} = kafka.producer(${jsObject(options)})`,
          `await ${name}.send(${jsObject([['topic', current.topics[0]?.name ?? 'topic'], ['messages', raw('messages')], ...send])})`,
        ];
      },
      group(g, notes) {
        const name = jsName(g.id);
        const options = translate(g.values, defaults.group, KAFKAJS_CONSUMER, 'kafkajs', notes);
        const run: [string, unknown][] = [];
        if (g.values['enable.auto.commit'] === false) run.push(['autoCommit', false]);
        else run.push(['autoCommitInterval', g.values['auto.commit.interval.ms']]);
        const reset = g.values['auto.offset.reset'];
        if (reset === 'none') notes.push({ id: 'unsupported', params: { library: 'kafkajs', setting: 'auto.offset.reset=none' } });
        const strategy = g.values['partition.assignment.strategy'] as string[];
        if (strategy[0] !== 'roundrobin') notes.push({ id: 'kafkajsAssignors', params: { strategy: strategy.join(', ') } });
        return [
          `const ${name} = kafka.consumer(${jsObject([['groupId', g.id], ...options])})`,
          `await ${name}.subscribe({ topics: [${g.topics.map((t) => `'${t}'`).join(', ')}]${reset === 'earliest' ? ', fromBeginning: true' : ''} })`,
          `await ${name}.run(${jsObject([...run, ['eachMessage', raw('handle')]])})`,
        ];
      },
    },
    current,
    say,
  );
}

/** An identifier for a producer or group id (`orders-app` → `orders_app`). */
function pyName(id: string): string {
  const s = id.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}
function jsName(id: string): string {
  return pyName(id).replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function dedupe(notes: ConfigNote[]): ConfigNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = JSON.stringify(n);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
