/**
 * parseScenario: checks a scenario (an object, or its JSON text), fills in Kafka's defaults and
 * returns the `Scenario` contract of ./types. Each part is checked on its own (zod strict objects:
 * unknown keys are errors), then the references between parts (broker ids, topic and producer
 * names, partitions, nodes, members, Kafka's own config rules) and the playground's limits. Every
 * problem found is reported at once, in file order, in one ScenarioError:
 * `script[3].broker: no broker 7 in a 3-broker cluster`.
 *
 * parseScenario(parseScenario(x)) equals parseScenario(x): the output is valid input. For that,
 * topics also accept their overrides under `config`, and producers accept `explicit`.
 *
 * validateCommand checks a command for a live simulation with the same code and messages.
 */
import type { z } from 'zod';
import type { BrokerSettings, NetworkSettings, ProducerSpec, Scenario, ScriptAction, TopicSpec } from './types';
import { BROKER_SETTINGS, NETWORK_SETTINGS } from './schema/settings';
import { brokerInput, networkInput, topLevelInput } from './schema/scenario';
import { show } from './schema/settings';
import type { PathSegment } from './schema/issues';
import { Issues, ScenarioError, addZodIssues, isRecord, type ScenarioIssue } from './parseIssues';
import { resolveBrokerAliases, withDefaults } from './parseSettings';
import { buildTopic, checkTopicNames } from './parseTopics';
import { buildProducer, checkProducerIds } from './parseProducers';
import { buildAction, parseActionInput } from './parseScript';
import type { Checks } from './parseChecks';
import { checkRecords, checkUntil, defaultUntil } from './parseLimits';
import { buildGroups, planMembers } from './groups';

export { ScenarioError, type ScenarioIssue } from './parseIssues';
export { MAX_BROKERS, MAX_PARTITIONS } from './schema/scenario';
export { DEFAULT_TAIL_MS, MAX_RECORDS, MAX_UNTIL_MS } from './parseLimits';

export function parseScenario(input: unknown): Scenario {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (e) {
      throw new ScenarioError('(json)', e instanceof Error ? e.message : String(e));
    }
  }
  const { scenario, issues } = parseParts(raw);
  issues.throwIfAny();
  return scenario;
}

interface Parts {
  scenario: Scenario;
  /** Each script entry as built, by its index in the input (undefined when it has problems). */
  actions: (ScriptAction | undefined)[];
  issues: Issues;
}

/** The top-level fields that are right (the others are reported and left out). */
function topFields(raw: Record<string, unknown>): Partial<z.infer<typeof topLevelInput>> {
  const out: Record<string, unknown> = {};
  for (const [k, schema] of Object.entries(topLevelInput.shape)) {
    const r = (schema as z.ZodType).safeParse(raw[k]);
    if (r.success && r.data !== undefined) out[k] = r.data;
  }
  return out as Partial<z.infer<typeof topLevelInput>>;
}

