/** Settings as parsed: Kafka's time aliases resolved, defaults filled in, canonical key order. */
import type { BrokerSettings } from './types';
import { BROKER_TIME_ALIASES, keysOf } from './schema/settings';

/** Kafka's precedence for time settings given in several units: ms > minutes > hours. */
export function resolveBrokerAliases(input: Record<string, unknown>): Partial<BrokerSettings> {
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
export function pick<T extends object>(table: T, given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keysOf(table)) if (given[k] !== undefined) out[k] = given[k];
  return out;
}

export function withDefaults<S>(table: { [K in keyof S]-?: { default: S[K] } }, given: Record<string, unknown>): S {
  const out: Record<string, unknown> = {};
  for (const k of keysOf(table)) out[k] = given[k] !== undefined ? given[k] : table[k].default;
  return out as S;
}
