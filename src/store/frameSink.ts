/**
 * Where the engine's frames land on the page. Every frame goes to the live channel (the cluster
 * view animates from it); the store's own copy, which React panels read, is refreshed with every
 * frame while paused, seeking or stepping, but while playing only a few times a second: a table,
 * an event log or a fault toolbar re-rendered sixty times a second costs the animation its frames
 * and tells the eye nothing more (the worker sends the trace events, which panels read, only with
 * those frames while playing: `eventsHeld`). `time` follows every frame; `clockTime` (the clock, the timeline's
 * thumb) ten times a second while playing.
 *
 * Unchanged entities keep their objects across frames (share.ts), and an unchanged command list
 * keeps its array, so selectors and the view's skip checks work by reference.
 */
import type { TraceEvent } from '../engine';
import type { EngineFrame, TimedCommand } from '../worker/protocol';
import { LiveChannel, NO_WIRE_EFFECTS } from './live';
import { shareUnchanged } from './share';
import type { SessionState } from './state';

export const EVENTS_KEPT = 400;
/**
 * While playing, panels see the cluster at most this often (wall ms), the same rhythm as the
 * worker's reports. Snapshot and events always travel together: the machines panel reads the
 * steps between two snapshots from the events.
 */
export const PANEL_EVERY_WALL_MS = 250;
/** While playing, the clock and the timeline's thumb move at most this often (wall ms). */
export const CLOCK_EVERY_WALL_MS = 100;

type FrameSlice = Partial<Pick<SessionState, 'time' | 'clockTime' | 'snapshot' | 'inFlight' | 'wire' | 'events' | 'eventsEpoch' | 'commands' | 'report' | 'badRecords'>>;

export interface FrameKind {
  /** A new simulation may be behind it (load, seek back, fork, undo): versions start over. */
  fresh: boolean;
  /** Panels must see it now (anything but a frame of playback). */
  urgent: boolean;
}

export class FrameSink {
  readonly live = new LiveChannel();
  /** Events not yet in the store: the whole list to publish next, or null when the store has them. */
  private heldEvents: TraceEvent[] | null = null;
  private heldReset = false;
  private lastPublishedAt = -Infinity;
  private lastClockAt = -Infinity;

  constructor(private readonly wallNow: () => number) {}

  /** The store changes this frame brings (only `time` when panels are not due). */
  apply(frame: EngineFrame, state: SessionState, kind: FrameKind): FrameSlice {
    const snapshot = shareUnchanged(kind.fresh ? null : this.live.current.snapshot, frame.snapshot);
    const wire = frame.wire ?? NO_WIRE_EFFECTS;
    this.live.publish({ time: frame.time, snapshot, inFlight: frame.inFlight, wire });

    if (frame.resetEvents) {
      this.heldEvents = frame.events.slice(-EVENTS_KEPT);
      this.heldReset = true;
    } else if (frame.events.length) {
      this.heldEvents = [...(this.heldEvents ?? state.events), ...frame.events].slice(-EVENTS_KEPT);
    }

    const now = this.wallNow();
    // A frame of playback whose events the worker held back (they come with its next report) is
    // not one for the panels: they would see a snapshot ahead of its events.
    if (!kind.urgent && !frame.report && (frame.eventsHeld || now - this.lastPublishedAt < PANEL_EVERY_WALL_MS)) {
      if (now - this.lastClockAt < CLOCK_EVERY_WALL_MS) return { time: frame.time };
      this.lastClockAt = now;
      return { time: frame.time, clockTime: frame.time };
    }
    this.lastPublishedAt = now;
    this.lastClockAt = now;
    const slice: FrameSlice = {
      time: frame.time,
      clockTime: frame.time,
      snapshot,
      inFlight: frame.inFlight,
      wire,
      commands: sameCommands(state.commands, frame.commands) ? state.commands : frame.commands,
      ...(frame.report ? { report: frame.report } : {}),
      ...(frame.badRecords ? { badRecords: frame.badRecords } : {}),
    };
    if (this.heldEvents) {
      slice.events = this.heldEvents;
      if (this.heldReset) slice.eventsEpoch = state.eventsEpoch + 1;
    }
    this.heldEvents = null;
    this.heldReset = false;
    return slice;
  }
}

function sameCommands(a: readonly TimedCommand[], b: readonly TimedCommand[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
