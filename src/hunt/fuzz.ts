/**
 * The scenario-file fuzz: a built-in or generated scenario, mutated a few times (keys dropped,
 * wrong types, huge, zero and negative numbers, unknown actions and keys, times out of order,
 * broken JSON text), goes through parse and a capped run. What must hold: bad input is only ever a
 * ScenarioError; no run spins (events without time passing) or would take hours; the report has no
 * NaN, infinite or negative counter.
 */
import { builtInScenarios, type Report } from '../engine';
import type { Failure } from './check';
import { generateScenario } from './generate';
import { describeError } from './huntCase';
import { createRng, type Rng } from './random';
import { runCapped, type Caps } from './runCapped';

export const FUZZ_CAPS: Caps = { steps: 400_000, wallMs: 5_000, virtualMs: 120_000 };
/** A run projected to need more events than this to reach its `until` counts as a hang. */
export const MAX_PROJECTED_EVENTS = 20_000_000;

export interface FuzzCase {
  seed: number;
  /** What the input is based on and how it was mutated. */
  base: string;
  mutations: string[];
  /** The mutated input: an object, or JSON text. */
  input: unknown;
}

export function fuzzCase(seed: number): FuzzCase {
  const rng = createRng(seed ^ 0x5eed);
  const fromBuiltIn = rng.chance(0.7);
  const builtIn = rng.pick(builtInScenarios);
  const base = fromBuiltIn ? `built-in ${builtIn.id}` : `generated seed ${seed}`;
  let input: unknown = JSON.parse(JSON.stringify(fromBuiltIn ? builtIn.scenario : generateScenario(seed)));
  const mutations: string[] = [];
  const n = rng.int(1, 3);
  for (let i = 0; i < n; i++) mutations.push(mutate(rng, input, (next) => (input = next)));
  if (rng.chance(0.05)) {
    const text = JSON.stringify(input);
    const cut = rng.int(0, text.length);
    input = rng.chance(0.5) ? text.slice(0, cut) : text;
    mutations.push(typeof input === 'string' && input.length < text.length ? `JSON text cut at ${cut}` : 'as JSON text');
  }
  return { seed, base, mutations, input };
}

export function runFuzzCase(c: FuzzCase, caps: Caps = FUZZ_CAPS): Failure[] {
  const outcome = runCapped(c.input, caps);
  switch (outcome.kind) {
    case 'invalid':
      return [];
    case 'crash':
      return [{ kind: 'crash', detail: `at ${outcome.at} ms: ${describeError(outcome.error)}` }];
    case 'hang':
      return [{ kind: 'hang', tag: 'spin', detail: `at ${outcome.at} ms: ${outcome.reason}` }];
    case 'done': {
      const until = outcome.sim.scenario.until;
      if (outcome.stoppedAt < until && outcome.stoppedAt > 0) {
        const projected = (outcome.steps / outcome.stoppedAt) * until;
        if (projected > MAX_PROJECTED_EVENTS) {
          return [{ kind: 'hang', tag: 'too-long', detail: `${outcome.steps} events for ${outcome.stoppedAt} ms: about ${projected.toExponential(1)} events to reach until = ${until}` }];
        }
      }
      try {
        return badNumbers(outcome.sim.report());
      } catch (error) {
        return [{ kind: 'crash', detail: `report(): ${describeError(error)}` }];
      }
    }
  }
}

/** NaN, infinite or negative numbers in the report, and counters that do not add up. */
export function badNumbers(report: Report): Failure[] {
  const out: Failure[] = [];
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') {
      const mayBeNegative = /\.leader$|\.generation$/.test(path);
      if (!Number.isFinite(v) || (v < 0 && !mayBeNegative)) out.push({ kind: 'nan', tag: path.replace(/\[\d+\]/g, '[]'), detail: `${path} = ${v}` });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk({ records: report.records, partitions: report.partitions, producers: report.producers, groups: report.groups ?? [] }, 'report');
  const r = report.records;
  if (r.sent !== r.acknowledged + r.failed + r.pending) out.push({ kind: 'nan', tag: 'sum', detail: `sent ${r.sent} ≠ acknowledged ${r.acknowledged} + failed ${r.failed} + pending ${r.pending}` });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mutations

const WEIRD_VALUES: unknown[] = ['x', '', -1, 0, 1.5, 1e9, 1e12, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308, -1e12, NaN, Infinity, null, true, [], {}, '1000'];
const HUGE = [1e7, 1e9, 1e12, 2 ** 31 - 1, 2 ** 53, 1e308];

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number; path: string };

