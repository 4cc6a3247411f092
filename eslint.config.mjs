// Boundaries and habits from ../shared/design/STYLE.md, enforced: `npm run lint`.
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import cycles from './infra/eslint/no-type-cycle.mjs';

/** Pure domain code: deciders and projections decide and fold; they do no I/O and know no framework. */
const domainFiles = ['services/*/src/**/*.decider.ts', 'services/*/src/**/*.state.ts', 'services/*/src/**/*.projection.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'contracts/generated/**', '**/*.mjs', 'bench/results/**', '**/drizzle.config.ts'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    plugins: { 'import-x': importX, cycles },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-cycle': 'error',
      // import-x skips `import type` edges; this one follows them too: a type cycle is still a cycle.
      'cycles/no-cycle': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@traiettorie/*/src/*', '@traiettorie/*/dist/*'], message: "import a package's public entry, not its internals" }] },
      ],
    },
  },
  {
    files: domainFiles,
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'kafkajs', 'pg', 'drizzle-orm', 'drizzle-orm/*', '@prisma/*'], message: 'domain code does no I/O and knows no framework' },
            { group: ['node:*'], message: 'domain code takes ids and the clock from the command' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'pass the clock in the command' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'pass the clock in the command' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'pass ids in the command' },
      ],
    },
  },
);
