/**
 * One loaded scenario inside the worker (its timeline and what the page is shown from it), and the
 * frames made from it: the frame of now, the frames kept for scrubbing, and their reports.
 */
import type { Command, Report, Simulation, Timeline, TraceEvent } from '../engine';
import type { VerdictList } from './fates';
import type { FrameHistory, KeptFrame } from './frameHistory';
import type { WireTracker } from './wire';
import type { EngineFrame, MessageInFlight, TimedCommand } from './protocol';

/** Events a frame carries at most (the page's event log keeps as many). */
export const EVENTS_KEPT = 400;
/** Events a kept frame holds for the event log of a preview. */
export const PREVIEW_EVENTS = 60;
/** A kept frame gets a report of its own when making one costs at most this share of the run's wall time. */
const REPORT_SHARE = 0.05;

export interface Session {
  timeline: Timeline;
  verdicts: VerdictList;
  /** Dropped messages and error responses, for the view's falling and red tokens. */
  wire: WireTracker;
  /** Events since the last frame (the latest EVENTS_KEPT). */
  pending: TraceEvent[];
  /** Times of recent events, for "step back". */
  eventTimes: number[];
  /** The latest PREVIEW_EVENTS events, for kept frames. */
  recent: TraceEvent[];
  /** Frames kept as the run advances, for a scrub's immediate answer. */
  history: FrameHistory;
  /** The history before the last fork, for its undo. */
  previousHistory: FrameHistory | null;
  /** The newest report made (its virtual time, and the wall time when it was made). */
  lastReport: { report: Report; time: number; wall: number } | null;
  reportCostMs: number;
  /** What the last restore of a checkpoint cost (to announce progress before the next one). */
  restoreCostMs: number;
}

/** A report of now, remembering what it cost (kept frames make their own only while that stays cheap). */
export function makeReport(s: Session, wallNow: () => number): Report {
  const before = wallNow();
  const report = s.timeline.sim.report();
  const wall = wallNow();
  s.reportCostMs = wall - before;
  s.lastReport = { report, time: s.timeline.sim.now(), wall };
  return report;
}

/** Keeps the frame of now in the history (called as the run reaches each due time). */
export function keepFrame(s: Session, wallNow: () => number): void {
  const sim = s.timeline.sim;
  const time = sim.now();
  const wall = wallNow();
  // A report walks every log: a kept frame makes its own only while that stays cheap.
  const last = s.lastReport;
  if (!last || (last.time <= time && wall - last.wall >= s.reportCostMs / REPORT_SHARE)) makeReport(s, wallNow);
  const report = s.lastReport && s.lastReport.time <= time ? s.lastReport : null;
  const previousBad = s.history.latestBadRecords();
  const badRecords = previousBad && previousBad.length === Math.min(s.verdicts.size(), 200) ? previousBad : s.verdicts.badRecords();
  s.history.keep({
    time,
    snapshot: sim.snapshot(),
    inFlight: inFlightOf(sim),
    events: s.recent.slice(-PREVIEW_EVENTS),
    wire: s.wire.recent(),
    badRecords,
    report: report?.report ?? null,
    reportTime: report?.time ?? null,
  });
}

/** After a seek the recent events are the restored run's: read them back from its event log. */
export function resetRecentEvents(s: Session): void {
  const held = s.timeline.sim.eventsSince(0).events;
  s.pending = held.slice(-EVENTS_KEPT);
  s.eventTimes = [...new Set(s.pending.map((e) => e.t))];
}

/** Runs engine events until one emits a trace event (timers that change nothing are skipped). */
export function stepToNextEvent(s: Session): void {
  const seen = s.pending.length;
  for (let i = 0; i < 100_000 && s.pending.length === seen; i++) {
    if (!s.timeline.step()) break;
  }
}

/**
 * The frame of now; `withReport`: a fresh report too; `withEvents` (the default): the events since
 * the last frame that carried them, else none (`eventsHeld`: they come with a later frame).
 */
export function frameOfNow(s: Session, resetEvents: boolean, withReport: boolean, wallNow: () => number, withEvents = true): EngineFrame {
  const sim = s.timeline.sim;
  const snapshot = sim.snapshot();
  const report = withReport ? makeReport(s, wallNow) : null;
  const held = !withEvents && !resetEvents;
  const events = held ? [] : s.pending.slice(-EVENTS_KEPT);
  if (!held) s.pending = [];
  return {
    ...(held ? { eventsHeld: true } : {}),
    time: sim.now(),
    snapshot,
    inFlight: inFlightOf(sim),
    events,
    resetEvents,
    report,
    badRecords: withReport ? s.verdicts.badRecords() : null,
    commands: commandsOf(s.timeline),
    wire: s.wire.drain(resetEvents),
  };
}

/** A kept frame as the page receives it: a scrub's preview, standing at the frame's own time. */
export function keptFrame(s: Session, kept: KeptFrame): EngineFrame {
  return {
    time: kept.time,
    snapshot: kept.snapshot,
    inFlight: kept.inFlight as MessageInFlight[],
    events: kept.events as TraceEvent[],
    resetEvents: true,
    report: kept.report,
    badRecords: kept.badRecords as EngineFrame['badRecords'],
    commands: commandsOf(s.timeline),
    wire: kept.wire,
    ...(kept.reportTime !== null && kept.reportTime < kept.time ? { reportTime: kept.reportTime } : {}),
  };
}

export function commandsOf(timeline: Timeline): TimedCommand[] {
  return timeline.commands().map(({ at, ...command }) => ({ time: at, command: command as Command }));
}

export function inFlightOf(sim: Simulation): MessageInFlight[] {
  return [...sim.inFlight()];
}
