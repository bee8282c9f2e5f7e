/**
 * The cluster as a view draws it: brokers, partitions with every replica's offsets and the tail of
 * its log, producers with their accumulators, consumer groups, cut and slow links. Read-only plain
 * data, serializable, built from the live engine without changing it.
 *
 * Every entity carries a `version` that changes when (and only when) the entity changes: a builder
 * keeps the previous snapshot's entities and hands back the very same object when nothing in it
 * differs (Excalidraw's way), so a view can skip unchanged entities by version or by reference.
 */
import type { PartitionLog } from '../model/log';
import { OFFSETS_TOPIC } from '../consumer/offsetsTopic';
import type { Cluster } from './cluster';
import { partitionKey } from '../sim/context';
import type { PartitionState } from '../sim/messages';
import type { Batch } from '../model/batch';
import { logCells } from './logCells';
import { sameExceptVersion, sameList, type Fresh, type Versioned } from './sameness';
import type {
  AccumulatorBatchSnapshot,
  AccumulatorDequeSnapshot,
  BrokerSnapshot,
  ClusterSnapshot,
  GroupSnapshot,
  LinkSnapshot,
  LogCell,
  MemberPartitionSnapshot,
  MemberSnapshot,
  PartitionSnapshot,
  ProducerSnapshot,
  ReplicaSnapshot,
  SnapshotOptions,
} from './snapshot.types';

export type * from './snapshot.types';
export { logCells } from './logCells';
export type { MessageInFlight } from '../sim/network';

const DEFAULT_TAIL = 16;
const MAX_TAIL = 64;

interface TailCache extends Versioned {
  from: number;
  count: number;
  leo: number;
  hw: number;
  rp: number;
  lso: number;
  last: Batch | null;
  cells: readonly LogCell[];
}

const NO_CELLS: readonly LogCell[] = [];

function sameCell(a: LogCell, b: LogCell): boolean {
  return a.offset === b.offset && a.recordId === b.recordId && a.flushed === b.flushed && a.belowHighWatermark === b.belowHighWatermark && a.leaderEpoch === b.leaderEpoch;
}

/**
 * Builds snapshots for one simulation, reusing the previous snapshot's entity objects when they
 * have not changed so their `version`s only move on change.
 */
export class SnapshotBuilder {
  private previous = new Map<string, Versioned>();
  private current = new Map<string, Versioned>();

  constructor(private readonly cluster: Cluster) {}

  build(time: number, version: number, options: SnapshotOptions = {}): ClusterSnapshot {
    const tailCells = Math.min(MAX_TAIL, Math.max(1, Math.floor(options.tailCells ?? DEFAULT_TAIL)));
    const { cluster } = this;
    this.current = new Map();
    const states = cluster.controller.partitionStates().filter((p) => p.topic !== OFFSETS_TOPIC);
    const partitions = states.map((p) => this.partition(p, time, tailCells));
    const leaderCount = new Map<number, number>();
    for (const p of states) if (p.leader >= 0) leaderCount.set(p.leader, (leaderCount.get(p.leader) ?? 0) + 1);
    const brokers = [...cluster.brokers.values()].map((b) =>
      this.stamp<BrokerSnapshot>(`b:${b.id}`, { id: b.id, state: b.lifecycle, fenced: cluster.controller.isFenced(b.id), leaderOf: leaderCount.get(b.id) ?? 0 }),
    );
    const { ledger } = cluster;
    const snapshot: ClusterSnapshot = {
      version,
      time,
      brokers,
      partitions,
      producers: [...cluster.producers.values()].map((p) => this.producer(p, time)),
      groups: this.groups(partitions),
      links: this.stamp<LinkSnapshot>('links', { cut: cluster.network.cutLinks(), slow: cluster.network.slowedNodes() }),
      records: { sent: ledger.size, acknowledged: ledger.count('acknowledged'), failed: ledger.count('failed'), pending: ledger.count('pending') },
    };
    this.previous = this.current;
    return snapshot;
  }

  /** The previous object under `key` when equal to `fresh`, else `fresh` with the next version. */
  private stamp<T extends Versioned>(key: string, fresh: Fresh<T>): T {
    const prev = this.previous.get(key);
    let out: Versioned;
    if (prev && sameExceptVersion(prev, fresh)) out = prev;
    else out = { version: (prev?.version ?? 0) + 1, ...fresh };
    this.current.set(key, out);
    return out as T;
  }

