// The shell's state: which built-in scenario is selected, the scenario JSON being edited, the last
// good report and the last error. A vanilla zustand store, so it can be tested without React; the
// engine is passed in, so tests can give it a fake one.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type * as Engine from '../engine';

export type PlaygroundEngine = Pick<
  typeof Engine,
  'runScenario' | 'builtInScenarios' | 'ScenarioError'
>;

export interface PlaygroundState {
  /** The id of the selected built-in scenario ('' when there is none). */
  scenarioId: string;
  /** The scenario JSON in the editor; Run runs this text. */
  scenarioText: string;
  /** The last report a run produced; bad input never clears it. */
  report: Engine.Report | null;
  /** Why the last run did not produce a report, or null. */
  error: string | null;
  /** How many runs produced a report (lets the UI tell a re-run from the same result). */
  runs: number;

  /** Selects a built-in scenario and puts its JSON in the editor. Does not run it. */
  selectScenario(id: string): void;
  /** Replaces the editor's text. */
  editScenarioText(text: string): void;
  /** Puts the selected built-in scenario's JSON back in the editor. */
  resetScenarioText(): void;
  /** Runs the editor's text. A bad scenario sets `error` and keeps the last report. */
  run(): void;
}

export type PlaygroundStore = StoreApi<PlaygroundState>;

/** The scenario that opens the page, if the engine ships it. */
export const DEFAULT_SCENARIO_ID = 'acks1-leader-crash';

export function createPlaygroundStore(
  engine: PlaygroundEngine,
  format: (value: unknown) => string = (v) => JSON.stringify(v, null, 2),
): PlaygroundStore {
  const builtIn = (id: string) => engine.builtInScenarios.find((s) => s.id === id);
  const first =
    builtIn(DEFAULT_SCENARIO_ID) ?? (engine.builtInScenarios.length ? engine.builtInScenarios[0] : undefined);

  return createStore<PlaygroundState>()((set, get) => ({
    scenarioId: first?.id ?? '',
    scenarioText: first ? format(first.scenario) : '',
    report: null,
    error: null,
    runs: 0,

    selectScenario(id) {
      const scenario = builtIn(id);
      if (!scenario) {
        set({ error: `There is no built-in scenario "${id}".` });
        return;
      }
      set({ scenarioId: id, scenarioText: format(scenario.scenario), error: null });
    },

    editScenarioText(text) {
      set({ scenarioText: text });
    },

    resetScenarioText() {
      const scenario = builtIn(get().scenarioId);
      if (scenario) set({ scenarioText: format(scenario.scenario), error: null });
    },

    run() {
      let input: unknown;
      try {
        input = JSON.parse(get().scenarioText);
      } catch (err) {
        set({ error: `The scenario is not valid JSON: ${messageOf(err)}` });
        return;
      }
      try {
        const report = engine.runScenario(input);
        set((s) => ({ report, error: null, runs: s.runs + 1 }));
      } catch (err) {
        set({
          error:
            err instanceof engine.ScenarioError
              ? `The scenario is not valid: ${err.message}`
              : `The simulator failed on this scenario: ${messageOf(err)}`,
        });
      }
    },
  }));
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
