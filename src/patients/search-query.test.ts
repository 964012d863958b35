import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isEmptyQuery, parseDateToken, parseSearchQuery } from './search-query.ts';

const TODAY = '2025-06-15';
const parse = (q: string) => parseSearchQuery(q, TODAY);

describe('patient search query', () => {
  it('reads names case- and accent-insensitively, hyphens and apostrophes as word breaks', () => {
    assert.deepEqual(parse('Lefèvre').nameTokens, ['lefevre']);
    assert.deepEqual(parse('  DUPONT   Marie ').nameTokens, ['dupont', 'marie']);
    assert.deepEqual(parse("N'Diaye Jean-Pierre").nameTokens, ['n', 'diaye', 'jean', 'pierre']);
    assert.deepEqual(parse('Œdipe Cœur').nameTokens, ['oedipe', 'coeur']);
  });

  it('ignores a repeated word and caps the number of words', () => {
    assert.deepEqual(parse('martin martin').nameTokens, ['martin']);
    assert.equal(parse('a b c d e f g h').nameTokens.length, 6);
  });

  it('reads a phone number in every usual writing as one E.164 number', () => {
    for (const q of ['06 12 34 56 78', '0612345678', '+33612345678', '+33 6 12 34 56 78', '0033 6 12 34 56 78', '06.12.34.56.78', '06-12-34-56-78']) {
      const c = parse(q);
      assert.equal(c.phone, '+33612345678', q);
      assert.deepEqual(c.nameTokens, [], q);
      assert.equal(c.impossible, false, q);
    }
  });

  it('reads overseas numbers with their own country code', () => {
    assert.equal(parse('0696 12 34 56').phone, '+596696123456');
    assert.equal(parse('0692 12 34 56').phone, '+262692123456');
  });

  it('matches nothing for a number that is not a valid phone', () => {
    const c = parse('06 12 34 56 7');
    assert.equal(c.phone, null);
    assert.equal(c.impossible, true);
  });

  it('reads a birth date written the French way, the ISO way or without separators', () => {
    for (const q of ['12/03/1985', '12-03-1985', '12.03.1985', '1985-03-12', '12031985', '19850312', '12/3/1985']) {
      const c = parse(q);
      assert.deepEqual(c.birthDates, ['1985-03-12'], q);
      assert.deepEqual(c.nameTokens, [], q);
      assert.equal(c.phone, null, q);
    }
  });

  it('reads a two-digit year as the last century or this one, never the future', () => {
    assert.deepEqual(parse('12/03/85').birthDates, ['1985-03-12']);
    assert.deepEqual(parse('12/03/05').birthDates, ['1905-03-12', '2005-03-12']);
    assert.deepEqual(parse('120305').birthDates, ['1905-03-12', '2005-03-12']);
  });

  it('matches nothing for an impossible date', () => {
    assert.equal(parse('31/02/1985').impossible, true);
    assert.equal(parse('1985-13-01').impossible, true);
    assert.equal(parseDateToken('31/02/1985', TODAY), null);
  });

  it('combines names with a date or a phone', () => {
    const c = parse('Dupont 12/03/1985');
    assert.deepEqual(c.nameTokens, ['dupont']);
    assert.deepEqual(c.birthDates, ['1985-03-12']);
    const d = parse('dupont 0612345678');
    assert.deepEqual(d.nameTokens, ['dupont']);
    assert.equal(d.phone, '+33612345678');
    const e = parse('Dupont 06 12 34 56 78 marie');
    assert.deepEqual(e.nameTokens, ['dupont', 'marie']);
    assert.equal(e.phone, '+33612345678');
    const f = parse('dupont 12031985 0612345678');
    assert.deepEqual(f.birthDates, ['1985-03-12']);
    assert.equal(f.phone, '+33612345678');
  });

  it('matches nothing when two different dates are given', () => {
    assert.equal(parse('12/03/1985 13/03/1985').impossible, true);
  });

  it('treats an empty query as a listing', () => {
    assert.equal(isEmptyQuery(parse('')), true);
    assert.equal(isEmptyQuery(parse('   ')), true);
    assert.equal(isEmptyQuery(parse('martin')), false);
  });

  it('never reads a postal code or a short number as a phone or a date', () => {
    const c = parse('75011');
    assert.equal(c.phone, null);
    assert.deepEqual(c.birthDates, []);
    assert.deepEqual(c.nameTokens, ['75011']);
  });
});
