import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { diffWords, sidesOf, tokenize } from './diff.ts';

it('shows a changed day as one word out and one word in, keeping the rest as is', () => {
  assert.deepEqual(diffWords('Pas de RDV le mercredi après-midi.', 'Pas de RDV le jeudi après-midi.'), [
    { op: 'equal', text: 'Pas de RDV le ' },
    { op: 'delete', text: 'mercredi' },
    { op: 'insert', text: 'jeudi' },
    { op: 'equal', text: ' après-midi.' },
  ]);
});

it('shows an added line as inserted, and a removed one as deleted', () => {
  assert.deepEqual(diffWords('Urgences : le 15.\nPas de visites.', 'Urgences : le 15.\nDouleur thoracique : le 15.\nPas de visites.'), [
    { op: 'equal', text: 'Urgences : le 15.\n' },
    { op: 'insert', text: 'Douleur thoracique : le 15.\n' },
    { op: 'equal', text: 'Pas de visites.' },
  ]);
  assert.deepEqual(diffWords('A.\nB.\nC.', 'A.\nC.'), [
    { op: 'equal', text: 'A.\n' },
    { op: 'delete', text: 'B.\n' },
    { op: 'equal', text: 'C.' },
  ]);
});

it('joins neighbouring changed words into one change instead of interleaving them', () => {
  assert.deepEqual(diffWords('RDV le lundi matin uniquement', 'RDV le vendredi soir uniquement'), [
    { op: 'equal', text: 'RDV le ' },
    { op: 'delete', text: 'lundi matin' },
    { op: 'insert', text: 'vendredi soir' },
    { op: 'equal', text: ' uniquement' },
  ]);
});

it('keeps French words whole: apostrophes, hyphens and accents', () => {
  assert.deepEqual(tokenize("L'après-midi, n’appelez pas."), ["L'après-midi", ',', ' ', 'n’appelez', ' ', 'pas', '.']);
});

it('handles empty texts on either side', () => {
  assert.deepEqual(diffWords('', ''), []);
  assert.deepEqual(diffWords('', 'Nouveau'), [{ op: 'insert', text: 'Nouveau' }]);
  assert.deepEqual(diffWords('Ancien', ''), [{ op: 'delete', text: 'Ancien' }]);
  assert.deepEqual(diffWords('Même texte', 'Même texte'), [{ op: 'equal', text: 'Même texte' }]);
});

it('falls back to one deletion and one insertion past the edit limit, still exact', () => {
  const before = Array.from({ length: 50 }, (_, i) => `a${i}`).join(' ');
  const after = Array.from({ length: 50 }, (_, i) => `b${i}`).join(' ');
  const parts = diffWords(before, after, 10);
  assert.deepEqual(parts, [
    { op: 'delete', text: before },
    { op: 'insert', text: after },
  ]);
});

it('gives back both texts exactly, and never two neighbouring parts of the same kind (property)', () => {
  const word = fc.constantFrom('le', 'la', 'RDV', 'mercredi', 'jeudi', '15', 'Dr', 'urgent', 'é', '', ' ', '\n', ',', '.', "l'été", 'après-midi');
  const text = fc.array(word, { maxLength: 40 }).map((w) => w.join(' '));
  fc.assert(
    fc.property(text, text, (before, after) => {
      const parts = diffWords(before, after);
      assert.deepEqual(sidesOf(parts), { before, after });
      for (let i = 1; i < parts.length; i++) assert.notEqual(parts[i]!.op, parts[i - 1]!.op);
      assert.ok(parts.every((p) => p.text.length > 0));
    }),
    { numRuns: 400 },
  );
});

it('finds a minimal diff: an unchanged text with one word inserted costs one insertion', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 30 }), fc.nat(), (words, at) => {
      const i = at % (words.length + 1);
      const withWord = [...words.slice(0, i), 'z', ...words.slice(i)];
      const parts = diffWords(words.join(' '), withWord.join(' '));
      assert.equal(parts.filter((p) => p.op === 'delete').length, 0);
      assert.equal(parts.filter((p) => p.op === 'insert').length, 1);
    }),
    { numRuns: 200 },
  );
});
