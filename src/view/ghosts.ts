/**
 * Truncated cells: when a replica's log loses cells (leader-epoch truncation, a power loss), the
 * view keeps them for a while as struck-through ghosts so the learner sees what went. The engine's
 * snapshot only has the present; this remembers the recent past, in virtual time (a seek back
 * before a truncation forgets it).
 */
import type { ClusterSnapshot, LogCell, ReplicaSnapshot } from '../engine';

export interface Ghost {
  readonly offset: number;
  readonly recordId: number;
  readonly producer: string;
  /** Virtual time it was seen gone. */
  readonly since: number;
}

const NONE: readonly Ghost[] = [];

/** How long a ghost stays, in virtual ms. */
export const GHOST_MS = 4000;

export class TruncationGhosts {
  private last = new Map<string, ReplicaSnapshot>();
  private ghosts = new Map<string, Ghost[]>();
  private lastTime = -Infinity;

  /** Compares each replica with the one seen before and records the cells it lost. */
  update(snapshot: ClusterSnapshot): void {
    const time = snapshot.time;
    if (time < this.lastTime) {
      // A seek backwards: what we remembered has not happened yet.
      this.ghosts.clear();
      this.last.clear();
    }
    this.lastTime = time;
    for (const p of snapshot.partitions) {
      for (const r of p.replicaStates) {
        const key = `${p.topic}-${p.partition}:${r.broker}`;
        const prev = this.last.get(key);
        this.last.set(key, r);
        if (!prev || prev === r || prev.tail === r.tail) continue;
        const lost = lostCells(prev.tail, r.tail, r.logEndOffset);
        if (lost.length === 0) continue;
        // A new array on change: the view redraws a strip when its ghost list is a new object.
        const list = [...(this.ghosts.get(key) ?? [])];
        for (const c of lost) if (!list.some((g) => g.recordId === c.recordId)) list.push({ offset: c.offset, recordId: c.recordId, producer: c.producer, since: time });
        this.ghosts.set(key, list);
      }
    }
    for (const [key, list] of this.ghosts) {
      const kept = list.filter((g) => time - g.since <= GHOST_MS);
      if (kept.length === 0) this.ghosts.delete(key);
      else if (kept.length !== list.length) this.ghosts.set(key, kept);
    }
  }

  of(key: string): readonly Ghost[] {
    return this.ghosts.get(key) ?? NONE;
  }
}

/**
 * Cells of `before` that are no longer in the log: at or above the new LEO, or replaced at their
 * offset by another record (a truncation followed by new appends between two frames).
 */
export function lostCells(before: readonly LogCell[], after: readonly LogCell[], logEndOffset: number): LogCell[] {
  const byOffset = new Map(after.map((c) => [c.offset, c.recordId] as const));
  const lowest = after.length > 0 ? after[0]!.offset : logEndOffset;
  return before.filter((c) => {
    if (c.offset < lowest) return false; // scrolled out of the window or deleted by retention: not truncated
    const now = byOffset.get(c.offset);
    return c.offset >= logEndOffset ? true : now !== undefined && now !== c.recordId;
  });
}
