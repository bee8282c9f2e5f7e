/**
 * Every setting a scenario may give, described for people: Kafka's name, Kafka's default, the
 * values the parser accepts and whether a `set` command can change it on a running cluster. Read
 * from the same tables the parser uses (schema/settings.ts, schema/groups.ts), so the settings
 * panel and the parser cannot disagree.
 */
import { z } from 'zod';
import { ASSIGNOR_CLASS_NAMES } from './assignorNames';
import { GROUP_SETTINGS } from './schema/groups';
import {
  BROKER_SETTINGS,
  BROKER_TO_TOPIC,
  NETWORK_SETTINGS,
  PRODUCER_SETTINGS,
  STARTUP_ONLY_BROKER_SETTINGS,
  TOPIC_SETTINGS,
  acksSchema,
} from './schema/settings';

export type SettingKind = 'broker' | 'topic' | 'producer' | 'group' | 'network';

/** The values a setting accepts. `never`: null (or Long.MAX_VALUE) means "never", Kafka's default. */
export type AllowedValues =
  | { kind: 'int'; min: number | null; max: number | null; never: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly (string | null)[] }
  /** A list of names, in preference order (partition.assignment.strategy). */
  | { kind: 'list'; values: readonly string[] };

export interface SettingDescription {
  kind: SettingKind;
  name: string;
  /** Kafka's default; for a topic override, the broker setting's default (absent = the broker's value). */
  default: unknown;
  allowed: AllowedValues;
  /** A `set` command may change it while the cluster runs. */
  live: boolean;
  /** The playground's own description of the application (not a Kafka setting). */
  playground: boolean;
  /** For a topic override: the broker setting it overrides. */
  brokerSetting?: string;
}

/** Group settings that describe the application around the consumer, not Kafka's client. */
const PLAYGROUND_GROUP_SETTINGS = new Set(['commit', 'processing', 'processing.ms', 'idempotent.sink']);
/** The producer's `send` style is how the application calls send(), not a ProducerConfig. */
const PLAYGROUND_PRODUCER_SETTINGS = new Set(['send']);

const NEVER_PROBES = [-1, 0, 1];

/** What a zod schema of the settings tables accepts. */
function allowedOf(name: string, schema: z.ZodType): AllowedValues {
  if (schema === acksSchema) return { kind: 'enum', values: ['0', '1', 'all'] };
  if (schema instanceof z.ZodNumber) return { kind: 'int', min: finite(schema.minValue), max: finite(schema.maxValue), never: false };
  if (schema instanceof z.ZodBoolean) return { kind: 'boolean' };
  if (schema instanceof z.ZodEnum) return { kind: 'enum', values: schema.options as string[] };
  if (schema instanceof z.ZodNullable) {
    const inner = allowedOf(name, schema.unwrap() as z.ZodType);
    return inner.kind === 'enum' ? { kind: 'enum', values: [...inner.values, null] } : inner;
  }
  if (name === 'partition.assignment.strategy') return { kind: 'list', values: Object.keys(ASSIGNOR_CLASS_NAMES) };
  // intOrNever (a transform): null means never; its minimum is the smallest probe it accepts.
  if (schema.safeParse(null).success) {
    const min = NEVER_PROBES.find((n) => schema.safeParse(n).success) ?? null;
    return { kind: 'int', min, max: null, never: true };
  }
  throw new Error(`settings catalogue: cannot describe the schema of ${name}`);
}

function finite(n: number | null): number | null {
  return n === null || !Number.isFinite(n) || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? null : n;
}

function describe(
  kind: SettingKind,
  table: Record<string, { schema: z.ZodType; default?: unknown }>,
  live: (name: string) => boolean,
  playground: (name: string) => boolean = () => false,
): SettingDescription[] {
  return Object.entries(table).map(([name, s]) => ({
    kind,
    name,
    default: s.default,
    allowed: allowedOf(name, s.schema),
    live: live(name),
    playground: playground(name),
  }));
}

/**
 * Every setting by kind, in the tables' order. Broker, topic, producer and group settings change
 * live through `set` (except the broker settings read once at start-up; a group's apply to the
 * members that start after the change); the network's do not.
 */
export function describeSettings(): Record<SettingKind, SettingDescription[]> {
  const startupOnly = new Set<string>(STARTUP_ONLY_BROKER_SETTINGS);
  const topicToBroker = new Map(Object.entries(BROKER_TO_TOPIC).map(([b, t]) => [t as string, b]));
  const topic = describe('topic', TOPIC_SETTINGS, () => true).map((d) => {
    const brokerSetting = topicToBroker.get(d.name);
    const fallback = brokerSetting === undefined ? undefined : (BROKER_SETTINGS as Record<string, { default: unknown }>)[brokerSetting]?.default;
    return { ...d, default: fallback, ...(brokerSetting === undefined ? {} : { brokerSetting }) };
  });
  return {
    broker: describe('broker', BROKER_SETTINGS, (n) => !startupOnly.has(n)),
    topic,
    producer: describe('producer', PRODUCER_SETTINGS, () => true, (n) => PLAYGROUND_PRODUCER_SETTINGS.has(n)),
    // A group's settings change through `set` for the members that start after it (parseSet.ts).
    group: describe('group', GROUP_SETTINGS, () => true, (n) => PLAYGROUND_GROUP_SETTINGS.has(n)),
    network: describe('network', NETWORK_SETTINGS, () => false),
  };
}
