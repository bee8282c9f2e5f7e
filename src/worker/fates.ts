/**
 * Which acknowledged records have a bad fate right now, worked out from the trace alone: the
 * worker keeps each replica's log as record ids by offset (Appended writes, Truncated and
 * UnflushedDataLost cut) and checks every acknowledged record against its partition leader's log.
 * A stand-in until the engine's own verdicts and `story(recordId)` land; it lists records, the
 * report's counters stay the authority on numbers.
 */
import type { ClusterSnapshot, TraceEvent } from '../engine';
import type { BadRecord } from './protocol';

interface Acked {
  topic: string;
  partition: number;
  producer: string;
  ackedAt: number;
}

const key = (topic: string, partition: number, broker: number) => `${topic}\u0000${partition}\u0000${broker}`;

export class FateTracker {
  /** Replica log contents: record id by offset. */
  private readonly logs = new Map<string, number[]>();
  /** Offsets at which a leader appended each record (two or more: a duplicate). */
  private readonly offsets = new Map<number, number[]>();
  private readonly acked = new Map<number, Acked>();

  observe(event: TraceEvent): void {
    switch (event.type) {
      case 'Appended': {
        const log = this.log(event.topic, event.partition, event.broker);
        event.recordIds.forEach((id, i) => {
          const offset = event.baseOffset + i;
          log[offset] = id;
          if (event.role === 'leader') {
            const seen = this.offsets.get(id);
            if (!seen) this.offsets.set(id, [offset]);
            else if (!seen.includes(offset)) seen.push(offset);
          }
        });
        return;
      }
      case 'Truncated':
      case 'UnflushedDataLost': {
        const log = this.log(event.topic, event.partition, event.broker);
        const end = event.type === 'Truncated' ? event.toOffset : event.fromOffset;
        if (log.length > end) log.length = end;
        return;
      }
      case 'Acked':
        if (event.duplicate) return;
        for (const id of event.recordIds) {
          if (!this.acked.has(id)) this.acked.set(id, { topic: event.topic, partition: event.partition, producer: event.producer, ackedAt: event.t });
        }
        return;
      default:
        return;
    }
  }

  /** Up to `limit` acknowledged records that are lost, unavailable or stored twice, oldest first. */
  badRecords(snapshot: ClusterSnapshot, limit = 200): BadRecord[] {
    const leaders = new Map(snapshot.partitions.map((p) => [`${p.topic}\u0000${p.partition}`, p.leader]));
    const bad: BadRecord[] = [];
    for (const [recordId, a] of this.acked) {
      if (bad.length >= limit) break;
      const offsets = this.offsets.get(recordId) ?? [];
      const base = { recordId, topic: a.topic, partition: a.partition, producer: a.producer, ackedAt: a.ackedAt, offset: offsets[0] ?? -1 };
      const leader = leaders.get(`${a.topic}\u0000${a.partition}`) ?? -1;
      if (leader < 0) {
        bad.push({ ...base, fate: 'unavailable' });
        continue;
      }
      const log = this.logs.get(key(a.topic, a.partition, leader)) ?? [];
      const held = offsets.filter((o) => log[o] === recordId);
      if (held.length === 0) bad.push({ ...base, fate: 'lost' });
      else if (held.length > 1) bad.push({ ...base, offset: held[1]!, fate: 'duplicated' });
    }
    return bad;
  }

  private log(topic: string, partition: number, broker: number): number[] {
    const k = key(topic, partition, broker);
    let log = this.logs.get(k);
    if (!log) this.logs.set(k, (log = []));
    return log;
  }
}
