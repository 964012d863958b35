// The house rules as flat-config blocks, shared by eslint.config.js and the lint test (test/lint-rules.test.ts),
// which runs them on deliberate violations under test/lint-fixtures/.
import { importX, createNodeResolver } from 'eslint-plugin-import-x';
import relais from './layering-plugin.js';

export const TIME = [
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Take a Clock (src/core/time/clock.ts): clock.nowMs().' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take a Clock (src/core/time/clock.ts): clock.now().' },
];
export const FOCUS = [
  { selector: "CallExpression[callee.property.name='only']", message: 'Focused tests never land.' },
  { selector: "CallExpression[callee.property.name='skip']", message: 'Skipped tests never land.' },
];

export const houseRules = [
  {
    files: ['src/**/*.ts'],
    plugins: { relais, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'relais/layering': 'error',
      'relais/sql-in-repos': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'max-params': 'off',
      'no-restricted-syntax': ['error', ...FOCUS, ...TIME],
    },
  },
  {
    // The one place that reads the system time; the CLI and the web build are tools run by hand, they may too.
    files: ['src/core/time/clock.ts', 'src/cli.ts', 'src/cli/**', 'src/web/build.ts', 'src/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...FOCUS] },
  },
  {
    // Seeds speak SQL set-wise by design; the database layer, the jobs and the event bus (LISTEN/NOTIFY) are SQL.
    files: ['src/demo/**', 'src/cli/**', 'src/core/db/**', 'src/core/jobs/**', 'src/core/events/**'],
    rules: { 'relais/sql-in-repos': 'off' },
  },
];
