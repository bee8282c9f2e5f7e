/**
 * parseScenario: checks a scenario (an object, or its JSON text), fills in Kafka's defaults and
 * returns the `Scenario` contract of ./types. Structure is checked with zod (strict objects:
 * unknown keys are errors); cross-field rules (broker ids, topic and producer names, partitions,
 * nodes, Kafka's own config rules) are checked after. The first problem found is thrown as a
 * ScenarioError whose one-line message names the path: `script[3].broker: no broker 7 in a
 * 3-broker cluster`.
 *
 * parseScenario(parseScenario(x)) equals parseScenario(x): the output is valid input. For that,
 * topics also accept their overrides under `config`, and producers accept `explicit`.
 */
import { z } from 'zod';
import type {
  BrokerSettings,
  NetworkSettings,
  ProducerSettings,
  ProducerSpec,
  Scenario,
  ScriptAction,
  TopicConfig,
  TopicSpec,
} from './types';
import {
  BROKER_SETTINGS,
  BROKER_TIME_ALIASES,
  BROKER_TO_TOPIC,
  NETWORK_SETTINGS,
  PRODUCER_SETTINGS,
  TOPIC_SETTINGS,
  int,
  keysOf,
  optionalShape,
} from './schema/settings';
import { describeIssue, formatPath, suggest, type PathSegment } from './schema/issues';
import { GROUP_KEYS, GROUP_SETTING_KEYS, MEMBER_KEYS, groupActionShapes, groupInput } from './schema/groups';
import { STARTUP_ONLY_BROKER_SETTINGS } from './schema/settings';
import { buildGroups, planMembers, type MemberPlan } from './groups';

/** A scenario that cannot be run; `path` names the offending place (`topics[0].name`). */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly path: string;
  /** The message without its path. */
  readonly reason: string;
  constructor(path: string, reason: string) {
    const oneLine = reason.replace(/\s*[\r\n]+\s*/g, ' ');
    super(`${path}: ${oneLine}`);
    this.path = path;
    this.reason = oneLine;
  }
}

// ---------------------------------------------------------------------------------------------
// Limits and names

export const MAX_BROKERS = 9;
export const MAX_PARTITIONS = 64;
/** Kafka's topic name rule (`Topic.validate`): legal characters, at most 249 of them. */
const TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;
const MAX_TOPIC_NAME = 249;
/** Virtual ms the run goes on after the last scripted action when `until` is not given. */
export const DEFAULT_TAIL_MS = 30_000;

const ACTION_KINDS = [
  'produce',
  'crash',
  'powerLoss',
  'restart',
  'isolate',
  'cut',
  'heal',
  'slow',
  'dropRequests',
  'dropResponses',
  'set',
  'addMember',
  'removeMember',
  'crashMember',
  'pauseMember',
] as const;

// ---------------------------------------------------------------------------------------------
// Structure (zod)

const aliasShape = Object.fromEntries(
  keysOf(BROKER_TIME_ALIASES).map((k) => [k, BROKER_TIME_ALIASES[k].schema.optional()]),
);
const brokerInput = z.strictObject({ ...optionalShape(BROKER_SETTINGS), ...aliasShape });
const topicConfigInput = z.strictObject(optionalShape(TOPIC_SETTINGS));
const networkInput = z.strictObject(optionalShape(NETWORK_SETTINGS));

const TOPIC_KEYS = ['name', 'partitions', 'replication.factor', 'replica.assignment', 'config'] as const;
const topicInput = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(MAX_TOPIC_NAME)
    .regex(TOPIC_NAME, 'may contain only ASCII letters, digits, ".", "_" and "-"'),
  partitions: int(1, MAX_PARTITIONS).optional(),
  'replication.factor': int(1).optional(),
  'replica.assignment': z.array(z.array(int()).min(1)).min(1).max(MAX_PARTITIONS).optional(),
  config: topicConfigInput.optional(),
  ...optionalShape(TOPIC_SETTINGS),
});

