/**
 * The house rules catch what they are for: each fixture under test/lint-fixtures/src/ (kept out of the
 * normal lint run) commits one deliberate violation, linted here with the project's own rule blocks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { houseRules } from '../eslint/house-rules.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'lint-fixtures');

async function lint(): Promise<{ file: string; line: number; rule: string | null }[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ languageOptions: { parser: tseslint.parser as Linter.Parser } }, ...(houseRules as Linter.Config[])],
  });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  return results.flatMap((r) => r.messages.map((m) => ({ file: path.relative(root, r.filePath), line: m.line, rule: m.ruleId })));
}

const found = lint();
const at = async (file: string) => (await found).filter((m) => m.file === file).map((m) => `${m.line} ${m.rule}`);

test('a route importing a repo is refused; its own service is fine', async () => {
  assert.deepEqual(await at('src/shop/routes.ts'), ['3 relais/layering']);
});

test('another feature: its service is fine, its repo and its routes are refused', async () => {
  assert.deepEqual(await at('src/billing/invoice-service.ts'), ['3 relais/layering', '4 relais/layering']);
});

test('a module named like pure logic may not import a repo, nor run SQL', async () => {
  assert.deepEqual(await at('src/billing/totals.ts'), ['3 relais/layering', '7 relais/sql-in-repos']);
});

test('SQL in a repo is fine', async () => {
  assert.deepEqual(await at('src/shop/repo.ts'), []);
});

test('an import cycle is refused, on both sides', async () => {
  assert.deepEqual(await at('src/billing/cycle-a-service.ts'), ['1 import-x/no-cycle']);
  assert.deepEqual(await at('src/billing/cycle-b-service.ts'), ['1 import-x/no-cycle']);
});

test('core never imports a feature', async () => {
  assert.deepEqual(await at('src/core/ledger/post.ts'), ['2 relais/layering']);
});

test('reading the system time outside the clock is refused; new Date(instant) is fine', async () => {
  const time = (await at('src/billing/clock-service.ts')).filter((m) => m.endsWith('no-restricted-syntax'));
  assert.deepEqual(time, ['3 no-restricted-syntax', '4 no-restricted-syntax']);
  assert.deepEqual(await at('src/core/time/clock.ts'), []);
});
