/**
 * The consumer-group part of parseScenario: `groups` and the member actions of the script
 * (`addMember`, `removeMember`, `crashMember`, `pauseMember`). Members are named `c1`, `c2` … in
 * joining order unless named; their nodes are `<group.id>/<name>`, so links to them can be cut.
 */
import type { z } from 'zod';
import type { BrokerSettings, GroupSettings, GroupSpec, MemberSpec, ScriptAction } from './types';
import { GROUP_SETTING_KEYS, GROUP_SETTINGS, groupInput, type memberInput } from './schema/groups';
import { suggest, type PathSegment } from './schema/issues';
import { addZodIssues, type Issues } from './parseIssues';

type GroupInput = z.infer<typeof groupInput>;

/** Up to this many members are listed in full when a name is unknown; beyond, the nearest is suggested. */
const MAX_LISTED = 12;

export const memberNode = (group: string, member: string): string => `${group}/${member}`;

type GroupActionInput =
  | { at: number; do: 'addMember'; group: string; member?: string; 'group.instance.id'?: string }
  | { at: number; do: 'removeMember' | 'crashMember'; group: string; member: string }
  | { at: number; do: 'pauseMember'; group: string; member: string; ms: number };

/** The groups whose structure is right (the others' problems are added to `issues`). */
export function buildGroups(
  input: readonly unknown[],
  broker: BrokerSettings,
  checkTopic: (name: string, path: readonly PathSegment[]) => void,
  issues: Issues,
  root: unknown,
): GroupSpec[] {
  const groups: GroupSpec[] = [];
  const seen = new Map<string, number>();
  input.forEach((raw, i) => {
    const parsed = groupInput.safeParse(raw);
    if (!parsed.success) return addZodIssues(issues, parsed.error.issues, root, ['groups', i]);
    const g = buildGroup(parsed.data, i, broker, checkTopic, issues);
    const prev = seen.get(g['group.id']);
    if (prev !== undefined) return issues.add(['groups', i, 'group.id'], `duplicate group ${JSON.stringify(g['group.id'])} (also groups[${prev}])`);
    seen.set(g['group.id'], i);
    groups.push(g);
  });
  return groups;
}

function buildGroup(
  g: GroupInput,
  i: number,
  broker: BrokerSettings,
  checkTopic: (name: string, path: readonly PathSegment[]) => void,
  issues: Issues,
): GroupSpec {
  const path = ['groups', i] as const;
  g.topics.forEach((t, j) => {
    checkTopic(t, [...path, 'topics', j]);
    if (g.topics.indexOf(t) !== j) issues.add([...path, 'topics', j], `topic ${JSON.stringify(t)} is listed twice`);
  });
  const settings = {} as Record<string, unknown>;
  const given = g as Record<string, unknown>;
  for (const k of GROUP_SETTING_KEYS) settings[k] = given[k] !== undefined ? given[k] : GROUP_SETTINGS[k].default;
  const s = settings as unknown as GroupSettings;
  checkTimeouts(s, ['groups', i], broker, issues);
  const members = buildMembers(g.members ?? 1, [...path, 'members'], issues);
  return { 'group.id': g['group.id'], topics: [...g.topics], members, ...s };
}

/**
 * Kafka's own checks: the client's (Heartbeat) and the coordinator's (INVALID_SESSION_TIMEOUT).
 * `path` is the group's (or a `set` action's config), the settings' names are added to it.
 */
export function checkTimeouts(s: GroupSettings, path: readonly PathSegment[], broker: BrokerSettings, issues: Issues): void {
  const session = s['session.timeout.ms'];
  if (s['heartbeat.interval.ms'] >= session) {
    issues.add(
      [...path, 'heartbeat.interval.ms'],
      `${s['heartbeat.interval.ms']} must be lower than session.timeout.ms (${session}): Kafka's consumer refuses to start`,
    );
  }
  const min = broker['group.min.session.timeout.ms'];
  const max = broker['group.max.session.timeout.ms'];
  if (session < min || session > max) {
    issues.add(
      [...path, 'session.timeout.ms'],
      `${session} is outside the broker's group.min.session.timeout.ms..group.max.session.timeout.ms (${min}..${max}): JoinGroup would fail with INVALID_SESSION_TIMEOUT`,
    );
  }
}

function buildMembers(given: number | z.infer<typeof memberInput>[], path: PathSegment[], issues: Issues): MemberSpec[] {
  const list = typeof given === 'number' ? Array.from({ length: given }, () => ({}) as z.infer<typeof memberInput>) : given;
  const names: string[] = list.map((m) => m.name).filter((n): n is string => n !== undefined);
  const members: MemberSpec[] = [];
  list.forEach((m, j) => {
    const name = m.name ?? nextName(names);
    if (m.name === undefined) names.push(name);
    if (members.some((x) => x.name === name)) return issues.add([...path, j, 'name'], `duplicate member name ${JSON.stringify(name)}`);
    const id = m['group.instance.id'];
    if (id !== undefined && members.some((x) => x['group.instance.id'] === id)) {
      return issues.add([...path, j, 'group.instance.id'], `duplicate group.instance.id ${JSON.stringify(id)}: two running members cannot share one`);
    }
    members.push(id === undefined ? { name } : { name, 'group.instance.id': id });
  });
  return members;
}

