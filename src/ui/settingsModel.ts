// The settings panel's data: every setting of the running scenario with its value now — the
// parsed scenario (Kafka's defaults filled in by the engine's parser), then every `set` of the
// script and of the learner's commands up to the current time — and the command a change sends.
// Pure functions; the engine's parser and settings catalogue are passed in, not imported, so this
// file costs the page nothing until the panel loads.
import type { AllowedValues, Command, Scenario, ScriptAction, SettingDescription, SettingKind } from '../engine';
import type { TimedCommand } from '../worker/protocol';

/** One group of settings as the panel shows it: the brokers, a topic, a producer, a group. */
export interface SettingsSection {
  kind: SettingKind;
  /** The topic's name, the producer's id or the group's id; '' for the brokers and the network. */
  target: string;
  settings: { description: SettingDescription; value: unknown; overridden?: boolean }[];
}

export interface CurrentSettings {
  brokers: number;
  broker: Record<string, unknown>;
  topics: { name: string; partitions: number; replicationFactor: number; assignment?: number[][]; config: Record<string, unknown> }[];
  producers: { id: string; values: Record<string, unknown> }[];
  groups: { id: string; topics: string[]; members: { name: string; 'group.instance.id'?: string }[]; values: Record<string, unknown> }[];
  /** The simulator's links (not a Kafka setting). */
  network: Record<string, unknown>;
}

type SetLike = { do: 'set'; topic?: string; producer?: string; group?: string; config: Record<string, unknown> };

const isSet = (c: { do: string }): c is SetLike => c.do === 'set';

/** `acks` as the parser keeps it: -1 and "-1" are "all". */
function normalize(name: string, value: unknown): unknown {
  if (name === 'acks') return value === 'all' || value === '-1' || value === -1 ? 'all' : String(value);
  return value;
}

/** The scenario's settings with every `set` up to `time` applied, in the order the engine applies them. */
export function currentSettings(scenario: Scenario, commands: readonly TimedCommand[], time: number): CurrentSettings {
  const broker: Record<string, unknown> = { ...scenario.broker };
  const topics = scenario.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions,
    replicationFactor: t['replication.factor'],
    ...(t['replica.assignment'] ? { assignment: t['replica.assignment'] } : {}),
    config: { ...t.config } as Record<string, unknown>,
  }));
  const producers = scenario.producers.map((p) => {
    const { id, explicit: _explicit, ...values } = p;
    return { id, values: values as Record<string, unknown> };
  });
  const groups = (scenario.groups ?? []).map((g) => {
    const { 'group.id': id, topics: groupTopics, members, ...values } = g;
    return { id, topics: groupTopics, members, values: values as Record<string, unknown> };
  });

  const apply = (set: SetLike) => {
    const target =
      set.topic !== undefined
        ? topics.find((t) => t.name === set.topic)?.config
        : set.producer !== undefined
          ? producers.find((p) => p.id === set.producer)?.values
          : set.group !== undefined
            ? groups.find((g) => g.id === set.group)?.values
            : broker;
    if (!target) return;
    for (const [k, v] of Object.entries(set.config)) if (v !== undefined) target[k] = normalize(k, v);
  };
  const script = (scenario.script as ScriptAction[]).filter((a) => a.at <= time && isSet(a)) as unknown as (SetLike & { at: number })[];
  const learner = commands.filter((c) => c.time <= time && isSet(c.command)).map((c) => ({ ...(c.command as SetLike), at: c.time }));
  // Script actions run before commands dispatched at the same millisecond (see the engine's CommandLane).
  const all = [...script.map((a, i) => ({ a, order: 0, i })), ...learner.map((a, i) => ({ a, order: 1, i }))];
  all.sort((x, y) => x.a.at - y.a.at || x.order - y.order || x.i - y.i);
  for (const { a } of all) apply(a);
  return { brokers: scenario.brokers, broker, topics, producers, groups, network: { ...scenario.network } };
}

/** The panel's sections, in the order a learner meets them: brokers, topics, producers, groups. */
export function settingsSections(current: CurrentSettings, catalogue: Record<SettingKind, SettingDescription[]>): SettingsSection[] {
  const rows = (descriptions: SettingDescription[], values: Record<string, unknown>) =>
    descriptions.map((description) => ({ description, value: values[description.name] }));
  return [
    { kind: 'broker', target: '', settings: rows(catalogue.broker, current.broker) },
    ...current.topics.map((t) => ({
      kind: 'topic' as const,
      target: t.name,
      settings: catalogue.topic.map((description) => {
        const own = t.config[description.name];
        const inherited = description.brokerSetting !== undefined ? current.broker[description.brokerSetting] : undefined;
        return { description, value: own !== undefined ? own : inherited, overridden: own !== undefined };
      }),
    })),
    ...current.producers.map((p) => ({ kind: 'producer' as const, target: p.id, settings: rows(catalogue.producer, p.values) })),
    ...current.groups.map((g) => ({ kind: 'group' as const, target: g.id, settings: rows(catalogue.group, g.values) })),
    { kind: 'network', target: '', settings: rows(catalogue.network, current.network) },
  ];
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value as the panel and the config files write it: null stays "null", lists are comma-separated. */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(',');
  if (value === null) return 'null';
  return String(value);
}

/**
 * What the learner typed, as the value to send: numbers as numbers, "null" or nothing as null
 * where null means never, anything else as typed (the engine refuses it with its own message).
 */
export function parseDraft(allowed: AllowedValues, text: string): unknown {
  const s = text.trim();
  switch (allowed.kind) {
    case 'boolean':
      return s === 'true' ? true : s === 'false' ? false : s;
    case 'enum':
      return s === 'null' && allowed.values.includes(null) ? null : s;
    case 'list':
      return s.split(',').map((x) => x.trim()).filter(Boolean);
    case 'int':
      if (allowed.never && (s === '' || s.toLowerCase() === 'null' || s.toLowerCase() === 'never')) return null;
      return s !== '' && Number.isFinite(Number(s)) ? Number(s) : s;
  }
}

/** The `set` command that changes one setting of a section live, or null where the engine cannot. */
export function setCommand(section: Pick<SettingsSection, 'kind' | 'target'>, name: string, value: unknown): Command | null {
  const config = { [name]: value };
  switch (section.kind) {
    case 'broker':
      return { do: 'set', config } as Command;
    case 'topic':
      return { do: 'set', topic: section.target, config } as Command;
    case 'producer':
      return { do: 'set', producer: section.target, config } as Command;
    case 'group':
      return { do: 'set', group: section.target, config } as Command;
    default:
      return null;
  }
}

/**
 * The time of the last `set` (the script's or the learner's) at or before `time`, or -1: the
 * settings change only then, so the panel redraws at those moments and not on every frame.
 */
export function lastSetAt(rawScenario: unknown, commands: readonly TimedCommand[], time: number): number {
  let last = -1;
  const script = (rawScenario as { script?: unknown } | null)?.script;
  if (Array.isArray(script)) {
    for (const a of script as { at?: unknown; do?: unknown }[]) {
      if (a && a.do === 'set' && typeof a.at === 'number' && a.at <= time && a.at > last) last = a.at;
    }
  }
  for (const c of commands) if (c.command.do === 'set' && c.time <= time && c.time > last) last = c.time;
  return last;
}
