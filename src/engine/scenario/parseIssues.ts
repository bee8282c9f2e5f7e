/**
 * What parseScenario reports: every problem it finds, each as `{ path, message }`, in file order,
 * thrown together as one ScenarioError. Also turns zod's issues into these one-line messages,
 * with hints for misspelled keys and settings put at the wrong level.
 */
import type { z } from 'zod';
import { BROKER_SETTINGS, BROKER_TIME_ALIASES, BROKER_TO_TOPIC, NETWORK_SETTINGS, TOPIC_SETTINGS, keysOf } from './schema/settings';
import { describeIssue, formatPath, suggest, valueAt, type PathSegment } from './schema/issues';
import { GROUP_KEYS, GROUP_SETTING_KEYS, MEMBER_KEYS } from './schema/groups';
import { PRODUCER_KEYS, TOPIC_KEYS, TOP_KEYS } from './schema/scenario';
import { ACTION_KINDS, actionKeys } from './schema/actions';

/** One problem: where (`script[3].broker`) and what is wrong (`no broker 7 in a 3-broker cluster`). */
export interface ScenarioIssue {
  path: string;
  message: string;
}

const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ');

/**
 * A scenario that cannot be run. `issues` lists every problem in file order; `message` has one
 * `path: message` line per issue; `path` and `reason` are those of the first.
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly path: string;
  /** The first problem's message without its path. */
  readonly reason: string;
  readonly issues: readonly ScenarioIssue[];
  constructor(path: string, reason: string);
  constructor(issues: readonly ScenarioIssue[]);
  constructor(pathOrIssues: string | readonly ScenarioIssue[], reason = '') {
    const issues = typeof pathOrIssues === 'string' ? [{ path: pathOrIssues, message: reason }] : pathOrIssues;
    const clean = issues.map((i) => ({ path: i.path, message: oneLine(i.message) }));
    super(clean.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.issues = clean;
    this.path = clean[0]?.path ?? 'scenario';
    this.reason = clean[0]?.message ?? 'invalid';
  }
}

interface Found {
  path: PathSegment[];
  message: string;
}

/** Collects the problems of one parse; `throwIfAny` sorts them into file order. */
export class Issues {
  private readonly found: Found[] = [];
  constructor(private readonly root: unknown) {}

  add(path: readonly PathSegment[], message: string): void {
    this.found.push({ path: [...path], message });
  }

  get count(): number {
    return this.found.length;
  }

