/**
 * report() is a reading at any moment of a run, not only at its end: what it counts as lost,
 * processed twice, consumed or skipped is never taken back later, and no verdict given so far is
 * contradicted by what happens afterwards. fast-check picks a built-in scenario and a few moments
 * of it; a failure prints the seed and the moments (replay with `fc.assert(..., { seed, path })`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../scenario/library';
import type { RecordCounts } from '../scenario/report.types';
import { partitionKey } from './context';
import { parseScenario } from '../scenario/parse';
import { buildSimulation, type Cluster } from './simulation';

/** Ids of the records each partition's current leader holds (every offset, not only below the HW). */
function leaderHeld(cluster: Cluster): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const state of cluster.controller.partitionStates()) {
    const key = partitionKey(state.topic, state.partition);
    const log = cluster.brokers.get(state.leader)?.replicas.get(key)?.log;
    if (!log) continue;
    const ids = new Set<number>();
    for (const b of log.allBatches()) for (const r of b.records) ids.add(r.id);
    out.set(key, ids);
  }
  return out;
}

const scenarios = builtInScenarios.map((s) => {
  const parsed = parseScenario(s.scenario);
  return { id: s.id, scenario: s.scenario, until: parsed.until, hasGroups: (parsed.groups ?? []).length > 0 };
});
const moments = fc.constantFrom(...scenarios).chain((s) =>
  fc.record({ s: fc.constant(s), at: fc.uniqueArray(fc.integer({ min: 1, max: s.until }), { minLength: 1, maxLength: 6 }).map((a) => a.sort((x, y) => x - y)) }),
);

describe('report() at any moment of the built-in scenarios', () => {
  it('never counts a record lost, processed or skipped that a later moment takes back', () => {
    fc.assert(
      fc.property(moments, ({ s, at }) => {
        const { simulation, cluster } = buildSimulation(s.scenario, { recordTrace: false });
        const lost = new Map<number, string>(); // record → "topic-N"
        const skipped = new Map<string, Set<number>>(); // group → records
        const processedAfterSkip: string[] = [];
        let twice = 0;
        simulation.subscribe((e) => {
          if (e.type === 'RecordLost') lost.set(e.recordId, partitionKey(e.topic, e.partition));
          else if (e.type === 'RecordProcessedTwice') twice++;
          else if (e.type === 'RecordSkipped') {
            let set = skipped.get(e.group);
            if (!set) skipped.set(e.group, (set = new Set()));
            set.add(e.recordId);
          } else if (e.type === 'RecordsProcessed') {
            for (const id of e.recordIds) if (skipped.get(e.group)?.has(id)) processedAfterSkip.push(`${e.group}:${id}@${e.t}`);
          }
        });
        let before: RecordCounts | null = null;
        const skippedAt: [number, number][] = [];
        for (const t of [...at, s.until]) {
          simulation.runUntil(t);
          const { records } = simulation.report();
          const where = `${s.id} at ${t} ms`;
          // Lost: exactly the verdicts so far (a record not yet judged is at risk), none
          // contradicted — no leader holds a record judged lost.
          expect(records.lostAcknowledged, where).toBe(lost.size);
          expect(cluster.ledger.lost, where).toBe(lost.size);
          const held = leaderHeld(cluster);
          for (const [id, key] of lost) expect(held.get(key)?.has(id) ?? false, `${where}: record ${id} judged lost, held by the leader of ${key}`).toBe(false);
          // Processed twice counts exactly the verdicts so far; skipped counts at least them.
          expect(records.processedTwice, where).toBe(twice);
          let skippedSoFar = 0;
          for (const set of skipped.values()) skippedSoFar += set.size;
          expect(records.skipped, where).toBeGreaterThanOrEqual(skippedSoFar);
          expect(processedAfterSkip, `${where}: skipped, then processed`).toEqual([]);
          // Nothing counted is taken back.
          if (before) {
            expect(records.lostAcknowledged, where).toBeGreaterThanOrEqual(before.lostAcknowledged);
            expect(records.consumed, where).toBeGreaterThanOrEqual(before.consumed);
            expect(records.processedTwice, where).toBeGreaterThanOrEqual(before.processedTwice);
            expect(records.skipped, where).toBeGreaterThanOrEqual(before.skipped);
          }
          skippedAt.push([t, records.skipped]);
          // Lost, at risk and unavailable are disjoint parts of the acknowledged records.
          expect(records.atRisk + records.lostAcknowledged + records.unavailable, where).toBeLessThanOrEqual(records.acknowledged);
          before = records;
        }
        // A record counted skipped at some moment is still skipped at the end (not processed after).
        const final = before!.skipped;
        for (const [t, n] of skippedAt) expect(n, `${s.id}: skipped at ${t} ms, more than at the end`).toBeLessThanOrEqual(final);
      }),
      { numRuns: 30, seed: 20261129, verbose: 1 },
    );
  }, 300_000);

  // Random moments rarely land in the second or so between retention deleting a record a member
  // has already fetched and the member processing it; read every 100 ms instead. A record in a
  // member's fetch buffer will be processed (poll() hands it out whatever the log start is now),
  // so it is never counted skipped, not even for a moment: the count only grows.
  it.each(scenarios.filter((s) => s.hasGroups))('$id: the skipped count never goes down, read every 100 ms', (s) => {
    const { simulation } = buildSimulation(s.scenario, { recordTrace: false });
    let before = 0;
    for (let t = 100; t <= s.until; t += 100) {
      simulation.runUntil(t);
      const { skipped } = simulation.report().records;
      expect(skipped, `${s.id} at ${t} ms`).toBeGreaterThanOrEqual(before);
      before = skipped;
    }
  }, 60_000);
});
