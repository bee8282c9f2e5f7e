/**
 * Consumer group settings with Kafka's names and defaults (ConsumerConfig, Kafka 4.x), plus the
 * playground's description of the application around the consumer (`commit`, `processing`,
 * `processing.ms`, `idempotent.sink`). One table, as for the other kinds of settings.
 */
import { z } from 'zod';
import { normalizeAssignor } from '../assignorNames';
import type { GroupSettings } from '../types';
import { int, keysOf, optionalShape, show } from './settings';

const JAVA_INT_MAX = 2147483647;
/** Most members one group may start with (a playground limit, not Kafka's). */
export const MAX_MEMBERS = 64;
/** Member names: like topic names, and never a "/" (it separates group and member in node names). */
export const MEMBER_NAME = /^[a-zA-Z0-9._-]+$/;

const SHORT_NAMES = 'range, roundrobin, sticky, cooperative-sticky';

/**
 * `partition.assignment.strategy`: a list (or Kafka's comma-separated string) of class names or
 * short names, kept as short names in preference order.
 */
const strategySchema: z.ZodType<string[]> = z.unknown().transform((v, ctx): string[] => {
  const items = typeof v === 'string' ? v.split(',') : v;
  if (!Array.isArray(items) || items.some((x) => typeof x !== 'string')) {
    ctx.addIssue({ code: 'custom', message: `must be a list of assignor names, got ${show(v)}` });
    return z.NEVER;
  }
  const names: string[] = [];
  for (const item of items as string[]) {
    const name = normalizeAssignor(item);
    if (name === null) {
      ctx.addIssue({ code: 'custom', message: `unknown assignor ${JSON.stringify(item.trim())} (known: ${SHORT_NAMES}, or Kafka's class names)` });
      return z.NEVER;
    }
    if (!names.includes(name)) names.push(name);
  }
  if (names.length === 0) {
    ctx.addIssue({ code: 'custom', message: `must name at least one assignor (${SHORT_NAMES})` });
    return z.NEVER;
  }
  return names;
});

interface Setting<T> {
  schema: z.ZodType<T>;
  default: T;
}

export const GROUP_SETTINGS: { [K in keyof GroupSettings]-?: Setting<GroupSettings[K]> } = {
  'session.timeout.ms': { schema: int(1, JAVA_INT_MAX), default: 45000 },
  'heartbeat.interval.ms': { schema: int(1, JAVA_INT_MAX), default: 3000 },
  'max.poll.interval.ms': { schema: int(1, JAVA_INT_MAX), default: 300000 },
  'max.poll.records': { schema: int(1, JAVA_INT_MAX), default: 500 },
  'fetch.max.wait.ms': { schema: int(0, JAVA_INT_MAX), default: 500 },
  'max.partition.fetch.bytes': { schema: int(0, JAVA_INT_MAX), default: 1048576 },
  'enable.auto.commit': { schema: z.boolean(), default: true },
  'auto.commit.interval.ms': { schema: int(0, JAVA_INT_MAX), default: 5000 },
  'auto.offset.reset': { schema: z.enum(['latest', 'earliest', 'none']), default: 'latest' },
  'partition.assignment.strategy': { schema: strategySchema, default: ['range', 'cooperative-sticky'] },
  'request.timeout.ms': { schema: int(0, JAVA_INT_MAX), default: 30000 },
  'retry.backoff.ms': { schema: int(0), default: 100 },
  commit: { schema: z.enum(['none', 'sync-after-processing', 'async-after-processing', 'sync-before-processing']), default: 'none' },
  processing: { schema: z.enum(['in-poll-loop', 'async']), default: 'in-poll-loop' },
  'processing.ms': { schema: int(0), default: 1 },
  'idempotent.sink': { schema: z.boolean(), default: false },
};

export const memberInput = z.strictObject({
  name: z.string().min(1).regex(MEMBER_NAME, 'may contain only ASCII letters, digits, ".", "_" and "-"').optional(),
  'group.instance.id': z.string().min(1).optional(),
});

export const GROUP_KEYS = ['group.id', 'topics', 'members'] as const;
export const GROUP_SETTING_KEYS = keysOf(GROUP_SETTINGS);

export const groupInput = z.strictObject({
  'group.id': z.string().min(1),
  topics: z.array(z.string().min(1)).min(1),
  members: z.union([int(0, MAX_MEMBERS), z.array(memberInput).max(MAX_MEMBERS)]).optional(),
  ...optionalShape(GROUP_SETTINGS),
});
export const MEMBER_KEYS = ['name', 'group.instance.id'] as const;

export const memberName = z.string().min(1);
export const groupActionShapes = {
  addMember: {
    do: z.literal('addMember'),
    group: z.string().min(1),
    member: memberName.regex(MEMBER_NAME, 'may contain only ASCII letters, digits, ".", "_" and "-"').optional(),
    'group.instance.id': z.string().min(1).optional(),
  },
  member: { do: z.enum(['removeMember', 'crashMember']), group: z.string().min(1), member: memberName },
  pauseMember: { do: z.literal('pauseMember'), group: z.string().min(1), member: memberName, ms: int(1) },
};