  private partition(p: PartitionState, time: number, tailCells: number): PartitionSnapshot {
    const key = partitionKey(p.topic, p.partition);
    const logs = p.replicas.map((id) => this.cluster.brokers.get(id)?.replicas.get(key));
    const leader = p.leader >= 0 ? this.cluster.brokers.get(p.leader)?.replicas.get(key) : undefined;
    // The window ends at the leader's LEO (the log everyone copies); without a leader, at the
    // largest LEO of a running replica. A diverged replica (an old leader) may reach past it.
    let end = leader?.log.logEndOffset ?? -1;
    if (end < 0) {
      for (let i = 0; i < logs.length; i++) if (this.cluster.brokers.get(p.replicas[i]!)?.lifecycle === 'running') end = Math.max(end, logs[i]!.log.logEndOffset);
    }
    if (end < 0) for (const r of logs) if (r) end = Math.max(end, r.log.logEndOffset);
    end = Math.max(0, end);
    const window = { from: Math.max(0, end - tailCells), to: end };
    const leaderLeo = leader?.log.logEndOffset ?? null;
    const replicaStates = p.replicas.map((id, i) => {
      const r = logs[i];
      const log = r?.log;
      const leo = log?.logEndOffset ?? 0;
      const fresh: Fresh<ReplicaSnapshot> = {
        broker: id,
        role: p.leader === id ? 'leader' : 'follower',
        logStartOffset: log?.logStartOffset ?? 0,
        logEndOffset: leo,
        highWatermark: log?.highWatermark ?? 0,
        recoveryPoint: log?.recoveryPoint ?? 0,
        leaderEpoch: r?.leaderEpoch ?? -1,
        lastBatchEpoch: log?.lastBatchEpoch() ?? -1,
        inIsr: p.isr.includes(id),
        fetchLag: p.leader === id || leaderLeo === null ? 0 : Math.max(0, leaderLeo - leo),
        tail: log ? this.tail(`t:${key}:${id}`, log, window.from, window.to - window.from) : NO_CELLS,
      };
      return this.stampFlat<ReplicaSnapshot>(`r:${key}:${id}`, fresh);
    });
    void time;
    // Partitions are compared field by field (no deep walk): replicas are already stamped.
    const pkey = `p:${key}`;
    const prev = this.previous.get(pkey) as PartitionSnapshot | undefined;
    if (
      prev &&
      prev.leader === p.leader &&
      prev.leaderEpoch === p.leaderEpoch &&
      prev.partitionEpoch === p.partitionEpoch &&
      sameList(prev.replicas, p.replicas) &&
      sameList(prev.isr, p.isr) &&
      sameList(prev.replicaStates, replicaStates) &&
      prev.window.from === window.from &&
      prev.window.to === window.to
    ) {
      this.current.set(pkey, prev);
      return prev;
    }
    const out: PartitionSnapshot = { version: (prev?.version ?? 0) + 1, ...p, replicaStates, window };
    this.current.set(pkey, out);
    return out;
  }

  /** `stamp` for objects whose fields are primitives or already-stamped references. */
  private stampFlat<T extends Versioned>(key: string, fresh: Fresh<T>): T {
    const prev = this.previous.get(key) as Record<string, unknown> | undefined;
    let same = prev !== undefined;
    if (prev) {
      const f = fresh as Record<string, unknown>;
      for (const k in f) {
        if (prev[k] !== f[k]) {
          same = false;
          break;
        }
      }
    }
    const out = (same ? prev : { version: ((prev?.version as number | undefined) ?? 0) + 1, ...fresh }) as Versioned;
    this.current.set(key, out);
    return out as T;
  }

