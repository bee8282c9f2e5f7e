/**
 * A report carries its counts across seeks, forks and undos (committedTally.ts reuses what a log
 * with the same batches already counted; a restored simulation shares its checkpoint's batches).
 * Whatever the learner did before, the report after each move reads exactly as the report of a
 * fresh timeline that ran the same commands to the same moment. A failure prints fast-check's seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../scenario/library';
import { parseScenario } from '../scenario/parse';
import { createTimeline } from '../sim/timeline';
import type { Timeline } from '../sim/timelineTypes';

/** Scenarios whose logs are truncated, duplicated, reordered or cut at the start. */
const ids = ['acks1-leader-crash', 'jepsen-unclean-election', 'retention-moves-log-start', 'retries-duplicate', 'in-flight-reorders'];
const scenarios = builtInScenarios.filter((s) => ids.includes(s.id)).map((s) => ({ id: s.id, scenario: s.scenario, until: parseScenario(s.scenario).until ?? 30_000 }));

type Move = { do: 'seek'; share: number } | { do: 'run'; share: number } | { do: 'act'; broker: number; crash: boolean } | { do: 'undo' };

/** A share of the way, in hundredths. */
const share = fc.integer({ min: 0, max: 100 }).map((n) => n / 100);

const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({ do: fc.constant('seek' as const), share: share }),
  fc.record({ do: fc.constant('run' as const), share: share }),
  fc.record({ do: fc.constant('act' as const), broker: fc.integer({ min: 1, max: 3 }), crash: fc.boolean() }),
  fc.constant({ do: 'undo' as const }),
);

/** Small checkpoint spacing, so seeks restore checkpoints and replay past them. */
const OPTIONS = { checkpointEveryEvents: 400, checkpointEveryVirtualMs: 1_000 };

function apply(timeline: Timeline, m: Move, until: number): void {
  const now = timeline.now();
  if (m.do === 'seek') timeline.seek(Math.round(m.share * timeline.horizon()));
  else if (m.do === 'run') timeline.runUntil(Math.min(until, Math.round(now + m.share * (until - now) * 0.5)));
  else if (m.do === 'act') timeline.dispatch(m.crash ? { do: 'crash', broker: m.broker } : { do: 'restart', broker: m.broker });
  else timeline.undoFork();
}

function freshReport(scenario: unknown, timeline: Timeline) {
  const fresh = createTimeline(scenario, { ...OPTIONS, commands: timeline.commands() });
  fresh.runUntil(timeline.now());
  return fresh.sim.report();
}

describe('a report after seeks, forks and undos', () => {
  it('reads as the report of a fresh timeline with the same commands at the same moment', () => {
    const sessions = fc.constantFrom(...scenarios).chain((s) => fc.record({ s: fc.constant(s), moves: fc.array(move, { minLength: 3, maxLength: 6 }) }));
    fc.assert(
      fc.property(sessions, ({ s, moves }) => {
        const timeline = createTimeline(s.scenario, OPTIONS);
        timeline.runUntil(Math.round(s.until * 0.6));
        timeline.sim.report();
        for (const [i, m] of moves.entries()) {
          apply(timeline, m, s.until);
          expect(timeline.sim.report(), `${s.id}, move ${i} (${JSON.stringify(m)}) at ${timeline.now()} ms`).toEqual(freshReport(s.scenario, timeline));
        }
      }),
      { seed: 20261129, numRuns: 8 },
    );
  }, 120_000);
});
