import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConsigneSetView } from './api.ts';
import { hasVisibleChanges, shownNumbers, shownSections } from './view.ts';

const set: ConsigneSetView = {
  id: 'c1',
  practiceId: 'p1',
  practitionerId: null,
  practitionerName: null,
  version: 2,
  updatedAt: '2026-03-02T09:00:00.000Z',
  authorName: 'Karim Haddad',
  summary: null,
  sections: [
    { kind: 'emergencies', title: null, body: 'Le 15.' },
    { kind: 'appointments', title: null, body: '' },
  ],
  usefulNumbers: [{ label: 'SAMU', number: '15' }],
  seenVersion: null,
  unread: true,
  changes: null,
};

it('shows a set never read as plain text, without marking anything changed', () => {
  assert.deepEqual(shownSections(set), [
    { kind: 'emergencies', title: null, status: 'unchanged', parts: [{ op: 'equal', text: 'Le 15.' }] },
    { kind: 'appointments', title: null, status: 'unchanged', parts: [] },
  ]);
  assert.deepEqual(shownNumbers(set), [{ label: 'SAMU', number: '15', status: 'unchanged', previousNumber: null }]);
  assert.equal(hasVisibleChanges(set), false);
});

it('shows the server’s changes when the user read an older version', () => {
  const changed: ConsigneSetView = {
    ...set,
    seenVersion: 1,
    changes: {
      sinceVersion: 1,
      versions: [],
      sections: [{ kind: 'emergencies', title: null, status: 'changed', parts: [{ op: 'insert', text: 'Le 15.' }] }],
      usefulNumbers: [{ label: 'SAMU', number: '15', status: 'unchanged', previousNumber: null }],
    },
  };
  assert.equal(shownSections(changed)[0]!.status, 'changed');
  assert.equal(hasVisibleChanges(changed), true);
  assert.equal(hasVisibleChanges({ ...changed, changes: { ...changed.changes!, sections: [] } }), false);
});
