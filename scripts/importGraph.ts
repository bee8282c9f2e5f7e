/**
 * A small import scanner for the architecture tests: it reads every source file under a folder,
 * resolves its relative imports (and re-exports, side-effect imports, `import()`) to files, and
 * finds the circles among them. `import type` counts like any import: erased at run time, it is
 * still a dependency of the design. Test files are not scanned (a test stands on top of what it
 * tests). Packages and non-source files (.json, .css) are left out.
 *
 * The one scanner of both architecture tests: src/app.architecture.test.ts (the app's parts) and
 * src/engine/architecture.test.ts (the engine's floors).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCE = /\.(ts|tsx)$/;
const TEST = /\.test\.(ts|tsx)$/;

/** Source files under `dir` (recursively, sorted), tests left out; `skip` prunes folders. */
export function sourceFiles(dir: string, skip: (path: string) => boolean = () => false): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (skip(path)) return [];
      if (statSync(path).isDirectory()) return sourceFiles(path, skip);
      return SOURCE.test(name) && !TEST.test(name) && !name.endsWith('.d.ts') ? [path] : [];
    });
}

/** Module specifiers of static imports and re-exports (`import type` too), side-effect imports and `import()`. */
const IMPORT = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The specifiers `text` imports, in order. */
export function specifiersOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file (relative to `root`, with '/') a relative specifier in `from` names; null for packages. */
export function resolveImport(root: string, from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(join(root, from)), specifier);
  const hit = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx'), base].find(isFile);
  if (!hit) throw new Error(`${from}: cannot resolve import '${specifier}'`);
  return relative(root, hit).split('\\').join('/');
}

/** Each scanned file (relative to `root`) and the source files it imports. */
export function importGraph(root: string, files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of files) {
    const file = relative(root, path).split('\\').join('/');
    const targets = new Set<string>();
    for (const specifier of specifiersOf(readFileSync(path, 'utf8'))) {
      const target = resolveImport(root, file, specifier);
      if (target && SOURCE.test(target)) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one file (or a file importing itself). */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
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
      if (!graph.has(w)) continue; // outside the scanned files
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

/** One circle through a component's files, written `a → b → … → a` (the shortest through its first file). */
export function describeCircle(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string {
  const members = new Set(component);
  const start = component[0]!;
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
