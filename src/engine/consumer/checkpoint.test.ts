/**
 * The consumer side holds no closures: at any moment of a scenario with groups, a checkpoint finds
 * nothing to refuse in the members (network nodes) or in the brokers' group services.
 */
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../index';
import { checkpointProblems, createSimulation } from '../sim/simulation';

const CONSUMER_PATHS = /root\.cluster\.network\.nodes|root\.cluster\.clients|root\.cluster\.groupServices|\.services\.(store|coordinator|fetch)/;
const withGroups = (builtInScenarios as unknown as { id: string; scenario: { until?: number; groups?: unknown[] } }[]).filter((b) => (b.scenario.groups?.length ?? 0) > 0);

describe('consumer state is data', () => {
  it.each(withGroups.map((b) => [b.id, b.scenario] as const))('%s: no closure in consumer state at any second (sampled)', (_id, scenario) => {
    const sim = createSimulation(scenario);
    const problems = new Set<string>();
    for (let t = 0; t <= Math.min(scenario.until ?? 30000, 30000); t += 997) {
      sim.runUntil(t);
      for (const p of checkpointProblems(sim)) if (CONSUMER_PATHS.test(p)) problems.add(p);
    }
    expect([...problems]).toEqual([]);
  });
});
