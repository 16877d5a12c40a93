import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-site',
      'examples/*/node_modules',
      'examples/node_modules',
      'dist-site-e2e',
      'public/mockServiceWorker.js',
      'examples/*/public/mockServiceWorker.js',
      'examples/*/dist',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' },
      ],
    },
  },
  // Layers import one way: api <- crypto <- kms <- (store, protocol) <- msw <- console/main, site (the docs).
  {
    files: ['src/api/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '**/crypto/**',
            '**/kms/**',
            '**/store/**',
            '**/protocol/**',
            '**/msw/**',
            '**/console/**',
          ],
        },
      ],
    },
  },
  {
    files: ['src/crypto/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/kms/**', '**/store/**', '**/protocol/**', '**/msw/**', '**/console/**'] },
      ],
    },
  },
  {
    files: ['src/kms/**'],
    ignores: ['src/kms/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/store/**', '**/protocol/**', '**/msw/**', '**/console/**'] },
      ],
    },
  },
  {
    files: ['src/store/**', 'src/protocol/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/msw/**', '**/console/**'] }] },
  },
  {
    files: ['src/console/**', 'site/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['**/kms/**', '**/store/**', '**/crypto/**', '**/protocol/**'] },
      ],
    },
  },
);
