import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeText, frenchDate, frenchSex, guessMapping, parseCsv } from './import-csv.ts';

describe('reading a patient CSV export', () => {
  it('reads UTF-8 with a BOM and Windows-1252 alike, accents intact', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Nom;Prénom\nLefèvre;Élise\n')]);
    const cp1252 = new Uint8Array([...Buffer.from('Nom;Pr'), 0xe9, ...Buffer.from('nom\nLef'), 0xe8, ...Buffer.from('vre;'), 0xc9, ...Buffer.from('lise\n')]);
    for (const [bytes, encoding] of [
      [utf8, 'utf-8'],
      [cp1252, 'windows-1252'],
    ] as const) {
      const decoded = decodeText(bytes);
      assert.equal(decoded.encoding, encoding);
      assert.deepEqual(parseCsv(decoded.text), { headers: ['Nom', 'Prénom'], rows: [['Lefèvre', 'Élise']], delimiter: ';' });
    }
  });

  it('guesses the separator and the columns from usual French headers, quotes kept', () => {
    const { headers, rows, delimiter } = parseCsv(
      'NOM,Prénom,"Date de naissance",Sexe,Portable,Courriel,Nom d’usage\n"Dupont, dit Max",Marc,01/02/1970,M,06 12 34 56 78,m@x.fr,\n',
    );
    assert.equal(delimiter, ',');
    assert.deepEqual(rows[0]!.slice(0, 2), ['Dupont, dit Max', 'Marc']);
    assert.deepEqual(guessMapping(headers), {
      birthName: 'NOM',
      firstGivenName: 'Prénom',
      birthDate: 'Date de naissance',
      sex: 'Sexe',
      mobilePhone: 'Portable',
      email: 'Courriel',
      usualName: 'Nom d’usage',
    });
  });

  it('reads French dates and refuses impossible ones', () => {
    assert.equal(frenchDate('12/03/1985', 2026), '1985-03-12');
    assert.equal(frenchDate('1-3-1985', 2026), '1985-03-01');
    assert.equal(frenchDate('12.03.85', 2026), '1985-03-12');
    assert.equal(frenchDate('12/03/15', 2026), '2015-03-12');
    assert.equal(frenchDate('1985-03-12', 2026), '1985-03-12');
    assert.equal(frenchDate('31/02/1985', 2026), null);
    assert.equal(frenchDate('03/1985', 2026), null);
  });

  it('reads the usual ways of writing the sex', () => {
    assert.deepEqual(['Mme', 'F', 'Madame', 'M.', 'Homme', 'x'].map(frenchSex), ['F', 'F', 'F', 'M', 'M', null]);
  });
});
