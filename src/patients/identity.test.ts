import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { identityKey, mayQualifyIdentity, patientSearchName, sameIdentity } from './identity.ts';

describe('patient identity', () => {
  it('builds the search name birth name first, then usual name and given names, each word once', () => {
    assert.equal(
      patientSearchName({ birthName: 'Lefèvre', usualName: 'Martin-Lefèvre', firstGivenName: 'Marie', givenNames: ['Marie', 'Hélène'] }),
      'lefevre martin marie helene',
    );
  });

  it('presumes the same person across accents, case and punctuation of names, not across birth dates', () => {
    const a = { birthName: 'Lefèvre', firstGivenName: 'Jean-Pierre', birthDate: '1985-03-12' };
    assert.equal(sameIdentity(a, { birthName: 'LEFEVRE', firstGivenName: 'jean pierre', birthDate: '1985-03-12' }), true);
    assert.equal(sameIdentity(a, { ...a, birthDate: '1985-03-13' }), false);
    assert.equal(sameIdentity(a, { ...a, firstGivenName: 'Jean' }), false);
    assert.equal(identityKey(a), 'lefevre|jean pierre|1985-03-12');
  });

  it('reserves qualification to the practice side', () => {
    assert.equal(mayQualifyIdentity('practitioner'), true);
    assert.equal(mayQualifyIdentity('admin'), true);
    assert.equal(mayQualifyIdentity('agent'), false);
    assert.equal(mayQualifyIdentity('supervisor'), false);
    assert.equal(mayQualifyIdentity('trainer'), false);
  });
});
