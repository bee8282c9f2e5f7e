/**
 * The frames' wire form: what the page rebuilds is what the worker sent, whatever the history of
 * requests (playing, scrubbing back with its previews, forking, undoing, a new scenario), and what
 * did not change keeps its object.
 */
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../engine';
import { FrameDecoder, FrameEncoder } from './frameCodec';
import type { EngineFrame, WorkerResponse } from './protocol';
import { openedAt, testHost } from './testHost';

const frameOf = (m: WorkerResponse): EngineFrame | null => ('frame' in m ? m.frame : null);

/** Every message the host posted, through encoder → structured clone → decoder. */
function throughTheWire(posted: WorkerResponse[]): WorkerResponse[] {
  const encoder = new FrameEncoder();
  const decoder = new FrameDecoder();
  return posted.map((m) => decoder.decode(structuredClone(encoder.encode(m))));
}

describe('frames on the wire', () => {
  it('rebuilds every message equal to the one posted, through play, scrubs back, a fork, its undo and another scenario', async () => {
    const t = await openedAt(testHost(), 2000);
    for (let at = 2100; at <= 4000; at += 100) {
      t.send({ type: 'advance', to: at });
      await t.h.idle();
    }
    t.send({ type: 'seek', to: 1500 });
    await t.h.idle();
    t.send({ type: 'command', command: { do: 'crash', broker: 1 } });
    await t.h.idle();
    t.send({ type: 'advance', to: 2500 });
    await t.h.idle();
    t.send({ type: 'undoFork' });
    await t.h.idle();
    t.send({ type: 'seek', to: 3000 });
    await t.h.idle();
    t.send({ type: 'load', scenario: builtInScenarios.find((b) => b.id === 'two-groups-pubsub')!.scenario });
    await t.h.idle();
    t.send({ type: 'advance', to: 1000 });
    await t.h.idle();

    const decoded = throughTheWire(t.posted);
    expect(decoded.filter(frameOf).length).toBeGreaterThan(25);
    decoded.forEach((m, i) => expect(m).toEqual(t.posted[i]));
  });

  it('keeps the objects of unchanged brokers, partitions, replicas, tails and cells, and sends less than the whole snapshot', async () => {
    const t = await openedAt(testHost(), 2000);
    t.posted.length = 0;
    for (let at = 2010; at <= 2200; at += 10) {
      t.send({ type: 'advance', to: at });
      await t.h.idle();
    }
    const encoder = new FrameEncoder();
    const decoder = new FrameDecoder();
    const frames = t.posted.filter(frameOf);
    let whole = 0;
    let sent = 0;
    let prev: EngineFrame | null = null;
    for (const m of frames) {
      const wire = structuredClone(encoder.encode(m));
      whole += JSON.stringify(m).length;
      sent += JSON.stringify(wire).length;
      const now = frameOf(decoder.decode(wire))!;
      const engine = frameOf(m)!;
      if (prev) {
        engine.snapshot.brokers.forEach((b, i) => {
          if (b.version === prev!.snapshot.brokers[i]!.version) expect(now.snapshot.brokers[i]).toBe(prev!.snapshot.brokers[i]);
        });
        engine.snapshot.partitions.forEach((p, i) =>
          p.replicaStates.forEach((r, j) => {
            const held = prev!.snapshot.partitions[i]!.replicaStates[j]!;
            const got = now.snapshot.partitions[i]!.replicaStates[j]!;
            if (r.version === held.version) expect(got).toBe(held);
            got.tail.forEach((c) => {
              const same = held.tail.find((h) => h.offset === c.offset);
              if (same && JSON.stringify(same) === JSON.stringify(c)) expect(c).toBe(same);
            });
          }),
        );
      }
      prev = now;
    }
    expect(sent).toBeLessThan(whole / 2);
  });

  it('names what is wrong when a frame refers to an entry the previous one did not have', () => {
    const decoder = new FrameDecoder();
    const t = { type: 'frame', id: 1, frame: { snapshot: { brokers: [3], partitions: [], producers: [], groups: [], links: 0 }, inFlight: [] } };
    expect(() => decoder.decode(t as never)).toThrow(/entry 3/);
  });
});
