/**
 * Built-in scenarios run for the scenario tests (scenarios.test.ts, scenarios.consumer.test.ts):
 * a fresh copy of a built-in to change, and its report and trace.
 */
import type { TraceEvent } from '../core/trace';
import { runScenario } from './run';
import { builtInScenarios } from '../scenario/library';

/** A copy of the built-in scenario `id`, free to change. */
export function scenario(id: string): Record<string, unknown> {
  const found = builtInScenarios.find((s) => s.id === id);
  if (!found) throw new Error(`no built-in scenario ${id}`);
  return structuredClone(found.scenario) as Record<string, unknown>;
}

export function traceOf(input: unknown): TraceEvent[] {
  const events: TraceEvent[] = [];
  runScenario(input, { onEvent: (e) => events.push(e) });
  return events;
}

/** One run of a built-in (changed first by `change`): the report and the trace. */
export function run(id: string, change: (input: Record<string, unknown>) => void = () => undefined) {
  const input = scenario(id);
  change(input);
  const events: TraceEvent[] = [];
  const report = runScenario(input, { onEvent: (e) => events.push(e) });
  return { report, events };
}

export const ofType = <T extends TraceEvent['type']>(events: TraceEvent[], type: T) => events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);
