/**
 * While playing, a frame without its report holds its trace events back: the next frame with a
 * report (or any frame the learner stops on) brings them, none lost, none twice.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine';
import type { EngineFrame, WorkerResponse } from './protocol';
import { openedAt, testHost } from './testHost';
import { EVENTS_KEPT } from './session';

const framesOf = (posted: WorkerResponse[]): EngineFrame[] => posted.flatMap((m) => (m.type === 'frame' ? [m.frame] : []));
const eventsOf = (frames: EngineFrame[]): TraceEvent[] => frames.flatMap((f) => f.events);

/** The acks=1 built-in opened at `at` on a host whose wall clock moves only when `tick` says, its frame of `at` taken. */
async function openedOnClock(at: number) {
  let wall = 0;
  const opened = await openedAt(testHost(undefined, () => wall), at);
  opened.send({ type: 'refresh' });
  await opened.h.idle();
  opened.posted.length = 0;
  return { ...opened, tick: (ms: number) => void (wall += ms) };
}

describe('trace events while playing', () => {
  it('come with the frames that bring a report, every one of them once, as one advance over the same time brings them', async () => {
    // Playing: 20 cluster ms per 100 wall ms, so a report (and the events held for it) is due
    // every third frame (REPORT_EVERY_WALL_MS is 250).
    const playing = await openedOnClock(1000);
    for (let at = 1020; at <= 1200; at += 20) {
      playing.tick(100);
      playing.send({ type: 'advance', to: at });
      await playing.h.idle();
    }
    playing.send({ type: 'refresh' });
    await playing.h.idle();

    const once = await openedOnClock(1000);
    once.tick(100);
    once.send({ type: 'advance', to: 1200 });
    await once.h.idle();
    once.send({ type: 'refresh' });
    await once.h.idle();

    const frames = framesOf(playing.posted);
    const held = frames.filter((f) => f.eventsHeld);
    expect(held.length).toBeGreaterThan(0);
    for (const f of held) {
      expect(f.events).toEqual([]);
      expect(f.report).toBeNull();
    }
    // Frames before the last brought a report with the events held until then.
    expect(frames.slice(0, -1).some((f) => !f.eventsHeld && f.report !== null && f.events.length > 0)).toBe(true);
    // The frame the learner stops on (the pause's refresh) holds nothing back.
    expect(frames[frames.length - 1]!.eventsHeld).toBeUndefined();
    const all = eventsOf(frames);
    // Fewer than a frame's cap (EVENTS_KEPT), so every event of the 200 ms is there.
    expect(all.length).toBeGreaterThan(50);
    expect(all.length).toBeLessThan(EVENTS_KEPT);
    expect(all[0]!.t).toBeGreaterThan(1000);
    expect(all).toEqual(eventsOf(framesOf(once.posted)));
  });
});
