// ESLint flat config. Besides the usual recommended rules it holds the architecture's boundaries
// (DESIGN.md): the engine is pure and deterministic, and the app sees the engine only through
// src/engine/index.ts. src/lint-boundaries.test.ts proves each boundary fails the lint.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import boundaries from './scripts/eslint-boundaries.js';

const ENGINE = 'src/engine';
const TEST = '**/*.test.{ts,tsx}';

/** Never in the engine, not even in its tests. */
const UI_PACKAGES = ['react', 'react-dom', 'd3', 'd3-*', 'zustand', 'scheduler'];
/** Allowed in the engine's tests, never in the engine itself (it runs in the browser). */
const TEST_PACKAGES = ['kafkajs', 'fast-check', 'vitest', '@vitest/*', '@playwright/*', 'playwright*'];

const WALL_CLOCK_AND_TIMERS = [
  'Date',
  'performance',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'requestAnimationFrame',
  'requestIdleCallback',
  'crypto',
].map((name) => ({
  name,
  message: 'The engine has one virtual clock and one seeded random source (DESIGN.md rule 4).',
}));

const GLOBAL_OBJECTS = ['globalThis', 'window', 'self', 'global'];
const NO_NONDETERMINISM = {
  'no-restricted-globals': ['error', ...WALL_CLOCK_AND_TIMERS],
  'no-restricted-properties': [
    'error',
    {
      object: 'Math',
      property: 'random',
      message: 'Use the seeded random source from engine/core (DESIGN.md rule 4).',
    },
    ...GLOBAL_OBJECTS.flatMap((object) =>
      WALL_CLOCK_AND_TIMERS.map(({ name, message }) => ({ object, property: name, message })),
    ),
  ],
};

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'coverage/'] },

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  // Where each part runs.
  {
    files: ['src/**'],
    ignores: [`${ENGINE}/**`],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['*.{js,mjs,ts}', 'scripts/**', 'e2e/**', 'bench/**', 'src/cli/**', TEST],
    languageOptions: { globals: { ...globals.node } },
  },

  // React.
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}', 'src/main.tsx'],
    ...reactHooks.configs.flat.recommended,
  },

  // The engine: pure TypeScript, imports nothing from the app, deterministic.
  {
    files: [`${ENGINE}/**`],
    plugins: { boundaries },
    rules: {
      'boundaries/engine-imports': [
        'error',
        { root: ENGINE, deny: [...UI_PACKAGES, ...TEST_PACKAGES], denyNodeBuiltins: true },
      ],
      ...NO_NONDETERMINISM,
    },
  },
  {
    files: [`${ENGINE}/${TEST}`],
    plugins: { boundaries },
    rules: {
      'boundaries/engine-imports': ['error', { root: ENGINE, deny: UI_PACKAGES }],
    },
  },

  // The rest of src/ sees the engine only through src/engine/index.ts.
  {
    files: ['src/**'],
    ignores: [`${ENGINE}/**`],
    plugins: { boundaries },
    rules: { 'boundaries/engine-entry': ['error', { root: ENGINE }] },
  },
);
