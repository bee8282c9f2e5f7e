/**
 * While playing, a frame without its report holds its trace events back: the next frame with a
 * report (or any frame the learner stops on) brings them, none lost, none twice.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../engine';
import type { EngineFrame, WorkerResponse } from './protocol';
import { openedAt, testHost } from './testHost';

const framesOf = (posted: WorkerResponse[]): EngineFrame[] => posted.flatMap((m) => (m.type === 'frame' ? [m.frame] : []));
const eventsOf = (frames: EngineFrame[]): TraceEvent[] => frames.flatMap((f) => f.events);

describe('trace events while playing', () => {
  it('come with the frames that bring a report, every one of them once, as one advance over the same time brings them', async () => {
    const playing = await openedAt(testHost(), 2000);
    playing.posted.length = 0;
    for (let at = 2020; at <= 2600; at += 20) {
      playing.send({ type: 'advance', to: at });
      await playing.h.idle();
    }
    playing.send({ type: 'refresh' });
    await playing.h.idle();

    const once = await openedAt(testHost(), 2000);
    once.posted.length = 0;
    once.send({ type: 'advance', to: 2600 });
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
    // The frame the learner stops on (the pause's refresh) holds nothing back.
    expect(frames[frames.length - 1]!.eventsHeld).toBeUndefined();
    const all = eventsOf(frames);
    expect(all.length).toBeGreaterThan(10);
    expect(all).toEqual(eventsOf(framesOf(once.posted)));
  });
});
