/**
 * The engine's floors, checked from its imports. A small scanner of our own reads every .ts file
 * under src/engine, resolves its relative imports (and re-exports) to files, and fails
 *   (a) on any import circle, naming the files around it, and
 *   (b) on any import that reaches up to a higher floor.
 *
 * The floors, lowest first (a file may import from its own floor and the floors below it):
 *   core      virtual clock and event queue, seeded random, trace, tasks, checkpoint codec
 *   model     the data plane (logs, batches, epochs, producer state) and the xstate machines of
 *             the control plane (their lifecycle rules)
 *   scenario  what a scenario is: its types, schema, parser and vocabulary (setting, assignor and
 *             partitioner names), the built-in library, the report's types
 *   cluster   sim/: the network and its messages, brokers (and the interface of the services they
 *             host), controller, ledger, event log and stories
 *   clients   producer/ and consumer/ (including the group coordinator a broker hosts)
 *   readout   readout/: what reads the built cluster's parts (the report, the snapshot)
 *   wiring    sim/simulation.ts builds the cluster from a scenario and plugs the parts together;
 *             sim/commands.ts and sim/applyCommand.ts run the script and the app's commands on it
 *   run       run/ (runScenario), sim/timeline.ts and sim/checkpointStore.ts (seek and fork over
 *             simulations, and the checkpoints they keep)
 *   face      index.ts, the one face the app imports
 * A file's floor is given by the longest matching rule below (a file rule beats its folder's).
 *
 * `import type` counts like any import: it is erased at run time but it is still a dependency of
 * the design (a type from a higher floor means this floor knows that one). Test files are not
 * scanned: a test stands on top of what it tests and may drive a whole run from anywhere.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENGINE = dirname(fileURLToPath(import.meta.url));

const FLOORS = ['core', 'model', 'scenario', 'cluster', 'clients', 'readout', 'wiring', 'run', 'face'] as const;
type Floor = (typeof FLOORS)[number];

/** Path prefixes (relative to src/engine) and the floor they stand on. */
const RULES: readonly (readonly [string, Floor])[] = [
  ['core/', 'core'],
  ['model/', 'model'],
  ['machines/', 'model'],
  ['scenario/', 'scenario'],
  ['simplifications.ts', 'scenario'],
  ['sim/', 'cluster'],
  ['producer/', 'clients'],
  ['consumer/', 'clients'],
  ['readout/', 'readout'],
  ['sim/simulation.ts', 'wiring'],
  ['sim/commands.ts', 'wiring'],
  ['sim/applyCommand.ts', 'wiring'],
  ['run/', 'run'],
  ['sim/timeline.ts', 'run'],
  ['sim/checkpointStore.ts', 'run'],
  ['index.ts', 'face'],
];

/**
 * Imports allowed to reach up, each with its reason. None today; an entry that is no longer
 * needed fails the test, so the list cannot go stale.
 */
const EXCEPTIONS: readonly { from: string; to: string; reason: string }[] = [];

/** Circles known and being broken elsewhere, each with its reason; a stale entry fails the test. */
const KNOWN_CIRCLES: readonly { files: readonly string[]; reason: string }[] = [];
const isKnown = (component: readonly string[]): boolean =>
  KNOWN_CIRCLES.some((k) => k.files.length === component.length && k.files.every((f) => component.includes(f)));

function floorOf(file: string): Floor | null {
  let best: readonly [string, Floor] | null = null;
  for (const rule of RULES) if (file.startsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  return best ? best[1] : null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
    });
}

/** Module specifiers of static imports and re-exports (`import type` too), side-effect imports and `import()`. */
const IMPORT = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The engine file a relative specifier names, relative to src/engine; null for packages. */
function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(join(ENGINE, from)), specifier);
  const hit = [`${base}.ts`, join(base, 'index.ts'), base].find(isFile);
  if (!hit) throw new Error(`${from}: cannot resolve import '${specifier}'`);
  return relative(ENGINE, hit).split('\\').join('/');
}

