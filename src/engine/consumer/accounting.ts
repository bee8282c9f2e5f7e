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
        let ids = this.idsAt.get(key);
        if (!ids) this.idsAt.set(key, (ids = []));
        event.recordIds.forEach((id, i) => (ids[event.baseOffset + i] = id));
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
      out.skipped += this.skippedBy(g['group.id'], processed);
    }
    return out;
  }

  /** Records below the group's committed offset that it never processed. */
  private skippedBy(group: string, processed: Map<number, number>): number {
    let skipped = 0;
    for (const [p, upTo] of this.committed.get(group)!) {
      const ids = this.idsAt.get(p) ?? [];
      for (let o = 0; o < upTo; o++) {
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
