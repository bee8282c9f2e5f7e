/**
 * Numbers at a human rate. While the cluster plays, the marks (cells, HW / LEO lines, tokens) move
 * every frame, but words that change every frame (a strip's HW / LEO, a producer's buffer and
 * linger countdown, a member's lag) cannot be read at sixty a second and each rewrite costs text
 * layout and paint. A `Pace` lets such a part refresh at most every `everyMs` of wall time while
 * in motion, and at once otherwise (paused, a step, a seek, a new layout); `wait` says when the
 * refresh a draw left out is due, so the view can draw it then (a pause shows exact words).
 */
export class Pace {
  private last = -Infinity;

  constructor(readonly everyMs: number) {}

  /** True when the part may refresh at `now` (then remembered as its last refresh); `force`: always. */
  due(now: number, force: boolean): boolean {
    if (!force && now - this.last < this.everyMs) return false;
    this.last = now;
    return true;
  }

  /** Wall ms from `now` until a refresh left out now is due. */
  wait(now: number): number {
    return Math.max(0, this.last + this.everyMs - now);
  }
}

/**
 * Whether a frame continues smooth playback (so its words may wait): drawn soon after the previous
 * draw, time moving forward at normal or fast speed. A scrub back, a frame after a pause, or slow
 * motion (where the eye follows one record and a draw is cheap) is not.
 */
export function inMotion(prev: { wallAt: number; time: number } | null, next: { wallAt: number; time: number; speed: number }): boolean {
  if (!prev) return false;
  return next.speed >= 1 && next.wallAt - prev.wallAt < 200 && next.time >= prev.time;
}