const PRODUCER_KEYS = keysOf(PRODUCER_SETTINGS);
const producerInput = z.strictObject({
  id: z.string().min(1),
  ...optionalShape(PRODUCER_SETTINGS),
  explicit: z.array(z.enum(PRODUCER_KEYS)).optional(),
});

const at = int(0);
const nodeName = z.string().min(1);
const link = z.tuple([nodeName, nodeName]);
const actionShapes = {
  produce: {
    at,
    do: z.literal('produce'),
    producer: z.string().min(1),
    topic: z.string().min(1),
    count: int(1).optional(),
    every: int(0).optional(),
    key: z.string().nullable().optional(),
    value: z.string().optional(),
    partition: int(0).optional(),
  },
  broker: { at, do: z.enum(['crash', 'powerLoss', 'restart']), broker: int() },
  isolate: { at, do: z.literal('isolate'), node: nodeName },
  cut: { at, do: z.literal('cut'), between: link },
  heal: { at, do: z.literal('heal'), between: link.optional() },
  slow: { at, do: z.literal('slow'), broker: int(), 'latency.ms': int(0) },
  drop: { at, do: z.enum(['dropRequests', 'dropResponses']), broker: int(), count: int(1) },
  set: {
    at,
    do: z.literal('set'),
    topic: z.string().min(1).optional(),
    producer: z.string().min(1).optional(),
    // Checked against the settings of its target after the structure (see checkSet).
    config: z.record(z.string(), z.unknown()),
  },
};
const actionInput = z.discriminatedUnion('do', [
  z.strictObject(actionShapes.produce),
  z.strictObject(actionShapes.broker),
  z.strictObject(actionShapes.isolate),
  z.strictObject(actionShapes.cut),
  z.strictObject(actionShapes.heal),
  z.strictObject(actionShapes.slow),
  z.strictObject(actionShapes.drop),
  z.strictObject(actionShapes.set),
  z.strictObject({ at, ...groupActionShapes.addMember }),
  z.strictObject({ at, ...groupActionShapes.member }),
  z.strictObject({ at, ...groupActionShapes.pauseMember }),
]);
type ActionInput = z.infer<typeof actionInput>;

/** Keys each action takes, for unknown-key messages. */
function actionKeys(kind: string): string[] {
  switch (kind) {
    case 'produce':
      return Object.keys(actionShapes.produce);
    case 'crash':
    case 'powerLoss':
    case 'restart':
      return Object.keys(actionShapes.broker);
    case 'dropRequests':
    case 'dropResponses':
      return Object.keys(actionShapes.drop);
    case 'isolate':
    case 'cut':
    case 'heal':
    case 'slow':
    case 'set':
      return Object.keys(actionShapes[kind]);
    case 'addMember':
    case 'pauseMember':
      return ['at', ...Object.keys(groupActionShapes[kind])];
    case 'removeMember':
    case 'crashMember':
      return ['at', ...Object.keys(groupActionShapes.member)];
    default:
      return ['at', 'do'];
  }
}

const TOP_KEYS = [
  'name',
  'description',
  'seed',
  'until',
  'brokers',
  'topics',
  'broker',
  'producers',
  'groups',
  'network',
  'script',
] as const;
const scenarioInput = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  seed: int().optional(),
  until: int(0).optional(),
  brokers: int(1, MAX_BROKERS).optional(),
  topics: z.array(topicInput).min(1),
  broker: brokerInput.optional(),
  producers: z.array(producerInput).optional(),
  groups: z.array(groupInput).optional(),
  network: networkInput.optional(),
  script: z.array(actionInput).optional(),
});
type ScenarioInput = z.infer<typeof scenarioInput>;

// ---------------------------------------------------------------------------------------------
// Unknown keys

type SettingsKind = 'broker' | 'topic' | 'producer' | 'network' | 'group';

const BROKER_INPUT_KEYS = [...keysOf(BROKER_SETTINGS), ...keysOf(BROKER_TIME_ALIASES)];
const TOPIC_SETTING_KEYS = keysOf(TOPIC_SETTINGS);
const NETWORK_KEYS = keysOf(NETWORK_SETTINGS);

