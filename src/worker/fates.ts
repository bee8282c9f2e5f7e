/**
 * The records with a bad fate, as the engine judges them: every RecordLost, RecordDuplicated,
 * RecordReordered and RecordSkipped verdict, and a record's first RecordProcessedTwice per group
 * (its third processing is the same fate), in the order they were given. A verdict is final
 * (a record judged lost stays lost), so on one run the list only grows. It is saved with each
 * checkpoint of the timeline and restored with it, so a seek shows the list as it stood then.
 *
 * A save keeps the list itself, not its length: a seek may restore a checkpoint *ahead* of where
 * the list stands (a scrub forward after an abandoned replay), and a length cannot bring back the
 * verdicts between the two. The saved array is shared and copied on the next verdict.
 */
import type { TraceEvent } from '../engine';
import type { BadRecord } from './protocol';

const FATE = { RecordLost: 'lost', RecordDuplicated: 'duplicated', RecordReordered: 'reordered' } as const;

function badRecordOf(event: TraceEvent): BadRecord | null {
  switch (event.type) {
    case 'RecordLost':
    case 'RecordDuplicated':
    case 'RecordReordered':
      return { recordId: event.recordId, topic: event.topic, partition: event.partition, offset: event.offset, producer: event.producer, fate: FATE[event.type], at: event.t };
    case 'RecordSkipped':
      return { recordId: event.recordId, group: event.group, topic: event.topic, partition: event.partition, offset: event.offset, fate: 'skipped', at: event.t };
    case 'RecordProcessedTwice':
      return event.times === 2 ? { recordId: event.recordId, group: event.group, member: event.member, fate: 'processedTwice', at: event.t } : null;
    default:
      return null;
  }
}

export class VerdictList {
  private records: BadRecord[] = [];
  /** `records` is held by a saved checkpoint too: copy it before the next push. */
  private shared = false;

  observe(event: TraceEvent): void {
    const bad = badRecordOf(event);
    if (!bad) return;
    if (this.shared) {
      this.records = this.records.slice();
      this.shared = false;
    }
    this.records.push(bad);
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
    this.shared = true;
    return this.records;
  }

  /** Back to the list as it stood when `save` was called, wherever the list stands now. */
  restore(saved: unknown): void {
    this.records = Array.isArray(saved) ? (saved as BadRecord[]) : [];
    this.shared = true;
  }
}