/** Each engine source file and the engine files it imports (.json data files are leaves and left out). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of sourceFiles(ENGINE)) {
    const file = relative(ENGINE, path).split('\\').join('/');
    const targets = new Set<string>();
    for (const m of readFileSync(path, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, (m[1] ?? m[2] ?? m[3])!);
      if (target && target.endsWith('.ts')) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one file (or a file importing itself). */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** One circle through a component's files, written `a → b → … → a`. */
function describeCircle(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string {
  const members = new Set(component);
  const start = component[0]!;
  // Breadth-first from start back to start inside the component: the shortest circle through it.
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w) || cameFrom.has(w)) continue;
      cameFrom.set(w, v);
      if (w === start) queue.length = 0;
      else queue.push(w);
    }
  }
  const back: string[] = [];
  for (let v = cameFrom.get(start)!; v !== start; v = cameFrom.get(v)!) back.unshift(v);
  return [start, ...back, start].join(' → ');
}

/** Imports that reach a higher floor (`upward`), and those an exception allows (`excused`). */
function upwardImports(graph: ReadonlyMap<string, readonly string[]>): { upward: string[]; excused: Set<string> } {
  const upward: string[] = [];
  const excused = new Set<string>();
  for (const [file, targets] of graph) {
    const floor = FLOORS.indexOf(floorOf(file)!);
    for (const target of targets) {
      const targetFloor = FLOORS.indexOf(floorOf(target)!);
      if (targetFloor <= floor) continue;
      if (EXCEPTIONS.some((e) => e.from === file && e.to === target)) excused.add(`${file} → ${target}`);
      else upward.push(`${file} (${FLOORS[floor]}) → ${target} (${FLOORS[targetFloor]})`);
    }
  }
  return { upward, excused };
}

const graph = importGraph();

describe('the engine architecture', () => {
  it('finds the engine files and their imports', () => {
    // A scanner that sees nothing would pass everything: it must find the wiring's imports.
    expect(graph.get('sim/simulation.ts')).toEqual(expect.arrayContaining(['sim/broker.ts', 'readout/report.ts', 'core/eventQueue.ts']));
    expect(graph.get('index.ts')).toEqual(expect.arrayContaining(['scenario/types.ts', 'sim/simulation.ts']));
  });

  it('places every engine file on a floor', () => {
    expect([...graph.keys()].filter((file) => floorOf(file) === null)).toEqual([]);
  });

  it('has no import circles', () => {
    const found = circles(graph);
    expect(found.filter((c) => !isKnown(c)).map((c) => describeCircle(graph, c))).toEqual([]);
    const stale = KNOWN_CIRCLES.filter((k) => !found.some((c) => k.files.length === c.length && k.files.every((f) => c.includes(f))));
    expect(stale.map((k) => k.files.join(' ↔ ')), 'known circles no longer there').toEqual([]);
  });

  it('never imports from a higher floor', () => {
    const { upward, excused } = upwardImports(graph);
    expect(upward).toEqual([]);
    expect(EXCEPTIONS.map((e) => `${e.from} → ${e.to}`).filter((e) => !excused.has(e)), 'exceptions no longer needed').toEqual([]);
  });

  it('catches a circle and an upward import when there is one', () => {
    // The checks above pass on a clean house; prove they would fail on a dirty one.
    const dirty = new Map(graph);
    dirty.set('core/eventQueue.ts', [...(graph.get('core/eventQueue.ts') ?? []), 'sim/simulation.ts']);
    const found = circles(dirty)
      .filter((c) => !isKnown(c))
      .map((c) => describeCircle(dirty, c));
    expect(found.length).toBe(1);
    expect(found[0]).toContain('core/eventQueue.ts → sim/simulation.ts');
    expect(upwardImports(dirty).upward).toEqual(['core/eventQueue.ts (core) → sim/simulation.ts (wiring)']);
  });
});
