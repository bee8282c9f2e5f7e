// The session's shape: what the page reads (state) and does (actions), and the port to the engine.
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterSnapshot, Command, MachineDefinition, Report, TraceEvent } from '../engine';
import type { MachineTarget } from '../diagram/entities';
import type { BadRecord, CatalogueEntry, Issue, MessageInFlight, ProgressKind, TimedCommand, WireEffects, WorkerRequest, WorkerResponse } from '../worker/protocol';
import type { CommitKnob } from './knobs';
import type { LinkProblem } from './linkParams';
import type { LiveFrame } from './live';

/** Omit that keeps a union a union. */
export type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export interface EnginePort {
  send(request: WorkerRequest): void;
  listen(listener: (response: WorkerResponse) => void): void;
}


export interface SessionState {
  catalogue: CatalogueEntry[];
  /** Where the simulator departs from Kafka, from the engine. */
  simplifications: { id: string; text: string }[];
  scenarioId: string;
  /** The scenario running now (the last one that parsed). */
  scenario: unknown;
  /** The editor's text for this scenario: the learner's edit if any, else the built-in. */
  scenarioText: string;
  edited: boolean;
  /** Problems with the editor's text, all at once; the last good cluster keeps running. */
  issues: Issue[];
  commandIssues: Issue[];
  /** What the link the page was opened from asked for and could not get (until dismissed). */
  linkProblems: readonly LinkProblem[];
  engineError: string | null;
  loaded: boolean;
  seed: number;
  until: number;
  playing: boolean;
  speedIndex: number;
  /** The engine's virtual time (ms, fractional): of the frame shown, a scrub's preview included. */
  time: number;
  /**
   * The time the clock, the timeline's thumb and the knobs show: `time`, refreshed with every frame
   * while paused, stepping or seeking, but about ten times a second while playing (a clock redrawn
   * sixty times a second costs the animation its frames; the eye reads it no faster).
   */
  clockTime: number;
  /** The time the latest scrub asked for, until the engine shows the exact state there (null: none pending). */
  seekTarget: number | null;
  snapshot: ClusterSnapshot | null;
  inFlight: MessageInFlight[];
  /** Messages dropped and error responses in the latest frame (the view remembers them a moment). */
  wire: WireEffects;
  events: TraceEvent[];
  /** Bumped when `events` is replaced rather than appended to (a seek back). */
  eventsEpoch: number;
  report: Report | null;
  /**
   * The cluster shown is newer than `report`: its ledger follows in a moment (a fork's or an
   * undo's frame comes first; after a restore the first report recounts every log).
   */
  reportPending: boolean;
  badRecords: BadRecord[];
  commands: TimedCommand[];
  progress: { what: ProgressKind; done: number; total: number } | null;
  /** A request is with the engine and its answer has not come back yet. */
  busy: boolean;
  /** How many later commands the last action in the past discarded (0: none). */
  forked: number;
  highlightRecord: number | null;
  /** The highlighted record's story: the events that made its fate (null events: not available). */
  story: { recordId: number; events: TraceEvent[] | null } | null;
  hiddenTokenKinds: ReadonlySet<string>;
  /** The lifecycle machines as data, from the worker (empty until it sends them). */
  machines: MachineDefinition[];
  /** The entity whose state machine the machines panel shows (null: the panel's default). */
  machineTarget: MachineTarget | null;

  selectScenario(id: string): void;
  editText(text: string): void;
  /** Runs the editor's text; with problems, lists them and keeps the running cluster. */
  applyText(): void;
  revertText(): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeedIndex(index: number): void;
  faster(): void;
  slower(): void;
  /** Advances playback by `wallMs` of wall time (called once per animation frame while playing). */
  tick(wallMs: number): void;
  stepForward(): void;
  stepBack(): void;
  seek(time: number): void;
  reset(): void;
  setSeed(seed: number): void;
  dispatch(command: Command): void;
  setCommit(commit: CommitKnob): void;
  highlight(recordId: number | null): void;
  /** Hides or shows the tokens of these message kinds (Kafka API names) in the view. */
  setTokenKindsHidden(kinds: readonly string[], hidden: boolean): void;
  dismissFork(): void;
  /** Back to the timeline before the last fork (the engine keeps one). */
  undoFork(): void;
  /** Shows this entity's state machine in the machines panel. */
  selectMachine(target: MachineTarget | null): void;
  /**
   * Opens the page: a scenario id (default: the sandbox) and optionally a time to show it at, as a
   * link gives them (`t` as written, in ms); `problems`: what else of the link could not be followed.
   */
  open(params: { scenario?: string | null; t?: string | number | null; problems?: readonly LinkProblem[] }): void;
  dismissLinkProblems(): void;
  /**
   * The engine's latest frame, every frame. While playing, `time` follows every frame but
   * `snapshot`, `inFlight`, `wire` and `events` above are published only a few times a second
   * (panels, not animation); the cluster view reads this instead (DESIGN.md rule 6).
   */
  live(): LiveFrame;
  /** Calls `listener` with each new live frame; returns the unsubscribe. */
  subscribeLive(listener: (frame: LiveFrame) => void): () => void;
}

export type SessionStore = StoreApi<SessionState>;

