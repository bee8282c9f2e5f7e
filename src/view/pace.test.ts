import { describe, expect, it } from 'vitest';
import { Pace, inMotion } from './pace';

describe('numbers at a human rate', () => {
  it('a part refreshes at most once per period while in motion, at once when forced, and says when the next is due', () => {
    const pace = new Pace(250);
    expect(pace.due(1000, false)).toBe(true); // the first draw always shows its words
    expect(pace.due(1016, false)).toBe(false);
    expect(pace.wait(1016)).toBe(234);
    expect(pace.due(1100, true)).toBe(true); // a step or a pause: exact at once
    expect(pace.due(1349, false)).toBe(false);
    expect(pace.due(1350, false)).toBe(true);
    expect(pace.wait(2000)).toBe(0);
  });

  it('only smooth forward playback at 1× or faster counts as motion', () => {
    const prev = { wallAt: 1000, time: 5000 };
    expect(inMotion(null, { wallAt: 1016, time: 5016, speed: 1 })).toBe(false);
    expect(inMotion(prev, { wallAt: 1016, time: 5016, speed: 1 })).toBe(true);
    expect(inMotion(prev, { wallAt: 1016, time: 5160, speed: 10 })).toBe(true);
    expect(inMotion(prev, { wallAt: 1016, time: 5001, speed: 0.1 })).toBe(false); // slow motion
    expect(inMotion(prev, { wallAt: 1016, time: 2000, speed: 1 })).toBe(false); // a scrub back
    expect(inMotion(prev, { wallAt: 3000, time: 5020, speed: 1 })).toBe(false); // after a pause or a step
  });
});
