/**
 * Per record, the ids of the few events that tell its story (0: none yet): what `story()` starts
 * from and what cause inference looks up. Besides the ids, the fields of its routine steps (send,
 * request, leader append, commit, acknowledgement), so a story can rebuild them once the event
 * ring has moved on: a few typed-array cells per record, whatever the run's length.
 */
import type { TraceEventOf, Traced } from '../core/trace';
import { float64Column, getInt, int32Column, putByte, putFloat, putInt, TextColumn, uint8Column, type Column } from './columns';
import { registerClass } from '../core/graphRegistry';

/** The steps of a record's life that the index remembers, in story order. */
export const STEPS = ['sent', 'request', 'error', 'firstAppend', 'append', 'commit', 'ack', 'failed', 'removed', 'processed', 'verdict'] as const;
export type Step = (typeof STEPS)[number];

/** How the record's last request asked to be acknowledged (0: unknown). */
export const ACKS_NONE = 1;
export const ACKS_LEADER = 2;
export const ACKS_ALL = 3;
const ACKS_NAMES = ['', '0', '1', 'all'];

/** What a record's story needs to rebuild one step: the step's event, narrowed to this record. */
export interface RecordFacts {
  producer: string;
  topic: string;
  partition: number;
  sentAt: number;
  /** Where a leader last appended it (-1: none). */
  leaderOffset: number;
  /** The offset its producer was told (-1: none, or acks=0). */
  offset: number;
}

/** The fields of one kind of step, one column each. */
class StepFields {
  readonly t = float64Column();
  readonly broker = int32Column();
  readonly a = int32Column();
  readonly b = int32Column();
  readonly c = int32Column();
  readonly cause = int32Column();
}

export class RecordEvents {
  private readonly columns = Object.fromEntries(STEPS.map((s) => [s, int32Column()])) as Record<Step, Column<Int32Array>>;
  // The busy steps' columns, held directly: no lookup by name per record.
  private readonly sentIds = this.columns.sent;
  private readonly requestIds = this.columns.request;
  private readonly appendIds = this.columns.append;
  private readonly firstAppendIds = this.columns.firstAppend;
  private readonly ackIds = this.columns.ack;
  private readonly commitIds = this.columns.commit;
  /** Acks of the last request (ACKS_*). */
  readonly acks = uint8Column();
  /** The broker that last appended the record as leader (0: none), and at which offset. */
  readonly appendBroker = int32Column();
  private readonly lastOffset = int32Column();
  /** Each record's key (null: none). */
  private readonly keys = new TextColumn();
  /** request: a = correlationId, b = attempt, c = baseSequence. */
  private readonly request = new StepFields();
  /**
   * appends: a = the record's offset (the last append's is the ledger's `leaderOffset`, so only
   * a first append that was not the last keeps its own), b = leader epoch.
   */
  private readonly firstAppend = new StepFields();
  private readonly append = new StepFields();
  /** commit: a = the high watermark. */
  private readonly commit = new StepFields();
  /** ack: b = 1 when a duplicate (the offset is the ledger's). */
  private readonly ack = new StepFields();

  get(step: Step, recordId: number): number {
    return this.columns[step].get(recordId);
  }

