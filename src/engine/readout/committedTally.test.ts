/**
 * committedTally carries a partition's count of committed records on from the last report. Against
 * a fresh count at random moments of random logs (a report comes after any number of steps): appends (with repeated records and two producers
 * out of order), the high watermark moving, truncations and re-appends at the same offsets, and
 * retention moving the log start over small segments. A failure prints fast-check's seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeBatch, type Batch, type RecordData } from '../model/batch';
import { PartitionLog, type LogConfig } from '../model/log';
import { committedTally } from './committedTally';

/** Small segments, so retention drops whole ones; nothing expires by time. */
const CONFIG: LogConfig = { segmentBytes: 200, segmentMs: 1e12, flushMessages: null, retentionMs: 1e12, retentionBytes: -1 };

/** The count the report made before tallies were carried: every committed batch, from the start. */
function freshCount(log: PartitionLog) {
  const seen = new Set<number>();
  const latestSeq = new Map<string, number>();
  let duplicated = 0;
  let reordered = 0;
  for (const b of log.allBatches()) {
    if (b.lastOffset >= log.highWatermark) break;
    for (const r of b.records) {
      if (seen.has(r.id)) {
        duplicated++;
        continue;
      }
      seen.add(r.id);
      const latest = latestSeq.get(r.producer) ?? -1;
      if (r.sendSeq < latest) reordered++;
      else latestSeq.set(r.producer, r.sendSeq);
    }
  }
  return { seen, duplicated, reordered };
}

type Step =
  | { do: 'append'; records: { id: number; producer: string; sendSeq: number }[] }
  | { do: 'commit'; share: number }
  | { do: 'truncate'; share: number }
  | { do: 'retain'; share: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ do: fc.constant('append' as const), records: fc.array(fc.record({ id: fc.integer({ min: 1, max: 30 }), producer: fc.constantFrom('p1', 'p2'), sendSeq: fc.integer({ min: 0, max: 50 }) }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ do: fc.constant('commit' as const), share: fc.integer({ min: 0, max: 100 }).map((n) => n / 100) }),
  fc.record({ do: fc.constant('truncate' as const), share: fc.integer({ min: 0, max: 100 }).map((n) => n / 100) }),
  fc.record({ do: fc.constant('retain' as const), share: fc.integer({ min: 0, max: 100 }).map((n) => n / 100) }),
);

/** An offset between the log start and the log end, `share` of the way. */
const between = (log: PartitionLog, share: number) => log.logStartOffset + Math.floor(share * (log.logEndOffset - log.logStartOffset));

/**
 * A batch boundary at or above the log start, `share` of the way through them: Kafka truncates
 * at one (to an epoch's end offset or the high watermark, which followers reach batch by batch).
 */
function boundary(log: PartitionLog, share: number): number {
  const starts = [...log.allBatches()].map((b) => b.baseOffset).filter((o) => o >= log.logStartOffset);
  const choices = [...starts, log.logEndOffset];
  return choices[Math.floor(share * (choices.length - 1))]!;
}

/** A new log object holding the same batch objects at the same offsets (what a restore makes). */
function copyOf(log: PartitionLog): PartitionLog {
  const copy = new PartitionLog();
  copy.segments = log.segments.map((s) => ({ ...s, batches: [...s.batches] }));
  copy.logStartOffset = log.logStartOffset;
  copy.logEndOffset = log.logEndOffset;
  copy.highWatermark = log.highWatermark;
  copy.recoveryPoint = log.recoveryPoint;
  return copy;
}

function apply(log: PartitionLog, s: Step): void {
  if (s.do === 'append') {
    const records: RecordData[] = s.records.map((r) => ({ ...r, key: null, value: 'v', timestamp: 0 }));
    log.append(makeBatch(records, log.logEndOffset, 0) as Batch, CONFIG);
  } else if (s.do === 'commit') log.highWatermark = Math.max(log.highWatermark, between(log, s.share));
  else if (s.do === 'truncate') log.truncateTo(boundary(log, s.share));
  else log.advanceLogStartOffset(Math.min(between(log, s.share), log.highWatermark));
}