/** Every place in the input that holds a value. */
function slots(v: unknown, path = ''): Slot[] {
  const out: Slot[] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push({ parent: v, key: i, path: `${path}[${i}]` }, ...slots(x, `${path}[${i}]`)));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) out.push({ parent: v as Record<string, unknown>, key: k, path: path ? `${path}.${k}` : k }, ...slots(x, path ? `${path}.${k}` : k));
  }
  return out;
}

const get = (s: Slot): unknown => (s.parent as Record<string | number, unknown>)[s.key];
const set = (s: Slot, v: unknown): void => void ((s.parent as Record<string | number, unknown>)[s.key] = v);
const show = (v: unknown): string => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : JSON.stringify(v) ?? String(v));

/** Applies one mutation in place (or through `replace` for the root) and describes it. */
function mutate(rng: Rng, input: unknown, replace: (v: unknown) => void): string {
  const all = slots(input);
  if (all.length === 0) {
    replace({});
    return 'replaced by {}';
  }
  const numeric = all.filter((s) => typeof get(s) === 'number');
  const script = (input as { script?: unknown }).script;
  switch (rng.pick(['delete', 'weird', 'huge', 'negative', 'zero', 'zero', 'action', 'time', 'key', 'swap'])) {
    case 'delete': {
      const s = rng.pick(all);
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
      return `dropped ${s.path}`;
    }
    case 'weird': {
      const s = rng.pick(all);
      const v = rng.pick(WEIRD_VALUES);
      set(s, JSON.parse(JSON.stringify(v ?? null)) ?? v);
      return `${s.path} = ${show(v)}`;
    }
    case 'huge':
    case 'negative':
    case 'zero': {
      const kind = rng.pick(['huge', 'negative', 'zero']);
      const s = rng.pick(numeric.length > 0 ? numeric : all);
      const old = Number(get(s)) || 1;
      const v = kind === 'huge' ? rng.pick(HUGE) : kind === 'negative' ? -Math.abs(old) : 0;
      set(s, v);
      return `${s.path} = ${v}`;
    }
    case 'action': {
      if (!Array.isArray(script)) return mutate(rng, input, replace);
      const action = rng.chance(0.5) ? { at: rng.int(0, 30_000), do: rng.pick(['explode', 'Crash', 'sleep', '']) } : JSON.parse(JSON.stringify(rng.pick(script.length > 0 ? script : [{ at: 0, do: 'heal' }])));
      script.splice(rng.int(0, script.length), 0, action);
      return `script gets ${JSON.stringify(action)}`;
    }
    case 'time': {
      if (!Array.isArray(script) || script.length === 0) return mutate(rng, input, replace);
      if (rng.chance(0.5)) {
        script.reverse();
        return 'script in reverse order';
      }
      const i = rng.int(0, script.length - 1);
      const at = rng.pick([-1, 0, 1, 1e12, rng.int(0, 100_000)]);
      // An earlier mutation may have made the entry a primitive: replace it rather than crash.
      const entry: unknown = script[i];
      if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) (entry as Record<string, unknown>).at = at;
      else script[i] = { at };
      return `script[${i}].at = ${at}`;
    }
    case 'key': {
      const objects = [input, ...all.map(get)].filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v));
      const o = rng.pick(objects);
      o[rng.pick(['foo', 'count', 'broker', 'ms', 'retries', 'members'])] = rng.pick(WEIRD_VALUES);
      return 'added a key';
    }
    default: {
      // Leaves only: swapping a value with its own ancestor would make a cycle.
      const leaves = all.filter((s) => typeof get(s) !== 'object' || get(s) === null);
      if (leaves.length === 0) return mutate(rng, input, replace);
      const a = rng.pick(leaves);
      const b = rng.pick(leaves);
      const va = get(a);
      set(a, get(b));
      set(b, va);
      return `swapped ${a.path} and ${b.path}`;
    }
  }
}
