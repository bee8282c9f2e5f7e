/**
 * Runs of counted batches, for committedTally.ts. A run counts batches in log order and remembers,
 * after each one, what the count was: where each record's first copy sits, the copies beyond the
 * first, the records out of their producer's send order. So a log whose committed batches are the
 * first k of a run's reads the run cut at k, without counting again. A log that goes on
 * differently after k (a replay made new batch objects, a fork, a truncation) counts its own
 * batches in a child run that continues its parent cut at k; the parent never changes below k.
 *
 * Batches are numbered along the chain from the root's first batch (a child's first batch is its
 * parent's cut + 1). A run is reachable only from its own batches (the WeakMap below) and from its
 * children, so the run of a timeline nobody holds any more goes with its batches.
 */
import type { Batch } from '../model/batch';

/** A run cut after the batch numbered `at` (-1: before the first). */
export interface Cut {
  readonly run: Run;
  readonly at: number;
}

/** The run that counted each batch (the latest one, when several did). */
const runs = new WeakMap<Batch, Run>();

export function runOf(b: Batch): Run | undefined {
  return runs.get(b);
}

/** Beyond this many ancestors a branch counts its chain afresh, so a question walks a few maps at most. */
const MAX_DEPTH = 6;

export class Run {
  private readonly own: Batch[] = [];
  /** The number of the batch holding each record's first copy (records first seen in this run only). */
  private readonly firstSeen = new Map<number, number>();
  private readonly duplicatedAfter: number[] = [];
  private readonly reorderedAfter: number[] = [];
  /** Per producer, the batch numbers where its highest send order so far rose, and to what. */
  private readonly risen = new Map<string, { at: number[]; seq: number[] }>();
  /** Per producer, its highest send order at the end of this run. */
  private readonly tip = new Map<string, number>();
  /** The number of this run's first batch. */
  private readonly base: number;
  private readonly depth: number;

  private constructor(
    private readonly parent: Run | null,
    private readonly parentAt: number,
  ) {
    this.base = parentAt + 1;
    this.depth = parent ? parent.depth + 1 : 0;
  }

  static root(): Run {
    return new Run(null, -1);
  }

  /** The batch numbered `at` (this run's or an ancestor's). */
  batchAt(at: number): Batch {
    return at < this.base ? this.parent!.batchAt(at) : this.own[at - this.base]!;
  }

  /** The number of `b` if this run counted it, else -1. */
  indexOf(b: Batch): number {
    const own = this.own;
    let lo = 0;
    let hi = own.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = own[mid]!.baseOffset;
      if (o === b.baseOffset) return own[mid] === b ? this.base + mid : -1;
      if (o < b.baseOffset) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Are `batches[0..k]` the very batches numbered 0..k along this run's chain? */
  matches(batches: readonly Batch[], k: number): boolean {
    for (let m = k; m >= this.base; m--) if (this.own[m - this.base] !== batches[m]) return false;
    return this.parent ? this.parent.matches(batches, Math.min(k, this.parentAt)) : true;
  }

  /** Does a batch numbered `at` or lower hold the record? */
  holds(id: number, at: number): boolean {
    const i = this.firstSeen.get(id);
    // First seen in this run: its ancestors (up to the cut) never held it.
    if (i !== undefined) return i <= at;
    return this.parent ? this.parent.holds(id, this.parentAt) : false;
  }

  duplicatedAt(at: number): number {
    return at >= this.base ? this.duplicatedAfter[at - this.base]! : this.parent ? this.parent.duplicatedAt(at) : 0;
  }

  reorderedAt(at: number): number {
    return at >= this.base ? this.reorderedAfter[at - this.base]! : this.parent ? this.parent.reorderedAt(at) : 0;
  }

  /** The cut after `b`, counted as the batch after the one numbered `at`. */
  extend(at: number, b: Batch): Cut {
    if (at < this.base - 1) return this.parent!.extend(at, b);
    const i = at + 1 - this.base;
    if (i < this.own.length) {
      if (this.own[i] === b) return { run: this, at: at + 1 };
      return this.branch(at).count(b);
    }
    return this.count(b);
  }

  /** A run continuing this one cut at `at` (a fresh count of that chain when it would nest too deep). */
  private branch(at: number): Run {
    if (at < this.base) return this.parent ? new Run(this.parent, at) : Run.root();
    if (this.depth < MAX_DEPTH) return new Run(this, at);
    const fresh = Run.root();
    for (let m = 0; m <= at; m++) fresh.count(this.batchAt(m));
    return fresh;
  }

  /** Counts `b` as this run's next batch, in log order; each record is judged at its first copy. */
  private count(b: Batch): Cut {
    const at = this.base + this.own.length;
    this.own.push(b);
    runs.set(b, this);
    let duplicated = this.duplicatedAt(at - 1);
    let reordered = this.reorderedAt(at - 1);
    let rose: string | null = null;
    for (const r of b.records) {
      if (this.holds(r.id, at)) {
        duplicated++;
        continue;
      }
      this.firstSeen.set(r.id, at);
      const latest = this.tipOf(r.producer);
      if (r.sendSeq < latest) reordered++;
      else {
        this.tip.set(r.producer, r.sendSeq);
        if (rose !== null && rose !== r.producer) this.noteRise(rose, at);
        rose = r.producer;
      }
    }
    if (rose !== null) this.noteRise(rose, at);
    this.duplicatedAfter.push(duplicated);
    this.reorderedAfter.push(reordered);
    return { run: this, at };
  }

  /** Remembers that `producer`'s highest send order rose in the batch numbered `at`. */
  private noteRise(producer: string, at: number): void {
    let r = this.risen.get(producer);
    if (!r) this.risen.set(producer, (r = { at: [], seq: [] }));
    const seq = this.tip.get(producer)!;
    if (r.at[r.at.length - 1] === at) r.seq[r.seq.length - 1] = seq;
    else {
      r.at.push(at);
      r.seq.push(seq);
    }
  }

  /** `producer`'s highest send order at the end of this run. */
  private tipOf(producer: string): number {
    let t = this.tip.get(producer);
    if (t === undefined) {
      t = this.parent ? this.parent.latestAt(producer, this.parentAt) : -1;
      this.tip.set(producer, t);
    }
    return t;
  }

  /** `producer`'s highest send order after the batch numbered `at` (-1: none yet). */
  private latestAt(producer: string, at: number): number {
    const r = this.risen.get(producer);
    if (r) {
      // The last rise at or before the cut.
      let lo = 0;
      let hi = r.at.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (r.at[mid]! <= at) lo = mid + 1;
        else hi = mid - 1;
      }
      if (hi >= 0) return r.seq[hi]!;
    }
    return this.parent ? this.parent.latestAt(producer, this.parentAt) : -1;
  }
}
