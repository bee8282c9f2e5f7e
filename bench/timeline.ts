/**
 * Seek, fork and checkpoint on the 10-minute workload, through the engine's timeline (what the
 * playground's worker uses). One JSON object per line, like bench/run.ts, which calls this:
 *
 *   sim.timeline.ms          wall time to run the whole workload on a timeline (checkpoints included)
 *   sim.timeline.cpu.ms      CPU time of that run (steadier than wall time on a shared machine)
 *   sim.timeline.memory.mb   heap used afterwards, with every checkpoint seek and fork need
 *   sim.checkpoints          checkpoints held at the end, and their estimated size (sim.checkpoints.mb);
 *                            sim.checkpoints.taken: how many the run took (the budget thins the rest)
 *   sim.checkpoint.ms        median time of one `sim.checkpoint()` at the end of the run
 *   sim.restore.ms           median time of one `restoreSimulation` of that checkpoint
 *   sim.seek.p95.ms          95th percentile of seeks to random times in the run (fixed seed)
 *   sim.seek.replay.p95.ms   95th percentile of the virtual time those seeks replay past their
 *                            checkpoint (independent of the machine's speed and load: a seek costs
 *                            a restore plus this much simulating)
 *   sim.fork.p95.ms          95th percentile from "act at a random past time" to the new timeline
 *                            standing at that time (seek there, dispatch a command)
 *   sim.seek.cpu.p95.ms, sim.fork.cpu.p95.ms: the same in CPU time
 *   sim.seek.median.ms, sim.fork.median.ms (and .cpu): the median, for the p95's share of slow
 *                            outliers: a major GC can land in any seek or fork (the fork p95 is the
 *                            slowest of 20; a major GC's final pause was 200-500 ms while the
 *                            checkpoint codec kept WeakMaps from engine objects to what it wrote:
 *                            their values are ephemerons, marked in that pause; see
 *                            core/graphIntern.ts `reuse`). The first seeks after the run used to replay several
 *                            times slower than later ones: a restore turned constant fields mutable
 *                            and V8 threw away the code optimised on them; the timeline now restores
 *                            each new shape once early in the run (core/graphDecode.ts
 *                            hasUnrestoredShapes), and restored objects take the live maps
 */
import { readFileSync } from 'node:fs';
import { createTimeline, restoreSimulation } from '../src/engine/index';

type Emit = (metric: string, value: number, unit: string) => void;

/** CPU time of this process so far, in ms (all of its threads: the collector's included). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A small seeded generator for the targets (mulberry32): the bench seeks to the same times every run. */
function targets(seed: number, count: number, until: number): number[] {
  let a = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out.push(Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * until));
  }
  return out;
}

export function timelineBench(emit: Emit): void {
  const scenario = JSON.parse(readFileSync(new URL('./workloads/ten-minutes.json', import.meta.url), 'utf8')) as { until: number };
  const until = Number(process.env.BENCH_UNTIL ?? scenario.until);
  const started = performance.now();
  const startedCpu = cpuMs();
  // BENCH_BUDGET_MB: the checkpoints' memory budget (timelineTypes.ts memoryBudgetBytes), to try others.
  const budget = process.env.BENCH_BUDGET_MB === undefined ? {} : { memoryBudgetBytes: Number(process.env.BENCH_BUDGET_MB) * 2 ** 20 };
  const timeline = createTimeline(scenario, { wallNow: () => performance.now(), ...budget });
  timeline.runUntil(until);
  emit('sim.timeline.ms', performance.now() - started, 'ms');
  emit('sim.timeline.cpu.ms', cpuMs() - startedCpu, 'ms');
  (globalThis as { gc?: () => void }).gc?.();
  emit('sim.timeline.memory.mb', process.memoryUsage().heapUsed / 2 ** 20, 'MB');
  const stats = timeline.stats();
  emit('sim.checkpoints', stats.checkpoints, 'count');
  emit('sim.checkpoints.taken', stats.taken, 'count');
  emit('sim.checkpoints.mb', stats.bytes / 2 ** 20, 'MB');

  const checkpointTimes: number[] = [];
  const restoreTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const checkpoint = timeline.sim.checkpoint();
    const t1 = performance.now();
    restoreSimulation(checkpoint);
    restoreTimes.push(performance.now() - t1);
    checkpointTimes.push(t1 - t0);
  }
  emit('sim.checkpoint.ms', percentile(checkpointTimes, 50), 'ms');
  emit('sim.restore.ms', percentile(restoreTimes, 50), 'ms');

  const seeks: number[] = [];
  const seeksCpu: number[] = [];
  const replays: number[] = [];
  for (const at of targets(1, 40, until)) {
    replays.push(at - timeline.checkpointAtOrBefore(at));
    const t0 = performance.now();
    const c0 = cpuMs();
    timeline.seek(at);
    seeksCpu.push(cpuMs() - c0);
    seeks.push(performance.now() - t0);
  }
  emit('sim.seek.p95.ms', percentile(seeks, 95), 'ms');
  emit('sim.seek.cpu.p95.ms', percentile(seeksCpu, 95), 'ms');
  emit('sim.seek.median.ms', percentile(seeks, 50), 'ms');
  emit('sim.seek.cpu.median.ms', percentile(seeksCpu, 50), 'ms');
  emit('sim.seek.replay.p95.ms', percentile(replays, 95), 'ms');

  const forks: number[] = [];
  const forksCpu: number[] = [];
  for (const at of targets(2, 20, until)) {
    const t0 = performance.now();
    const c0 = cpuMs();
    timeline.seek(at);
    timeline.dispatch({ do: 'slow', broker: 1, 'latency.ms': 5 });
    forksCpu.push(cpuMs() - c0);
    forks.push(performance.now() - t0);
    timeline.undoFork();
  }
  emit('sim.fork.p95.ms', percentile(forks, 95), 'ms');
  emit('sim.fork.cpu.p95.ms', percentile(forksCpu, 95), 'ms');
  emit('sim.fork.median.ms', percentile(forks, 50), 'ms');
  emit('sim.fork.cpu.median.ms', percentile(forksCpu, 50), 'ms');
}
