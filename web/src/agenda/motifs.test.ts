import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { groupMotifs, groupOfMotif, lastAndNext } from './motifs.ts';

const motif = (id: string, practitionerId: string, label: string, durationMinutes = 20, active = true) => ({
  id,
  practitionerId,
  label,
  durationMinutes,
  colour: '#228be6',
  active,
});

describe('motifs grouped by label across practitioners', () => {
  it('offers one choice per label, whatever the case and accents, with every practitioner’s own motif', () => {
    const groups = groupMotifs([
      motif('a1', 'A', 'Consultation'),
      motif('a2', 'A', 'Première consultation', 30),
      motif('b1', 'B', 'consultation', 15),
      motif('b2', 'B', 'Premiere  consultation', 30),
      motif('b3', 'B', 'Bilan', 45, false),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.label, g.motifIds, g.durations, g.byPractitioner]),
      [
        ['Consultation', ['a1', 'b1'], [15, 20], { A: 'a1', B: 'b1' }],
        ['Première consultation', ['a2', 'b2'], [30], { A: 'a2', B: 'b2' }],
      ],
      'inactive motifs are not offered',
    );
    assert.equal(groupOfMotif(groups, 'b2')?.label, 'Première consultation');
  });
});

describe('a patient’s last and next appointments', () => {
  it('skips cancelled ones and takes the latest past and the earliest booked future', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    const items = [
      { id: 'old', start: '2026-10-01T08:00:00Z', status: 'honoured' },
      { id: 'last', start: '2026-11-20T08:00:00Z', status: 'no_show' },
      { id: 'cancelled', start: '2026-11-23T08:00:00Z', status: 'cancelled' },
      { id: 'later', start: '2026-12-10T08:00:00Z', status: 'booked' },
      { id: 'next', start: '2026-11-24T08:00:00Z', status: 'booked' },
    ];
    const { last, next } = lastAndNext(items, now);
    assert.equal(last?.id, 'last');
    assert.equal(next?.id, 'next');
    assert.deepEqual(lastAndNext([], now), { last: null, next: null });
  });
});