  /** The problems in file order (where their path first appears in the input), then as found. */
  list(): ScenarioIssue[] {
    const keyed = this.found.map((f, i) => ({ f, i, order: fileOrder(this.root, f.path) }));
    keyed.sort((a, b) => compareOrder(a.order, b.order) || a.i - b.i);
    const seen = new Set<string>();
    const out: ScenarioIssue[] = [];
    for (const { f } of keyed) {
      const issue = { path: formatPath(f.path), message: f.message };
      const id = `${issue.path}\u0000${issue.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(issue);
    }
    return out;
  }

  throwIfAny(): void {
    if (this.found.length > 0) throw new ScenarioError(this.list());
  }
}

/** A path as positions in the input: array indices, and each key's place among its object's keys. */
function fileOrder(root: unknown, path: readonly PathSegment[]): number[] {
  const order: number[] = [];
  let v: unknown = root;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') order.push(seg);
    else if (isRecord(v)) {
      const keys = Object.keys(v);
      const i = keys.indexOf(String(seg));
      // A missing key (`required`) goes after the keys its object has.
      order.push(i === -1 ? keys.length : i);
    } else order.push(0);
    v = isRecord(v) || Array.isArray(v) ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  }
  return order;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------------
// zod issues → messages

export type SettingsKind = 'broker' | 'topic' | 'producer' | 'network' | 'group';

export const BROKER_INPUT_KEYS = [...keysOf(BROKER_SETTINGS), ...keysOf(BROKER_TIME_ALIASES)];
const TOPIC_SETTING_KEYS = keysOf(TOPIC_SETTINGS);
const NETWORK_KEYS = keysOf(NETWORK_SETTINGS);

const has = (list: readonly string[], key: string): boolean => list.includes(key);

/** `unknown setting (did you mean "x"?)`, with hints for a setting put at the wrong level. */
function unknownKey(key: string, known: readonly string[], kind: SettingsKind | 'key', extra = ''): { reason: string; near?: string } {
  const noun = kind === 'key' ? 'unknown key' : 'unknown setting';
  // A broker name on a topic, or a topic name on the broker: suggest the right spelling.
  let near: string | undefined;
  if (kind === 'topic') near = BROKER_TO_TOPIC[key];
  if (kind === 'broker') near = keysOf(BROKER_TO_TOPIC).find((b) => BROKER_TO_TOPIC[b] === key);
  near ??= suggest(key, known);
  if (near !== undefined && near !== key) return { reason: `${noun} (did you mean "${near}"?)`, near };
  if (kind !== 'producer' && has(PRODUCER_KEYS, key)) return { reason: `${noun} (${key} is a producer setting)` };
  if (kind === 'group' && has(BROKER_INPUT_KEYS, key)) return { reason: `${noun} (${key} is a broker setting)` };
  if (kind === 'producer' && (has(BROKER_INPUT_KEYS, key) || has(TOPIC_SETTING_KEYS, key))) {
    return { reason: `${noun} (${key} is a broker or topic setting, not a producer setting)` };
  }
  return { reason: `${noun}${extra}` };
}

/** Known keys and kind of the object at `path` in the raw input (for unrecognized_keys issues). */
function objectAt(path: readonly PropertyKey[], root: unknown): { known: readonly string[]; kind: SettingsKind | 'key'; extra?: string } {
  const [first, , third] = path;
  if (path.length === 0) return { known: TOP_KEYS, kind: 'key' };
  if (first === 'broker') return { known: BROKER_INPUT_KEYS, kind: 'broker' };
  if (first === 'network') return { known: NETWORK_KEYS, kind: 'network' };
  if (first === 'producers') return { known: [...PRODUCER_KEYS, 'id', 'explicit'], kind: 'producer' };
  if (first === 'groups') {
    if (third === 'members') return { known: MEMBER_KEYS, kind: 'key' };
    return { known: [...GROUP_KEYS, ...GROUP_SETTING_KEYS], kind: 'group' };
  }
  if (first === 'topics') {
    if (third === 'config') return { known: TOPIC_SETTING_KEYS, kind: 'topic' };
    return { known: [...TOPIC_KEYS, ...TOPIC_SETTING_KEYS], kind: 'topic' };
  }
  if (first === 'script') {
    const action = valueAt(root, path);
    const kind = isRecord(action) && typeof action.do === 'string' ? action.do : '';
    const keys = actionKeys(kind);
    return { known: keys, kind: 'key', extra: ` (a "${kind}" action takes ${keys.join(', ')})` };
  }
  return { known: [], kind: 'key' };
}

function knownFor(kind: SettingsKind): readonly string[] {
  switch (kind) {
    case 'broker':
      return BROKER_INPUT_KEYS;
    case 'topic':
      return TOPIC_SETTING_KEYS;
    case 'producer':
      return PRODUCER_KEYS;
    case 'network':
      return NETWORK_KEYS;
    case 'group':
      return GROUP_SETTING_KEYS;
  }
}

/**
 * Adds every zod issue of the value at `prefix` to `out`. A key reported `required` is left out
 * when a misspelled key in the same object suggests it: the misspelling is the helpful message.
 * `unknownKind` names the settings table of a `set` action's config.
 */
export function addZodIssues(out: Issues, issues: readonly z.core.$ZodIssue[], root: unknown, prefix: readonly PathSegment[], unknownKind?: SettingsKind): void {
  // zod's paths hold strings and numbers only (no symbols in JSON).
  const atPrefix = valueAt(root, prefix);
  const suggested = new Set<string>();
  const rest: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') {
      rest.push(issue);
      continue;
    }
    const issuePath = issue.path as PathSegment[];
    const where = unknownKind !== undefined
      ? { known: knownFor(unknownKind), kind: unknownKind, extra: undefined }
      : objectAt([...prefix, ...issuePath], root);
    for (const key of issue.keys) {
      const { reason, near } = unknownKey(key, where.known, where.kind, where.extra);
      if (near !== undefined) suggested.add(formatPath([...prefix, ...issuePath, near]));
      out.add([...prefix, ...issuePath, key], reason);
    }
  }
  // One message per place: a value that breaks two rules (empty, and not a legal name) gets the first.
  const told = new Set<string>();
  for (const issue of rest) {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    const where = formatPath(path);
    if (told.has(where)) continue;
    told.add(where);
    if (issue.code === 'invalid_union' && issue.discriminator !== undefined) {
      const value = valueAt(atPrefix, issue.path);
      const expected = `one of ${ACTION_KINDS.join(', ')}`;
      out.add(
        path,
        value === undefined
          ? `required (${expected})`
          : typeof value === 'string'
            ? `unknown action ${JSON.stringify(value)} (expected ${expected})`
            : `must be an action name (${expected})`,
      );
      continue;
    }
    const message = describeIssue(issue, atPrefix);
    if (message === 'required' && suggested.has(where)) continue;
    out.add(path, message);
  }
}