  set(step: Step, recordId: number, eventId: number): void {
    this.columns[step].set(recordId, eventId);
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

  /** The HW advance that committed the record: its fields are kept with the record. */
  committed(recordId: number, e: Traced<TraceEventOf<'HighWatermarkAdvanced'>>): void {
    putInt(this.commitIds, recordId, e.id);
    this.fill(this.commit, recordId, e.t, e.broker, e.highWatermark, 0, 0, 0);
  }

  observe(e: Traced): void {
    switch (e.type) {
      case 'RecordSent':
        this.keys.set(e.recordId, e.key);
        return void putInt(this.sentIds, e.recordId, e.id);
      case 'ProduceRequested': {
        const acks = e.acks === '0' ? ACKS_NONE : e.acks === '1' ? ACKS_LEADER : ACKS_ALL;
        const ids = e.recordIds;
        const cause = e.cause ?? 0;
        for (let i = 0; i < ids.length; i++) {
          const r = ids[i]!;
          putInt(this.requestIds, r, e.id);
          putByte(this.acks, r, acks);
          this.fill(this.request, r, e.t, e.broker, e.correlationId, e.attempt, e.baseSequence, cause);
        }
        return;
      }
      case 'ProduceErrored':
        return this.setAll('error', e.recordIds, e.id);
      case 'Appended':
        if (e.role !== 'leader') return;
        {
          const ids = e.recordIds;
          const cause = e.cause ?? 0;
          for (let i = 0; i < ids.length; i++) {
            const r = ids[i]!;
            const previous = getInt(this.appendIds, r);
            if (previous > 0 && getInt(this.firstAppendIds, r) === 0) {
              // A second append (a retry written again): the first one keeps its own fields.
              const f = this.append;
              putInt(this.firstAppendIds, r, previous);
              this.fill(this.firstAppend, r, f.t.get(r), getInt(this.appendBroker, r), getInt(this.lastOffset, r), f.b.get(r), 0, f.cause.get(r));
            }
            putInt(this.appendIds, r, e.id);
            putInt(this.appendBroker, r, e.broker);
            putInt(this.lastOffset, r, e.baseOffset + i);
            this.fill(this.append, r, e.t, 0, 0, e.leaderEpoch, 0, cause);
          }
        }
        return;
      case 'Acked': {
        const ids = e.recordIds;
        const cause = e.cause ?? 0;
        const duplicate = e.duplicate ? 1 : 0;
        for (let i = 0; i < ids.length; i++) {
          const r = ids[i]!;
          putInt(this.ackIds, r, e.id);
          this.fill(this.ack, r, e.t, 0, 0, duplicate, 0, cause);
        }
        return;
      }
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

  /**
   * The routine step with this event id, rebuilt for this record alone (its `recordIds` hold just
   * this record, offsets are the record's own); undefined when `eventId` is none of its routine steps.
   */
  rebuild(recordId: number, eventId: number, facts: RecordFacts): Traced | undefined {
    const { producer, topic, partition } = facts;
    const cause = (f: StepFields): { cause?: number } => (f.cause.get(recordId) > 0 ? { cause: f.cause.get(recordId) } : {});
    if (eventId === this.get('sent', recordId)) {
      return { t: facts.sentAt, type: 'RecordSent', producer, recordId, topic, partition, key: this.keys.get(recordId), id: eventId };
    }
    if (eventId === this.get('request', recordId)) {
      const f = this.request;
      return {
        t: f.t.get(recordId), type: 'ProduceRequested', producer, broker: f.broker.get(recordId), correlationId: f.a.get(recordId), topic, partition,
        recordIds: [recordId], acks: ACKS_NAMES[this.acks.get(recordId)]!, attempt: f.b.get(recordId), baseSequence: f.c.get(recordId), ...cause(f), id: eventId,
      };
    }
    for (const [step, f] of [['firstAppend', this.firstAppend], ['append', this.append]] as const) {
      if (eventId !== this.get(step, recordId)) continue;
      const last = step === 'append';
      const offset = last ? facts.leaderOffset : f.a.get(recordId);
      const broker = last ? getInt(this.appendBroker, recordId) : f.broker.get(recordId);
      return {
        t: f.t.get(recordId), type: 'Appended', broker, role: 'leader', topic, partition,
        baseOffset: offset, lastOffset: offset, leaderEpoch: f.b.get(recordId), recordIds: [recordId], ...cause(f), id: eventId,
      };
    }
    if (eventId === this.get('commit', recordId)) {
      const f = this.commit;
      return { t: f.t.get(recordId), type: 'HighWatermarkAdvanced', broker: f.broker.get(recordId), topic, partition, highWatermark: f.a.get(recordId), id: eventId };
    }
    if (eventId === this.get('ack', recordId)) {
      const f = this.ack;
      const duplicate = f.b.get(recordId) === 1 ? { duplicate: true } : {};
      return { t: f.t.get(recordId), type: 'Acked', producer, topic, partition, recordIds: [recordId], offset: facts.offset, ...duplicate, ...cause(f), id: eventId };
    }
    return undefined;
  }

  private fill(f: StepFields, r: number, t: number, broker: number, a: number, b: number, c: number, cause: number): void {
    putFloat(f.t, r, t);
    putInt(f.broker, r, broker);
    putInt(f.a, r, a);
    putInt(f.b, r, b);
    putInt(f.c, r, c);
    putInt(f.cause, r, cause);
  }

  private setAll(step: Step, recordIds: readonly number[], eventId: number): void {
    const column = this.columns[step];
    for (const r of recordIds) column.set(r, eventId);
  }
}

registerClass('RecordEvents', RecordEvents, { blank: () => new RecordEvents() });

registerClass('StepFields', StepFields, { blank: () => new StepFields() });