function has(list: readonly string[], key: string): boolean {
  return list.includes(key);
}

/** `unknown setting (did you mean "x"?)`, with hints for a setting put at the wrong level. */
function unknownKeyReason(key: string, known: readonly string[], kind: SettingsKind | 'key', extra = ''): string {
  const noun = kind === 'key' ? 'unknown key' : 'unknown setting';
  // A broker name on a topic, or a topic name on the broker: suggest the right spelling.
  let near: string | undefined;
  if (kind === 'topic') near = BROKER_TO_TOPIC[key];
  if (kind === 'broker') near = keysOf(BROKER_TO_TOPIC).find((b) => BROKER_TO_TOPIC[b] === key);
  near ??= suggest(key, known);
  if (near !== undefined && near !== key) return `${noun} (did you mean "${near}"?)`;
  if (kind !== 'producer' && has(PRODUCER_KEYS, key)) return `${noun} (${key} is a producer setting)`;
  if (kind === 'group' && has(BROKER_INPUT_KEYS, key)) return `${noun} (${key} is a broker setting)`;
  if (kind === 'producer' && (has(BROKER_INPUT_KEYS, key) || has(TOPIC_SETTING_KEYS, key))) {
    return `${noun} (${key} is a broker or topic setting, not a producer setting)`;
  }
  return `${noun}${extra}`;
}

/** Known keys and kind of the object at `path` in the raw input (for unrecognized_keys issues). */
function objectAt(path: readonly PropertyKey[], root: unknown): { known: readonly string[]; kind: SettingsKind | 'key'; extra?: string } {
  const [first, , third] = path;
  if (path.length === 0) return { known: TOP_KEYS, kind: 'key' };
  if (first === 'broker') return { known: BROKER_INPUT_KEYS, kind: 'broker' };
  if (first === 'network') return { known: NETWORK_KEYS, kind: 'network' };
  if (first === 'producers') return { known: [...PRODUCER_KEYS, 'id', 'explicit'], kind: 'producer' };
  if (first === 'groups') {
    if (third === 'members') return { known: MEMBER_KEYS, kind: 'key' };
    return { known: [...GROUP_KEYS, ...GROUP_SETTING_KEYS], kind: 'group' };
  }
  if (first === 'topics') {
    if (third === 'config') return { known: TOPIC_SETTING_KEYS, kind: 'topic' };
    return { known: [...TOPIC_KEYS, ...TOPIC_SETTING_KEYS], kind: 'topic' };
  }
  if (first === 'script') {
    const action = valueOf(root, path);
    const kind = isRecord(action) && typeof action.do === 'string' ? action.do : '';
    const keys = actionKeys(kind);
    return { known: keys, kind: 'key', extra: ` (a "${kind}" action takes ${keys.join(', ')})` };
  }
  return { known: [], kind: 'key' };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function valueOf(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) v = isRecord(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  return v;
}

/** Throws the first issue as a ScenarioError; unknown keys first (a misspelled key usually also
 * leaves a required one missing, and the misspelling is the helpful message). */
function throwIssues(issues: readonly z.core.$ZodIssue[], root: unknown, prefix: readonly PathSegment[], unknownKind?: SettingsKind): never {
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  if (issue === undefined) throw new ScenarioError(formatPath(prefix), 'invalid');
  const rootAtPrefix = valueOf(root, prefix);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const where = unknownKind !== undefined
      ? { known: knownFor(unknownKind), kind: unknownKind, extra: undefined }
      : objectAt([...prefix, ...issue.path], root);
    throw new ScenarioError(
      formatPath([...prefix, ...issue.path, key]),
      unknownKeyReason(key, where.known, where.kind, where.extra),
    );
  }
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined) {
    const value = valueOf(rootAtPrefix, issue.path);
    const expected = `one of ${ACTION_KINDS.join(', ')}`;
    throw new ScenarioError(
      formatPath([...prefix, ...issue.path]),
      value === undefined
        ? `required (${expected})`
        : typeof value === 'string'
          ? `unknown action ${JSON.stringify(value)} (expected ${expected})`
          : `must be an action name (${expected})`,
    );
  }
  throw new ScenarioError(formatPath([...prefix, ...issue.path]), describeIssue(issue, rootAtPrefix));
}