/** `c<n>`: the first free name counting on from the number of names already used. */
function nextName(used: readonly string[]): string {
  let n = used.length + 1;
  while (used.includes(`c${n}`)) n++;
  return `c${n}`;
}

interface MemberRecord {
  running: boolean;
  instanceId: string | undefined;
}

export interface MemberPlan {
  /** Every member node any group will ever have. */
  nodes: string[];
  /** The group actions, resolved (member names filled in), by script index. */
  actions: Map<number, ScriptAction>;
}

/**
 * Walks the member actions in time order (as the simulation will run them), names new members,
 * and checks that every action names a group and a member that exist at that point.
 */
export function planMembers(
  groups: readonly GroupSpec[],
  script: readonly ({ at: number; do: string } | null)[],
  issues: Issues,
  /** Groups with problems of their own: actions naming them add no second problem. */
  broken: ReadonlySet<string> = new Set(),
): MemberPlan {
  const state = new Map<string, Map<string, MemberRecord>>();
  for (const g of groups) state.set(g['group.id'], new Map(g.members.map((m) => [m.name, { running: true, instanceId: m['group.instance.id'] }])));
  const order = script.flatMap((a, i) => (a === null ? [] : [{ a, i }])).sort((x, y) => x.a.at - y.a.at);
  const actions = new Map<number, ScriptAction>();
  for (const { a, i } of order) {
    if (a.do !== 'addMember' && a.do !== 'removeMember' && a.do !== 'crashMember' && a.do !== 'pauseMember') continue;
    const action = a as GroupActionInput;
    if (broken.has(action.group)) continue;
    const members = groupMembers(state, action.group, ['script', i, 'group'], issues);
    if (members === undefined) continue;
    const resolved = resolveAction(action, members, ['script', i], issues);
    if (resolved !== undefined) actions.set(i, resolved);
  }
  const nodes = [...state].flatMap(([g, members]) => [...members.keys()].map((m) => memberNode(g, m)));
  return { nodes, actions };
}

function groupMembers(state: Map<string, Map<string, MemberRecord>>, group: string, path: PathSegment[], issues: Issues): Map<string, MemberRecord> | undefined {
  const members = state.get(group);
  if (members) return members;
  const known = [...state.keys()];
  if (known.length === 0) {
    issues.add(path, `no group ${JSON.stringify(group)} (the scenario has no groups)`);
    return undefined;
  }
  const near = suggest(group, known);
  const hint = `${near !== undefined ? `did you mean ${JSON.stringify(near)}? ` : ''}groups: ${known.join(', ')}`;
  issues.add(path, `no group ${JSON.stringify(group)} (${hint})`);
  return undefined;
}

function resolveAction(a: GroupActionInput, members: Map<string, MemberRecord>, path: PathSegment[], issues: Issues): ScriptAction | undefined {
  if (a.do === 'addMember') {
    const name = a.member ?? nextName([...members.keys()]);
    const before = members.get(name);
    if (before?.running) {
      return void issues.add([...path, 'member'], `member ${JSON.stringify(name)} of group ${JSON.stringify(a.group)} is already running (remove or crash it first)`);
    }
    const instanceId = a['group.instance.id'] ?? before?.instanceId;
    const clash = [...members].find(([m, r]) => r.running && m !== name && instanceId !== undefined && r.instanceId === instanceId);
    if (clash) {
      return void issues.add([...path, 'group.instance.id'], `${JSON.stringify(instanceId)} is already used by running member ${JSON.stringify(clash[0])}`);
    }
    members.set(name, { running: true, instanceId });
    return { at: a.at, do: 'addMember', group: a.group, member: name, ...(instanceId !== undefined ? { 'group.instance.id': instanceId } : {}) };
  }
  const record = members.get(a.member);
  if (!record) {
    const known = [...members.keys()];
    const near = known.length > MAX_LISTED ? suggest(a.member, known) : undefined;
    const hint = near !== undefined ? `did you mean ${JSON.stringify(near)}?` : known.length > 0 ? `members: ${known.join(', ')}` : 'it has no members yet';
    return void issues.add([...path, 'member'], `no member ${JSON.stringify(a.member)} in group ${JSON.stringify(a.group)} (${hint})`);
  }
  if (a.do === 'pauseMember') return { at: a.at, do: 'pauseMember', group: a.group, member: a.member, ms: a.ms };
  record.running = false;
  return { at: a.at, do: a.do, group: a.group, member: a.member };
}
