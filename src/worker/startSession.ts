/**
 * A fresh session: a timeline of `scenario` at t = 0 that will replay `commands` at their times,
 * and the listener that keeps what the host reports from it (verdicts, wire effects, recent
 * events, event times).
 */
import { createTimeline, VERDICT_TYPES } from '../engine';
import { VerdictList } from './fates';
import { FrameHistory } from './frameHistory';
import type { TimedCommand } from './protocol';
import { EVENTS_KEPT, PREVIEW_EVENTS, type Session } from './session';
import { WireTracker } from './wire';

const VERDICTS = new Set<string>(VERDICT_TYPES);

export function startSession(scenario: unknown, commands: readonly TimedCommand[], wallNow: () => number): Session {
  const verdicts = new VerdictList();
  const timeline = createTimeline(scenario, {
    wallNow,
    // The verdict list is saved with each checkpoint and restored with it.
    companion: { save: () => verdicts.save(), restore: (saved) => verdicts.restore(saved) },
    commands: commands.map(({ time, command }) => ({ ...command, at: time }) as never),
  });
  const session: Session = {
    timeline,
    verdicts,
    wire: new WireTracker(),
    pending: [],
    eventTimes: [],
    recent: [],
    history: new FrameHistory(),
    previousHistory: null,
    lastReport: null,
    reportCostMs: 0,
    restoreCostMs: 0,
  };
  timeline.subscribe((event) => {
    if (VERDICTS.has(event.type)) verdicts.observe(event);
    session.wire.observe(event);
    session.recent.push(event);
    if (session.recent.length > PREVIEW_EVENTS * 2) session.recent.splice(0, session.recent.length - PREVIEW_EVENTS);
    session.pending.push(event);
    if (session.pending.length > EVENTS_KEPT * 2) session.pending.splice(0, session.pending.length - EVENTS_KEPT);
    const times = session.eventTimes;
    if (times[times.length - 1] !== event.t) {
      times.push(event.t);
      if (times.length > EVENTS_KEPT * 2) times.splice(0, times.length - EVENTS_KEPT);
    }
  });
  return session;
}
