// A cycle between a workspace's own modules is an error even when an edge is
// `import type`: eslint-plugin-import-x's `no-cycle` skips type-only imports
// (no option turns that off), and a type cycle still ties two files together.
// This rule follows every relative import and re-export (type-only, dynamic and
// `import('./x.js')` types included, as TypeScript's own pre-processor lists
// them) and reports an import whose target leads back to the importing file.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

/** A module's relative imports, resolved to files; cached by path and modification time for one lint run. */
const cache = new Map();

function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [...EXTENSIONS.map((ext) => stem + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
  return candidates.find((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

function importsOf(file) {
  let mtime;
  try {
    mtime = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const cached = cache.get(file);
  if (cached && cached.mtime === mtime) return cached.imports;
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = [...new Set(importedFiles.map((i) => resolveImport(file, i.fileName)).filter(Boolean))];
  cache.set(file, { mtime, imports });
  return imports;
}

/** The shortest route from `start` back to `target`, or undefined. */
function routeBack(start, target) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const next of importsOf(current)) {
      if (next === target) {
        const route = [current];
        for (let at = previous.get(current); at !== undefined; at = previous.get(at)) route.unshift(at);
        return route;
      }
      if (!previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between relative modules, type-only imports included.' },
    messages: { cycle: 'Dependency cycle (type-only imports count): {{route}}' },
    schema: [],
  },
  create(context) {
    const file = context.physicalFilename;
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const target = resolveImport(file, specifier);
      if (!target || target === file) return;
      const route = routeBack(target, file);
      if (!route) return;
      const names = [file, ...route, file].map((f) => path.relative(path.dirname(file), f) || path.basename(f));
      context.report({ node, messageId: 'cycle', data: { route: names.join(' → ') } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
      TSImportType: (node) => check({ ...node, source: node.argument?.literal ?? node.argument }),
    };
  },
};

export default { rules: { 'no-cycle': rule } };
