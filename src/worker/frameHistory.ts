/**
 * What the view showed, kept as the run advances, so a scrub inside the reached part of the
 * timeline answers at once while the engine's exact seek (restore a checkpoint, replay) runs.
 *
 * A frame is kept at every multiple of `intervalMs` of virtual time the run reaches (1 s to
 * start with). Kept frames share what did not change: the engine's snapshot builder hands back
 * the same object for an entity whose `version` did not move, and the report and the list of bad
 * records are reused by reference until a newer one is made. Only what a frame adds is counted
 * against the budget (its JSON length, a rough size); over budget, the interval doubles and the
 * frames off the coarser grid go, so the kept ones stay spread over the whole run.
 *
 * A kept frame is an exact moment: the cluster as it stood at its own `time`, which the preview
 * shows as its clock (never the target's).
 */
import type { ClusterSnapshot, Report, TraceEvent } from '../engine';
import type { BadRecord, MessageInFlight, WireEffects } from './protocol';

export interface KeptFrame {
  readonly time: number;
  readonly snapshot: ClusterSnapshot;
  readonly inFlight: readonly MessageInFlight[];
  /** The latest few events at or before `time`. */
  readonly events: readonly TraceEvent[];
  readonly wire: WireEffects;
  readonly badRecords: readonly BadRecord[];
  /** The newest report made at or before `time` on this timeline, and when it was made. */
  readonly report: Report | null;
  readonly reportTime: number | null;
}

/** Starting interval between kept frames, virtual ms. */
export const KEEP_EVERY_MS = 1_000;
/** Upper bound for the kept frames' estimated size (JSON characters of what they do not share). */
export const HISTORY_BUDGET = 32 * 1024 * 1024;

interface Entry {
  frame: KeptFrame;
  /** What this frame added to the history (its share of the budget). */
  bytes: number;
}

export class FrameHistory {
  private entries: Entry[] = [];
  private counted = new WeakSet<object>();
  private total = 0;

  constructor(
    private interval = KEEP_EVERY_MS,
    private readonly budget = HISTORY_BUDGET,
  ) {}

  /** The next virtual time a frame is due, after the furthest kept one. */
  nextDue(): number {
    const last = this.entries[this.entries.length - 1];
    if (!last) return 0;
    return (Math.floor(last.frame.time / this.interval) + 1) * this.interval;
  }

  /** Keeps `frame` when it lies beyond the furthest kept frame (the host keeps them at `nextDue`). */
  keep(frame: KeptFrame): boolean {
    const last = this.entries[this.entries.length - 1];
    if (last && frame.time <= last.frame.time) return false;
    const bytes = this.sizeOf(frame);
    this.entries.push({ frame, bytes });
    this.total += bytes;
    while (this.total > this.budget && this.entries.length > 2) this.coarsen();
    return true;
  }

  /** The kept frame nearest at or before `time` (null before the first). */
  at(time: number): KeptFrame | null {
    let lo = 0;
    let hi = this.entries.length - 1;
    let found: KeptFrame | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const entry = this.entries[mid]!;
      if (entry.frame.time <= time) {
        found = entry.frame;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** The newest kept frame's report (to reuse rather than build one per kept frame). */
  latestReport(): { report: Report; time: number } | null {
    const last = this.entries[this.entries.length - 1]?.frame;
    return last?.report && last.reportTime !== null ? { report: last.report, time: last.reportTime } : null;
  }

  /** The newest kept frame's bad records (reused by reference while the list did not grow). */
  latestBadRecords(): readonly BadRecord[] | null {
    return this.entries[this.entries.length - 1]?.frame.badRecords ?? null;
  }

  /**
   * A fork at `time`: the frames from it on belong to the dropped future (one kept at `time` itself
   * shows the cluster before the command). Returns the history as it was, for an undo of the fork.
   */
  fork(time: number): FrameHistory {
    const before = this.copy();
    const kept = this.entries.filter((e) => e.frame.time < time);
    this.entries = kept;
    this.total = kept.reduce((n, e) => n + e.bytes, 0);
    return before;
  }

  stats(): { frames: number; bytes: number; intervalMs: number } {
    return { frames: this.entries.length, bytes: this.total, intervalMs: this.interval };
  }

  private copy(): FrameHistory {
    const other = new FrameHistory(this.interval, this.budget);
    other.entries = [...this.entries];
    other.counted = this.counted;
    other.total = this.total;
    return other;
  }

  /** Doubles the interval and drops the frames off the new grid (never the first). */
  private coarsen(): void {
    this.interval *= 2;
    const kept: Entry[] = [];
    for (const [i, e] of this.entries.entries()) {
      if (i === 0 || e.frame.time % this.interval === 0) kept.push(e);
      else this.total -= e.bytes;
    }
    this.entries = kept;
  }

  /** JSON characters of the parts of `frame` no kept frame holds yet. */
  private sizeOf(frame: KeptFrame): number {
    const fresh = (value: object | null): number => {
      if (!value || this.counted.has(value)) return 0;
      this.counted.add(value);
      return JSON.stringify(value).length;
    };
    const s = frame.snapshot;
    let bytes = 200;
    for (const list of [s.brokers, s.partitions, s.producers, s.groups] as readonly (readonly object[])[]) {
      for (const entity of list) bytes += fresh(entity);
    }
    bytes += fresh(s.links as object);
    bytes += JSON.stringify(frame.inFlight).length + frame.events.length * 16;
    bytes += fresh(frame.report) + fresh(frame.badRecords as object) + fresh(frame.wire);
    return bytes;
  }
}
