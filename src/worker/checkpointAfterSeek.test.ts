/**
 * Once a scrub's exact state stands and nothing else comes, the worker keeps a checkpoint of that
 * moment (host.ts): an undo of a fork made there restores it instead of replaying. The old timeline
 * it brings back is the one the learner left: the same cluster, the same messages in flight, and
 * played on, the same run as if no fork had happened.
 */
import { describe, expect, it } from 'vitest';
import type { EngineFrame } from './protocol';
import { openedAt, testHost, type TestHost } from './testHost';

interface Inside {
  session: { timeline: { checkpointAtOrBefore(t: number): number; sim: { report(): unknown } } };
}
const timelineOf = (t: TestHost) => (t.h as unknown as Inside).session.timeline;

function frameOf(t: TestHost, id: number): EngineFrame {
  const m = t.posted.find((p) => p.type === 'frame' && p.id === id);
  if (m?.type !== 'frame') throw new Error(`no frame for request ${id}`);
  return m.frame;
}

/** A moment of the run at least 2 s after the checkpoint before it (the run spaces them partly by wall time). */
function farFromCheckpoints(t: TestHost): number {
  for (let to = 2_345; to < 30_000; to += 1_000) if (to - timelineOf(t).checkpointAtOrBefore(to) >= 2_000) return to;
  throw new Error('no moment far from the checkpoints');
}

/** A snapshot without its entities' versions (they count changes seen by this simulation object, and start over in a restored one). */
function unversioned(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unversioned);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'version').map(([k, v]) => [k, unversioned(v)]));
  return value;
}

describe('a checkpoint kept where a scrub rests', () => {
  it('is taken in idle time, and an undo of a fork made there brings back the very same cluster and run', async () => {
    const t = await openedAt(testHost(), 30_000);
    const to = farFromCheckpoints(t);
    const seek = t.send({ type: 'seek', to });
    await t.h.idle();
    expect(timelineOf(t).checkpointAtOrBefore(to)).toBe(to);
    const standing = frameOf(t, seek);

    t.send({ type: 'command', command: { do: 'crash', broker: 2 } });
    await t.h.idle();
    const undo = t.send({ type: 'undoFork' });
    await t.h.idle();
    const back = frameOf(t, undo);
    expect(back.time).toBe(to);
    expect(unversioned(back.snapshot)).toEqual(unversioned(standing.snapshot));
    expect(back.inFlight).toEqual(standing.inFlight);

    const ended = t.send({ type: 'advance', to: 30_000 });
    await t.h.idle();
    const fresh = await openedAt(testHost(), 30_000);
    expect(unversioned(frameOf(t, ended).snapshot)).toEqual(unversioned(frameOf(fresh, 2).snapshot));
    expect(timelineOf(t).sim.report()).toEqual(timelineOf(fresh).sim.report());
  });

  it('is not taken once the learner moved on (Play right after the scrub)', async () => {
    const t = await openedAt(testHost(), 30_000);
    const to = farFromCheckpoints(t);
    t.send({ type: 'seek', to });
    t.send({ type: 'advance', to: to + 500 });
    await t.h.idle();
    expect(timelineOf(t).checkpointAtOrBefore(to)).toBeLessThan(to);
  });
});
