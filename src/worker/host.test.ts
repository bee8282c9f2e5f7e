/**
 * Scrubbing through the worker's host: a scrub answers at once from the kept frames (labelled with
 * their own time), the exact state follows, a burst of scrubs carries out only the last one, and
 * Play sent during a seek waits for the exact state.
 */
import { describe, expect, it } from 'vitest';
import type { EngineFrame, WorkerResponse } from './protocol';
import { openedAt, SCENARIO, testHost } from './testHost';

/** The frame answering request `id` (its exact answer, not a preview). */
function frameOf(posted: WorkerResponse[], id: number): EngineFrame {
  const m = posted.find((r) => (r.type === 'frame' || r.type === 'loaded') && r.id === id);
  if (!m || (m.type !== 'frame' && m.type !== 'loaded')) throw new Error(`no frame answered request ${id}`);
  return m.frame;
}

/** Request `id`'s report: in its frame, or in the message that followed it. */
function reportOf(posted: WorkerResponse[], id: number) {
  const m = posted.find((r) => r.type === 'report' && r.id === id);
  const report = m?.type === 'report' ? m.report : frameOf(posted, id).report;
  if (!report) throw new Error(`no report for request ${id}`);
  return report;
}

/** The parts of an answer a learner reads: the clock, the counters, the ledger, the wire. */
function shown(posted: WorkerResponse[], id: number) {
  const frame = frameOf(posted, id);
  return {
    time: frame.time,
    records: frame.snapshot.records,
    partitions: frame.snapshot.partitions.map((p) => [p.topic, p.partition, p.leader, p.isr]),
    inFlight: frame.inFlight.map((m) => m.messageId),
    ledger: reportOf(posted, id).records,
  };
}

const opened = (at: number) => openedAt(testHost(), at);

describe('scrubbing through the engine host', () => {
  it('answers a scrub at once with the kept frame at or before it, then with the exact state, equal to a fresh open there', async () => {
    const t = await opened(30_000);
    const id = t.send({ type: 'seek', to: 12_345 });
    // Before the worker ran anything: the preview went out as the request arrived.
    const preview = t.posted.find((m) => m.type === 'preview' && m.id === id);
    expect(preview?.type).toBe('preview');
    if (preview?.type !== 'preview') return;
    expect(preview.target).toBe(12_345);
    expect(preview.frame.time).toBe(12_000);
    await t.h.idle();
    expect(frameOf(t.posted, id).time).toBe(12_345);

    const fresh = testHost();
    const loaded = fresh.send({ type: 'load', scenario: SCENARIO });
    await fresh.h.idle();
    const at = fresh.send({ type: 'seek', to: 12_345 });
    await fresh.h.idle();
    expect(frameOf(fresh.posted, loaded).time).toBe(0);
    expect(shown(t.posted, id)).toEqual(shown(fresh.posted, at));
  });

  it('shows in a preview exactly what the run showed at that time', async () => {
    const t = await opened(20_000);
    const seen = t.send({ type: 'seek', to: 8_000 });
    await t.h.idle();
    const id = t.send({ type: 'seek', to: 8_000 });
    const preview = t.posted.find((m) => m.type === 'preview' && m.id === id);
    if (preview?.type !== 'preview') throw new Error('no preview');
    const exact = frameOf(t.posted, seen);
    expect(preview.frame.time).toBe(8_000);
    expect(preview.frame.snapshot.records).toEqual(exact.snapshot.records);
    expect(preview.frame.inFlight.map((m) => m.messageId)).toEqual(exact.inFlight.map((m) => m.messageId));
    await t.h.idle();
  });

  it('carries out only the last of a burst of scrubs; the others are answered as superseded', async () => {
    const t = await opened(30_000);
    const ids = [25_000, 3_000, 17_500, 9_250, 21_000].map((to) => t.send({ type: 'seek', to }));
    await t.h.idle();
    const last = ids[ids.length - 1]!;
    for (const id of ids.slice(0, -1)) {
      expect(t.posted.some((m) => m.type === 'superseded' && m.id === id)).toBe(true);
      expect(t.posted.some((m) => m.type === 'frame' && m.id === id)).toBe(false);
    }
    expect(frameOf(t.posted, last).time).toBe(21_000);
  });

  it('lets Play sent during a seek start from the exact state, not cut the seek', async () => {
    const t = await opened(30_000);
    const seek = t.send({ type: 'seek', to: 10_500 });
    const advance = t.send({ type: 'advance', to: 10_700 });
    await t.h.idle();
    expect(frameOf(t.posted, seek).time).toBe(10_500);
    expect(frameOf(t.posted, advance).time).toBe(10_700);
    const order = t.posted.filter((m) => m.type === 'frame').map((m) => (m as { id: number }).id);
    expect(order.indexOf(seek)).toBeLessThan(order.indexOf(advance));
  });

  it('forgets the previews of a dropped future after acting in the past', async () => {
    const t = await opened(20_000);
    t.send({ type: 'seek', to: 5_000 });
    await t.h.idle();
    t.send({ type: 'command', command: { do: 'crash', broker: 2 } as never });
    await t.h.idle();
    const id = t.send({ type: 'seek', to: 15_000 });
    // 15 s lies beyond the new timeline's horizon: no preview from the old future.
    expect(t.posted.some((m) => m.type === 'preview' && m.id === id)).toBe(false);
    await t.h.idle();
    expect(frameOf(t.posted, id).time).toBe(15_000);
    const back = t.send({ type: 'seek', to: 12_000 });
    const preview = t.posted.find((m) => m.type === 'preview' && m.id === back);
    if (preview?.type !== 'preview') throw new Error('no preview on the new timeline');
    await t.h.idle();
    expect(preview.frame.time).toBe(12_000);
    expect(preview.frame.snapshot.records).toEqual(frameOf(t.posted, back).snapshot.records);
  });
});
