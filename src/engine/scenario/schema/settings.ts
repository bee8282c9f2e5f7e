/**
 * The settings a scenario may give, with Kafka's names, Kafka's defaults and the values each one
 * accepts. One table per kind (broker, topic override, producer, network); the scenario schema and
 * the `set` action are built from these tables, so a setting is described exactly once.
 */
import { z } from 'zod';
import { PARTITIONER_CLASSES } from '../partitionerNames';
import type { Acks, BrokerSettings, NetworkSettings, ProducerSettings, TopicConfig } from '../types';

/** 2^53: JSON numbers at or above it cannot hold Kafka's Long.MAX_VALUE exactly; read them as "never". */
const NEVER_THRESHOLD = 2 ** 53;
const JAVA_INT_MAX = 2147483647;
/** The playground's cap on `offsets.topic.num.partitions` (Kafka allows more; 50 is its default). */
const MAX_OFFSETS_PARTITIONS = 200;

/** A safe integer in [min, max]. */
export function int(min?: number, max?: number): z.ZodNumber {
  let s = z.number().int();
  if (min !== undefined) s = s.min(min);
  if (max !== undefined) s = s.max(max);
  return s;
}

/**
 * A Long setting whose Kafka default is Long.MAX_VALUE, meaning "never": null, or any number
 * ≥ 2^53 (e.g. 9223372036854775807 written out), reads as null; otherwise an integer ≥ min.
 */
export function intOrNever(min: number): z.ZodType<number | null> {
  return z.unknown().transform((v, ctx): number | null => {
    if (v === null) return null;
    if (typeof v !== 'number' || Number.isNaN(v)) {
      ctx.addIssue({ code: 'custom', message: `must be a number, or null for never, got ${show(v)}` });
      return z.NEVER;
    }
    if (v >= NEVER_THRESHOLD) return null;
    if (!Number.isInteger(v)) {
      ctx.addIssue({ code: 'custom', message: `must be an integer, or null for never, got ${show(v)}` });
      return z.NEVER;
    }
    if (v < min) {
      ctx.addIssue({ code: 'custom', message: `must be at least ${min} (or null for never), got ${show(v)}` });
      return z.NEVER;
    }
    return v;
  });
}

/** Kafka's acks: "0", "1", "all" or its alias "-1"; the numbers 0, 1 and -1 are accepted too. */
export const acksSchema: z.ZodType<Acks> = z
  .union([z.enum(['0', '1', 'all', '-1']), z.literal([0, 1, -1])], {
    error: 'must be "0", "1", "all" or "-1"',
  })
  .transform((v): Acks => (v === 'all' || v === '-1' || v === -1 ? 'all' : v === '0' || v === 0 ? '0' : '1'));

export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 40 ? `${s.slice(0, 37)}…"` : s;
}

interface Setting<T> {
  schema: z.ZodType<T>;
  default: T;
}
type Table<S> = { [K in keyof S]-?: Setting<Exclude<S[K], undefined>> };
type PartialTable<S> = { [K in keyof S]-?: { schema: z.ZodType<Exclude<S[K], undefined>> } };

/** Broker-level settings (server.properties), cluster-wide. */
export const BROKER_SETTINGS: Table<BrokerSettings> = {
  'min.insync.replicas': { schema: int(1), default: 1 },
  'unclean.leader.election.enable': { schema: z.boolean(), default: false },
  'unclean.leader.election.interval.ms': { schema: int(1), default: 300000 },
  // Periods must be positive: the engine schedules a timer every (half) period.
  'replica.lag.time.max.ms': { schema: int(1), default: 30000 },
  'replica.fetch.wait.max.ms': { schema: int(0), default: 500 },
  'replica.fetch.max.bytes': { schema: int(0), default: 1048576 },
  'replica.fetch.backoff.ms': { schema: int(0), default: 1000 },
  'log.flush.interval.messages': { schema: intOrNever(1), default: null },
  'log.flush.interval.ms': { schema: intOrNever(0), default: null },
  'log.flush.scheduler.interval.ms': { schema: intOrNever(1), default: null },
  'log.retention.ms': { schema: int(-1), default: 604800000 },
  'log.retention.bytes': { schema: int(-1), default: -1 },
  // Kafka's minimum is 1048576 (1 MiB); the playground allows tiny segments (down to 1 byte) so
  // that retention, which deletes whole segments, can be watched with a handful of records.
  'log.segment.bytes': { schema: int(1), default: 1073741824 },
  'log.roll.ms': { schema: int(1), default: 604800000 },
  'log.retention.check.interval.ms': { schema: int(1), default: 300000 },
  'broker.heartbeat.interval.ms': { schema: int(1), default: 2000 },
  'broker.session.timeout.ms': { schema: int(1), default: 9000 },
  'auto.leader.rebalance.enable': { schema: z.boolean(), default: true },
  'leader.imbalance.check.interval.seconds': { schema: int(1), default: 300 },
  // KRaft's controller balances whenever any partition is off its preferred leader; the
  // per-broker percentage only ever applied to the ZooKeeper controller.
  'leader.imbalance.per.broker.percentage': { schema: int(0), default: 10 },
  // Group coordinator (GroupCoordinatorConfig); the offsets topic exists only when a scenario has
  // consumer groups.
  'offsets.topic.num.partitions': { schema: int(1, MAX_OFFSETS_PARTITIONS), default: 50 },
  'offsets.topic.replication.factor': { schema: int(1, 32767), default: 3 },
  'group.initial.rebalance.delay.ms': { schema: int(0), default: 3000 },
  'group.min.session.timeout.ms': { schema: int(0), default: 6000 },
  'group.max.session.timeout.ms': { schema: int(0), default: 1800000 },
  'offsets.commit.timeout.ms': { schema: int(1), default: 5000 },
};