function knownFor(kind: SettingsKind): readonly string[] {
  switch (kind) {
    case 'broker':
      return BROKER_INPUT_KEYS;
    case 'topic':
      return TOPIC_SETTING_KEYS;
    case 'producer':
      return PRODUCER_KEYS;
    case 'network':
      return NETWORK_KEYS;
    case 'group':
      return GROUP_SETTING_KEYS;
  }
}

// ---------------------------------------------------------------------------------------------
// Settings

/** Kafka's precedence for time settings given in several units: ms > minutes > hours. */
function resolveBrokerAliases(input: Record<string, unknown>): Partial<BrokerSettings> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== undefined && !(k in BROKER_TIME_ALIASES)) out[k] = v;
  // Aliases in increasing precedence; an explicit `.ms` beats them all.
  for (const alias of ['log.retention.hours', 'log.retention.minutes', 'log.roll.hours'] as const) {
    const v = input[alias];
    if (typeof v !== 'number') continue;
    const { target, factor } = BROKER_TIME_ALIASES[alias];
    if (input[target] !== undefined) continue;
    // Kafka: a negative retention means "forever" (-1).
    out[target] = v < 0 ? -1 : v * factor;
  }
  return out as Partial<BrokerSettings>;
}

/** The given settings of a partial config, in the table's (canonical) order. */
function pick<T extends object>(table: T, given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keysOf(table)) if (given[k] !== undefined) out[k] = given[k];
  return out;
}

function withDefaults<S>(table: { [K in keyof S]-?: { default: S[K] } }, given: Record<string, unknown>): S {
  const out: Record<string, unknown> = {};
  for (const k of keysOf(table)) out[k] = given[k] !== undefined ? given[k] : table[k].default;
  return out as S;
}

// ---------------------------------------------------------------------------------------------
// parseScenario

function brokersWord(n: number): string {
  return n === 1 ? '1 broker' : `${n} brokers`;
}