describe('committedTally', () => {
  it('at every report, made after any number of steps, reads as a fresh count of the committed batches', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(step, fc.boolean()), { minLength: 10, maxLength: 60 }), (steps) => {
        const log = new PartitionLog();
        for (const [i, [s, report]] of steps.entries()) {
          apply(log, s);
          if (!report) continue;
          const tally = committedTally(log);
          const fresh = freshCount(log);
          const where = `after step ${i} (${s.do})`;
          expect({ duplicated: tally.duplicated, reordered: tally.reordered }, where).toEqual({ duplicated: fresh.duplicated, reordered: fresh.reordered });
          for (let id = 1; id <= 30; id++) expect(tally.holds(id), `${where}: record ${id}`).toBe(fresh.seen.has(id));
        }
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('reads a copy of a log that shares its batches (a restored or forked one) as a fresh count, as both go their own ways', () => {
    // Each step acts on one log of a growing family; `copy` adds a log holding the very batch
    // objects of another (as a simulation restored from a checkpoint does), which may then diverge.
    const act = fc.tuple(fc.oneof({ weight: 5, arbitrary: step }, { weight: 1, arbitrary: fc.constant({ do: 'copy' as const }) }), fc.nat(), fc.boolean());
    fc.assert(
      fc.property(fc.array(act, { minLength: 10, maxLength: 80 }), (acts) => {
        const logs = [new PartitionLog()];
        for (const [i, [s, which, report]] of acts.entries()) {
          const log = logs[which % logs.length]!;
          if (s.do === 'copy') logs.push(copyOf(log));
          else apply(log, s);
          if (!report) continue;
          const tally = committedTally(log);
          const fresh = freshCount(log);
          const where = `after step ${i} (${s.do}) on log ${which % logs.length}`;
          expect({ duplicated: tally.duplicated, reordered: tally.reordered }, where).toEqual({ duplicated: fresh.duplicated, reordered: fresh.reordered });
          for (let id = 1; id <= 30; id++) expect(tally.holds(id), `${where}: record ${id}`).toBe(fresh.seen.has(id));
        }
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('counts afresh a log that holds a batch another log counted, above batches of its own (replicas that diverged)', () => {
    const batch = (id: number, offset: number) => makeBatch([{ id, producer: 'p1', sendSeq: id, key: null, value: 'v', timestamp: 0 }], offset, 0) as Batch;
    const a = new PartitionLog();
    const b = new PartitionLog();
    const shared = batch(3, 1);
    a.append(batch(1, 0), CONFIG);
    a.append(shared, CONFIG);
    b.append(batch(2, 0), CONFIG);
    b.append(shared, CONFIG);
    a.highWatermark = b.highWatermark = 2;
    expect(committedTally(a).holds(1)).toBe(true);
    const tally = committedTally(b);
    expect([1, 2, 3].map((id) => tally.holds(id))).toEqual([false, true, true]);
  });

  it('notices, at the next report, a truncation that removed what it counted and new records past it', () => {
    const log = new PartitionLog();
    const appendOne = (id: number) => apply(log, { do: 'append', records: [{ id, producer: 'p1', sendSeq: id }] });
    [1, 2, 3].forEach(appendOne);
    log.highWatermark = 3;
    expect(committedTally(log).holds(3)).toBe(true);
    // An election: the new leader's log ends at offset 1; records 7–9 take offsets 1–3.
    log.truncateTo(1);
    [7, 8, 9].forEach(appendOne);
    log.highWatermark = 4;
    const tally = committedTally(log);
    expect([1, 2, 3, 7, 8, 9].filter((id) => tally.holds(id))).toEqual([1, 7, 8, 9]);
  });
});
