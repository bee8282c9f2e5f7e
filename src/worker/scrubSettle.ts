/**
 * When a scrub's exact seek starts. A drag sends a scrub per animation frame: the exact seek (a
 * checkpoint's restore, one synchronous step, then a replay) starts once the scrubs rest, so a
 * drag's previews are not held up behind a restore, and the page has the CPU to draw the preview
 * first. A lone scrub (a click on the track, a key, `?t=`) waits only briefly; any newer request
 * ends the wait at once: a newer scrub replaces this one (its reply is dropped right away, not
 * after the wait), a command or Play wants the exact state now.
 */

/** The rest a drag's scrub waits for before its exact seek starts. */
export const SEEK_SETTLE_WALL_MS = 120;
/** A scrub this long after the one before is a lone one. */
export const LONE_SCRUB_AFTER_WALL_MS = 250;
/** The rest a lone scrub waits for (a drag's next scrub comes well within it). */
export const LONE_SEEK_SETTLE_WALL_MS = 40;

export class ScrubSettle {
  private lastScrubAt = -Infinity;
  private readonly lone = new WeakSet<object>();
  private cut: (() => void) | null = null;

  constructor(
    private readonly wallNow: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Notes a scrub as it arrives (before it is queued). */
  arrived(scrub: object): void {
    const now = this.wallNow();
    if (now - this.lastScrubAt > LONE_SCRUB_AFTER_WALL_MS) this.lone.add(scrub);
    this.lastScrubAt = now;
  }

  /** A newer request arrived: a wait under way ends now. */
  interrupt(): void {
    this.cut?.();
  }

  /** Waits until the scrubs rest (or a newer request arrives). */
  wait(scrub: object): Promise<void> {
    return this.pause(this.lone.has(scrub) ? LONE_SEEK_SETTLE_WALL_MS : SEEK_SETTLE_WALL_MS);
  }

  /** Waits `ms` of wall time, or until a newer request arrives. */
  pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.cut = resolve;
      void this.sleep(ms).then(resolve);
    }).finally(() => (this.cut = null));
  }
}
