/**
 * Per record, the ids of the few events that tell its story (0: none yet): what `story()` starts
 * from and what cause inference looks up. One int per record and step, whatever the run's length.
 */
import type { Traced } from '../core/trace';
import { int32Column, uint8Column } from './columns';

/** The steps of a record's life that the index remembers, in story order. */
export const STEPS = ['sent', 'request', 'error', 'firstAppend', 'append', 'commit', 'ack', 'failed', 'removed', 'processed', 'verdict'] as const;
export type Step = (typeof STEPS)[number];

/** How the record's last request asked to be acknowledged (0: unknown). */
export const ACKS_NONE = 1;
export const ACKS_LEADER = 2;
export const ACKS_ALL = 3;

export class RecordEvents {
  private readonly columns = new Map(STEPS.map((s) => [s, int32Column()]));
  /** Acks of the last request (ACKS_*). */
  readonly acks = uint8Column();
  /** The broker that last appended the record as leader (0: none). */
  readonly appendBroker = int32Column();

  get(step: Step, recordId: number): number {
    return this.columns.get(step)!.get(recordId);
  }

  set(step: Step, recordId: number, eventId: number): void {
    this.columns.get(step)!.set(recordId, eventId);
  }

  /** Every step's event id for one record, in story order (0s left out). */
  eventIds(recordId: number): number[] {
    const out: number[] = [];
    for (const s of STEPS) {
      const id = this.get(s, recordId);
      if (id > 0) out.push(id);
    }
    return out;
  }

  observe(e: Traced): void {
    switch (e.type) {
      case 'RecordSent':
        return this.set('sent', e.recordId, e.id);
      case 'ProduceRequested': {
        const acks = e.acks === '0' ? ACKS_NONE : e.acks === '1' ? ACKS_LEADER : ACKS_ALL;
        for (const r of e.recordIds) {
          this.set('request', r, e.id);
          this.acks.set(r, acks);
        }
        return;
      }
      case 'ProduceErrored':
        return this.setAll('error', e.recordIds, e.id);
      case 'Appended':
        if (e.role !== 'leader') return;
        for (const r of e.recordIds) {
          if (this.get('firstAppend', r) === 0) this.set('firstAppend', r, e.id);
          this.set('append', r, e.id);
          this.appendBroker.set(r, e.broker);
        }
        return;
      case 'Acked':
        return this.setAll('ack', e.recordIds, e.id);
      case 'SendFailed':
        return this.setAll('failed', e.recordIds, e.id);
      case 'Truncated':
      case 'UnflushedDataLost':
      case 'SegmentDeleted':
        return this.setAll('removed', e.recordIds, e.id);
      case 'RecordsProcessed':
        for (const r of e.recordIds) if (this.get('processed', r) === 0) this.set('processed', r, e.id);
        return;
      case 'RecordLost':
      case 'RecordDuplicated':
      case 'RecordReordered':
      case 'RecordSkipped':
      case 'RecordProcessedTwice':
        return this.set('verdict', e.recordId, e.id);
      default:
        return;
    }
  }

  private setAll(step: Step, recordIds: readonly number[], eventId: number): void {
    const column = this.columns.get(step)!;
    for (const r of recordIds) column.set(r, eventId);
  }
}
