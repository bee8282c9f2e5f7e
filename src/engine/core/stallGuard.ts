/**
 * The event queue's stall guard: the clock must move. If more than `maxTasksPerInstant` tasks run
 * at one virtual millisecond, the run stops with a SimulationStalled error that names the busiest
 * task kind (a zero timeout or zero backoff retried at one instant would otherwise spin forever).
 * The queue counts tasks per instant and, near the limit, hands each one's label here.
 */

/** Default for the stall guard: 5,000 times what the busiest workload needs (40 tasks at one ms). */
export const MAX_TASKS_PER_INSTANT = 200_000;
/** The guard names the busiest kind among this many of the last tasks before it stopped. */
export const SAMPLE = 10_000;

/** The engine ran an absurd number of tasks without virtual time moving. */
export class SimulationStalled extends Error {
  constructor(
    readonly time: number,
    readonly tasks: number,
    readonly busiest: string,
    readonly busiestCount: number,
    sampled: number,
  ) {
    super(
      `${tasks} tasks ran at virtual time ${time} ms without the clock moving ` +
        `(busiest: "${busiest}", ${busiestCount} of the last ${sampled} tasks). ` +
        'Something retries at one instant forever, e.g. a timeout or backoff of 0 ms.',
    );
    this.name = 'SimulationStalled';
  }
}

/**
 * Counts one of the last tasks of an instant by label (`counts`: since the instant began sampling);
 * once `ran` passes `max`, stops the run naming the busiest label.
 */
export function sampleForStall(counts: Map<string, number>, label: string, ran: number, max: number, clock: number): void {
  counts.set(label, (counts.get(label) ?? 0) + 1);
  if (ran <= max) return;
  let busiest = '';
  let most = 0;
  for (const [name, n] of counts) {
    if (n > most) {
      busiest = name;
      most = n;
    }
  }
  let sampled = 0;
  for (const n of counts.values()) sampled += n;
  throw new SimulationStalled(clock, ran, busiest, most, sampled);
}
