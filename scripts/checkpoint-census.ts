/**
 * Development aid: runs every built-in scenario (or `ten` for the 10-minute workload) and lists
 * each distinct reason a checkpoint is refused (closures, unregistered classes). FILTER=regex
 * narrows the list to paths of interest. `npx tsx scripts/checkpoint-census.ts [ten]`.
 */
import { readFileSync } from 'node:fs';
import { createSimulation, checkpointProblems } from '../src/engine/sim/simulation';
import { builtInScenarios } from '../src/engine/index';
const seen = new Map<string, number>();
const norm = (m: string) => m.replace(/\[\d+\]/g, '[]').replace(/get\([^)]*\)/g, 'get()').replace(/<key \d+>/g, '<key>');
const filter = process.env.FILTER ? new RegExp(process.env.FILTER) : null;
function probe(name: string, input: unknown, until: number, every: number) {
  const sim = createSimulation(input);
  for (let t = 0; t <= until; t += every) {
    sim.runUntil(t);
    for (const p of checkpointProblems(sim)) { const m = norm(p); if (filter && !filter.test(m)) continue; if (!seen.has(m)) console.log(`${name}@${t}: ${m}`); seen.set(m, (seen.get(m) ?? 0) + 1); }
  }
}
const which = process.argv[2];
if (which === 'ten') probe('ten', JSON.parse(readFileSync(process.env.TEN ?? 'bench/workloads/ten-minutes.json', 'utf8')), 20000, 2000);
else for (const b of builtInScenarios as unknown as { id: string; scenario: { until?: number } }[]) probe(b.id, b.scenario, Math.min(b.scenario.until ?? 30000, 60000), 997);
console.log(`${seen.size} distinct problems`);
