// A short, deliberate rule set: catch real defects, not style; the house rules (layering, one clock,
// no cycle, options objects) are in eslint/house-rules.js.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { FOCUS, houseRules } from './eslint/house-rules.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'web/dist/', 'dist/', 'test/lint-fixtures/'] },
  js.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-syntax': ['error', ...FOCUS],
    },
  },
  {
    files: ['src/cli.ts', 'src/cli/**', 'bench/**', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  ...houseRules,
);
