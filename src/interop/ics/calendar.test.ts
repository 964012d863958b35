import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine, initials, renderCalendar, sequenceOf } from './calendar.ts';

describe('ICS calendar writer', () => {
  it('folds long lines at 75 octets without splitting an accented character', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part) <= 75);
    assert.equal(folded.replace(/\r\n /g, ''), line);
  });
  it('escapes commas, semicolons, backslashes and new lines', () => {
    assert.equal(escapeText('a,b;c\\d\ne'), 'a\\,b\\;c\\\\d\\ne');
  });
  it('reduces a name to initials, given name first', () => {
    assert.equal(initials('DUPONT Jean'), 'J. D.');
    assert.equal(initials('DE LA TOUR Marie-Anne'), 'M. D.');
  });
  it('counts a move and a cancellation in SEQUENCE', () => {
    assert.equal(sequenceOf({ moves: 0, status: 'booked' }), 0);
    assert.equal(sequenceOf({ moves: 2, status: 'cancelled' }), 3);
  });
  it('writes CRLF lines and one VEVENT per appointment', () => {
    const text = renderCalendar(
      [
        {
          id: 'a1',
          start: '2026-03-02T08:00:00Z',
          end: '2026-03-02T08:20:00Z',
          status: 'booked',
          moves: 0,
          updatedAt: '2026-03-01T08:00:00Z',
          motifLabel: 'Suivi',
          patientName: 'X Y',
        },
      ],
      { name: 'Dr X', label: 'none', uidDomain: 'relais.local', stamp: '2026-03-01T09:00:00Z' },
    );
    assert.ok(text.includes('\r\nUID:a1@relais.local\r\n'));
    assert.ok(text.includes('\r\nDTSTART:20260302T080000Z\r\n'));
    assert.equal(text.match(/BEGIN:VEVENT/g)?.length, 1);
  });
});
