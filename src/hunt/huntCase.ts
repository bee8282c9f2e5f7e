/**
 * One hunt case: run a (generated or shrunk) scenario with caps, then check it. Also says when a
 * scenario "recovers" — a full heal after its last fault, with every broker up and at normal
 * speed afterwards — since the liveness checks only make sense from there.
 */
import { checkRun, type Failure } from './check';
import type { Action, HuntScenario } from './generate';
import { runCapped, type Caps } from './runCapped';

export const HUNT_CAPS: Caps = { steps: 2_000_000, wallMs: 20_000, trace: true };

const FAULTS = new Set(['crash', 'powerLoss', 'isolate', 'cut', 'dropRequests', 'dropResponses', 'crashMember', 'pauseMember']);

/** The time of the final heal, or null when the scenario does not end healed. */
export function recoveryTime(script: readonly Action[]): number | null {
  let healAt: number | null = null;
  const up = new Map<number, boolean>();
  const slowed = new Map<number, boolean>();
  for (const a of script) {
    if (a.do === 'heal' && a.between === undefined) healAt = a.at;
    else if (FAULTS.has(a.do) || (a.do === 'slow' && a['latency.ms'] !== 0)) healAt = null;
    if (a.do === 'crash' || a.do === 'powerLoss') up.set(a.broker as number, false);
    if (a.do === 'restart') up.set(a.broker as number, true);
    if (a.do === 'slow') slowed.set(a.broker as number, a['latency.ms'] !== 0);
  }
  const allUp = [...up.values()].every(Boolean) && ![...slowed.values()].some(Boolean);
  return allUp ? healAt : null;
}

export function runHuntScenario(scenario: HuntScenario, caps: Caps = HUNT_CAPS): Failure[] {
  const outcome = runCapped(scenario, caps);
  switch (outcome.kind) {
    case 'invalid':
      return [{ kind: 'invalid', detail: outcome.error.message }];
    case 'crash':
      return [{ kind: 'crash', detail: `at ${outcome.at} ms: ${describeError(outcome.error)}` }];
    case 'hang':
      return [{ kind: 'hang', detail: `at ${outcome.at} ms: ${outcome.reason}` }];
    case 'done': {
      let report;
      try {
        report = outcome.sim.report({ logs: true });
      } catch (error) {
        return [{ kind: 'crash', detail: `report(): ${describeError(error)}` }];
      }
      const script = [...scenario.script].sort((a, b) => a.at - b.at);
      return checkRun(outcome.sim.scenario, outcome.trace, report, { recoveredAt: recoveryTime(script), stoppedAt: outcome.stoppedAt });
    }
  }
}

/**
 * Same seed, same run: two runs of the scenario give the same trace and report, byte for byte (and
 * a run without a recorded trace the same report).
 */
export function checkDeterminism(scenario: HuntScenario, caps: Caps = HUNT_CAPS): Failure[] {
  const a = runCapped(scenario, caps);
  const b = runCapped(scenario, caps);
  const c = runCapped(scenario, { ...caps, trace: false });
  if (a.kind !== 'done' || b.kind !== 'done' || c.kind !== 'done') return [];
  const reportA = JSON.stringify(a.sim.report({ logs: true }));
  if (JSON.stringify(a.trace) !== JSON.stringify(b.trace)) return [{ kind: 'nondeterminism', tag: 'trace', detail: 'two runs of the same scenario gave different traces' }];
  if (reportA !== JSON.stringify(b.sim.report({ logs: true }))) return [{ kind: 'nondeterminism', tag: 'report', detail: 'two runs of the same scenario gave different reports' }];
  if (reportA !== JSON.stringify(c.sim.report({ logs: true }))) return [{ kind: 'nondeterminism', tag: 'recordTrace', detail: 'the report depends on whether the trace is recorded' }];
  return [];
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message} ${(error.stack ?? '').split('\n')[1]?.trim() ?? ''}`;
  return String(error);
}
