/**
 * The records with a bad fate, as the engine's ledger judges them: every RecordLost,
 * RecordDuplicated and RecordReordered verdict, in the order they were given. A verdict is final
 * (a record judged lost stays lost), so the list only grows; it is saved with each checkpoint of
 * the timeline and restored with it, so a seek shows the list as it stood then.
 */
import type { TraceEvent } from '../engine';
import type { BadRecord } from './protocol';

const FATE = { RecordLost: 'lost', RecordDuplicated: 'duplicated', RecordReordered: 'reordered' } as const;

export class VerdictList {
  private records: BadRecord[] = [];

  observe(event: TraceEvent): void {
    if (event.type !== 'RecordLost' && event.type !== 'RecordDuplicated' && event.type !== 'RecordReordered') return;
    this.records.push({
      recordId: event.recordId,
      topic: event.topic,
      partition: event.partition,
      offset: event.offset,
      producer: event.producer,
      fate: FATE[event.type],
      at: event.t,
    });
  }

  /** Up to `limit` records with a bad fate, oldest verdict first. */
  badRecords(limit = 200): BadRecord[] {
    return this.records.slice(0, limit);
  }

  /** How many records have a bad fate so far. */
  size(): number {
    return this.records.length;
  }

  save(): unknown {
    return this.records.length;
  }

  /** Back to the list as it stood when `save` was called (verdicts only accumulate on one timeline). */
  restore(saved: unknown): void {
    this.records = this.records.slice(0, typeof saved === 'number' ? saved : 0);
  }
}
