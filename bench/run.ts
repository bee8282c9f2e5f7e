/**
 * `npm run bench`: one JSON object per line, {"metric", "value", "unit"}. Wall-clock figures for
 * the closing notes; no test asserts on them.
 *
 *   engine.throughput        acknowledged records per second of wall time through a 3-broker,
 *                            RF 3, acks=all cluster (one topic, 6 partitions, 100-byte values)
 *   scenario.<id>.ms         median wall time to run each built-in scenario to its `until`
 */
import { builtInScenarios, createSimulation, runScenario } from '../src/engine/index';

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

throughput();
scenarios();
