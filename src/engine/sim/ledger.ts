/**
 * The ledger: every record's fate, classified from the trace. It knows what was sent and what
 * the producers were told; at the end it compares that with the final logs (scenario/report.ts).
 */
import type { TraceEvent } from '../core/trace';

export type RecordStatus = 'pending' | 'acknowledged' | 'failed';

export interface LedgerEntry {
  readonly id: number;
  readonly producer: string;
  readonly topic: string;
  readonly partition: number;
  status: RecordStatus;
  /** Offset the producer was told (-1 for acks=0, unknown). */
  offset: number;
  /** Where a leader last appended it (-1 if none did): stands in for `offset` under acks=0. */
  leaderOffset: number;
}

export class Ledger {
  readonly entries = new Map<number, LedgerEntry>();

  observe(event: TraceEvent): void {
    switch (event.type) {
      case 'RecordSent':
        this.entries.set(event.recordId, { id: event.recordId, producer: event.producer, topic: event.topic, partition: event.partition, status: 'pending', offset: -1, leaderOffset: -1 });
        return;
      case 'Acked':
        event.recordIds.forEach((id, i) => this.settle(id, 'acknowledged', event.offset < 0 ? -1 : event.offset + i));
        return;
      case 'Appended':
        if (event.role === 'leader') {
          event.recordIds.forEach((id, i) => {
            const entry = this.entries.get(id);
            if (entry) entry.leaderOffset = event.baseOffset + i;
          });
        }
        return;
      case 'SendFailed':
        for (const id of event.recordIds) this.settle(id, 'failed', -1);
        return;
      default:
        return;
    }
  }

  private settle(id: number, status: RecordStatus, offset: number): void {
    const entry = this.entries.get(id);
    if (!entry || entry.status !== 'pending') return;
    entry.status = status;
    entry.offset = offset;
  }

  count(status: RecordStatus): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.status === status) n++;
    return n;
  }
}
