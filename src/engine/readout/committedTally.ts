/**
 * What one partition's committed batches add up to (the records they hold, the copies beyond each
 * record's first, the records out of their producer's send order), kept between reports and
 * carried on from where the last report stopped.
 *
 * Why: the app asks for a report after every seek, fork and command and a few times a second
 * while playing; walking every committed record each time cost 240–760 ms of CPU at 5 minutes of
 * the ten-minute workload. The tallies live beside the engine, never in its state, and are keyed
 * by the batches themselves: batches are immutable and shared by reference between the live
 * engine, its checkpoints and the simulations restored from them (core/graphCodec.ts holds them
 * by reference; a follower stores its leader's very batch). So a restored log, whose batches
 * start as those of a log already counted, reads that count cut at its last shared batch, and
 * only the batches its replay made are counted afresh (runs.ts). A report reads exactly as a
 * fresh count would (committedTally.test.ts, reportSeeks.test.ts).
 */
import type { Batch } from '../model/batch';
import type { PartitionLog } from '../model/log';
import { Run, runOf, type Cut } from './runs';

export interface CommittedTally {
  /** Does some committed batch hold the record? */
  holds(id: number): boolean;
  /** Copies beyond each record's first. */
  readonly duplicated: number;
  /** Records that sit after a record the same producer sent to this partition later. */
  readonly reordered: number;
}

/** No committed batch yet. */
const NOTHING: CommittedTally = { holds: () => false, duplicated: 0, reordered: 0 };

class CutTally implements CommittedTally {
  constructor(private readonly cut: Cut) {}
  holds(id: number): boolean {
    return this.cut.run.holds(id, this.cut.at);
  }
  get duplicated(): number {
    return this.cut.run.duplicatedAt(this.cut.at);
  }
  get reordered(): number {
    return this.cut.run.reorderedAt(this.cut.at);
  }
}

/** Where each log's last report stopped: the cut of a run, and the log's first batch then. */
const lastCuts = new WeakMap<PartitionLog, { cut: Cut; first: Batch }>();

/** The tally of `log`'s batches wholly below its high watermark, brought up to date. */
export function committedTally(log: PartitionLog): CommittedTally {
  const carried = carriedCut(log);
  let cut: Cut | null;
  if (carried) {
    cut = carried;
    for (const b of log.batchesFrom(carried.run.batchAt(carried.at).lastOffset + 1)) {
      if (b.lastOffset >= log.highWatermark) break;
      cut = cut.run.extend(cut.at, b);
    }
  } else {
    cut = cutFromBatches(committedBatches(log));
  }
  if (!cut) {
    lastCuts.delete(log);
    return NOTHING;
  }
  lastCuts.set(log, { cut, first: cut.run.batchAt(0) });
  return new CutTally(cut);
}

/**
 * The last report's cut of this log, if what it counted is still the start of the log's committed
 * batches: not after retention removed the first batch, nor after a truncation removed the last
 * batch it counted (an election, a leader turned follower and back), nor if the high watermark
 * fell below it.
 */
function carriedCut(log: PartitionLog): Cut | null {
  const last = lastCuts.get(log);
  if (!last) return null;
  if (log.allBatches().next().value !== last.first) return null;
  const b = last.cut.run.batchAt(last.cut.at);
  if (log.highWatermark <= b.lastOffset) return null;
  return log.batchesFrom(b.baseOffset).next().value === b ? last.cut : null;
}

/** The log's batches wholly below its high watermark (plain loops: a generator costs tens of ms on 10,000 batches). */
function committedBatches(log: PartitionLog): Batch[] {
  const out: Batch[] = [];
  const hw = log.highWatermark;
  for (const s of log.segments) {
    const batches = s.batches;
    for (let i = 0; i < batches.length; i++) {
      const b = batches[i]!;
      if (b.lastOffset >= hw) return out;
      out.push(b);
    }
  }
  return out;
}

/**
 * The cut for a log seen for the first time (a restored one, a new leader's): the newest of its
 * batches some run already counted, if that run's batches up to it are exactly the log's, carried
 * on with the rest; else a fresh count.
 */
function cutFromBatches(batches: readonly Batch[]): Cut | null {
  if (batches.length === 0) return null;
  let cut: Cut | null = null;
  let from = 0;
  for (let k = batches.length - 1; k >= 0; k--) {
    const found = runOf(batches[k]!);
    if (!found) continue;
    const at = found.indexOf(batches[k]!);
    if (at === k && found.matches(batches, k)) {
      cut = { run: found, at };
      from = k + 1;
    }
    break;
  }
  if (!cut) {
    cut = Run.root().extend(-1, batches[0]!);
    from = 1;
  }
  for (let k = from; k < batches.length; k++) cut = cut.run.extend(cut.at, batches[k]!);
  return cut;
}
