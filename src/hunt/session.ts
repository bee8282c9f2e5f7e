/**
 * A hunt session: runs generated scenarios and fuzz cases seed after seed, shrinks what fails and
 * tallies the failures. The CLI (./cli.ts) and the tests share it.
 */
import type { Failure } from './check';
import { fuzzCase, runFuzzCase } from './fuzz';
import { generateScenario, type HuntScenario } from './generate';
import { checkDeterminism, runHuntScenario } from './huntCase';
import { shrink, type ShrinkLimits } from './shrink';

export interface Finding {
  source: 'hunt' | 'fuzz';
  seed: number;
  failure: Failure;
  /** For the hunt: the shrunk scenario (when shrinking was done); for the fuzz: the input. */
  scenario: unknown;
  /** Fuzz: how the input was made. */
  about?: string;
  shrunk: boolean;
}

/** kind:tag, what the tallies and the shrinker key on. */
export const signature = (f: Failure): string => (f.tag ? `${f.kind}:${f.tag}` : f.kind);

export interface HuntSeedResult {
  scenario: HuntScenario;
  failures: Failure[];
}

export function huntSeed(seed: number): HuntSeedResult {
  const scenario = generateScenario(seed);
  return { scenario, failures: runHuntScenario(scenario) };
}

/** Shrinks a failing scenario while it still fails with the same signature. */
export function shrinkFailure(scenario: HuntScenario, failure: Failure, limits: ShrinkLimits = { maxRuns: 150 }): { scenario: HuntScenario; runs: number } {
  const wanted = signature(failure);
  return shrink(scenario, (s) => runHuntScenario(s).some((f) => signature(f) === wanted), limits);
}

export interface SessionOptions {
  /** Stop once this much wall time has passed (ms), or after `maxCases` cases. */
  budgetMs: number;
  maxCases?: number;
  firstSeed: number;
  /** Share of cases that are fuzz cases (0–1). */
  fuzzShare: number;
  /** Shrink at most this many findings per signature (the rest are kept as generated). */
  shrinkPerSignature: number;
  /** Wall-clock budget of one shrink (ms, default 30 s). */
  shrinkMs?: number;
  onFinding?: (finding: Finding) => void;
  now: () => number;
}

export interface SessionSummary {
  huntScenarios: number;
  fuzzCases: number;
  /** signature → how many cases failed that way. */
  bySignature: Record<string, number>;
  findings: Finding[];
  lastSeed: number;
}

export function runSession(o: SessionOptions): SessionSummary {
  const started = o.now();
  const summary: SessionSummary = { huntScenarios: 0, fuzzCases: 0, bySignature: {}, findings: [], lastSeed: o.firstSeed };
  const shrunkCount = new Map<string, number>();
  let fuzzCredit = 0;
  const last = o.firstSeed + (o.maxCases ?? Infinity);
  for (let seed = o.firstSeed; seed < last && o.now() - started < o.budgetMs; seed++) {
    summary.lastSeed = seed;
    fuzzCredit += o.fuzzShare;
    const isFuzz = fuzzCredit >= 1;
    if (isFuzz) fuzzCredit -= 1;
    const found: Finding[] = [];
    if (isFuzz) {
      summary.fuzzCases++;
      const c = fuzzCase(seed);
      for (const failure of dedupe(runFuzzCase(c))) found.push({ source: 'fuzz', seed, failure, scenario: c.input, about: `${c.base}: ${c.mutations.join('; ')}`, shrunk: false });
    } else {
      summary.huntScenarios++;
      const { scenario, failures } = huntSeed(seed);
      // Every tenth scenario is also run again, to catch a run that depends on more than its seed.
      if (seed % 10 === 0) failures.push(...checkDeterminism(scenario));
      for (const failure of dedupe(failures)) {
        const sig = signature(failure);
        const n = shrunkCount.get(sig) ?? 0;
        const doShrink = n < o.shrinkPerSignature && failure.kind !== 'hang';
        if (doShrink) shrunkCount.set(sig, n + 1);
        const small = doShrink ? shrinkFailure(scenario, failure, { maxRuns: 300, maxMs: o.shrinkMs ?? 30_000, now: o.now }).scenario : scenario;
        // Describe what the shrunk scenario shows, not what the original did.
        const shown = doShrink ? (runHuntScenario(small).find((f) => signature(f) === sig) ?? failure) : failure;
        found.push({ source: 'hunt', seed, failure: shown, scenario: small, shrunk: doShrink });
      }
    }
    for (const f of found) {
      const sig = `${f.source} ${signature(f.failure)}`;
      summary.bySignature[sig] = (summary.bySignature[sig] ?? 0) + 1;
      summary.findings.push(f);
      o.onFinding?.(f);
    }
  }
  return summary;
}

/** One failure per signature per case. */
function dedupe(failures: Failure[]): Failure[] {
  const seen = new Set<string>();
  return failures.filter((f) => !seen.has(signature(f)) && seen.add(signature(f)));
}
