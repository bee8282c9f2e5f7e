/**
 * `npm run bench`: one JSON object per line, {"metric", "value", "unit"}. Wall-clock figures for
 * the closing notes; no test asserts on them.
 *
 *   engine.throughput        acknowledged records per second of wall time through a 3-broker,
 *                            RF 3, acks=all cluster (one topic, 6 partitions, 100-byte values)
 *   scenario.<id>.ms         median wall time to run each built-in scenario to its `until`
 *
 * On the 10-minute workload (bench/workloads/ten-minutes.json: 5 brokers, 12 partitions, RF 3,
 * ~500 keyed records/s, a group of 3, a crash and a power loss), trace recording off:
 *   sim.realtime.factor      virtual ms per wall ms over the whole run (100 = a minute in 0.6 s)
 *   sim.tenMinutes.ms        wall time of that run
 *   sim.tenMinutes.cpu.ms    CPU time of that run (steadier than wall time on a busy machine)
 *   sim.events               trace events emitted over the run (recorded or not)
 *   sim.event.ns             wall time per emitted event: the cost to cut (an event stands for the
 *                            work of one message, append, fetch … as well as its own delivery)
 *   sim.memory.mb            heap used after the run (after a full GC when node runs with --expose-gc)
 *   sim.snapshot.us          median time of one `sim.snapshot()` of the 5 × 12 cluster at the end
 *
 * On the same workload through the engine's timeline (bench/timeline.ts): seek, fork, checkpoint.
 *
 * BENCH_ONLY=tenMinutes (or throughput, scenarios, timeline) runs one part; BENCH_UNTIL shortens the workload.
 *
 * Profiling: tsx compiles with esbuild's keepNames, which wraps every closure created at run time
 * in a `__name` call (Object.defineProperty): under tsx closures cost more than in the app's Vite
 * build. For a profile with real line numbers and without that, bundle first:
 *   npx esbuild bench/run.ts --bundle --platform=node --format=esm --outfile=/tmp/bench.mjs
 *   (copy bench/workloads next to it) and run `node --cpu-prof /tmp/bench.mjs`.
 */
import { readFileSync } from 'node:fs';
import { builtInScenarios, createSimulation, runScenario } from '../src/engine/index';
import { timelineBench } from './timeline';

function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Number(value.toFixed(2)), unit }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);

function throughput(): void {
  const value = 'v'.repeat(100);
  const simulation = createSimulation(
    {
      name: 'bench: throughput',
      seed: 1,
      brokers: 3,
      topics: [{ name: 'bench', partitions: 6, 'replication.factor': 3 }],
      producers: [{ id: 'p1', acks: 'all' }],
      script: [{ at: 0, do: 'produce', producer: 'p1', topic: 'bench', count: RECORDS, every: 0, key: null, value }],
      until: 10_000_000,
    },
    { recordTrace: false },
  );
  let acknowledged = 0;
  simulation.subscribe((e) => {
    if (e.type === 'Acked') acknowledged += e.recordIds.length;
  });
  const started = performance.now();
  while (acknowledged < RECORDS && simulation.step()) {
    // run until every record is acknowledged
  }
  const seconds = (performance.now() - started) / 1000;
  emit('engine.throughput', acknowledged / seconds, 'records/s');
  emit('engine.throughput.virtualMs', simulation.now(), 'ms');
}

function scenarios(): void {
  for (const s of builtInScenarios) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      runScenario(s.scenario);
      times.push(performance.now() - started);
    }
    emit(`scenario.${s.id}.ms`, median(times), 'ms');
  }
}

function tenMinutes(): void {
  const scenario = JSON.parse(readFileSync(new URL('./workloads/ten-minutes.json', import.meta.url), 'utf8')) as { until: number };
  const until = Number(process.env.BENCH_UNTIL ?? scenario.until);
  const simulation = createSimulation(scenario, { recordTrace: false });
  const cpu = process.cpuUsage();
  const started = performance.now();
  simulation.runUntil(until);
  const wallMs = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  emit('sim.realtime.factor', until / wallMs, 'x');
  emit('sim.tenMinutes.ms', wallMs, 'ms');
  emit('sim.tenMinutes.cpu.ms', (cpuUsed.user + cpuUsed.system) / 1000, 'ms');
  const events = simulation.eventsSince(Number.MAX_SAFE_INTEGER).cursor;
  emit('sim.events', events, 'events');
  emit('sim.event.ns', (wallMs * 1e6) / Math.max(1, events), 'ns');
  (globalThis as { gc?: () => void }).gc?.();
  emit('sim.memory.mb', process.memoryUsage().heapUsed / 2 ** 20, 'MB');
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    simulation.snapshot();
    times.push((performance.now() - t0) * 1000);
  }
  emit('sim.snapshot.us', median(times), 'us');
}

const only = process.env.BENCH_ONLY;
if (!only || only === 'throughput') throughput();
if (!only || only === 'tenMinutes') tenMinutes();
if (!only || only === 'scenarios') scenarios();
if (!only || only === 'timeline') timelineBench(emit);
