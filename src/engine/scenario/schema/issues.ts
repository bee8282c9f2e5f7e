/**
 * Turns zod issues into one-line `path: what is wrong` messages, and suggests the nearest known
 * key for a misspelled one.
 */
import type { z } from 'zod';
import { show } from './settings';

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z0-9_.-]+$/;

/** `topics[0].replica.assignment[1]`; keys with dots stay as they are; odd keys are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (PLAIN_KEY.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out === '' ? 'scenario' : out;
}

/** The raw value at `path` inside `root` (undefined when absent). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** Levenshtein distance (small strings only). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The known key closest to `key`, if it is close enough to be a likely typo. */
export function suggest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === lower ? 0 : distance(lower, k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  const limit = Math.max(2, Math.floor(key.length / 4));
  if (best !== undefined && bestD <= limit) return best;
  // A truncated or extended name: `unclean.leader.election` for `unclean.leader.election.enable`.
  if (lower.length >= 4) {
    const related = known.filter((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase()));
    // Several (`.enable`, `.interval.ms`): the nearest one.
    related.sort((a, b) => distance(lower, a.toLowerCase()) - distance(lower, b.toLowerCase()));
    if (related.length === 1 || (related.length > 1 && distance(lower, related[0]!.toLowerCase()) < distance(lower, related[1]!.toLowerCase()))) return related[0];
  }
  return undefined;
}

export interface FoundIssue {
  path: PropertyKey[];
  message: string;
}

function plural(n: number | bigint, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The message for one zod issue, without its path. `root` is the raw input, so the offending value
 * can be quoted. Unrecognized keys and unknown discriminators are handled by the caller.
 */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const value = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) return 'required';
      const got = `got ${show(value)}`;
      switch (issue.expected) {
        case 'int':
          return `must be an integer, ${got}`;
        case 'number':
          return `must be a number, ${got}`;
        case 'string':
          return `must be a string, ${got}`;
        case 'boolean':
          return `must be true or false, ${got}`;
        case 'object':
        case 'record':
          return `must be an object, ${got}`;
        case 'array':
        case 'tuple':
          return `must be an array, ${got}`;
        default:
          return `must be ${issue.expected}, ${got}`;
      }
    }
    case 'too_small':
      if (issue.origin === 'string') {
        return issue.minimum === 1 ? 'must not be empty' : `must be at least ${plural(issue.minimum, 'character')} long`;
      }
      if (issue.origin === 'array') {
        return issue.exact ? `must have exactly ${plural(issue.minimum, 'item')}` : `must have at least ${plural(issue.minimum, 'item')}`;
      }
      return issue.inclusive === false
        ? `must be greater than ${issue.minimum}, got ${show(value)}`
        : `must be at least ${issue.minimum}, got ${show(value)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${plural(issue.maximum, 'character')} long`;
      if (issue.origin === 'array') {
        return issue.exact ? `must have exactly ${plural(issue.maximum, 'item')}` : `must have at most ${plural(issue.maximum, 'item')}`;
      }
      return issue.inclusive === false
        ? `must be less than ${issue.maximum}, got ${show(value)}`
        : `must be at most ${issue.maximum}, got ${show(value)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${show(value)}`;
    default:
      // custom, invalid_format, invalid_union …: the schema supplied the message.
      return issue.message.replace(/\s+/g, ' ');
  }
}
