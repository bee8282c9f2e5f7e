/**
 * The virtual times of the timeline's checkpoints, learnt through its companion hook (the
 * timeline saves the companion with each checkpoint it takes, the simulation standing at the
 * checkpoint's time). With them the host restores the nearest checkpoint itself (`seek` to its
 * exact time replays nothing) and replays the rest in slices it can abandon for a newer scrub.
 *
 * A time may outlive its checkpoint (the timeline drops every other one over its memory budget):
 * seeking to it then restores an earlier one and replays in one go — slower, never wrong.
 */
export class CheckpointTimes {
  private times: number[] = [];
  private previous: number[] | null = null;

  /** A checkpoint was taken at `time` (times only grow along one timeline). */
  add(time: number): void {
    const last = this.times[this.times.length - 1];
    if (last === undefined || time > last) this.times.push(time);
  }

  /** The newest checkpoint time at or before `time` (0: the start always has one). */
  atOrBefore(time: number): number {
    for (let i = this.times.length - 1; i >= 0; i--) if (this.times[i]! <= time) return this.times[i]!;
    return 0;
  }

  /** A fork at `time` drops the checkpoints after it; the list before is kept for one undo. */
  fork(time: number): void {
    this.previous = this.times;
    this.times = this.times.filter((t) => t <= time);
  }

  undoFork(): void {
    if (this.previous) this.times = this.previous;
    this.previous = null;
  }
}