/** Broker settings read once when the cluster starts: a `set` action cannot change them. */
export const STARTUP_ONLY_BROKER_SETTINGS: readonly (keyof BrokerSettings)[] = ['offsets.topic.num.partitions', 'offsets.topic.replication.factor'];

/**
 * Broker settings accepted on input only and converted into their `.ms` form, with Kafka's
 * precedence (`KafkaConfig.logRetentionTimeMillis`, `logRollTimeMillis`): ms > minutes > hours.
 */
export const BROKER_TIME_ALIASES = {
  'log.retention.minutes': { schema: int(-1), target: 'log.retention.ms', factor: 60_000 },
  'log.retention.hours': { schema: int(-1), target: 'log.retention.ms', factor: 3_600_000 },
  'log.roll.hours': { schema: int(1), target: 'log.roll.ms', factor: 3_600_000 },
} as const satisfies Record<string, { schema: z.ZodNumber; target: keyof BrokerSettings; factor: number }>;

/** Topic-level overrides (topic config names); absent = the broker's setting. */
export const TOPIC_SETTINGS: PartialTable<TopicConfig> = {
  'min.insync.replicas': { schema: int(1) },
  'unclean.leader.election.enable': { schema: z.boolean() },
  'retention.ms': { schema: int(-1) },
  'retention.bytes': { schema: int(-1) },
  // Smaller than Kafka's minimum allowed on purpose, as for log.segment.bytes.
  'segment.bytes': { schema: int(1) },
  'segment.ms': { schema: int(1) },
  'flush.messages': { schema: intOrNever(1) },
  'flush.ms': { schema: intOrNever(0) },
};

/** Producer settings (ProducerConfig names) with Kafka 4.x defaults. */
export const PRODUCER_SETTINGS: Table<ProducerSettings> = {
  acks: { schema: acksSchema, default: 'all' },
  retries: { schema: int(0, JAVA_INT_MAX), default: JAVA_INT_MAX },
  'retry.backoff.ms': { schema: int(0), default: 100 },
  'retry.backoff.max.ms': { schema: int(0), default: 1000 },
  'request.timeout.ms': { schema: int(0, JAVA_INT_MAX), default: 30000 },
  'delivery.timeout.ms': { schema: int(0, JAVA_INT_MAX), default: 120000 },
  'linger.ms': { schema: int(0), default: 5 },
  'batch.size': { schema: int(0, JAVA_INT_MAX), default: 16384 },
  'max.in.flight.requests.per.connection': { schema: int(1, JAVA_INT_MAX), default: 5 },
  'enable.idempotence': { schema: z.boolean(), default: true },
  'metadata.max.age.ms': { schema: int(0), default: 300000 },
  'buffer.memory': { schema: int(0), default: 33554432 },
  'max.block.ms': { schema: int(0), default: 60000 },
  'max.request.size': { schema: int(0, JAVA_INT_MAX), default: 1048576 },
  'partitioner.class': { schema: z.enum(PARTITIONER_CLASSES).nullable(), default: null },
  send: { schema: z.enum(['sync', 'async', 'fire-and-forget']), default: 'async' },
};

export const NETWORK_SETTINGS: Table<NetworkSettings> = {
  // At least 1 ms (a playground rule; Kafka has no such setting): with zero-delay links two nodes
  // could answer each other forever (a fetch with replica.fetch.wait.max.ms 0, a retry with no
  // backoff) without virtual time passing.
  'latency.ms': { schema: int(1), default: 1 },
  'jitter.ms': { schema: int(0), default: 0 },
};

/** Broker setting → the topic-level override of the same thing (for hints on misplaced keys). */
export const BROKER_TO_TOPIC: Partial<Record<string, keyof TopicConfig>> = {
  'min.insync.replicas': 'min.insync.replicas',
  'unclean.leader.election.enable': 'unclean.leader.election.enable',
  'log.retention.ms': 'retention.ms',
  'log.retention.bytes': 'retention.bytes',
  'log.segment.bytes': 'segment.bytes',
  'log.roll.ms': 'segment.ms',
  'log.flush.interval.messages': 'flush.messages',
  'log.flush.interval.ms': 'flush.ms',
};

export function keysOf<T extends object>(o: T): (keyof T & string)[] {
  return Object.keys(o) as (keyof T & string)[];
}

/** A zod shape with every setting of the table optional (strict objects are built from it). */
export function optionalShape(table: Record<string, { schema: z.ZodType }>): Record<string, z.ZodOptional<z.ZodType>> {
  const shape: Record<string, z.ZodOptional<z.ZodType>> = {};
  for (const [k, s] of Object.entries(table)) shape[k] = s.schema.optional();
  return shape;
}
