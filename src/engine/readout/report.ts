/**
 * Builds the report from the cluster's state and the ledger (definitions in report.types.ts), at
 * the end of a run or at any moment of one. Every count compares what producers were told with
 * what the partition's leader holds below its high watermark — what a consumer could read; an
 * acknowledged record still above it is at risk, not lost; a record the ledger judged lost stays
 * lost.
 */
import type { PartitionLog } from '../model/log';
import { partitionKey } from '../sim/context';
import type { Cluster } from './cluster';
import { committedTally } from './committedTally';
import type { Ledger } from '../sim/ledger';
import type { Producer } from '../producer';
import type { LoggedRecord, PartitionReport, ProducerReport, RecordCounts, Report } from '../scenario/report.types';
import { groupReports } from '../consumer/report';
import { heldInMemory } from '../consumer/accountingHeld';
import { OFFSETS_TOPIC } from '../consumer/offsetsTopic';

export function buildReport(cluster: Cluster, options: { logs?: boolean }): Report {
  const { scenario, ledger, controller, brokers } = cluster;
  const records: RecordCounts = {
    sent: ledger.size,
    acknowledged: ledger.count('acknowledged'),
    failed: ledger.count('failed'),
    failedUnnoticed: countFailedUnnoticed(cluster),
    pending: ledger.count('pending'),
    lostAcknowledged: 0,
    atRisk: 0,
    unavailable: 0,
    duplicated: 0,
    reordered: 0,
    consumed: 0,
    processedTwice: 0,
    effectsDuplicated: 0,
    skipped: 0,
  };
  const byPartition = ledger.idsByPartition();
  const partitions: PartitionReport[] = [];
  const logs: Record<string, LoggedRecord[]> = {};

  for (const state of controller.partitionStates()) {
    if (state.topic === OFFSETS_TOPIC) continue;
    const key = partitionKey(state.topic, state.partition);
    const replicaLogs = state.replicas.map((id) => ({ id, log: brokers.get(id)?.replicas.get(key)?.log }));
    const leaderLog = replicaLogs.find((r) => r.id === state.leader)?.log;
    const ids = byPartition.get(key) ?? [];

    if (!leaderLog) {
      for (const id of ids) {
        if (ledger.isLost(id)) records.lostAcknowledged++;
        else if (ledger.isAcknowledged(id)) records.unavailable++;
      }
    } else {
      const committed = committedTally(leaderLog);
      const aboveHw = idsAbove(leaderLog);
      for (const id of ids) {
        if (!ledger.isAcknowledged(id)) continue;
        if (ledger.isLost(id)) {
          records.lostAcknowledged++;
          continue;
        }
        if (committed.holds(id)) continue;
        if (aboveHw.has(id)) {
          records.atRisk++;
          continue;
        }
        const e = ledger.entry(id);
        const offset = e.offset >= 0 ? e.offset : e.leaderOffset;
        if (offset >= 0 && offset < leaderLog.logStartOffset) continue; // deleted by retention, not lost
        // Acknowledged yet not in the leader's log, with no RecordLost verdict: still on the wire
        // (acks=0 counts a record acknowledged once sent) or on a replica an election may yet pick
        // (a powered-off leader's followers). Lost is the ledger's verdict alone, so report() is
        // right mid-run; at the end of every built-in scenario the two agree (verdicts.test.ts).
        records.atRisk++;
      }
      records.duplicated += committed.duplicated;
      records.reordered += committed.reordered;
      if (options.logs) logs[key] = loggedRecords(leaderLog);
    }

    const known = replicaLogs.filter((r) => r.log !== undefined) as { id: number; log: PartitionLog }[];
    partitions.push({
      topic: state.topic,
      partition: state.partition,
      leader: state.leader,
      leaderEpoch: state.leaderEpoch,
      replicas: state.replicas,
      isr: state.isr,
      highWatermark: leaderLog ? leaderLog.highWatermark : Math.max(0, ...known.map((r) => r.log.highWatermark)),
      logStartOffset: leaderLog ? leaderLog.logStartOffset : Math.max(0, ...known.map((r) => r.log.logStartOffset)),
      logEndOffsets: Object.fromEntries(known.map((r) => [String(r.id), r.log.logEndOffset])),
    });
  }

  const consumer = groupReports(cluster.consumers, brokers, cluster.groupServices, heldInMemory(cluster.clients, cluster.network));
  Object.assign(records, consumer.counts);

  return {
    name: scenario.name ?? '',
    seed: scenario.seed,
    until: scenario.until,
    records,
    partitions,
    producers: [...cluster.producers.values()].map((p) => producerReport(p, ledger)),
    ...(cluster.consumers ? { groups: consumer.groups } : {}),
    ...(options.logs ? { logs } : {}),
  };
}

/** Failed records of fire-and-forget producers: their applications never looked. */
function countFailedUnnoticed(cluster: Cluster): number {
  let n = 0;
  for (const p of cluster.producers.values()) if (p.settings.send === 'fire-and-forget') n += cluster.ledger.producerSummary(p.name).failed;
  return n;
}

function producerReport(producer: Producer, ledger: Ledger): ProducerReport {
  const { stats } = producer;
  const summary = ledger.producerSummary(producer.name);
  const { acknowledged, firstSentAt, lastAckedAt } = summary;
  const spanSeconds = (lastAckedAt - firstSentAt) / 1000;
  return {
    id: producer.name,
    requests: stats.requests,
    batches: stats.batches,
    recordsPerBatch: stats.batches === 0 ? 0 : round2(stats.batchedRecords / stats.batches),
    retries: stats.retries,
    errors: { ...stats.errors },
    throughput: acknowledged === 0 ? 0 : spanSeconds <= 0 ? acknowledged * 1000 : Math.round(acknowledged / spanSeconds),
    latencyMs: { p50: summary.latencyPercentile(0.5), p99: summary.latencyPercentile(0.99) },
  };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Ids of the records at or above the high watermark: written, not yet committed. */
function idsAbove(log: PartitionLog): Set<number> {
  const out = new Set<number>();
  for (const id of log.recordIdsFrom(log.highWatermark)) out.add(id);
  return out;
}

function loggedRecords(log: PartitionLog): LoggedRecord[] {
  const out: LoggedRecord[] = [];
  for (const b of log.allBatches()) {
    b.records.forEach((r, i) => out.push({ offset: b.baseOffset + i, key: r.key, value: r.value, producer: r.producer, leaderEpoch: b.leaderEpoch }));
  }
  return out;
}
