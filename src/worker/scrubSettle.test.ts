/** How long a scrub waits before its exact seek: a drag's scrubs wait for it to rest, a lone one briefly. */
import { describe, expect, it } from 'vitest';
import { LONE_SEEK_SETTLE_WALL_MS, SEEK_SETTLE_WALL_MS, ScrubSettle } from './scrubSettle';

function settle() {
  let now = 1_000;
  const asked: number[] = [];
  const s = new ScrubSettle(
    () => now,
    (ms) => {
      asked.push(ms);
      return new Promise(() => undefined);
    },
  );
  return { s, asked, advance: (ms: number) => (now += ms) };
}

describe('a scrub’s wait before its exact seek', () => {
  it('is brief for a lone scrub and longer for each scrub of a drag (one per animation frame)', () => {
    const { s, asked, advance } = settle();
    const lone = {};
    s.arrived(lone);
    void s.wait(lone);
    advance(2_000);
    const drag = [{}, {}, {}];
    for (const scrub of drag) {
      s.arrived(scrub);
      void s.wait(scrub);
      s.interrupt();
      advance(16);
    }
    expect(asked).toEqual([LONE_SEEK_SETTLE_WALL_MS, LONE_SEEK_SETTLE_WALL_MS, SEEK_SETTLE_WALL_MS, SEEK_SETTLE_WALL_MS]);
  });

  it('ends at once when a newer request arrives', async () => {
    const { s } = settle();
    const scrub = {};
    s.arrived(scrub);
    const waiting = s.wait(scrub);
    s.interrupt();
    await expect(waiting).resolves.toBeUndefined();
  });
});