export function parseScenario(input: unknown): Scenario {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (e) {
      throw new ScenarioError('(json)', e instanceof Error ? e.message : String(e));
    }
  }

  const parsed = scenarioInput.safeParse(raw);
  if (!parsed.success) throwIssues(parsed.error.issues, raw, []);
  const s: ScenarioInput = parsed.data;

  const brokers = s.brokers ?? 3;
  const brokerIds = Array.from({ length: brokers }, (_, i) => i + 1);
  const checkBroker = (id: number, path: readonly PathSegment[]): void => {
    if (!brokerIds.includes(id)) throw new ScenarioError(formatPath(path), `no broker ${id} in a ${brokers}-broker cluster`);
  };

  const broker = withDefaults<BrokerSettings>(BROKER_SETTINGS, resolveBrokerAliases(s.broker ?? {}));
  const network = withDefaults<NetworkSettings>(NETWORK_SETTINGS, s.network ?? {});
  const topics = s.topics.map((t, i) => buildTopic(t, i, brokers, checkBroker));
  checkTopicNames(topics);
  const producers = (s.producers ?? []).map((p, i) => buildProducer(p, i, raw));
  checkProducerIds(producers);

  const topicByName = new Map(topics.map((t) => [t.name, t]));
  const producerIds = producers.map((p) => p.id);

  const checkTopic = (name: string, path: readonly PathSegment[]): TopicSpec => {
    const t = topicByName.get(name);
    if (t === undefined) {
      throw new ScenarioError(formatPath(path), `no topic ${JSON.stringify(name)} (topics: ${[...topicByName.keys()].join(', ')})`);
    }
    return t;
  };
  const groups = s.groups === undefined ? undefined : buildGroups(s.groups, broker, checkTopic);
  const members = planMembers(groups ?? [], s.script ?? []);
  const nodes = [...brokerIds.map((b) => `b${b}`), 'controller', ...producerIds, ...members.nodes];
  const checkProducer = (id: string, path: readonly PathSegment[]): ProducerSpec => {
    const producer = producers.find((p) => p.id === id);
    if (!producer) {
      const known = producerIds.length === 0 ? 'the scenario has no producers' : `producers: ${producerIds.join(', ')}`;
      throw new ScenarioError(formatPath(path), `no producer ${JSON.stringify(id)} (${known})`);
    }
    return producer;
  };
  const checkNode = (name: string, path: readonly PathSegment[]): void => {
    if (!nodes.includes(name)) {
      throw new ScenarioError(formatPath(path), `unknown node ${JSON.stringify(name)} (nodes: ${nodes.join(', ')})`);
    }
  };
  const checkLink = (between: [string, string], path: readonly PathSegment[]): void => {
    checkNode(between[0], [...path, 0]);
    checkNode(between[1], [...path, 1]);
    if (between[0] === between[1]) {
      throw new ScenarioError(formatPath(path), `a link joins two different nodes, got ${JSON.stringify(between[0])} twice`);
    }
  };

  const script: ScriptAction[] = (s.script ?? []).map((a, i) =>
    buildAction(a, ['script', i], raw, { checkBroker, checkTopic, checkProducer, checkNode, checkLink, members }),
  );

  let until = s.until;
  if (until === undefined) {
    let last = 0;
    for (const a of script) last = Math.max(last, a.do === 'produce' ? a.at + (a.count - 1) * a.every : a.at);
    until = last + DEFAULT_TAIL_MS;
  }

  // Array.prototype.sort is stable: actions at the same time keep their written order.
  script.sort((a, b) => a.at - b.at);

  return {
    name: s.name,
    ...(s.description !== undefined ? { description: s.description } : {}),
    seed: s.seed ?? 1,
    until,
    brokers,
    topics,
    broker,
    producers,
    ...(groups !== undefined ? { groups } : {}),
    network,
    script,
  };
}

type TopicInput = ScenarioInput['topics'][number];

function buildTopic(
  t: TopicInput,
  i: number,
  brokers: number,
  checkBroker: (id: number, path: readonly PathSegment[]) => void,
): TopicSpec {
  const path = ['topics', i] as const;
  const assignment = t['replica.assignment'];
  // Like kafka-topics --replica-assignment, the assignment alone determines partitions and RF.
  const partitions = t.partitions ?? assignment?.length ?? 1;
  const rfGiven = t['replication.factor'];
  const rf = rfGiven ?? assignment?.[0]?.length ?? 1;
  if (rfGiven !== undefined && rfGiven > brokers) {
    throw new ScenarioError(
      formatPath([...path, 'replication.factor']),
      `${rfGiven} is larger than the ${brokersWord(brokers)} (INVALID_REPLICATION_FACTOR)`,
    );
  }
  if (assignment !== undefined) {
    const ap = [...path, 'replica.assignment'];
    if (assignment.length !== partitions) {
      throw new ScenarioError(
        formatPath(ap),
        `has ${assignment.length} row${assignment.length === 1 ? '' : 's'}, but the topic has ${partitions} partition${partitions === 1 ? '' : 's'} (one row per partition)`,
      );
    }
    assignment.forEach((row, p) => {
      if (row.length !== rf) {
        const why = rfGiven !== undefined ? `replication.factor is ${rf}` : `row 0 has ${rf}`;
        throw new ScenarioError(formatPath([...ap, p]), `has ${row.length} replica${row.length === 1 ? '' : 's'}, but ${why}`);
      }
      row.forEach((b, j) => {
        checkBroker(b, [...ap, p, j]);
        if (row.indexOf(b) !== j) {
          throw new ScenarioError(formatPath([...ap, p, j]), `broker ${b} appears twice in partition ${p}'s replicas`);
        }
      });
    });
  }
  if (rf > brokers) {
    throw new ScenarioError(
      formatPath([...path, 'replication.factor']),
      `${rf} is larger than the ${brokersWord(brokers)} (INVALID_REPLICATION_FACTOR)`,
    );
  }

  const direct = pick(TOPIC_SETTINGS, t as Record<string, unknown>);
  const nested = pick(TOPIC_SETTINGS, t.config ?? {});
  for (const k of Object.keys(nested)) {
    if (k in direct) throw new ScenarioError(formatPath([...path, 'config', k]), `also given directly on the topic; give it once`);
  }
  // min.insync.replicas > replication.factor is legal in Kafka: acks=all produces then fail with
  // NOT_ENOUGH_REPLICAS. Accepted on purpose (a lesson can show it).
  const config = pick(TOPIC_SETTINGS, { ...direct, ...nested }) as TopicConfig;

  const spec: TopicSpec = { name: t.name, partitions, 'replication.factor': rf, config };
  if (assignment !== undefined) {
    spec['replica.assignment'] = assignment.map((row) => [...row]);
    // Keep the key order of TopicSpec (config last) so that output and re-parse look alike.
    delete (spec as Partial<TopicSpec>).config;
    spec.config = config;
  }
  return spec;
}