  /**
   * The cells array, reused as is while the log's tail cannot have changed (same window, offsets
   * and last batch object: logs only change at the end), so unchanged replicas compare by reference.
   */
  private tail(key: string, log: PartitionLog, from: number, count: number): readonly LogCell[] {
    const last = log.activeSegment.batches[log.activeSegment.batches.length - 1] ?? null;
    const prev = this.previous.get(key) as unknown as TailCache | undefined;
    let out: TailCache;
    if (
      prev &&
      prev.from === from &&
      prev.count === count &&
      prev.leo === log.logEndOffset &&
      prev.hw === log.highWatermark &&
      prev.rp === log.recoveryPoint &&
      prev.lso === log.logStartOffset &&
      prev.last === last
    ) {
      out = prev;
    } else {
      const cells = logCells(log, from, count);
      const same = prev && prev.cells.length === cells.length && prev.cells.every((c, i) => sameCell(c, cells[i]!));
      out = { from, count, leo: log.logEndOffset, hw: log.highWatermark, rp: log.recoveryPoint, lso: log.logStartOffset, last, cells: same ? prev.cells : cells, version: 0 };
    }
    this.current.set(key, out);
    return out.cells;
  }

  private producer(p: Cluster['producers'] extends ReadonlyMap<string, infer P> ? P : never, time: number): ProducerSnapshot {
    const inFlightRecords = new Map<string, number>();
    const inFlightByBroker: Record<number, number> = {};
    for (const req of p.requestsInFlight()) {
      inFlightByBroker[req.broker] = (inFlightByBroker[req.broker] ?? 0) + 1;
      for (const b of req.batches) {
        const k = partitionKey(b.topic, b.partition);
        inFlightRecords.set(k, (inFlightRecords.get(k) ?? 0) + b.records);
      }
    }
    const deques = p.accumulator.queues.map((q): AccumulatorDequeSnapshot => {
      const batches: AccumulatorBatchSnapshot[] = [];
      for (let i = 0; i < q.batches.length; i++) {
        const b = q.batches.at(i)!;
        batches.push({ records: b.recordCount, bytes: b.sizeBytes, ageMs: time - b.lastAttemptMs, closed: b.closed, attempts: b.attempts });
      }
      return { topic: q.topic, partition: q.partition, batches, inFlightRecords: inFlightRecords.get(partitionKey(q.topic, q.partition)) ?? 0 };
    });
    deques.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
    const s = p.settings;
    return this.stamp<ProducerSnapshot>(`prod:${p.name}`, {
      id: p.name,
      acks: s.acks,
      lingerMs: s['linger.ms'],
      batchSize: s['batch.size'],
      idempotent: p.idempotent,
      bufferUsed: p.accumulator.pool.used,
      bufferTotal: p.accumulator.pool.total,
      deques,
      inFlightByBroker,
    });
  }

  private groups(partitions: readonly PartitionSnapshot[]): GroupSnapshot[] {
    const { cluster } = this;
    if (!cluster.clients) return [];
    const hw = new Map<string, number>();
    for (const p of partitions) {
      const leader = p.replicaStates.find((r) => r.role === 'leader');
      if (leader && p.leader >= 0 && cluster.brokers.get(p.leader)?.isUp()) hw.set(partitionKey(p.topic, p.partition), leader.highWatermark);
    }
    const out: GroupSnapshot[] = [];
    for (const [groupId, members] of cluster.clients.members) {
      let coordinator: number | null = null;
      let described = null;
      for (const b of cluster.brokers.values()) {
        if (!b.isUp()) continue;
        const d = cluster.groupServices.get(b.id)?.describe(groupId);
        if (d) {
          coordinator = b.id;
          described = d;
          break;
        }
      }
      const committed: Record<string, number> = described?.committed ?? Object.fromEntries(cluster.consumers?.accounting.committedBy(groupId) ?? []);
      const memberSnaps = [...members.values()].map((m) => {
        const d = m.describe();
        const parts = d.owned
          .map((o): MemberPartitionSnapshot => {
            const k = partitionKey(o.topic, o.partition);
            const c = committed[k] ?? null;
            const h = hw.get(k);
            return { topic: o.topic, partition: o.partition, position: o.position, committed: c, lag: c !== null && h !== undefined ? Math.max(0, h - c) : null };
          })
          .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
        return this.stamp<MemberSnapshot>(`m:${m.name}`, { name: m.name.slice(groupId.length + 1), node: m.name, state: d.state, alive: d.alive, paused: d.paused, partitions: parts });
      });
      out.push(
        this.stamp<GroupSnapshot>(`g:${groupId}`, {
          id: groupId,
          coordinator,
          state: described?.state ?? 'Unavailable',
          generation: described?.generation ?? -1,
          protocol: described?.protocol ?? null,
          members: memberSnaps,
          committed,
        }),
      );
    }
    return out;
  }
}
