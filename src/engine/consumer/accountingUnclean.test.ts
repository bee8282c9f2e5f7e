/**
 * RecordSkipped across an unclean election that cuts records a group had already read and
 * committed past.
 *
 * orders-0 on [b1, b2], unclean election on, min.insync.replicas 1, acks=1. The group billing (one
 * member, commit after processing) starts on an empty log. The link b1–b2 is cut at 5 s, so b2
 * (holding offsets 0–9) drops out of the ISR and b1 commits alone; the group reads and commits up
 * to offset 70 from b1. b1 crashes at 11 s; at 19 s its session has expired and b2 is elected
 * uncleanly with offsets 0–9: offsets 10–69 of the committed log are cut. The member crashes at
 * 17 s; meanwhile the producer's queued records go to b2, which writes them at offsets 10
 * onwards. A new member joins at 23 s (the group takes it in once c1's session expired) and starts
 * from the group's commit, 70: b2's log already reaches past it, so it reads on from 70: the 60
 * new records at offsets 10–69 are never processed, and the group's commits move past them.
 *
 * Why it cannot notice: the processing runs on another thread, and the application commits the
 * offsets it names after each batch, without their leader epoch (as `new OffsetAndMetadata(offset)`
 * does), so the new member has no epoch to check against the new leader. A commit of the
 * consumer's own positions carries one, and a member starting from it goes back to 10 (KIP-320,
 * positionCheck.test.ts).
 *
 * The accounting used to keep its "judged up to" mark at 70 after the cut, so those 60 records
 * got no RecordSkipped verdict and the report counted 0 skipped.
 */
import { describe, expect, it } from 'vitest';
import type { Traced } from '../core/trace';
import { createSimulation } from '../sim/simulation';
import { uncleanCutUnderGroup } from './fixtures/uncleanCut';

const scenario = uncleanCutUnderGroup(
  'unclean election under a consumer group',
  { commit: 'sync-after-processing', processing: 'async', 'enable.auto.commit': false, 'session.timeout.ms': 6000 },
  'crashMember',
);

function run() {
  const sim = createSimulation(scenario);
  const idOfKey = new Map<string, number>();
  const processed = new Set<number>();
  const skipped = new Map<number, Traced & { type: 'RecordSkipped' }>();
  let election: Traced | undefined;
  let committed = 0;
  sim.subscribe((e) => {
    if (e.type === 'RecordSent') idOfKey.set(e.key ?? '', e.recordId);
    else if (e.type === 'RecordsProcessed') for (const id of e.recordIds) processed.add(id);
    else if (e.type === 'RecordSkipped') skipped.set(e.recordId, e);
    else if (e.type === 'LeaderElected' && e.topic === 'orders' && e.unclean) election = e;
    else if (e.type === 'OffsetsCommitted') committed = e.offsets['orders-0'] ?? committed;
  });
  sim.runUntil(scenario.until);
  const report = sim.report({ logs: true });
  const log = report.logs!['orders-0']!.map((r) => idOfKey.get(r.key ?? '')!);
  return { sim, report, log, processed, skipped, election, committed };
}

describe('an unclean election cuts what a group read: the records at the reused offsets are judged', () => {
  const r = run();
  const range = (from: number, to: number) => r.log.slice(from, to);

  it('b2 is elected uncleanly with offsets 0–9; the group read on from 70 and committed to the end', () => {
    expect(r.election).toMatchObject({ leader: 2, unclean: true });
    expect(r.report.partitions[0]!.logEndOffsets).toMatchObject({ 1: 70, 2: r.log.length });
    expect(r.committed).toBe(r.log.length);
    for (const id of range(70, r.log.length)) expect(r.processed.has(id), `record ${id}`).toBe(true);
  });

  it('every record of the final log below the group\'s commit was processed or has its RecordSkipped', () => {
    const neither = range(0, r.committed).filter((id) => !r.processed.has(id) && !r.skipped.has(id));
    expect(neither).toEqual([]);
  });

  it('the 60 records written at offsets 10–69 after the cut are skipped, counted, and nothing else is', () => {
    const reused = range(10, 70);
    expect(reused).toHaveLength(60);
    for (const id of reused) expect(r.skipped.get(id), `record ${id}`).toMatchObject({ group: 'billing', reason: 'committed-past' });
    expect(r.skipped.size).toBe(60);
    expect(r.report.records.skipped).toBe(60);
  });

  it("a skipped record's story ends in its RecordSkipped, after the commit that moved past it", () => {
    const id = r.log[10]!;
    const story = r.sim.story(id);
    const verdict = r.skipped.get(id)!;
    expect(story.at(-1)).toMatchObject({ type: 'RecordSkipped', recordId: id, offset: 10 });
    const cause = story.find((e) => e.id === verdict.cause);
    expect(cause).toMatchObject({ type: 'OffsetsCommitted', group: 'billing' });
  });
});