function checkTopicNames(topics: TopicSpec[]): void {
  const seen = new Map<string, number>();
  const collides = new Map<string, number>();
  topics.forEach((t, i) => {
    const path = formatPath(['topics', i, 'name']);
    if (t.name === '.' || t.name === '..') throw new ScenarioError(path, `"${t.name}" is not a legal topic name`);
    if (t.name === '__consumer_offsets') throw new ScenarioError(path, `"__consumer_offsets" is Kafka's internal topic for committed offsets; pick another name`);
    const prev = seen.get(t.name);
    if (prev !== undefined) throw new ScenarioError(path, `duplicate topic ${JSON.stringify(t.name)} (also topics[${prev}])`);
    seen.set(t.name, i);
    // Kafka rejects names that differ only by '.' vs '_' (they collide in metric names).
    const folded = t.name.replace(/\./g, '_');
    const other = collides.get(folded);
    if (other !== undefined) {
      throw new ScenarioError(path, `${JSON.stringify(t.name)} collides with ${JSON.stringify(topics[other]!.name)} (topics[${other}]): Kafka treats "." and "_" alike in topic names`);
    }
    collides.set(folded, i);
  });
}

type ProducerInput = NonNullable<ScenarioInput['producers']>[number];

function buildProducer(p: ProducerInput, i: number, raw: unknown): ProducerSpec {
  const path = ['producers', i] as const;
  const id = p.id;
  if (id === 'controller') throw new ScenarioError(formatPath([...path, 'id']), `"controller" is the controller's node name; pick another id`);
  if (/^b[1-9]$/.test(id)) throw new ScenarioError(formatPath([...path, 'id']), `"${id}" is a broker's node name; pick another id`);
  if (id.includes('/')) throw new ScenarioError(formatPath([...path, 'id']), `must not contain "/" (it separates group and member names)`);

  let explicit: (keyof ProducerSettings)[];
  if (p.explicit !== undefined) {
    p.explicit.forEach((k, j) => {
      if (p.explicit!.indexOf(k) !== j) throw new ScenarioError(formatPath([...path, 'explicit', j]), `"${k}" is listed twice`);
    });
    explicit = [...p.explicit];
  } else {
    // The order the scenario wrote them in.
    const rawProducer = valueOf(raw, path);
    explicit = Object.keys(isRecord(rawProducer) ? rawProducer : {}).filter((k): k is keyof ProducerSettings =>
      has(PRODUCER_KEYS, k),
    );
  }

  const settings = withDefaults<ProducerSettings>(PRODUCER_SETTINGS, p as Record<string, unknown>);
  const floor = settings['linger.ms'] + settings['request.timeout.ms'];
  if (settings['delivery.timeout.ms'] < floor) {
    if (explicit.includes('delivery.timeout.ms')) {
      throw new ScenarioError(
        formatPath([...path, 'delivery.timeout.ms']),
        `${settings['delivery.timeout.ms']} is less than linger.ms + request.timeout.ms = ${floor}: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms`,
      );
    }
    // KafkaProducer.configureDeliveryTimeout: not set explicitly, it is silently raised.
    settings['delivery.timeout.ms'] = floor;
  }
  settings['enable.idempotence'] = idempotenceInEffect(settings, explicit.includes('enable.idempotence'), path);
  return { id, ...settings, explicit };
}

