// Playback speeds: how many cluster milliseconds pass per wall-clock millisecond. From "very slow"
// (one record's trip across a link lasts a second or more) to 100× (a ten-minute run in six seconds).
export const SPEEDS = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100] as const;

/** 0.25×: with the sandbox's 100 ms links a hop lasts 0.4 s on screen, slow enough to follow. */
export const DEFAULT_SPEED_INDEX = SPEEDS.indexOf(0.25);

export function clampSpeedIndex(index: number): number {
  return Math.min(SPEEDS.length - 1, Math.max(0, Math.round(index)));
}

/** The speed index closest to `speed` (for a speed typed or read from a URL). */
export function nearestSpeedIndex(speed: number): number {
  let best = 0;
  SPEEDS.forEach((s, i) => {
    if (Math.abs(Math.log(s / speed)) < Math.abs(Math.log(SPEEDS[best]! / speed))) best = i;
  });
  return best;
}
