/**
 * The playground's own limits, where Kafka has none: how long a run lasts and how many records it
 * sends. They keep a scenario (or a fuzzed file) from holding the engine, or the browser tab, for
 * minutes: an idle 3-broker cluster runs a virtual day in about 2 s, and the benchmark's million
 * records in about 10 s.
 */
import type { ScriptAction } from './types';
import type { Issues } from './parseIssues';

/** Virtual ms the run goes on after the last scripted action when `until` is not given. */
export const DEFAULT_TAIL_MS = 30_000;
/** The longest run: one virtual day. */
export const MAX_UNTIL_MS = 86_400_000;
/** The most records one run may send (the benchmark sends 1,000,000). */
export const MAX_RECORDS = 1_000_000;

/** `until` when the scenario does not give it: the last scripted action, plus a tail. */
export function defaultUntil(script: readonly ScriptAction[]): number {
  let last = 0;
  for (const a of script) last = Math.max(last, a.do === 'produce' && a.rate === undefined ? a.at + (a.count - 1) * a.every : a.at);
  return last + DEFAULT_TAIL_MS;
}

export function checkUntil(until: number, issues: Issues): void {
  if (until > MAX_UNTIL_MS) {
    issues.add(['until'], `${until} is more than the playground's limit of ${MAX_UNTIL_MS} ms (one virtual day)`);
  }
}

/**
 * The records the script can send: each `count`, and for a `rate`, what it sends until the
 * producer's next stopProducing (or `until`). The action that takes the run past MAX_RECORDS is
 * the one named. `script` holds [index in the file, action], in time order.
 */
export function checkRecords(script: readonly (readonly [number, ScriptAction])[], until: number, issues: Issues): void {
  let total = 0;
  for (const [k, [i, a]] of script.entries()) {
    if (a.do !== 'produce') continue;
    const n = a.rate === undefined ? a.count : Math.ceil((a.rate * Math.max(0, stopTime(script, k, until) - a.at)) / 1000);
    total += n;
    if (total > MAX_RECORDS) {
      const what = a.rate === undefined ? 'count' : 'rate';
      const sends = a.rate === undefined ? '' : ` (at ${a.rate} records per second until ${stopTime(script, k, until)} ms, ${n} records)`;
      issues.add(['script', i, what], `takes the run to ${total} records${sends}, more than the playground's limit of ${MAX_RECORDS} records in a run`);
      return;
    }
  }
}

/** When the produce action at script[k] stops: its producer's next stopProducing for its topic. */
function stopTime(script: readonly (readonly [number, ScriptAction])[], k: number, until: number): number {
  const a = script[k]![1];
  if (a.do !== 'produce') return until;
  for (const [, b] of script.slice(k + 1)) {
    if (b.do === 'stopProducing' && b.producer === a.producer && (b.topic === undefined || b.topic === a.topic)) return Math.min(b.at, until);
  }
  return until;
}
