import { it } from 'node:test';
import assert from 'node:assert/strict';
import { contentChanges } from './changes.ts';
import type { ConsigneContent } from './content.ts';

const v1: ConsigneContent = {
  sections: [
    { kind: 'appointments', title: null, body: 'Pas de RDV le mercredi après-midi.' },
    { kind: 'emergencies', title: null, body: 'Douleur thoracique : orienter vers le 15.' },
    { kind: 'other', title: 'Vaccins', body: 'Vaccins le samedi matin.' },
  ],
  usefulNumbers: [
    { label: 'Pharmacie de garde', number: '3237' },
    { label: 'Laboratoire', number: '+33145000000' },
  ],
};

it('lists the current sections emergencies first, each marked changed, unchanged or added, and removed ones last', () => {
  const v2: ConsigneContent = {
    sections: [
      { kind: 'appointments', title: null, body: 'Pas de RDV le jeudi après-midi.' },
      { kind: 'emergencies', title: null, body: 'Douleur thoracique : orienter vers le 15.' },
      { kind: 'refusals', title: null, body: 'Pas de certificats de sport.' },
    ],
    usefulNumbers: v1.usefulNumbers,
  };
  const c = contentChanges(v1, v2);
  assert.equal(c.changed, true);
  assert.deepEqual(
    c.sections.map((s) => [s.kind, s.title, s.status]),
    [
      ['emergencies', null, 'unchanged'],
      ['appointments', null, 'changed'],
      ['refusals', null, 'added'],
      ['other', 'Vaccins', 'removed'],
    ],
  );
  assert.deepEqual(
    c.sections[1]!.parts.filter((p) => p.op !== 'equal'),
    [
      { op: 'delete', text: 'mercredi' },
      { op: 'insert', text: 'jeudi' },
    ],
  );
  assert.deepEqual(c.sections[3]!.parts, [{ op: 'delete', text: 'Vaccins le samedi matin.' }]);
});

it('matches useful numbers by label: a new number, a changed one with its old value, a removed one', () => {
  const c = contentChanges(v1, {
    sections: v1.sections,
    usefulNumbers: [
      { label: 'pharmacie de garde', number: '3237' },
      { label: 'Laboratoire', number: '+33145000001' },
      { label: 'Médecin de garde', number: '+33612345678' },
    ],
  });
  assert.deepEqual(
    c.usefulNumbers.map((n) => [n.label, n.status, n.previousNumber]),
    [
      ['pharmacie de garde', 'unchanged', null],
      ['Laboratoire', 'changed', '+33145000000'],
      ['Médecin de garde', 'added', null],
    ],
  );
  assert.equal(c.changed, true);
  const removed = contentChanges(v1, { sections: v1.sections, usefulNumbers: [] });
  assert.deepEqual(
    removed.usefulNumbers.map((n) => n.status),
    ['removed', 'removed'],
  );
});

it('says nothing changed when only the order of sections moved', () => {
  const c = contentChanges(v1, { sections: [...v1.sections].reverse(), usefulNumbers: v1.usefulNumbers });
  assert.equal(c.changed, false);
});
