'use strict';
// ESLint (flat config) with typescript-eslint's recommended rules, for every project (`nx lint <project>`,
// `npm run lint`). Generated code, build output and engine files are not linted.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  {
    ignores: ['dist/**', '.nx/**', '.data/**', '.engines/**', 'coverage/**', 'node_modules/**', 'libs/contracts/src/generated/**', 'tools/elasticsearch/lib/**', 'deploy/helm/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', __dirname: 'readonly', __filename: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', fetch: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', structuredClone: 'readonly', globalThis: 'readonly', jest: 'readonly' } },
    rules: {
      // Unused arguments named with a leading underscore say "required by the signature, not needed here".
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests and benchmarks read JSON answers of the HTTP API, untyped by nature.
    files: ['**/*.e2e-spec.ts', 'tests/**/*.ts', 'benchmarks/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain Node scripts (tools, configs, the Jest reporter) are CommonJS.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
