/**
 * The engine's floors, checked from its imports. The scanner of scripts/importGraph.ts (the one the
 * app's architecture test uses too) reads every source file under src/engine, resolves its relative
 * imports (and re-exports) to files, and this test fails
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
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// The one import scanner, shared with src/app.architecture.test.ts. A build-time tool read by a
// test, never by the engine: the engine itself still imports nothing from outside src/engine.
// eslint-disable-next-line boundaries/engine-imports -- a test's tool, outside the engine on purpose
import { circles, describeCircle, importGraph, sourceFiles } from '../../scripts/importGraph';

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
  ['sim/timelineTypes.ts', 'run'],
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

const graph = importGraph(ENGINE, sourceFiles(ENGINE));

describe('the engine architecture', () => {
  it('finds the engine files and their imports', () => {
    // A scanner that sees nothing would pass everything: it must find the wiring's imports.
    expect(graph.get('sim/simulation.ts')).toEqual(expect.arrayContaining(['sim/broker.ts', 'readout/report.ts', 'core/eventQueue.ts']));
    expect(graph.get('index.ts')).toEqual(expect.arrayContaining(['scenario/types.ts', 'sim/simulation.ts']));
  });

  it('imports nothing from outside src/engine (DESIGN.md: the engine imports nothing from the app)', () => {
    const outside = [...graph].flatMap(([file, targets]) => targets.filter((t) => t.startsWith('../')).map((t) => `${file} → ${t}`));
    expect(outside).toEqual([]);
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
