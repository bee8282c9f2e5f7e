/**
 * The timeline's contract (timeline.ts): what the app's worker calls to play, scrub, act in the
 * past and undo, and the options that space its checkpoints.
 */
import type { ScriptAction } from '../scenario/types';
import type { DispatchResult } from './commands';
import type { Command, Simulation, SimulationOptions } from './simulation';
import type { Traced } from '../core/trace';

export interface TimelineOptions extends SimulationOptions {
  /** Take a checkpoint once this many trace events went by since the last one (default 20,000)… */
  checkpointEveryEvents?: number;
  /** …or this much virtual time (default 10,000 ms)… */
  checkpointEveryVirtualMs?: number;
  /**
   * …or, given `wallNow`, this much wall time went into simulating (default 30 ms, and at least four
   * times what the last checkpoint took), whichever comes first.
   */
  checkpointEveryWallMs?: number;
  /** Upper bound for the checkpoints' estimated size; beyond it the closest ones are dropped (default 100 MB). */
  memoryBudgetBytes?: number;
  /** The app's wall clock in ms (performance.now), to space checkpoints by cost; the engine itself has none. */
  wallNow?: () => number;
  /** State kept beside the engine (e.g. a view's record of fates): saved with each checkpoint, given back on restore. */
  companion?: TimelineCompanion;
  /** Commands already on this timeline (a reloaded session), applied as their times come. */
  commands?: readonly ScriptAction[];
}

export interface TimelineCompanion {
  save(): unknown;
  restore(saved: unknown): void;
}

export interface Timeline {
  /** The simulation standing at the timeline's current time (a new object after a seek back or a fork). */
  readonly sim: Simulation;
  now(): number;
  /** The furthest virtual time this timeline has reached. */
  horizon(): number;
  /** Runs forward to `time`, replaying this timeline's recorded commands as their times come. */
  runUntil(time: number): void;
  /** Runs the next engine event (and a recorded command that falls due). False when nothing is left. */
  step(): boolean;
  /** The cluster as it was (or will be, on this timeline) at `time`. */
  seek(time: number): Simulation;
  /**
   * Applies a command now. Before the horizon this forks: the recorded future (commands and
   * checkpoints after now) is dropped, and kept for `undoFork`.
   */
  dispatch(command: Command | unknown): DispatchResult & { forked: boolean };
  /** Back to the timeline before the last fork, at the time the fork was made. False when there is none. */
  undoFork(): boolean;
  /** Every event of whichever simulation is current, including the replays of a seek. */
  subscribe(listener: (event: Traced) => void): () => void;
  /** The commands of this timeline as script entries. */
  commands(): ScriptAction[];
  /** Checkpoints held, their estimated size, and how many this timeline took in all (for the benchmark and the memory budget). */
  stats(): { checkpoints: number; bytes: number; taken: number };
  /**
   * The time of this timeline's newest checkpoint at or before `time` (0: the start has one). A
   * seek there restores it and replays nothing; the app replays the rest in slices of its own.
   */
  checkpointAtOrBefore(time: number): number;
}