function parseParts(raw: unknown): Parts {
  const issues = new Issues(raw);
  const top = isRecord(raw) ? raw : {};
  if (!isRecord(raw)) issues.add([], `must be an object, got ${show(raw)}`);
  else {
    const r = topLevelInput.safeParse(raw);
    if (!r.success) addZodIssues(issues, r.error.issues, raw, []);
  }
  const f = topFields(top);
  const brokersValid = f.brokers !== undefined || top.brokers === undefined;
  const brokers = f.brokers ?? 3;

  const brokerSettings = parseSettingsObject(brokerInput, top.broker, ['broker'], issues, raw);
  const broker = withDefaults<BrokerSettings>(BROKER_SETTINGS, resolveBrokerAliases(brokerSettings));
  const network = withDefaults<NetworkSettings>(NETWORK_SETTINGS, parseSettingsObject(networkInput, top.network, ['network'], issues, raw));

  const rawTopics = f.topics ?? [];
  const topics = rawTopics.map((t, i) => buildTopic(t, i, brokers, issues, raw));
  checkTopicNames(topics, issues);
  const rawProducers = f.producers ?? [];
  const producers = rawProducers.map((p, i) => buildProducer(p, i, issues, raw));
  checkProducerIds(producers, issues);

  const topicByName = new Map<string, TopicSpec>();
  for (const t of topics) if (t !== null && !topicByName.has(t.name)) topicByName.set(t.name, t);
  // Names of parts with problems of their own: referring to them adds no second problem.
  const brokenTopics = namesOfBroken(rawTopics, topics, 'name');
  const producerById = new Map<string, ProducerSpec>();
  for (const p of producers) if (p !== null && !producerById.has(p.id)) producerById.set(p.id, p);
  const brokenProducers = namesOfBroken(rawProducers, producers, 'id');

  const checkTopic = (name: string, path: readonly PathSegment[]): TopicSpec | undefined => {
    const t = topicByName.get(name);
    if (t === undefined && !brokenTopics.has(name) && rawTopics.length > 0) {
      issues.add(path, `no topic ${JSON.stringify(name)} (topics: ${[...topicByName.keys()].join(', ')})`);
    }
    return t;
  };
  const rawGroups = f.groups;
  const groups = rawGroups === undefined ? undefined : buildGroups(rawGroups, broker, checkTopic, issues, raw);

  const rawScript = f.script ?? [];
  const inputs = rawScript.map((a, i) => parseActionInput(a, i, issues, raw));
  const builtGroups = new Set((groups ?? []).map((g) => g['group.id']));
  const brokenGroups = new Set([...namesOfBroken(rawGroups ?? [], (rawGroups ?? []).map(() => null), 'group.id')].filter((id) => !builtGroups.has(id)));
  const members = planMembers(groups ?? [], inputs, issues, brokenGroups);
  const producerIds = [...producerById.keys()];
  const nodes = [...Array.from({ length: brokers }, (_, i) => `b${i + 1}`), 'controller', ...producerIds, ...brokenProducers, ...members.nodes];
  // Each group as the actions built so far leave it (a `set` on a group changes it for the next).
  const groupNow = new Map((groups ?? []).map((g) => [g['group.id'], g]));
  const checks: Checks = {
    issues,
    root: raw,
    broker,
    checkBroker: (id, path) => {
      if (!brokersValid || (id >= 1 && id <= brokers)) return true;
      issues.add(path, `no broker ${id} in a ${brokers}-broker cluster`);
      return false;
    },
    checkTopic,
    checkProducer: (id, path) => {
      const producer = producerById.get(id);
      if (producer === undefined && !brokenProducers.has(id)) {
        const known = producerIds.length === 0 ? 'the scenario has no producers' : `producers: ${producerIds.join(', ')}`;
        issues.add(path, `no producer ${JSON.stringify(id)} (${known})`);
      }
      return producer;
    },
    checkGroup: (id, path) => {
      const group = groupNow.get(id);
      if (group === undefined && !brokenGroups.has(id)) {
        const known = groupNow.size === 0 ? 'the scenario has no groups' : `groups: ${[...groupNow.keys()].join(', ')}`;
        issues.add(path, `no group ${JSON.stringify(id)} (${known})`);
      }
      return group;
    },
    setGroup: (group) => void groupNow.set(group['group.id'], group),
    checkNode: (name, path) => {
      if (!nodes.includes(name)) issues.add(path, `unknown node ${JSON.stringify(name)} (nodes: ${nodes.join(', ')})`);
    },
    members,
  };
  const actions = inputs.map((a, i) => (a === null ? undefined : buildAction(a, ['script', i], checks)));

  // Array.prototype.sort is stable: actions at the same time keep their written order.
  const timed = actions.flatMap((a, i) => (a === undefined ? [] : [[i, a] as const])).sort((x, y) => x[1].at - y[1].at);
  const script = timed.map(([, a]) => a);
  const until = f.until ?? defaultUntil(script);
  checkUntil(until, issues);
  checkRecords(timed, until, issues);

  const name = f.name;
  const description = f.description;
  const scenario: Scenario = {
    ...(name !== undefined ? { name } : {}),
    ...(description !== undefined ? { description } : {}),
    seed: f.seed ?? 1,
    until,
    brokers,
    topics: topics.filter((t): t is TopicSpec => t !== null),
    broker,
    producers: producers.filter((p): p is ProducerSpec => p !== null),
    ...(groups !== undefined ? { groups } : {}),
    network,
    script,
  };
  return { scenario, actions, issues };
}

/** The names (`key`) of the list's items that could not be built. */
function namesOfBroken(raw: readonly unknown[], built: readonly unknown[], key: string): Set<string> {
  const names = new Set<string>();
  raw.forEach((item, i) => {
    if (built[i] === null && isRecord(item) && typeof item[key] === 'string') names.add(item[key]);
  });
  return names;
}

function parseSettingsObject(
  schema: typeof brokerInput | typeof networkInput,
  value: unknown,
  path: PathSegment[],
  issues: Issues,
  root: unknown,
): Record<string, unknown> {
  if (value === undefined) return {};
  const r = schema.safeParse(value);
  if (r.success) return r.data as Record<string, unknown>;
  addZodIssues(issues, r.error.issues, root, path);
  // Keep the settings that are right, so later checks (group timeouts) see them.
  const ok: Record<string, unknown> = {};
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) {
      const s = (schema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } } | undefined>)[k];
      const one = s?.safeParse(v);
      if (one?.success) ok[k] = one.data;
    }
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------
// Commands

export type CommandCheck = { ok: true; action: ScriptAction } | { ok: false; errors: ScenarioIssue[] };

/**
 * Checks a command for a live simulation as if it were the next entry of the script: `past` holds
 * what already ran or is due at `now` (script actions, then applied commands, in that order).
 * Same checks, same messages as parseScenario; paths are the command's own (`broker`).
 */
export function validateCommand(scenario: Scenario, past: readonly ScriptAction[], command: unknown, now: number): CommandCheck {
  if (!isRecord(command)) return { ok: false, errors: [{ path: 'command', message: `must be an object, got ${show(command)}` }] };
  if ('at' in command) {
    return { ok: false, errors: [{ path: 'at', message: 'a command runs at the simulation\'s current time; give no "at"' }] };
  }
  const index = past.length;
  const script = [...past, { at: now, ...command }];
  const { actions, issues } = parseParts({ ...scenario, script });
  const prefix = `script[${index}]`;
  const errors = issues
    .list()
    .filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`) || i.path.startsWith(`${prefix}[`))
    .map((i) => ({ path: i.path === prefix ? 'command' : i.path.slice(prefix.length).replace(/^\./, ''), message: i.message }));
  const action = actions[index];
  if (errors.length > 0 || action === undefined) return { ok: false, errors: errors.length > 0 ? errors : [{ path: 'command', message: 'invalid' }] };
  return { ok: true, action };
}
