/**
 * The leader-epoch cache (Kafka's LeaderEpochFileCache): epoch → start offset, in order. It lets a
 * follower find where its log diverges from the leader's (KIP-101, KIP-279, and the fetch
 * "diverging epoch" of KIP-595) instead of blindly truncating to its high watermark.
 */

export interface EpochEntry {
  readonly epoch: number;
  readonly startOffset: number;
}

export class EpochCache {
  private entries: EpochEntry[] = [];

  all(): readonly EpochEntry[] {
    return this.entries;
  }

  latestEpoch(): number {
    return this.entries.length > 0 ? this.entries[this.entries.length - 1]!.epoch : -1;
  }

  /** Records that `epoch` starts at `startOffset` (ignored unless newer than the latest epoch). */
  assign(epoch: number, startOffset: number): void {
    const last = this.entries[this.entries.length - 1];
    if (last && last.epoch >= epoch) return;
    // An entry for an older epoch that started at the same offset never held a record: drop it.
    while (this.entries.length > 0 && this.entries[this.entries.length - 1]!.startOffset >= startOffset) this.entries.pop();
    this.entries.push({ epoch, startOffset });
  }

  startOffsetOf(epoch: number): number | undefined {
    return this.entries.find((e) => e.epoch === epoch)?.startOffset;
  }

  /**
   * Kafka's `endOffsetFor(requestedEpoch, logEndOffset)`: the largest epoch ≤ requested and the
   * offset where the next larger epoch starts (or the log end offset if it is the latest).
   * Returns epoch -1 and offset -1 when no epoch ≤ requested is known.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): { epoch: number; endOffset: number } {
    let found = -1;
    for (let i = 0; i < this.entries.length; i++) if (this.entries[i]!.epoch <= requestedEpoch) found = i;
    if (found < 0) return { epoch: -1, endOffset: -1 };
    const next = this.entries[found + 1];
    return { epoch: this.entries[found]!.epoch, endOffset: next ? next.startOffset : logEndOffset };
  }

  /** After truncating the log to `offset`: forget epochs that start at or beyond it. */
  truncateFromEnd(offset: number): void {
    while (this.entries.length > 0 && this.entries[this.entries.length - 1]!.startOffset >= offset) this.entries.pop();
  }

  /** After the log start offset moved: the first kept epoch now starts at `offset` at the earliest. */
  truncateFromStart(offset: number): void {
    while (this.entries.length > 1 && this.entries[1]!.startOffset <= offset) this.entries.shift();
    const first = this.entries[0];
    if (first && first.startOffset < offset) this.entries[0] = { epoch: first.epoch, startOffset: offset };
  }
}
