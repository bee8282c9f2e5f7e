/**
 * Why "acks=1 loses data when the leader dies" also reports reordered records, and that every one
 * of them is a real reordering, not a bookkeeping artefact.
 *
 * The producer runs acks=1 without idempotence (Kafka's ProducerConfig.postProcessAndValidateIdempotence-
 * Configs: idempotence is on by default, but an explicit acks other than all quietly turns it off
 * when enable.idempotence is not set) and the default max.in.flight.requests.per.connection=5.
 * When b1 dies, four batches of partition 0 are in flight to it. Each failure puts its batch back
 * at the head of the deque (RecordAccumulator.reenqueue: addFirst without a transaction manager),
 * so after the retries the newest batch (ids 196–200) reaches the new leader first, then the
 * older ones: a record is reordered when it is committed behind a record its producer sent later.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEventOf, Traced } from '../core/trace';
import { builtInScenarios } from '../scenario/library';
import { createSimulation } from './simulation';

const scenario = builtInScenarios.find((s) => s.id === 'acks1-leader-crash')!.scenario as { producers: Record<string, unknown>[] };

function run(input: unknown) {
  const sim = createSimulation(input);
  const reordered: TraceEventOf<'RecordReordered'>[] = [];
  const lost = new Set<number>();
  const sendOrder = new Map<number, number>();
  const idOfKey = new Map<string, number>();
  const baseSequences = new Set<number>();
  sim.subscribe((e) => {
    if (e.type === 'RecordSent') {
      sendOrder.set(e.recordId, sendOrder.size);
      idOfKey.set(e.key ?? '', e.recordId);
    } else if (e.type === 'RecordReordered') reordered.push(e);
    else if (e.type === 'RecordLost') lost.add(e.recordId);
    else if (e.type === 'ProduceRequested') baseSequences.add(e.baseSequence);
  });
  sim.runUntil(40_000);
  const report = sim.report({ logs: true });
  return { sim, report, reordered, lost, sendOrder, idOfKey, baseSequences };
}

describe('acks=1, a leader crash and the reordered records', () => {
  const r = run(scenario);

  it('loses about 49 acknowledged records and reorders 45, without idempotence (no sequence numbers)', () => {
    expect(r.report.records.lostAcknowledged).toBe(49);
    expect(r.report.records.reordered).toBe(45);
    expect(r.reordered.length).toBe(45);
    expect([...r.baseSequences]).toEqual([-1]);
  });

  it('counts exactly the records the final log holds behind a record their producer sent later', () => {
    // Recount from the partition's final log, independently of the ledger.
    const log = r.report.logs!['orders-0']!.map((rec) => r.idOfKey.get(rec.key ?? '')!);
    let latest = -1;
    const behindLater: number[] = [];
    for (const id of log) {
      const order = r.sendOrder.get(id)!;
      if (order < latest) behindLater.push(id);
      latest = Math.max(latest, order);
    }
    expect(r.reordered.map((v) => v.recordId).sort((a, b) => a - b)).toEqual(behindLater.sort((a, b) => a - b));
  });

  it('never counts a record as reordered against a lost one', () => {
    for (const v of r.reordered) {
      expect(r.lost.has(v.recordId)).toBe(false);
      expect(r.lost.has(v.after)).toBe(false);
      expect(r.sendOrder.get(v.after)!).toBeGreaterThan(r.sendOrder.get(v.recordId)!);
    }
  });

  it("each reordered record's story shows the retry that put it behind a later batch", () => {
    for (const v of r.reordered) {
      const story: Traced[] = r.sim.story(v.recordId);
      const retried = story.findIndex((e) => e.type === 'ProduceErrored' && e.willRetry);
      const resent = story.findIndex((e, i) => i > retried && e.type === 'ProduceRequested' && e.attempt > 1);
      expect(retried, `record ${v.recordId}: a retriable failure`).toBeGreaterThanOrEqual(0);
      expect(resent, `record ${v.recordId}: sent again`).toBeGreaterThan(retried);
      expect(story.at(-1)).toMatchObject({ type: 'RecordReordered', recordId: v.recordId, after: v.after });
    }
  });

  it('does the same when enable.idempotence is left unset: acks=1 turns the default idempotence off', () => {
    const input = structuredClone(scenario);
    delete input.producers[0]!['enable.idempotence'];
    const unset = run(input);
    expect([...unset.baseSequences]).toEqual([-1]);
    expect(unset.report.records.reordered).toBe(45);
    expect(unset.report.records.duplicated).toBe(0);
  });
});
