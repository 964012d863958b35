import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isRpps, isSiren, isSiret, luhnValid, toE164, zPhoneE164, zRegion, zRpps, zSiren, zSiret, zTimeZone } from './identifiers.ts';

describe('Luhn-keyed identifiers', () => {
  it('computes the Luhn key', () => {
    assert.equal(luhnValid('79927398713'), true);
    assert.equal(luhnValid('79927398710'), false);
    assert.equal(luhnValid(''), false);
    assert.equal(luhnValid('12a4'), false);
  });

  it('accepts real SIRENs and refuses a wrong key or length', () => {
    assert.equal(isSiren('732829320'), true);
    assert.equal(isSiren('443061841'), true);
    assert.equal(isSiren('732829321'), false);
    assert.equal(isSiren('73282932'), false);
    assert.equal(isSiren('7328293200'), false);
    assert.equal(isSiren('73282932O'), false);
  });

  it('accepts a SIRET whose SIREN and own key are valid', () => {
    assert.equal(isSiret('73282932000074'), true);
    assert.equal(isSiret('44306184100047'), true);
    assert.equal(isSiret('73282932000075'), false, 'wrong key');
    assert.equal(isSiret('7328293200007'), false, 'too short');
  });

  it('uses the digit-sum rule for La Poste establishments', () => {
    assert.equal(isSiren('356000000'), true);
    assert.equal(isSiret('35600000000010'), true); // digit sum 15
    assert.equal(isSiret('35600000000011'), false); // digit sum 16
  });

  it('validates the RPPS key', () => {
    const valid = '1000000000' + [...'0123456789'].find((k) => luhnValid('1000000000' + k));
    assert.equal(isRpps(valid), true);
    assert.equal(zRpps.parse(valid.replace(/(\d{3})/g, '$1 ')), valid);
    const wrong = valid.slice(0, 10) + String((Number(valid[10]) + 1) % 10);
    assert.equal(isRpps(wrong), false);
    assert.equal(isRpps('1234567890'), false, '10 digits');
    assert.equal(isRpps(`${valid}0`), false, '12 digits');
  });
});

describe('phone numbers to E.164', () => {
  const cases: [string, string][] = [
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['01 23 45 67 89', '+33123456789'],
    ['0690 12 34 56', '+590690123456'], // Guadeloupe mobile
    ['0596 60 12 34', '+596596601234'], // Martinique landline
    ['0696 12 34 56', '+596696123456'], // Martinique mobile
    ['0594 12 34 56', '+594594123456'], // Guyane
    ['0262 12 34 56', '+262262123456'], // Réunion
    ['0692 12 34 56', '+262692123456'], // Réunion mobile
    ['0269 61 23 45', '+262269612345'], // Mayotte, not a Breton 02
    ['+590 690 12 34 56', '+590690123456'],
    ['+44 7911 123456', '+447911123456'],
  ];
  for (const [input, expected] of cases) {
    it(`reads "${input}" as ${expected}`, () => assert.equal(toE164(input), expected));
  }

  it('refuses what is not a number', () => {
    for (const bad of ['', '12345', '06 12 34 56 7', '06 12 34 56 789 0', 'abc', '+33 6 90 12 34 56', '0596 12 34 56', '06-12-34-56-78; drop table']) {
      assert.equal(toE164(bad), null, bad);
    }
  });

  it('zPhoneE164 transforms and reports invalid input', () => {
    assert.equal(zPhoneE164.parse('06 12 34 56 78'), '+33612345678');
    const r = zPhoneE164.safeParse('0612');
    assert.equal(r.success, false);
  });
});

describe('zod identifiers', () => {
  it('compacts separators before checking', () => {
    assert.equal(zSiren.parse('732 829 320'), '732829320');
    assert.equal(zSiret.parse('732 829 320 00074'), '73282932000074');
    assert.equal(zSiren.safeParse('732 829 321').success, false);
  });

  it('accepts IANA zones and the known regions only', () => {
    assert.equal(zTimeZone.safeParse('America/Martinique').success, true);
    assert.equal(zTimeZone.safeParse('Indian/Reunion').success, true);
    assert.equal(zTimeZone.safeParse('Mars/Olympus').success, false);
    assert.equal(zTimeZone.safeParse('CET').success, false);
    assert.equal(zRegion.safeParse('alsace-moselle').success, true);
    assert.equal(zRegion.safeParse('bretagne').success, false);
  });
});
