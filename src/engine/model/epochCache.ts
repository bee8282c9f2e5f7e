import { registerClass } from '../core/graphRegistry';
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

  /**
   * Records that `epoch` starts at `startOffset` (`LeaderEpochFileCache.assign`): nothing to do
   * when it is the latest epoch already and starts no earlier; otherwise entries that would break
   * monotonicity (epoch ≥ it, or start ≥ its start) are dropped first.
   */
  assign(epoch: number, startOffset: number): void {
    const last = this.entries[this.entries.length - 1];
    if (last && last.epoch === epoch && startOffset >= last.startOffset) return;
    while (this.entries.length > 0) {
      const tail = this.entries[this.entries.length - 1]!;
      if (tail.epoch < epoch && tail.startOffset < startOffset) break;
      this.entries.pop();
    }
    this.entries.push({ epoch, startOffset });
  }

  startOffsetOf(epoch: number): number | undefined {
    return this.entries.find((e) => e.epoch === epoch)?.startOffset;
  }

  /**
   * Kafka's `LeaderEpochFileCache.endOffsetFor(requestedEpoch, logEndOffset)`:
   * - the latest epoch ends at the log end offset;
   * - an older epoch ends where the next larger one starts, reported under the largest known
   *   epoch ≤ the requested one, or under the requested epoch itself when none is known (its
   *   records were deleted: the follower may replicate from the leader's start);
   * - undefined (-1, -1) for an empty cache, a negative epoch, or an epoch above every known one.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): { epoch: number; endOffset: number } {
    const undefinedEpoch = { epoch: -1, endOffset: -1 };
    const last = this.entries[this.entries.length - 1];
    if (requestedEpoch < 0 || !last) return undefinedEpoch;
    if (last.epoch === requestedEpoch) return { epoch: requestedEpoch, endOffset: logEndOffset };
    const higher = this.entries.find((e) => e.epoch > requestedEpoch);
    if (!higher) return undefinedEpoch;
    let floor: EpochEntry | undefined;
    for (const e of this.entries) if (e.epoch <= requestedEpoch) floor = e;
    return { epoch: floor ? floor.epoch : requestedEpoch, endOffset: higher.startOffset };
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

registerClass('EpochCache', EpochCache, { blank: () => new EpochCache() });
