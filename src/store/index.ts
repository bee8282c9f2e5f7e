// The app's one playground store, wired to the real engine, and a React hook to read it.
import { useStore } from 'zustand';
import { ScenarioError, builtInScenarios, runScenario } from '../engine';
import { formatJson } from './formatJson';
import { createPlaygroundStore, type PlaygroundState } from './playground';

export type { PlaygroundState, PlaygroundStore } from './playground';

export const playgroundStore = createPlaygroundStore(
  { runScenario, builtInScenarios, ScenarioError },
  formatJson,
);

/** Reads a slice of the playground store; re-renders only when that slice changes. */
export function usePlayground<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(playgroundStore, selector);
}
