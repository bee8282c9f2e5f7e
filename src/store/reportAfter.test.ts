/**
 * The page takes a report that follows its frame (the worker sends the cluster first and the
 * ledger after it) only for the frame it shows: never over a newer frame or a scrub's preview.
 */
import { describe, expect, it } from 'vitest';
import { builtInScenarios, type Report } from '../engine';
import { EngineHost } from '../worker/host';
import type { EngineFrame, WorkerRequest, WorkerResponse } from '../worker/protocol';
import { createSessionStore } from './session';

const SCENARIO = builtInScenarios.find((b) => b.id === 'acks1-leader-crash')!.scenario;

/** Real frames and reports from the worker's host: two commands at 2 s, each frame followed by its report. */
async function engineAnswers(): Promise<{ frames: EngineFrame[]; reports: Report[] }> {
  const posted: WorkerResponse[] = [];
  const h = new EngineHost({ post: (m) => posted.push(m), wallNow: () => performance.now(), yieldToMessages: () => new Promise((r) => setTimeout(r, 0)) });
  h.receive({ type: 'load', id: 1, scenario: SCENARIO });
  await h.idle();
  h.receive({ type: 'seek', id: 2, to: 2_000 });
  await h.idle();
  h.receive({ type: 'command', id: 3, command: { do: 'crash', broker: 1 } });
  await h.idle();
  h.receive({ type: 'command', id: 4, command: { do: 'crash', broker: 2 } });
  await h.idle();
  const frames = posted.flatMap((m) => (m.type === 'frame' && m.id > 2 ? [m.frame] : []));
  const reports = posted.flatMap((m) => (m.type === 'report' ? [m.report] : []));
  return { frames, reports };
}

function pageWith(): { deliver(m: WorkerResponse): void; store: ReturnType<typeof createSessionStore> } {
  let listener: (m: WorkerResponse) => void = () => undefined;
  const store = createSessionStore({ send: (_: WorkerRequest) => undefined, listen: (l) => (listener = l) });
  return { deliver: (m) => listener(m), store };
}

describe('a report that follows its frame', () => {
  it('is shown with the frame it follows, and ignored once a newer frame stands', async () => {
    const { frames, reports } = await engineAnswers();
    const [first, second] = frames;
    const [reportFirst, reportSecond] = reports;
    if (!first || !second || !reportFirst || !reportSecond) throw new Error('the host did not answer');
    const { deliver, store } = pageWith();
    deliver({ type: 'frame', id: 3, frame: first });
    expect(store.getState().report).toBeNull();
    // Until its report comes the ledger says its counts are catching up (Ledger.tsx fades them).
    expect(store.getState().reportPending).toBe(true);
    deliver({ type: 'report', id: 3, time: first.time, report: reportFirst, badRecords: [] });
    expect(store.getState().report).toBe(reportFirst);
    expect(store.getState().reportPending).toBe(false);

    deliver({ type: 'frame', id: 4, frame: second });
    // A report of the frame before, arriving late: the ledger keeps what it had.
    deliver({ type: 'report', id: 3, time: first.time, report: reportSecond, badRecords: [] });
    expect(store.getState().report).toBe(reportFirst);
    expect(store.getState().reportPending).toBe(true);
    deliver({ type: 'report', id: 4, time: second.time, report: reportSecond, badRecords: [] });
    expect(store.getState().report).toBe(reportSecond);

    // A scrub's preview replaces the frame shown (even one kept at that very moment): the report
    // of the frame before it is not its own.
    store.getState().seek(second.time);
    deliver({ type: 'preview', id: 1, target: second.time, frame: { ...second } });
    deliver({ type: 'report', id: 4, time: second.time, report: reportFirst, badRecords: [] });
    expect(store.getState().report).toBe(reportSecond);
  });
});
