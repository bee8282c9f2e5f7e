// Local ESLint rules that hold the architecture's import boundaries (DESIGN.md, rules 1 and 2).
// Each rule resolves every import specifier (static `import`, `export … from`, dynamic
// `import()`, `require()`) against the file being linted, so `../core/../../ui/x` is caught too.
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Calls `check(node, specifier)` for every module specifier in a file. */
function visitSpecifiers(check) {
  const literal = (node, source) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') {
      check(node, source.value);
    }
  };
  return {
    ImportDeclaration: (node) => literal(node, node.source),
    ExportNamedDeclaration: (node) => literal(node, node.source),
    ExportAllDeclaration: (node) => literal(node, node.source),
    ImportExpression: (node) => literal(node, node.source),
    TSImportEqualsDeclaration: (node) =>
      node.moduleReference.type === 'TSExternalModuleReference' &&
      literal(node, node.moduleReference.expression),
    CallExpression: (node) =>
      node.callee.type === 'Identifier' &&
      node.callee.name === 'require' &&
      literal(node, node.arguments[0]),
  };
}

const isPath = (specifier) => specifier.startsWith('.') || specifier.startsWith('/');

/** `react-dom/client` -> `react-dom`, `@scope/pkg/x` -> `@scope/pkg`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Glob-ish match: `d3-*` matches `d3-scale`; `node:*` matches `node:fs`. */
function matches(name, pattern) {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

const NODE_BUILTINS = [...builtinModules.filter((m) => !m.startsWith('_')), 'node:*'];

function resolveFrom(context, specifier) {
  const filename = context.physicalFilename ?? context.filename;
  return path.resolve(path.dirname(filename), specifier);
}

const inside = (file, dir) => file === dir || file.startsWith(dir + path.sep);

/**
 * `engine-imports`: a file in the engine imports nothing from the app (no path that leaves the
 * engine's folder) and none of the denied packages.
 * Options: { root: 'src/engine', deny: ['react', 'd3-*', …], denyNodeBuiltins: boolean }
 */
const engineImports = {
  meta: {
    type: 'problem',
    docs: { description: 'The engine imports nothing from the app and no UI/DOM library.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          deny: { type: 'array', items: { type: 'string' } },
          denyNodeBuiltins: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      outside:
        "The engine may not import '{{specifier}}': it leaves {{root}}/ (the engine imports nothing from the app).",
      denied: "The engine may not import '{{specifier}}': {{why}}.",
    },
  },
  create(context) {
    const { root = 'src/engine', deny = [], denyNodeBuiltins = false } = context.options[0] ?? {};
    const engineDir = path.resolve(context.cwd, root);
    return visitSpecifiers((node, specifier) => {
      if (isPath(specifier)) {
        if (!inside(resolveFrom(context, specifier), engineDir)) {
          context.report({ node, messageId: 'outside', data: { specifier, root } });
        }
        return;
      }
      const name = packageName(specifier);
      if (deny.some((p) => matches(name, p))) {
        context.report({
          node,
          messageId: 'denied',
          data: { specifier, why: 'the engine is pure TypeScript (no React, DOM, d3 or zustand)' },
        });
      } else if (denyNodeBuiltins && NODE_BUILTINS.some((p) => matches(specifier, p))) {
        context.report({
          node,
          messageId: 'denied',
          data: { specifier, why: 'it runs in the browser (Node built-ins only in *.test.ts)' },
        });
      }
    });
  },
};

/**
 * `engine-entry`: outside the engine, the engine is imported only through its index
 * (`../engine` or `../engine/index`), never by a deep path.
 * Options: { root: 'src/engine' }
 */
const engineEntry = {
  meta: {
    type: 'problem',
    docs: { description: 'The app sees only src/engine/index.ts.' },
    schema: [
      { type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false },
    ],
    messages: {
      deep: "Import the engine only through {{root}}/index.ts (e.g. '{{entry}}'), not '{{specifier}}'.",
    },
  },
  create(context) {
    const { root = 'src/engine' } = context.options[0] ?? {};
    const engineDir = path.resolve(context.cwd, root);
    const entries = new Set(
      ['', 'index', 'index.ts', 'index.js'].map((f) => path.join(engineDir, f).replace(/\/$/, '')),
    );
    return visitSpecifiers((node, specifier) => {
      if (!isPath(specifier)) return;
      const target = resolveFrom(context, specifier);
      if (inside(target, engineDir) && !entries.has(target)) {
        const filename = context.physicalFilename ?? context.filename;
        let entry = path.relative(path.dirname(filename), engineDir);
        if (!entry.startsWith('.')) entry = './' + entry;
        context.report({ node, messageId: 'deep', data: { specifier, root, entry } });
      }
    });
  },
};

export default {
  meta: { name: 'kafka-playground-boundaries' },
  rules: { 'engine-imports': engineImports, 'engine-entry': engineEntry },
};
