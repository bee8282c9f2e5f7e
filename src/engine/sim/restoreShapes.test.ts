/**
 * Restored objects take the live engine's shapes: each registered class's `blank` (graphRegistry.ts)
 * is made by the class's own constructor, so a restore starts every instance from the map (hidden
 * class) a constructed one has and fills its fields in place. What a test can see of that without
 * V8's internals: a blank has exactly the fields, in the order, that a live instance has when a
 * checkpoint writes it, and making blanks changes nothing in a run.
 */
import { describe, expect, it } from 'vitest';
import { classHooksOf, registeredClasses } from '../core/graphRegistry';
import { builtInScenarios } from '../scenario/library';
import { createSimulation, restoreSimulation, type Checkpoint } from './simulation';

const library = builtInScenarios.map((b) => ({ id: b.id, scenario: b.scenario as { until?: number } }));
const untilOf = (s: { until?: number }): number => Math.min(s.until ?? 30_000, 30_000);

function blankOf(name: string): (() => object) | undefined {
  const cls = registeredClasses().get(name);
  return cls ? classHooksOf(cls.prototype as object)?.blank : undefined;
}

/** The field lists a checkpoint wrote for each class, over every built-in scenario at two moments. */
function fieldsWritten(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { scenario } of library) {
    const sim = createSimulation(scenario);
    for (const at of [untilOf(scenario) / 3, untilOf(scenario)]) {
      sim.runUntil(at);
      for (const node of (sim.checkpoint() as Checkpoint).graph.nodes) {
        if (!node || !('k' in node) || node.c === undefined) continue;
        let lists = out.get(node.c);
        if (!lists) out.set(node.c, (lists = new Set()));
        lists.add(node.k.join(','));
      }
    }
  }
  return out;
}

describe('restored objects take the shapes of constructed ones', () => {
  const written = fieldsWritten();

  it('every class a checkpoint holds has a blank with the fields a live instance has, in the same order', () => {
    const problems: string[] = [];
    for (const [name, lists] of written) {
      const blank = blankOf(name);
      if (!blank) {
        problems.push(`${name}: no blank (restored instances would get another hidden class than constructed ones)`);
        continue;
      }
      const keys = Object.keys(blank()).join(',');
      for (const live of lists) if (live !== keys) problems.push(`${name}: blank has fields [${keys}], a checkpointed instance [${live}]`);
    }
    expect(problems).toEqual([]);
    // The scenarios reach most of the engine: a class they never checkpoint is not checked here.
    expect(written.size).toBeGreaterThan(50);
  });

  it('every blank can be made, twice alike, from nothing', () => {
    for (const name of registeredClasses().keys()) {
      const blank = blankOf(name);
      if (!blank) continue;
      const a = blank();
      const b = blank();
      expect(Object.getPrototypeOf(a), name).toBe(registeredClasses().get(name)!.prototype);
      expect(Object.keys(a), name).toEqual(Object.keys(b));
    }
  });

  it('making blanks has no side effect on a run: one that makes every blank midway goes on as a straight run', () => {
    for (const { scenario } of library.slice(0, 4)) {
      const until = untilOf(scenario);
      const straight = createSimulation(scenario, { recordTrace: true });
      straight.runUntil(until);
      const touched = createSimulation(scenario, { recordTrace: true });
      touched.runUntil(until / 2);
      for (const name of registeredClasses().keys()) blankOf(name)?.();
      touched.runUntil(until);
      expect(JSON.stringify(touched.trace())).toBe(JSON.stringify(straight.trace()));
      expect(JSON.stringify(touched.report())).toBe(JSON.stringify(straight.report()));
    }
  });

  it('a restore through JSON fills the blanks with the checkpoint\'s fields and goes on as the straight run', () => {
    const { scenario } = library.find((b) => b.id.includes('group')) ?? library[0]!;
    const until = untilOf(scenario);
    const straight = createSimulation(scenario, { recordTrace: true });
    straight.runUntil(until);
    const sim = createSimulation(scenario, { recordTrace: true });
    sim.runUntil(until / 2);
    const restored = restoreSimulation(JSON.parse(JSON.stringify(sim.checkpoint())) as Checkpoint);
    restored.runUntil(until);
    expect(JSON.stringify(restored.trace())).toBe(JSON.stringify(straight.trace()));
  });
});
