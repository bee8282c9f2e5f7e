/** Runs a scenario headlessly to its `until` and returns the report. */
import type { TraceEvent } from '../core/trace';
import { createSimulation } from '../sim/simulation';
import type { Report } from '../scenario/report.types';

export interface RunOptions {
  /** Add each partition's final leader log to the report. */
  logs?: boolean;
  /** Called with every trace event as it happens (the CLI's `--trace` streams them). */
  onEvent?: (event: TraceEvent) => void;
}

export function runScenario(input: unknown, options: RunOptions = {}): Report {
  const simulation = createSimulation(input, { recordTrace: false });
  if (options.onEvent) simulation.subscribe(options.onEvent);
  simulation.runUntil(simulation.scenario.until);
  return simulation.report({ logs: options.logs ?? false });
}
