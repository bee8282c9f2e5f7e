// The three knobs a learner came for — the producer's `acks`, the consumer's commit mode, the
// flush policy — read from the scenario plus the commands applied so far, and the change each
// click makes. Pure functions: the store sends what they return.
import type { Command } from '../engine';
import type { TimedCommand } from '../worker/protocol';

export type AcksKnob = '0' | '1' | 'all';
export type CommitKnob = 'auto' | 'after' | 'before';
export type FlushKnob = 'every' | 'os';

interface ScenarioShape {
  producers?: { id: string; acks?: string | number }[];
  groups?: { 'group.id': string; 'enable.auto.commit'?: boolean; commit?: string }[];
  broker?: Record<string, unknown>;
}

const asScenario = (s: unknown): ScenarioShape => (s && typeof s === 'object' ? (s as ScenarioShape) : {});

export function normalizeAcks(value: unknown): AcksKnob {
  const v = String(value);
  return v === '0' ? '0' : v === '1' ? '1' : 'all';
}

/** The first producer's id, the one the acks knob turns; null with no producer. */
export function knobProducer(scenario: unknown): string | null {
  return asScenario(scenario).producers?.[0]?.id ?? null;
}

export function knobGroup(scenario: unknown): string | null {
  return asScenario(scenario).groups?.[0]?.['group.id'] ?? null;
}

/** `acks` of the first producer at `time`: the scenario's, then any `set` up to then. */
export function acksAt(scenario: unknown, commands: readonly TimedCommand[], time: number): AcksKnob | null {
  const producer = knobProducer(scenario);
  if (!producer) return null;
  let acks = normalizeAcks(asScenario(scenario).producers?.[0]?.acks ?? 'all');
  for (const { time: t, command } of commands) {
    if (t > time || command.do !== 'set' || !('producer' in command) || command.producer !== producer) continue;
    const value = (command.config as Record<string, unknown>).acks;
    if (value !== undefined) acks = normalizeAcks(value);
  }
  return acks;
}

export function flushAt(scenario: unknown, commands: readonly TimedCommand[], time: number): FlushKnob {
  let messages: unknown = asScenario(scenario).broker?.['log.flush.interval.messages'] ?? null;
  for (const { time: t, command } of commands) {
    if (t > time || command.do !== 'set' || 'producer' in command || 'topic' in command) continue;
    const config = command.config as Record<string, unknown>;
    if ('log.flush.interval.messages' in config) messages = config['log.flush.interval.messages'];
  }
  return messages === 1 ? 'every' : 'os';
}

export function commitOf(scenario: unknown): CommitKnob | null {
  const group = asScenario(scenario).groups?.[0];
  if (!group) return null;
  if (group['enable.auto.commit'] !== false && (group.commit ?? 'none') === 'none') return 'auto';
  return group.commit?.includes('before') ? 'before' : 'after';
}

export function acksCommand(producer: string, acks: AcksKnob): Command {
  // acks 0 or 1 with idempotence is a configuration Kafka refuses; the knob turns idempotence off
  // with it, as a learner would have to in a real client.
  const config = acks === 'all' ? { acks: 'all' } : { acks, 'enable.idempotence': false };
  return { do: 'set', producer, config } as Command;
}

export function flushCommand(flush: FlushKnob): Command {
  return { do: 'set', config: { 'log.flush.interval.messages': flush === 'every' ? 1 : null } } as Command;
}

/**
 * The engine cannot change a running group's commit mode yet (`set` takes a producer, a topic or
 * the brokers), so the commit knob rewrites the scenario's first group and the store replays the
 * same history with it. Returns the new scenario object.
 */
export function withCommit(scenario: unknown, commit: CommitKnob): unknown {
  const s = asScenario(scenario);
  if (!s.groups?.length) return scenario;
  const settings =
    commit === 'auto'
      ? { 'enable.auto.commit': true, commit: 'none' }
      : { 'enable.auto.commit': false, commit: commit === 'after' ? 'sync-after-processing' : 'sync-before-processing' };
  const groups = s.groups.map((g, i) => (i === 0 ? { ...g, ...settings } : g));
  return { ...(scenario as object), groups };
}
