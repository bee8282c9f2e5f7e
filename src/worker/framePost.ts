/**
 * The frames and reports the host sends: a frame of now with each answer, its report inline or
 * owed (made once nothing else waits, after the page drew the frame), and while playing, reports
 * and trace events only a few times a second.
 */
import { frameOfNow, makeReport, type Session } from './session';
import type { EngineFrame, WorkerResponse } from './protocol';

const REPORT_EVERY_WALL_MS = 250;

export interface FramePostDeps {
  post(message: WorkerResponse): void;
  wallNow(): number;
  /** Requests waiting behind the one being handled. */
  waiting(): number;
}

export class FramePost {
  private lastReportAt = -Infinity;
  /** The request whose frame went out without its report, which is owed once nothing else waits. */
  owedReport: number | null = null;

  constructor(private readonly deps: FramePostDeps) {}

  /**
   * Posts the frame of now, with a report when one is `due` (a few times a second while playing).
   * `after` (a fork, an undo): a fresh report follows the frame in a message of its own, so the page
   * draws the new timeline while the report is made (tens of milliseconds in a long run; after a
   * restore, which an undo makes, tens of milliseconds more). `fresh` (a scrub's
   * exact state, a step, a pause): the report goes in the frame, so the worker is free again when
   * the page shows it (the learner's next scrub is answered at once), unless a request already
   * waits (a fork clicked right after the scrub): then it goes first and the report after it.
   */
  postFrame(s: Session, id: number, resetEvents: boolean, report: 'due' | 'fresh' | 'after', extra: { forked?: number; undone?: boolean } = {}): void {
    const inline = report === 'fresh' && !this.deps.waiting();
    const frame = this.frame(s, resetEvents, report === 'due' ? 'due' : inline ? 'with' : 'none');
    this.deps.post({ type: 'frame', id, frame, ...extra });
    if (frame.report) this.owedReport = null;
    else if (report !== 'due' || this.owedReport !== null) this.owedReport = id;
  }

  /** The report owed to the frame shown (made after it, so the page draws the frame first). */
  postOwedReport(s: Session | null): void {
    const id = this.owedReport;
    this.owedReport = null;
    if (!s || id === null) return;
    this.lastReportAt = this.deps.wallNow();
    const report = makeReport(s, this.deps.wallNow);
    this.deps.post({ type: 'report', id, time: s.timeline.sim.now(), report, badRecords: s.verdicts.badRecords() });
  }

  /**
   * `report`: with one always (`with`), never (`none`, one follows), or when a few hundred ms have
   * passed (`due`). A frame of playback without its report holds its trace events back too: they
   * go with the next report, the rhythm at which the page's panels show them (store/frameSink.ts).
   */
  frame(s: Session, resetEvents: boolean, report: 'with' | 'none' | 'due'): EngineFrame {
    const wall = this.deps.wallNow();
    const withReport = report === 'with' || (report === 'due' && wall - this.lastReportAt > REPORT_EVERY_WALL_MS);
    if (withReport) this.lastReportAt = wall;
    return frameOfNow(s, resetEvents, withReport, this.deps.wallNow, report !== 'due' || withReport);
  }
}
