/**
 * Runs a scenario one event at a time with a budget, so that an engine that spins without time
 * passing (or a run that would take hours) is reported instead of hanging the hunt or the test.
 * `sim.step()` runs one event; we stop at `until`, at a virtual-time cap, or when the budget of
 * steps or wall-clock time is used up.
 */
import { ScenarioError, createSimulation, type Simulation, type TraceEvent } from '../engine';

export interface Caps {
  /** Most events one run may take (a spinning engine never reaches `until`). */
  steps: number;
  /** Most wall-clock ms one run may take. */
  wallMs: number;
  /** Stop at this virtual time even if `until` is later (the fuzz's time cap). */
  virtualMs?: number;
  /** Keep the trace (the checker needs it; the fuzz does not). */
  trace?: boolean;
}

export type RunOutcome =
  | { kind: 'invalid'; error: ScenarioError }
  | { kind: 'crash'; error: unknown; at: number }
  | { kind: 'hang'; reason: string; at: number; steps: number }
  | { kind: 'done'; sim: Simulation; trace: readonly TraceEvent[]; steps: number; stoppedAt: number };

/** Wall-clock ms; the hunt runs in Node, outside the engine's deterministic world. */
const wallNow = (): number => performance.now();

export function runCapped(input: unknown, caps: Caps): RunOutcome {
  let sim: Simulation;
  try {
    sim = createSimulation(input, { recordTrace: caps.trace ?? false });
  } catch (error) {
    if (error instanceof ScenarioError) return { kind: 'invalid', error };
    return { kind: 'crash', error, at: 0 };
  }
  const until = sim.scenario.until;
  const stopAt = Math.min(until, caps.virtualMs ?? Infinity);
  const started = wallNow();
  let steps = 0;
  try {
    while (sim.now() < stopAt) {
      if (!sim.step()) break;
      steps++;
      if (steps >= caps.steps) return { kind: 'hang', reason: `${steps} events without reaching ${stopAt} ms`, at: sim.now(), steps };
      if ((steps & 1023) === 0 && wallNow() - started > caps.wallMs) {
        return { kind: 'hang', reason: `more than ${caps.wallMs} ms of wall time without reaching ${stopAt} ms`, at: sim.now(), steps };
      }
    }
  } catch (error) {
    return { kind: 'crash', error, at: sim.now() };
  }
  return { kind: 'done', sim, trace: sim.trace(), steps, stoppedAt: sim.now() };
}
