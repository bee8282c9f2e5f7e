/**
 * The cluster before its ledger: a fork or an undo goes to the page at once, and its report follows
 * in a message of its own, once nothing else waits. A scrub's exact state carries its report (the
 * worker is then free for the next scrub), unless a request already waits behind it (a fork clicked
 * right after the scrub): that one goes first, and the scrub's report (tens of milliseconds in a
 * long run) is never made. A scrub replaced while
 * it waits for the drag to rest is answered at once.
 */
import { describe, expect, it } from 'vitest';
import type { WorkerResponse } from './protocol';
import { openedAt, testHost } from './testHost';
import { LONE_SEEK_SETTLE_WALL_MS, SEEK_SETTLE_WALL_MS } from './scrubSettle';

const SETTLES = [LONE_SEEK_SETTLE_WALL_MS, SEEK_SETTLE_WALL_MS];
/**
 * A host whose scrubs wait for the drag to rest until `rest()` is called (or a newer request cuts
 * the wait); its other waits (the moment before a report owed to a frame) end at the next turn.
 */
function host() {
  const resting: (() => void)[] = [];
  const t = testHost((ms) => new Promise<void>((resolve) => (SETTLES.includes(ms) ? resting.push(resolve) : setTimeout(resolve, 0))));
  const rest = () => resting.splice(0).forEach((r) => r());
  /**
   * What was posted for request `id`, in order, as "type" strings; without progress reports, which
   * follow the wall clock (a busy machine sends one during a long seek, a quiet one none).
   */
  const answers = (rid: number) => t.posted.filter((m) => 'id' in m && m.id === rid && m.type !== 'progress').map((m) => m.type);
  return { ...t, rest, answers };
}

const opened = (at: number) => openedAt(host(), at);

const indexOf = (posted: WorkerResponse[], type: WorkerResponse['type'], id: number) => posted.findIndex((m) => m.type === type && 'id' in m && m.id === id);

describe('the frame before its report', () => {
  it('sends the forked timeline first, then its report at the same moment, equal to the engine’s', async () => {
    const t = await opened(20_000);
    const seek = t.send({ type: 'seek', to: 5_000 });
    t.rest();
    await t.h.idle();
    const fork = t.send({ type: 'command', command: { do: 'crash', broker: 2 } });
    await t.h.idle();
    expect(t.answers(fork)).toEqual(['frame', 'report']);
    const frame = t.posted[indexOf(t.posted, 'frame', fork)];
    const report = t.posted[indexOf(t.posted, 'report', fork)];
    if (frame?.type !== 'frame' || report?.type !== 'report') throw new Error('no frame or report');
    expect(frame.forked).toBe(1);
    expect(frame.frame.report).toBeNull();
    expect(report.time).toBe(frame.frame.time);
    const session = (t.h as unknown as { session: { timeline: { sim: { report(): { records: unknown } } } } }).session;
    expect(report.report.records).toEqual(session.timeline.sim.report().records);
    expect(t.answers(seek)).toEqual(['preview', 'frame']);
    const exact = t.posted[indexOf(t.posted, 'frame', seek)];
    expect(exact?.type === 'frame' && exact.frame.report?.records).toBeTruthy();
  });

  it('carries out a fork clicked right after a scrub before the scrub’s report, which is never made', async () => {
    const t = await opened(20_000);
    const seek = t.send({ type: 'seek', to: 5_000 });
    const fork = t.send({ type: 'command', command: { do: 'crash', broker: 2 } });
    await t.h.idle();
    // The command ended the scrub's wait for the drag to rest: no rest() was needed.
    expect(t.answers(seek)).toEqual(['preview', 'frame']);
    const exact = t.posted[indexOf(t.posted, 'frame', seek)];
    expect(exact?.type === 'frame' && exact.frame.report).toBeNull();
    expect(t.answers(fork)).toEqual(['frame', 'report']);
    expect(indexOf(t.posted, 'frame', seek)).toBeLessThan(indexOf(t.posted, 'frame', fork));
    const frame = t.posted[indexOf(t.posted, 'frame', fork)];
    expect(frame?.type === 'frame' && frame.frame.time).toBe(5_000);
  });

  it('answers a scrub replaced while it waits for the drag to rest at once, and carries out only the newer one', async () => {
    const t = await opened(20_000);
    const first = t.send({ type: 'seek', to: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = t.send({ type: 'seek', to: 7_000 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Still no rest(): the first was dropped as the second came, not when its wait would have ended.
    expect(t.answers(first)).toEqual(['preview', 'superseded']);
    expect(t.answers(second)).toEqual(['preview']);
    t.rest();
    await t.h.idle();
    expect(t.answers(second)).toEqual(['preview', 'frame']);
  });

  it('sends an undo’s old timeline first, then its report', async () => {
    const t = await opened(20_000);
    t.send({ type: 'seek', to: 5_000 });
    t.rest();
    await t.h.idle();
    t.send({ type: 'command', command: { do: 'crash', broker: 2 } });
    await t.h.idle();
    const undo = t.send({ type: 'undoFork' });
    await t.h.idle();
    expect(t.answers(undo)).toEqual(['frame', 'report']);
    const frame = t.posted[indexOf(t.posted, 'frame', undo)];
    expect(frame?.type === 'frame' && frame.undone && frame.frame.report === null).toBe(true);
  });
});
