/**
 * The `set` action: settings changed at run time, broker-wide, on one topic, one producer or one
 * consumer group, checked against the same tables as the scenario's own settings and against
 * Kafka's rules (for a running producer; for a group, the consumer's and the coordinator's
 * timeout checks).
 */
import { z } from 'zod';
import type { BrokerSettings, GroupSettings, ProducerSettings, ScriptAction, TopicConfig } from './types';
import { BROKER_SETTINGS, PRODUCER_SETTINGS, STARTUP_ONLY_BROKER_SETTINGS, TOPIC_SETTINGS, optionalShape } from './schema/settings';
import { brokerInput } from './schema/scenario';
import type { ActionInput } from './schema/actions';
import type { PathSegment } from './schema/issues';
import { addZodIssues, type SettingsKind } from './parseIssues';
import { pick, resolveBrokerAliases } from './parseSettings';
import { checkProducerChange } from './parseProducers';
import type { Checks } from './parseChecks';
import { GROUP_SETTINGS } from './schema/groups';
import { checkTimeouts } from './groups';

const topicSetSchema = z.strictObject(optionalShape(TOPIC_SETTINGS));
const producerSetSchema = z.strictObject(optionalShape(PRODUCER_SETTINGS));
const groupSetSchema = z.strictObject(optionalShape(GROUP_SETTINGS));

const TARGETS = ['topic', 'producer', 'group'] as const;

export function buildSet(a: Extract<ActionInput, { do: 'set' }>, path: PathSegment[], c: Checks): ScriptAction | undefined {
  const targets = TARGETS.filter((k) => a[k] !== undefined);
  if (targets.length > 1) {
    c.issues.add(path, `a set action takes one target ("topic", "producer" or "group"), got ${targets.map((k) => `"${k}"`).join(' and ')}`);
    return undefined;
  }
  const configPath = [...path, 'config'];
  const check = (schema: z.ZodType, kind: SettingsKind): Record<string, unknown> | undefined => {
    const r = schema.safeParse(a.config);
    if (!r.success) {
      addZodIssues(c.issues, r.error.issues, c.root, configPath, kind);
      return undefined;
    }
    const data = r.data as Record<string, unknown>;
    if (Object.values(data).every((v) => v === undefined)) {
      c.issues.add(configPath, `must change at least one ${kind} setting`);
      return undefined;
    }
    return data;
  };
  if (a.topic !== undefined) {
    c.checkTopic(a.topic, [...path, 'topic']);
    const given = check(topicSetSchema, 'topic');
    if (given === undefined) return undefined;
    return { at: a.at, do: 'set', topic: a.topic, config: pick(TOPIC_SETTINGS, given) as TopicConfig };
  }
  if (a.producer !== undefined) {
    const producer = c.checkProducer(a.producer, [...path, 'producer']);
    const given = check(producerSetSchema, 'producer');
    if (given === undefined) return undefined;
    const config = pick(PRODUCER_SETTINGS, given) as Partial<ProducerSettings>;
    if (producer !== undefined) checkProducerChange(producer, config, configPath, c.issues);
    return { at: a.at, do: 'set', producer: a.producer, config };
  }
  if (a.group !== undefined) return buildGroupSet(a.at, a.group, path, c, check);
  const given = check(brokerInput, 'broker');
  if (given === undefined) return undefined;
  const config = pick(BROKER_SETTINGS, resolveBrokerAliases(given)) as Partial<BrokerSettings>;
  for (const k of STARTUP_ONLY_BROKER_SETTINGS) {
    if (config[k] !== undefined) c.issues.add([...configPath, k], 'is read once when the cluster starts; set it under "broker" instead');
  }
  return { at: a.at, do: 'set', config };
}

/**
 * A group's consumer config. Kafka reads a consumer's config once, when the KafkaConsumer is
 * constructed (ConsumerConfig in its constructor; nothing changes it afterwards), so the engine
 * gives the new values to the members that start after the change (an added member, or one
 * added again after it stopped); members already running keep theirs.
 */
function buildGroupSet(
  at: number,
  id: string,
  path: PathSegment[],
  c: Checks,
  check: (schema: z.ZodType, kind: SettingsKind) => Record<string, unknown> | undefined,
): ScriptAction | undefined {
  const group = c.checkGroup(id, [...path, 'group']);
  const given = check(groupSetSchema, 'group');
  if (given === undefined) return undefined;
  const config = pick(GROUP_SETTINGS, given) as Partial<GroupSettings>;
  if (group !== undefined) {
    const next = { ...group, ...config };
    if (config['session.timeout.ms'] !== undefined || config['heartbeat.interval.ms'] !== undefined) {
      const before = c.issues.list().length;
      checkTimeouts(next, [...path, 'config'], c.broker, c.issues);
      if (c.issues.list().length > before) return undefined;
    }
    c.setGroup(next);
  }
  return { at, do: 'set', group: id, config };
}
