/**
 * The `set` action: settings changed at run time, broker-wide, on one topic or on one producer,
 * checked against the same tables as the scenario's own settings and against Kafka's rules for a
 * running producer.
 */
import { z } from 'zod';
import type { BrokerSettings, ProducerSettings, ScriptAction, TopicConfig } from './types';
import { BROKER_SETTINGS, PRODUCER_SETTINGS, STARTUP_ONLY_BROKER_SETTINGS, TOPIC_SETTINGS, optionalShape } from './schema/settings';
import { brokerInput } from './schema/scenario';
import type { ActionInput } from './schema/actions';
import type { PathSegment } from './schema/issues';
import { addZodIssues, type SettingsKind } from './parseIssues';
import { pick, resolveBrokerAliases } from './parseSettings';
import { checkProducerChange } from './parseProducers';
import type { Checks } from './parseScript';

const topicSetSchema = z.strictObject(optionalShape(TOPIC_SETTINGS));
const producerSetSchema = z.strictObject(optionalShape(PRODUCER_SETTINGS));

export function buildSet(a: Extract<ActionInput, { do: 'set' }>, path: PathSegment[], c: Checks): ScriptAction | undefined {
  if (a.topic !== undefined && a.producer !== undefined) {
    c.issues.add(path, 'a set action takes "topic" or "producer", not both');
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
  const given = check(brokerInput, 'broker');
  if (given === undefined) return undefined;
  const config = pick(BROKER_SETTINGS, resolveBrokerAliases(given)) as Partial<BrokerSettings>;
  for (const k of STARTUP_ONLY_BROKER_SETTINGS) {
    if (config[k] !== undefined) c.issues.add([...configPath, k], 'is read once when the cluster starts; set it under "broker" instead');
  }
  return { at: a.at, do: 'set', config };
}
