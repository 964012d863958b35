import { it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ERRORS } from '../src/core/errors/catalogue.ts';

interface DocRow {
  status: number;
  fr: string;
  en: string;
}

function documentedCodes(): Map<string, DocRow> {
  const rows = new Map<string, DocRow>();
  for (const line of fs.readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8').split('\n')) {
    const m = /^\| `([a-z_]+)` \| (\d{3}) \| (.+?) \| (.+?) \|$/.exec(line);
    if (m) rows.set(m[1]!, { status: Number(m[2]), fr: m[3]!, en: m[4]! });
  }
  return rows;
}

it('documents every catalogued error code with its status and messages', () => {
  const doc = documentedCodes();
  for (const [code, def] of Object.entries(ERRORS)) {
    const row = doc.get(code);
    assert.ok(row, `docs/errors.md lacks ${code}`);
    assert.deepEqual(row, { status: def.status, fr: def.fr, en: def.en }, `docs/errors.md disagrees on ${code}`);
  }
});

it('documents no code the catalogue lacks', () => {
  for (const code of documentedCodes().keys()) assert.ok(code in ERRORS, `docs/errors.md lists unknown code ${code}`);
});

it('gives every code a 4xx/5xx status and both languages', () => {
  for (const [code, def] of Object.entries(ERRORS)) {
    assert.ok(def.status >= 400 && def.status < 600, code);
    assert.ok(def.fr.length > 0 && def.en.length > 0 && (def.fr as string) !== def.en, code);
  }
});
