/**
 * A report made mid-run carries each partition's count of committed records on from the previous
 * report (readout/committedTally.ts). In the built-in scenarios where elections truncate logs,
 * retention moves the log start and retries duplicate or reorder records, every report of a run
 * reads exactly as a fresh run's report at that moment (the breaks themselves are tested on
 * random logs beside committedTally.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../scenario/library';
import { parseScenario } from '../scenario/parse';
import { buildSimulation } from './simulation';

/** The scenarios whose logs are truncated, cut at the start, duplicated or reordered. */
const ids = ['acks1-leader-crash', 'jepsen-unclean-election', 'power-loss-default-flush', 'retention-moves-log-start', 'retries-duplicate', 'in-flight-reorders', 'zombie-leader'];
const scenarios = builtInScenarios.filter((s) => ids.includes(s.id)).map((s) => ({ id: s.id, scenario: s.scenario, until: parseScenario(s.scenario).until }));

/** The report of a fresh simulation run to `t`: nothing carried over. */
function freshReport(scenario: unknown, t: number) {
  const { simulation } = buildSimulation(scenario, { recordTrace: false });
  simulation.runUntil(t);
  return simulation.report();
}

describe('a report carried on from the last one reads as a fresh count', () => {
  it('covers the scenarios it is meant for', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual([...ids].sort());
  });

  it('at moments of a run, each report after the one before it', () => {
    const moments = fc.constantFrom(...scenarios).chain((s) =>
      fc.record({ s: fc.constant(s), at: fc.uniqueArray(fc.integer({ min: 1, max: s.until }), { minLength: 2, maxLength: 8 }).map((a) => a.sort((x, y) => x - y)) }),
    );
    fc.assert(
      fc.property(moments, ({ s, at }) => {
        const { simulation } = buildSimulation(s.scenario, { recordTrace: false });
        for (const t of [...at, s.until]) {
          simulation.runUntil(t);
          expect(simulation.report(), `${s.id} at ${t} ms`).toEqual(freshReport(s.scenario, t));
        }
      }),
      { seed: 20261129, numRuns: 12 },
    );
  });
});
