/**
 * The shrinker: makes a failing scenario smaller while it still fails the same way. Greedy passes,
 * each trying one simplification and keeping it when the failure persists, until a whole round
 * changes nothing or the budget of runs is spent: drop script actions, fewer records, unused
 * producers, groups, topics and members, fewer partitions and brokers, settings back to their
 * defaults, a shorter run.
 */
import type { Action, HuntScenario } from './generate';

export interface ShrinkResult {
  scenario: HuntScenario;
  /** Runs of the predicate spent. */
  runs: number;
}

type Candidate = () => HuntScenario | null;

export interface ShrinkLimits {
  maxRuns: number;
  /** Wall-clock budget (ms), with the clock to read it. */
  maxMs?: number;
  now?: () => number;
}

export function shrink(start: HuntScenario, stillFails: (s: HuntScenario) => boolean, limits: ShrinkLimits = { maxRuns: 200 }): ShrinkResult {
  let best = clone(start);
  let runs = 0;
  const now = limits.now ?? (() => 0);
  const deadline = now() + (limits.maxMs ?? Infinity);
  const spent = (): boolean => runs >= limits.maxRuns || now() > deadline;
  let progress = true;
  while (progress && !spent()) {
    progress = false;
    // After each success the list is rebuilt from the smaller scenario, going on from the same place.
    let list = candidates(best);
    for (let i = 0; i < list.length && !spent(); i++) {
      const next = list[i]!();
      if (next === null) continue;
      runs++;
      if (stillFails(next)) {
        best = next;
        progress = true;
        list = candidates(best);
        i--;
      }
    }
  }
  return { scenario: best, runs };
}

const clone = (s: HuntScenario): HuntScenario => JSON.parse(JSON.stringify(s)) as HuntScenario;

/** Every simplification of `s`, each a thunk so that a round builds them lazily. */
function candidates(s: HuntScenario): Candidate[] {
  const out: Candidate[] = [];
  const edit = (f: (c: HuntScenario) => boolean | void): Candidate => () => {
    const c = clone(s);
    return f(c) === false ? null : c;
  };
  // Big steps first: a shorter run (cheaper to test), then half the script at once.
  const last = Math.max(0, ...s.script.map((a) => a.at));
  if (s.until - last > 2_000) out.push(edit((c) => void (c.until = last + Math.ceil((s.until - last) / 2))));
  const half = Math.floor(s.script.length / 2);
  if (half >= 2) {
    out.push(edit((c) => void c.script.splice(0, half)));
    out.push(edit((c) => void c.script.splice(half)));
  }
  // Drop actions, the latest first (the tail is most often irrelevant).
  for (let i = s.script.length - 1; i >= 0; i--) out.push(edit((c) => void c.script.splice(i, 1)));
  s.script.forEach((a, i) => {
    if (a.do !== 'produce') return;
    const count = (a.count as number | undefined) ?? 1;
    if (count > 1) out.push(edit((c) => void (c.script[i]!.count = Math.ceil(count / 2))));
    if (count > 1) out.push(edit((c) => void (c.script[i]!.count = count - 1)));
  });
  // Unused producers, groups and topics; fewer members, partitions, brokers.
  s.producers.forEach((p, i) => out.push(edit((c) => !mentions(c.script, p.id) && c.producers.length > 1 && void c.producers.splice(i, 1))));
  (s.groups ?? []).forEach((g, i) => {
    out.push(edit((c) => !mentions(c.script, g['group.id']) && void (c.groups!.splice(i, 1), c.groups!.length === 0 && delete c.groups)));
    if (g.members > 1) out.push(edit((c) => void (c.groups![i]!.members = g.members - 1)));
    if (g.topics.length > 1) g.topics.forEach((_, k) => out.push(edit((c) => void c.groups![i]!.topics.splice(k, 1))));
    for (const key of Object.keys(g)) if (!GROUP_KEEP.has(key)) out.push(edit((c) => void delete c.groups![i]![key]));
  });
  s.topics.forEach((t, i) => {
    out.push(edit((c) => s.topics.length > 1 && !mentions(c.script, t.name) && !(c.groups ?? []).some((g) => g.topics.includes(t.name)) && void c.topics.splice(i, 1)));
    if (t.partitions > 1) out.push(edit((c) => void (c.topics[i]!.partitions = t.partitions - 1)));
  });
  if (s.brokers > 3) out.push(edit((c) => void (c.brokers = s.brokers - 1)));
  s.producers.forEach((p, i) => {
    for (const key of Object.keys(p)) if (!PRODUCER_KEEP.has(key)) out.push(edit((c) => void delete c.producers[i]![key]));
  });
  for (const key of Object.keys(s.broker)) if (!BROKER_KEEP.has(key)) out.push(edit((c) => void delete c.broker[key]));
  if (s.network) out.push(edit((c) => void delete c.network));
  return out;
}

/** What keeps the configuration one Kafka promises is safe. */
const PRODUCER_KEEP = new Set(['id', 'acks', 'enable.idempotence']);
const GROUP_KEEP = new Set(['group.id', 'topics', 'members', 'commit', 'idempotent.sink', 'enable.auto.commit', 'auto.offset.reset', 'max.poll.interval.ms']);
const BROKER_KEEP = new Set(['min.insync.replicas', 'unclean.leader.election.enable']);

/** Does any action name this producer, group or topic (as a field or a node)? */
function mentions(script: readonly Action[], name: string): boolean {
  return script.some((a) =>
    Object.values(a).some((v) => v === name || (typeof v === 'string' && v.startsWith(`${name}/`)) || (Array.isArray(v) && v.some((x) => x === name || (typeof x === 'string' && x.startsWith(`${name}/`))))),
  );
}
