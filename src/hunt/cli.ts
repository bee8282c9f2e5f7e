/**
 * `npm run hunt -- --seconds N`: a long hunt. Runs generated fault schedules (checked against an
 * accounting rebuilt from the trace) and mutated scenario files (checked for crashes, hangs and
 * bad numbers) seed after seed for N seconds of wall time, shrinks what fails, writes each failing
 * scenario to the output folder and prints a summary.
 *
 *   --seconds N   wall-clock budget (default 60)
 *   --from S      first seed (default 1); seeds S, S+1, … are used in turn
 *   --count K     stop after K cases even if time is left
 *   --fuzz F      share of the cases that are fuzz cases, 0–1 (default 0.3)
 *   --shrink M    shrink at most M failures per kind (default 3; 0 = none)
 *   --out DIR     where failing scenarios go (default hunt-out)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSession, signature, type Finding } from './session';

function option(name: string, fallback: number): number;
function option(name: string, fallback: string): string;
function option(name: string, fallback: number | string): number | string {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const raw = process.argv[i + 1];
  if (raw === undefined) throw new Error(`--${name} needs a value`);
  if (typeof fallback === 'string') return raw;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: ${JSON.stringify(raw)} is not a non-negative number`);
  return n;
}

const seconds = option('seconds', 60);
const firstSeed = option('from', 1);
const count = option('count', Infinity);
const fuzzShare = Math.min(1, option('fuzz', 0.3));
const shrinkPerSignature = option('shrink', 3);
const out = option('out', 'hunt-out');
mkdirSync(out, { recursive: true });

const written: string[] = [];
function save(f: Finding): string {
  const file = join(out, `${f.source}-${f.seed}-${signature(f.failure).replace(/[^a-z0-9-]+/gi, '-')}.json`);
  const note = `${f.source} seed ${f.seed}: ${f.failure.kind}: ${f.failure.detail}`;
  const body =
    f.source === 'hunt'
      ? { ...(f.scenario as object), name: `hunt seed ${f.seed}: ${signature(f.failure)}`, description: note }
      : { about: f.about, failure: note, input: f.scenario };
  writeFileSync(file, `${JSON.stringify(body, null, 1)}\n`);
  written.push(file);
  return file;
}

const started = performance.now();
const summary = runSession({
  budgetMs: seconds * 1000,
  firstSeed,
  fuzzShare,
  shrinkPerSignature,
  maxCases: count,
  now: () => performance.now(),
  onFinding: (f) => {
    const file = save(f);
    console.log(`FAIL ${f.source} seed ${f.seed} ${signature(f.failure)}: ${f.failure.detail}${f.shrunk ? ' (shrunk)' : ''} → ${file}`);
  },
});

const elapsed = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\n${summary.huntScenarios} generated scenarios and ${summary.fuzzCases} fuzz cases in ${elapsed} s (seeds ${firstSeed}–${summary.lastSeed})`);
const kinds = Object.entries(summary.bySignature).sort((a, b) => b[1] - a[1]);
if (kinds.length === 0) console.log('no failures');
for (const [sig, n] of kinds) {
  const seeds = summary.findings.filter((f) => `${f.source} ${signature(f.failure)}` === sig).map((f) => f.seed);
  console.log(`  ${sig}: ${n} (seeds ${seeds.slice(0, 12).join(', ')}${seeds.length > 12 ? ', …' : ''})`);
}
if (written.length > 0) console.log(`${written.length} scenario files in ${out}/`);
process.exitCode = kinds.length === 0 ? 0 : 1;
