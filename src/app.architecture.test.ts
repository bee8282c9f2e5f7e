/**
 * The app's architecture, checked from its imports (DESIGN.md, rules 1 and 2), with the scanner
 * of scripts/importGraph.ts over every source file in src/ outside the engine (the engine checks
 * its own floors in src/engine/architecture.test.ts):
 *   (a) no import circle anywhere in the app, named file by file when there is one;
 *   (b) the app reaches the engine only through src/engine/index.ts (the lint rule
 *       boundaries/engine-entry says the same per file; this sees every file at once);
 *   (c) one direction: ui → store → worker → engine, ui → view → engine, diagram and i18n beside
 *       them; no part imports a part above it (a view that read the store, a worker that knew the
 *       page).
 * `import type` counts like any import. Test files are not scanned.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { circles, describeCircle, importGraph, sourceFiles } from '../scripts/importGraph';

const SRC = dirname(fileURLToPath(import.meta.url));
const ENGINE = join(SRC, 'engine');

const graph = importGraph(SRC, sourceFiles(SRC, (path) => path === ENGINE));

/** A file's part: its top folder under src/ (`main.tsx` for the entry). */
const partOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);

/** What each part may import besides itself (DESIGN.md rule 1). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  'main.tsx': ['ui', 'store', 'i18n', 'engine'],
  ui: ['store', 'view', 'diagram', 'i18n', 'worker', 'engine'], // worker: protocol types only (no worker code runs on the page)
  store: ['worker', 'diagram', 'engine'], // diagram: what a machine's state is, to select it
  view: ['engine'],
  diagram: ['engine'],
  worker: ['engine'],
  i18n: [],
  cli: ['engine'],
  hunt: ['engine'],
};

describe('the app architecture', () => {
  it('finds the app files and their imports', () => {
    // A scanner that sees nothing would pass everything.
    expect(graph.get('main.tsx')).toEqual(expect.arrayContaining(['ui/App.tsx', 'store/index.ts']));
    expect(graph.get('ui/ClusterPanel.tsx')).toEqual(expect.arrayContaining(['view/clusterView.ts', 'store/index.ts']));
    expect(graph.get('worker/engine.worker.ts')).toEqual(expect.arrayContaining(['engine/index.ts', 'worker/host.ts']));
    expect([...graph.keys()].some((f) => f.startsWith('engine/'))).toBe(false);
  });

  it('has no import circle', () => {
    expect(circles(graph).map((c) => describeCircle(graph, c))).toEqual([]);
  });

  it('imports the engine only through src/engine/index.ts', () => {
    const deep = [...graph].flatMap(([file, targets]) => targets.filter((t) => t.startsWith('engine/') && t !== 'engine/index.ts').map((t) => `${file} → ${t}`));
    expect(deep).toEqual([]);
  });

  it('imports in one direction only', () => {
    const unknown = [...new Set([...graph.keys()].map(partOf))].filter((p) => !(p in MAY_IMPORT));
    expect(unknown, 'a new part of src/: say what it may import in MAY_IMPORT').toEqual([]);
    const wrong = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => partOf(t) !== partOf(file) && !MAY_IMPORT[partOf(file)]!.includes(partOf(t))).map((t) => `${file} → ${t}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe('the import scanner', () => {
  it('names the files around a circle', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    const found = circles(g);
    expect(found).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(describeCircle(g, found[0]!)).toBe('a.ts → b.ts → c.ts → a.ts');
  });
});