/**
 * ProducerConfig.postProcessAndValidateIdempotenceConfigs: the idempotent producer needs acks=all,
 * retries > 0 and at most 5 requests in flight. Asked for explicitly, anything else is an error;
 * on by default, it is quietly turned off.
 */
function idempotenceInEffect(settings: ProducerSettings, explicit: boolean, path: readonly PathSegment[]): boolean {
  if (!settings['enable.idempotence']) return false;
  const conflict = idempotenceConflict(settings);
  if (conflict === null) return true;
  if (explicit) throw new ScenarioError(formatPath([...path, conflict.key]), `${conflict.message} (enable.idempotence is true)`);
  return false;
}

function idempotenceConflict(settings: Partial<ProducerSettings>): { key: keyof ProducerSettings; message: string } | null {
  if (settings.acks !== undefined && settings.acks !== 'all') {
    return { key: 'acks', message: 'Must set acks to all in order to use the idempotent producer; otherwise idempotence cannot be guaranteed' };
  }
  if (settings.retries === 0) return { key: 'retries', message: 'Must set retries to non-zero when using the idempotent producer' };
  const inFlight = settings['max.in.flight.requests.per.connection'];
  if (inFlight !== undefined && inFlight > 5) {
    return { key: 'max.in.flight.requests.per.connection', message: 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer' };
  }
  return null;
}

function checkProducerIds(producers: ProducerSpec[]): void {
  const seen = new Map<string, number>();
  producers.forEach((p, i) => {
    const prev = seen.get(p.id);
    if (prev !== undefined) {
      throw new ScenarioError(formatPath(['producers', i, 'id']), `duplicate producer ${JSON.stringify(p.id)} (also producers[${prev}])`);
    }
    seen.set(p.id, i);
  });
}

interface Checks {
  checkBroker(id: number, path: readonly PathSegment[]): void;
  checkTopic(name: string, path: readonly PathSegment[]): TopicSpec;
  checkProducer(id: string, path: readonly PathSegment[]): ProducerSpec;
  checkNode(name: string, path: readonly PathSegment[]): void;
  checkLink(between: [string, string], path: readonly PathSegment[]): void;
  /** The member actions, checked and resolved in time order (scenario/groups.ts). */
  members: MemberPlan;
}

function buildAction(a: ActionInput, path: PathSegment[], raw: unknown, c: Checks): ScriptAction {
  const p = (k: PathSegment, ...more: PathSegment[]): PathSegment[] => [...path, k, ...more];
  switch (a.do) {
    case 'produce': {
      c.checkProducer(a.producer, p('producer'));
      const topic = c.checkTopic(a.topic, p('topic'));
      const out: ScriptAction = {
        at: a.at,
        do: 'produce',
        producer: a.producer,
        topic: a.topic,
        count: a.count ?? 1,
        every: a.every ?? 0,
        key: a.key ?? null,
        value: a.value ?? 'value-{i}',
      };
      if (a.partition !== undefined) {
        if (a.partition >= topic.partitions) {
          throw new ScenarioError(
            formatPath(p('partition')),
            `no partition ${a.partition}: topic ${JSON.stringify(topic.name)} has ${topic.partitions} partition${topic.partitions === 1 ? '' : 's'} (0..${topic.partitions - 1})`,
          );
        }
        out.partition = a.partition;
      }
      return out;
    }
    case 'crash':
    case 'powerLoss':
    case 'restart':
      c.checkBroker(a.broker, p('broker'));
      return { at: a.at, do: a.do, broker: a.broker };
    case 'isolate':
      c.checkNode(a.node, p('node'));
      return { at: a.at, do: 'isolate', node: a.node };
    case 'cut':
      c.checkLink(a.between, p('between'));
      return { at: a.at, do: 'cut', between: [a.between[0], a.between[1]] };
    case 'heal':
      if (a.between === undefined) return { at: a.at, do: 'heal' };
      c.checkLink(a.between, p('between'));
      return { at: a.at, do: 'heal', between: [a.between[0], a.between[1]] };
    case 'slow':
      c.checkBroker(a.broker, p('broker'));
      return { at: a.at, do: 'slow', broker: a.broker, 'latency.ms': a['latency.ms'] };
    case 'dropRequests':
    case 'dropResponses':
      c.checkBroker(a.broker, p('broker'));
      return { at: a.at, do: a.do, broker: a.broker, count: a.count };
    case 'set':
      return buildSet(a, path, raw, c);
    case 'addMember':
    case 'removeMember':
    case 'crashMember':
    case 'pauseMember':
      return c.members.actions.get(path[1] as number)!;
  }
}

/** A running producer keeps its idempotence: Kafka fixes it when the producer is created. */
function checkProducerChange(producer: ProducerSpec, config: Partial<ProducerSettings>, path: readonly PathSegment[]): void {
  if (config['enable.idempotence'] !== undefined && config['enable.idempotence'] !== producer['enable.idempotence']) {
    throw new ScenarioError(
      formatPath([...path, 'enable.idempotence']),
      `cannot change on a running producer (${producer.id} was created with enable.idempotence ${producer['enable.idempotence']}); set it in its producers entry`,
    );
  }
  const conflict = producer['enable.idempotence'] ? idempotenceConflict(config) : null;
  if (conflict) throw new ScenarioError(formatPath([...path, conflict.key]), `${conflict.message} (${producer.id} is idempotent)`);
}

const topicSetSchema = z.strictObject(optionalShape(TOPIC_SETTINGS));
const producerSetSchema = z.strictObject(optionalShape(PRODUCER_SETTINGS));
const brokerSetSchema = brokerInput;

function buildSet(a: Extract<ActionInput, { do: 'set' }>, path: PathSegment[], raw: unknown, c: Checks): ScriptAction {
  if (a.topic !== undefined && a.producer !== undefined) {
    throw new ScenarioError(formatPath(path), 'a set action takes "topic" or "producer", not both');
  }
  const configPath = [...path, 'config'];
  const check = (schema: z.ZodType, kind: SettingsKind): Record<string, unknown> => {
    const r = schema.safeParse(a.config);
    if (!r.success) throwIssues(r.error.issues, raw, configPath, kind);
    const data = r.data as Record<string, unknown>;
    if (Object.values(data).every((v) => v === undefined)) {
      throw new ScenarioError(formatPath(configPath), `must change at least one ${kind} setting`);
    }
    return data;
  };
  if (a.topic !== undefined) {
    c.checkTopic(a.topic, [...path, 'topic']);
    const config = pick(TOPIC_SETTINGS, check(topicSetSchema, 'topic')) as TopicConfig;
    return { at: a.at, do: 'set', topic: a.topic, config };
  }
  if (a.producer !== undefined) {
    const producer = c.checkProducer(a.producer, [...path, 'producer']);
    const config = pick(PRODUCER_SETTINGS, check(producerSetSchema, 'producer')) as Partial<ProducerSettings>;
    checkProducerChange(producer, config, configPath);
    return { at: a.at, do: 'set', producer: a.producer, config };
  }
  const config = pick(BROKER_SETTINGS, resolveBrokerAliases(check(brokerSetSchema, 'broker'))) as Partial<BrokerSettings>;
  const fixed = STARTUP_ONLY_BROKER_SETTINGS.find((k) => config[k] !== undefined);
  if (fixed !== undefined) throw new ScenarioError(formatPath([...configPath, fixed]), 'is read once when the cluster starts; set it under "broker" instead');
  return { at: a.at, do: 'set', config };
}

