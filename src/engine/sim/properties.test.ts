/**
 * Properties of the replicated cluster under random fault schedules (crashes, restarts, cuts,
 * isolation, slow links). fast-check prints the seed and the shrunk schedule of any failure;
 * replay it with `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cluster } from './simulation';
import { buildSimulation } from './simulation';

const NODES = ['b1', 'b2', 'b3', 'controller', 'p1'] as const;
const FAULT_WINDOW_MS = 30000;
const SETTLE_AT_MS = 35000;

type Fault =
  | { at: number; do: 'crash' | 'restart'; broker: number }
  | { at: number; do: 'cut'; between: [string, string] }
  | { at: number; do: 'isolate'; node: string }
  | { at: number; do: 'heal' }
  | { at: number; do: 'slow'; broker: number; 'latency.ms': number };

const at = fc.integer({ min: 0, max: FAULT_WINDOW_MS });
const broker = fc.integer({ min: 1, max: 3 });
const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ at, do: fc.constantFrom('crash' as const, 'restart' as const), broker }),
  fc
    .tuple(at, fc.constantFrom(...NODES), fc.constantFrom(...NODES))
    .filter(([, a, b]) => a !== b)
    .map(([t, a, b]) => ({ at: t, do: 'cut' as const, between: [a, b] as [string, string] })),
  fc.record({ at, do: fc.constant('isolate' as const), node: fc.constantFrom(...NODES) }),
  fc.record({ at, do: fc.constant('heal' as const) }),
  fc.record({ at, do: fc.constant('slow' as const), broker, 'latency.ms': fc.integer({ min: 0, max: 2000 }) }),
);

/** acks=all, RF 3, min ISR 2, unclean off; faults, then everything healed and restarted. */
function safeScenario(seed: number, faults: Fault[]) {
  return {
    name: 'property: safe settings under faults',
    seed,
    until: SETTLE_AT_MS + 60000,
    brokers: 3,
    topics: [{ name: 't', partitions: 2, 'replication.factor': 3 }],
    broker: { 'min.insync.replicas': 2, 'unclean.leader.election.enable': false, 'replica.lag.time.max.ms': 10000, 'leader.imbalance.check.interval.seconds': 20 },
    producers: [{ id: 'p1', acks: 'all', 'enable.idempotence': false }],
    network: { 'jitter.ms': 3 },
    script: [
      { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 300, every: 50, key: 'k{i}' },
      ...faults,
      { at: SETTLE_AT_MS, do: 'heal' },
      ...[1, 2, 3].flatMap((b) => [
        { at: SETTLE_AT_MS, do: 'slow', broker: b, 'latency.ms': 0 },
        { at: SETTLE_AT_MS, do: 'restart', broker: b },
      ]),
    ],
  };
}

/** Checked after every event: the HW of a leader never falls, and never passes an ISR member's LEO. */
function watchHighWatermarks(cluster: Cluster): () => void {
  const lastHw = new Map<string, number>();
  return () => {
    for (const b of cluster.brokers.values()) {
      if (!b.isUp()) continue;
      for (const r of b.replicas.values()) {
        if (!r.isLeader) continue;
        const tenure = `${b.id}/${r.topic}-${r.partition}/${r.leaderEpoch}`;
        const hw = r.log.highWatermark;
        const before = lastHw.get(tenure) ?? 0;
        if (hw < before) expect.fail(`HW fell from ${before} to ${hw} on leader ${tenure}`);
        lastHw.set(tenure, hw);
        for (const member of r.isr) {
          const memberLog = cluster.brokers.get(member)?.replicas.get(`${r.topic}-${r.partition}`)?.log;
          if (memberLog && hw > memberLog.logEndOffset) expect.fail(`HW ${hw} of ${tenure} beyond ISR member b${member}'s LEO ${memberLog.logEndOffset}`);
        }
      }
    }
  };
}

function expectDenseLogs(cluster: Cluster): void {
  for (const b of cluster.brokers.values()) {
    for (const r of b.replicas.values()) {
      let next = r.log.logStartOffset;
      for (const batch of r.log.allBatches()) {
        if (batch.lastOffset < next) continue; // a batch straddling the log start offset
        expect(batch.baseOffset, `b${b.id} ${r.topic}-${r.partition}: gap or overlap`).toBe(next);
        next = batch.lastOffset + 1;
      }
      expect(next, `b${b.id} ${r.topic}-${r.partition}: LEO`).toBe(r.log.logEndOffset);
    }
  }
}

/** Below the smaller of two replicas' HWs, both hold the same records at the same offsets. */
function expectReplicasAgree(cluster: Cluster): void {
  const byPartition = new Map<string, { broker: number; ids: number[]; hw: number }[]>();
  for (const b of cluster.brokers.values()) {
    for (const [key, r] of b.replicas) {
      const ids: number[] = [];
      for (const batch of r.log.allBatches()) for (const rec of batch.records) ids[batch.baseOffset + batch.records.indexOf(rec)] = rec.id;
      const list = byPartition.get(key) ?? [];
      list.push({ broker: b.id, ids, hw: r.log.highWatermark });
      byPartition.set(key, list);
    }
  }
  for (const [key, replicas] of byPartition) {
    for (const a of replicas) {
      for (const c of replicas) {
        const upTo = Math.min(a.hw, c.hw);
        for (let o = 0; o < upTo; o++) {
          if (a.ids[o] === undefined || c.ids[o] === undefined) continue; // below one's log start
          expect(a.ids[o], `${key} offset ${o}: b${a.broker} and b${c.broker} disagree`).toBe(c.ids[o]);
        }
      }
    }
  }
}

describe('the cluster under random faults, with acks=all, RF 3, min.insync.replicas 2, unclean off', () => {
  it('never loses an acknowledged record, keeps logs dense, HWs sound, and replicas in agreement', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(fault, { maxLength: 8 }), (seed, faults) => {
        const { simulation, cluster } = buildSimulation(safeScenario(seed, faults), { recordTrace: false });
        const check = watchHighWatermarks(cluster);
        const until = simulation.scenario.until;
        while (simulation.step() && simulation.now() <= until) check();
        const report = simulation.report();
        expect(report.records.lostAcknowledged).toBe(0);
        expect(report.records.unavailable).toBe(0);
        expectDenseLogs(cluster);
        expectReplicasAgree(cluster);
      }),
      { numRuns: 40, seed: 20261121, verbose: 1 },
    );
  }, 120_000);
});
