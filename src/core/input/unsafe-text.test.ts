import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findUnsafeInput, unsafeTextReason } from './unsafe-text.ts';

describe('unsafe text', () => {
  it('accepts ordinary French, multi-line text, emoji and right-to-left letters', () => {
    for (const ok of ["Lefèvre-D'Arc", 'ligne 1\nligne 2\r\n\tfin', 'Merci 👍🏽', 'محمد بن علي', 'Ærø Œuvre']) {
      assert.equal(unsafeTextReason(ok), undefined, ok);
    }
  });

  it('refuses NUL, other controls, bidi overrides and lone surrogates, naming the character', () => {
    assert.match(unsafeTextReason('a\u0000b')!, /U\+0000/);
    assert.match(unsafeTextReason('a\u001bb')!, /U\+001B/);
    assert.match(unsafeTextReason('a\u0085b')!, /U\+0085/);
    assert.match(unsafeTextReason('Dupont\u202Etxt.exe')!, /U\+202E/);
    assert.match(unsafeTextReason('x\u2067y')!, /U\+2067/);
    assert.match(unsafeTextReason('x\uD800y')!, /surrogate/);
    assert.match(unsafeTextReason('x\uDC00')!, /surrogate/);
  });

  it('names the path of every unsafe string in nested input, keys included', () => {
    const issues = findUnsafeInput({ a: 'ok', b: [{ c: 'x\u0000' }], ['k\u0001']: 1 });
    assert.deepEqual(
      issues.map((i) => i.path),
      [['b', 0, 'c'], ['k\u0001']],
    );
  });
});
