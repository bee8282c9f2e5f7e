// Proves that eslint.config.js holds the architecture's boundaries (DESIGN.md rules 1, 2, 4):
// each snippet below, linted as if it lived at the given path, must fail (or pass) the lint.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The error messages ESLint gives `code` placed at `filePath` (relative to the repository). */
async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.severity === 2)
    .map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

const ENGINE_FILE = 'src/engine/sim/x.ts';
const ENGINE_TEST = 'src/engine/sim/x.test.ts';

describe('the engine stays pure', () => {
  const violations: [string, string, string][] = [
    ['Math.random', 'export const r = Math.random();\n', 'no-restricted-properties'],
    ['Date.now', 'export const t = Date.now();\n', 'no-restricted-globals'],
    ['new Date', 'export const d = new Date();\n', 'no-restricted-globals'],
    ['performance.now', 'export const t = performance.now();\n', 'no-restricted-globals'],
    ['setTimeout', 'setTimeout(() => {}, 1);\n', 'no-restricted-globals'],
    ['setInterval', 'setInterval(() => {}, 1);\n', 'no-restricted-globals'],
    ['requestAnimationFrame', 'requestAnimationFrame(() => {});\n', 'no-restricted-globals'],
    ['globalThis.setTimeout', 'globalThis.setTimeout(() => {}, 1);\n', 'no-restricted-properties'],
    ['react', "import { useState } from 'react';\nexport { useState };\n", 'boundaries/engine-imports'],
    ['react-dom', "export * from 'react-dom/client';\n", 'boundaries/engine-imports'],
    ['d3', "import * as d3 from 'd3';\nexport { d3 };\n", 'boundaries/engine-imports'],
    ['d3-scale', "import { scaleLinear } from 'd3-scale';\nexport { scaleLinear };\n", 'boundaries/engine-imports'],
    ['zustand', "import { createStore } from 'zustand/vanilla';\nexport { createStore };\n", 'boundaries/engine-imports'],
    ['the ui', "import { App } from '../../ui/App';\nexport { App };\n", 'boundaries/engine-imports'],
    ['the store', "export type { X } from '../../store/y';\n", 'boundaries/engine-imports'],
    ['a sneaky path', "import { a } from '../core/../../ui/a';\nexport { a };\n", 'boundaries/engine-imports'],
    ['a dynamic import', "export const m = import('../../view/cluster');\n", 'boundaries/engine-imports'],
    ['a Node built-in', "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n", 'boundaries/engine-imports'],
    ['fast-check outside tests', "import fc from 'fast-check';\nexport { fc };\n", 'boundaries/engine-imports'],
  ];
  it.each(violations)('%s is a lint error', async (_name, code, rule) => {
    const found = await errors(ENGINE_FILE, code);
    expect(found.some((e) => e.startsWith(`${rule}:`)), found.join('\n')).toBe(true);
  });

  it('allows imports inside the engine and its own dependencies', async () => {
    const code = [
      "import { setup } from 'xstate';",
      "import { z } from 'zod';",
      "import type { Scenario } from '../scenario/types';",
      "import { now } from './clock';",
      "export const x: [unknown, unknown, Scenario | null, unknown] = [setup, z, null, now];",
      '',
    ].join('\n');
    expect(await errors(ENGINE_FILE, code)).toEqual([]);
  });

  it('lets engine tests use Node built-ins, kafkajs, fast-check and vitest', async () => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import fc from 'fast-check';",
      "import { Partitioners } from 'kafkajs';",
      "import { expect, it } from 'vitest';",
      "it('works', () => expect([readFileSync, fc, Partitioners]).toHaveLength(3));",
      '',
    ].join('\n');
    expect(await errors(ENGINE_TEST, code)).toEqual([]);
  });

  it('still keeps React, d3, zustand, the app and Math.random out of engine tests', async () => {
    for (const code of [
      "import 'react';\n",
      "import 'd3';\n",
      "import 'zustand';\n",
      "import '../../ui/App';\n",
      'export const r = Math.random();\n',
    ]) {
      expect(await errors(ENGINE_TEST, code), code).not.toEqual([]);
    }
  });
});

describe('the app sees the engine only through src/engine/index.ts', () => {
  it.each([
    ['src/ui/X.tsx', "import { createSimulation } from '../engine/sim/simulation';\nexport { createSimulation };\n"],
    ['src/ui/X.tsx', "import { parseScenario } from '../engine/scenario/parse';\nexport { parseScenario };\n"],
    ['src/store/s.ts', "export type { Report } from '../engine/scenario/report.types';\n"],
    ['src/ui/deep/Y.tsx', "export const m = import('../../engine/core/random');\n"],
    ['src/cli/sim.ts', "import { runScenario } from '../engine/scenario/run';\nexport { runScenario };\n"],
    ['src/main.tsx', "import { runScenario } from './engine/scenario/run';\nexport { runScenario };\n"],
  ])('a deep import from %s is a lint error', async (filePath, code) => {
    const found = await errors(filePath, code);
    expect(found.some((e) => e.startsWith('boundaries/engine-entry:')), found.join('\n')).toBe(true);
  });

  it.each([
    ['src/ui/X.tsx', "import { runScenario } from '../engine';\nexport { runScenario };\n"],
    ['src/ui/X.tsx', "import { runScenario } from '../engine/index';\nexport { runScenario };\n"],
    ['src/store/s.ts', "export type { Report } from '../engine/index.ts';\n"],
    ['src/main.tsx', "import { createRoot } from 'react-dom/client';\nimport { runScenario } from './engine';\nexport { createRoot, runScenario };\n"],
  ])('the entry import from %s is clean', async (filePath, code) => {
    expect(await errors(filePath, code)).toEqual([]);
  });
});
