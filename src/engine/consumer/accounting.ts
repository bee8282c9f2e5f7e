/**
 * What the groups did with the records, classified from the trace: which record sits at which
 * offset (leader appends), what each group processed (RecordsProcessed) and how far it committed
 * (OffsetsCommitted). The counts follow the report's definitions (scenario/report.types.ts).
 */
import type { TraceEvent } from '../core/trace';
import type { GroupSpec } from '../scenario/types';
import { OFFSETS_TOPIC } from './offsetsTopic';

export interface ConsumerCounts {
  consumed: number;
  processedTwice: number;
  effectsDuplicated: number;
  skipped: number;
}

export class ConsumerAccounting {
  /** "topic-N" → record id at each offset (the last leader to append there wins). */
  private readonly idsAt = new Map<string, number[]>();
  /** group → record id → times processed. */
  private readonly processed = new Map<string, Map<number, number>>();
  /** group → "topic-N" → highest committed offset acknowledged. */
  private readonly committed = new Map<string, Map<string, number>>();
  /** "topic-N" → the broker that last appended as its leader. */
  private readonly leaderOf = new Map<string, number>();
  /** "topic-N" → the leader's log start offset after retention deleted segments. */
  private readonly deletedBelow = new Map<string, number>();

  constructor(private readonly groups: readonly GroupSpec[]) {
    for (const g of groups) {
      this.processed.set(g['group.id'], new Map());
      this.committed.set(g['group.id'], new Map());
    }
  }

  observe(event: TraceEvent): void {
    switch (event.type) {
      case 'Appended': {
        if (event.role !== 'leader' || event.topic === OFFSETS_TOPIC) return;
        const key = `${event.topic}-${event.partition}`;
        this.leaderOf.set(key, event.broker);
        let ids = this.idsAt.get(key);
        if (!ids) this.idsAt.set(key, (ids = []));
        event.recordIds.forEach((id, i) => (ids[event.baseOffset + i] = id));
        return;
      }
      case 'LeaderElected':
        return void this.leaderOf.set(`${event.topic}-${event.partition}`, event.leader);
      case 'SegmentDeleted': {
        // Retention on the leader: what it deleted no consumer will ever read.
        const key = `${event.topic}-${event.partition}`;
        if (this.leaderOf.get(key) === event.broker) this.deletedBelow.set(key, Math.max(this.deletedBelow.get(key) ?? 0, event.logStartOffset));
        return;
      }
      case 'RecordsProcessed': {
        const counts = this.processed.get(event.group);
        if (counts) for (const id of event.recordIds) counts.set(id, (counts.get(id) ?? 0) + 1);
        return;
      }
      case 'OffsetsCommitted':
        return this.raiseCommitted(event.group, event.offsets);
      case 'GroupLoaded':
        // Commits written but never acknowledged may still have reached the log.
        return this.raiseCommitted(event.group, event.committed);
      default:
        return;
    }
  }

  raiseCommitted(group: string, offsets: Record<string, number>): void {
    const c = this.committed.get(group);
    if (!c) return;
    for (const [p, o] of Object.entries(offsets)) if (o > (c.get(p) ?? -1)) c.set(p, o);
  }

  counts(): ConsumerCounts {
    const out: ConsumerCounts = { consumed: 0, processedTwice: 0, effectsDuplicated: 0, skipped: 0 };
    for (const g of this.groups) {
      const processed = this.processed.get(g['group.id'])!;
      let twice = 0;
      for (const n of processed.values()) twice += n - 1;
      out.consumed += processed.size;
      out.processedTwice += twice;
      if (!g['idempotent.sink']) out.effectsDuplicated += twice;
      out.skipped += this.skippedBy(g, processed);
    }
    return out;
  }

  /**
   * Records the group never processed that it moved its committed offset past, or that retention
   * deleted (from its topics) before it read them.
   */
  private skippedBy(g: GroupSpec, processed: Map<number, number>): number {
    const committed = this.committed.get(g['group.id'])!;
    const upTo = new Map(committed);
    for (const [p, deleted] of this.deletedBelow) {
      if (g.topics.includes(p.slice(0, p.lastIndexOf('-')))) upTo.set(p, Math.max(upTo.get(p) ?? 0, deleted));
    }
    let skipped = 0;
    for (const [p, end] of upTo) {
      const ids = this.idsAt.get(p) ?? [];
      for (let o = 0; o < end; o++) {
        const id = ids[o];
        if (id !== undefined && !processed.has(id)) skipped++;
      }
    }
    return skipped;
  }

  /** The highest acknowledged commit per partition (for invariant checks). */
  committedBy(group: string): ReadonlyMap<string, number> {
    return this.committed.get(group) ?? new Map();
  }
}
