/**
 * The messages between the page and the engine's Web Worker (DESIGN.md: "commands in, snapshots
 * and events out"). Plain serializable data only: everything here crosses postMessage.
 */
import type { ClusterSnapshot, Command, MachineDefinition, MessageInFlight, Report, TraceEvent } from '../engine';

/** A message on the wire at this moment, as the engine's `sim.inFlight()` lists it. */
export type { MessageInFlight };

/** One problem with a scenario or a command, named by its path ("script[3].broker"). */
export interface Issue {
  path: string;
  message: string;
}

/** A command the learner gave, at the virtual time it took effect. */
export interface TimedCommand {
  time: number;
  command: Command;
}

/** A record whose fate is bad: the ledger's verdict on it. */
/**
 * A record with a bad fate: the producer's side (lost, duplicated, out of order: where it sits and
 * who sent it) or a consumer group's (skipped: the group never processed it; processedTwice: a
 * member processed it again).
 */
export type BadRecord = ProducerSideFate | ConsumerSideFate;

interface ProducerSideFate {
  recordId: number;
  topic: string;
  partition: number;
  offset: number;
  producer: string;
  fate: 'lost' | 'duplicated' | 'reordered';
  /** Virtual time of the verdict. */
  at: number;
}

interface ConsumerSideFate {
  recordId: number;
  group: string;
  fate: 'skipped' | 'processedTwice';
  /** Skipped: where the record sits. */
  topic?: string;
  partition?: number;
  offset?: number;
  /** Processed twice: the member that processed it again. */
  member?: string;
  at: number;
}

/** Why the network lost a message (the engine's MessageDropped reasons). */
export type DropReason = 'link-cut' | 'node-down' | 'dropRequests' | 'dropResponses';

/** A message lost on the wire (MessageDropped), with the flight it had (from its MessageSent). */
export interface DroppedMessage {
  messageId: number;
  from: string;
  to: string;
  /** Kafka's API name: Produce, FetchResponse, … */
  kind: string;
  reason: DropReason;
  sentAt: number;
  /** When it was due; equal to sentAt for a message lost as it was sent (its link already cut). */
  deliverAt: number;
  droppedAt: number;
  recordIds?: number[];
}

/**
 * A response that carried an error code (NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS,
 * REQUEST_TIMED_OUT, …). The engine's messages in flight do not carry their payload, so the error
 * is known when the client handles the response (ProduceErrored, CommitFailed), at `deliverAt`.
 */
export interface ErrorResponse {
  messageId: number;
  from: string;
  to: string;
  kind: string;
  /** One code per partition that failed, distinct, in the order the client met them. */
  errors: string[];
  sentAt: number;
  deliverAt: number;
  recordIds?: number[];
}

/** What happened on the wire since the previous frame (after a seek: the latest few before now). */
export interface WireEffects {
  dropped: DroppedMessage[];
  errors: ErrorResponse[];
}

/** What the page needs to draw one moment of the cluster. */
export interface EngineFrame {
  time: number;
  snapshot: ClusterSnapshot;
  inFlight: MessageInFlight[];
  /** Trace events since the previous frame (or, with `resetEvents`, the latest few before now). */
  events: TraceEvent[];
  /** This frame of playback left its events for a later one (they come with the reports, a few times a second). */
  eventsHeld?: boolean;
  resetEvents: boolean;
  /** Sent at most a few times a second (building it walks every log); null when not refreshed. */
  report: Report | null;
  badRecords: BadRecord[] | null;
  /** The learner's commands on the timeline (after a fork, the ones in the future are gone). */
  commands: TimedCommand[];
  /** Dropped messages and error responses since the previous frame (absent from older hosts). */
  wire?: WireEffects;
  /** When `report` was made, if earlier than `time` (a preview reuses the newest report it kept). */
  reportTime?: number;
}

/** A built-in scenario as the picker shows it. */
export interface CatalogueEntry {
  id: string;
  title: string;
  summary: string;
  scenario: unknown;
}

/** What a long request is doing: running ahead, replaying a session from the start, seeking exactly. */
export type ProgressKind = 'run' | 'replay' | 'seek';

export type WorkerRequest =
  /** Starts `scenario` at t = 0; with `commands` and `at`, replays them up to `at` (a changed scenario, same history). */
  | { type: 'load'; id: number; scenario: unknown; commands?: TimedCommand[]; at?: number }
  /** Runs forward to `to` (virtual ms, fractional allowed); replays the learner's later commands on the way. */
  | { type: 'advance'; id: number; to: number }
  /** Shows the cluster at `to`, earlier or later than now (the engine's seek: nearest checkpoint, bounded replay). */
  | { type: 'seek'; id: number; to: number }
  /** Runs until the next trace event. */
  | { type: 'step'; id: number }
  /** Goes back to the time of the latest event before now. */
  | { type: 'stepBack'; id: number }
  | { type: 'command'; id: number; command: Command }
  /** Back to the timeline before the last fork, at the moment of the fork. */
  | { type: 'undoFork'; id: number }
  /** A frame of now with a fresh report (playing sends reports only a few times a second). */
  | { type: 'refresh'; id: number }
  /** The events that made one record's fate, in order (the engine's `story`). */
  | { type: 'story'; id: number; recordId: number };

export type WorkerResponse =
  | { type: 'catalogue'; scenarios: CatalogueEntry[]; simplifications: { id: string; text: string }[] }
  /** The lifecycle machines as data (sent once, when the worker starts), for the state diagrams. */
  | { type: 'machines'; machines: MachineDefinition[] }
  | { type: 'loaded'; id: number; seed: number; until: number; frame: EngineFrame }
  | { type: 'frame'; id: number; frame: EngineFrame; forked?: number; undone?: boolean }
  /**
   * The fresh report of the frame just sent to request `id` (a fork, an undo, a scrub's exact
   * state, a step, a pause), at the frame's `time`: it follows that frame at once, never another.
   */
  | { type: 'report'; id: number; time: number; report: Report; badRecords: BadRecord[] }
  /**
   * A scrub's first answer, sent at once: the kept frame nearest at or before `target` (its own
   * time in `frame.time`). The exact state at `target` follows as the request's `frame` (or
   * `superseded`, when a newer request replaced this one).
   */
  | { type: 'preview'; id: number; target: number; frame: EngineFrame }
  /** A request a newer one replaced before it was done (a scrub during a drag, an advance cut by a seek). */
  | { type: 'superseded'; id: number }
  /** `events` null: this engine cannot tell stories yet. */
  | { type: 'story'; id: number; recordId: number; events: TraceEvent[] | null }
  /** `seek`: a scrub's exact state, replayed from the nearest checkpoint. */
  | { type: 'progress'; id: number; what: ProgressKind; done: number; total: number }
  | { type: 'error'; id: number; kind: 'scenario' | 'command' | 'engine'; issues: Issue[] };
