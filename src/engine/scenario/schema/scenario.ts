/**
 * The structure of a scenario's top level, its topics and its producers (zod, strict objects:
 * unknown keys are errors), and the playground's limits. Each part is checked on its own, so that
 * one bad topic does not hide the problems of the next.
 */
import { z } from 'zod';
import {
  BROKER_SETTINGS,
  BROKER_TIME_ALIASES,
  NETWORK_SETTINGS,
  PRODUCER_SETTINGS,
  TOPIC_SETTINGS,
  int,
  keysOf,
  optionalShape,
} from './settings';

export const MAX_BROKERS = 9;
export const MAX_PARTITIONS = 64;
/** Kafka's topic name rule (`Topic.validate`): legal characters, at most 249 of them. */
const TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;
const MAX_TOPIC_NAME = 249;

const aliasShape = Object.fromEntries(
  keysOf(BROKER_TIME_ALIASES).map((k) => [k, BROKER_TIME_ALIASES[k].schema.optional()]),
);
export const brokerInput = z.strictObject({ ...optionalShape(BROKER_SETTINGS), ...aliasShape });
export const networkInput = z.strictObject(optionalShape(NETWORK_SETTINGS));
const topicConfigInput = z.strictObject(optionalShape(TOPIC_SETTINGS));

export const TOPIC_KEYS = ['name', 'partitions', 'replication.factor', 'replica.assignment', 'config'] as const;
export const topicInput = z.strictObject({
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
export type TopicInput = z.infer<typeof topicInput>;

export const PRODUCER_KEYS = keysOf(PRODUCER_SETTINGS);
export const producerInput = z.strictObject({
  id: z.string().min(1),
  ...optionalShape(PRODUCER_SETTINGS),
  explicit: z.array(z.enum(PRODUCER_KEYS)).optional(),
});
export type ProducerInput = z.infer<typeof producerInput>;

export const TOP_KEYS = [
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

/** The top level; the lists' items are checked one by one (see parse.ts). */
export const topLevelInput = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  seed: int().optional(),
  until: int(0).optional(),
  brokers: int(1, MAX_BROKERS).optional(),
  topics: z.array(z.unknown()).min(1),
  broker: z.unknown().optional(),
  producers: z.array(z.unknown()).optional(),
  groups: z.array(z.unknown()).optional(),
  network: z.unknown().optional(),
  script: z.array(z.unknown()).optional(),
});
