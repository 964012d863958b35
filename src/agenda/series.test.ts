import { it } from 'node:test';
import assert from 'node:assert/strict';
import { seriesStarts } from './series.ts';

const iso = (ms: number[]) => ms.map((m) => new Date(m).toISOString());

it('keeps the local wall time of a twice-weekly series across the autumn DST change (Europe/Paris)', () => {
  // The change is on Sunday 31 Oct 2027: 10:00 is 08:00Z before it and 09:00Z after.
  const start = Date.parse('2027-10-19T10:00:00+02:00');
  assert.deepEqual(iso(seriesStarts('Europe/Paris', start, { count: 4, weekdays: [2, 5] })), [
    '2027-10-19T08:00:00.000Z',
    '2027-10-22T08:00:00.000Z',
    '2027-10-26T08:00:00.000Z',
    '2027-10-29T08:00:00.000Z',
  ]);
  assert.deepEqual(iso(seriesStarts('Europe/Paris', start, { count: 6, weekdays: [2, 5] })).slice(4), ['2027-11-02T09:00:00.000Z', '2027-11-05T09:00:00.000Z']);
});

it('uses a wall time per weekday, and skips listed weekdays before the start', () => {
  // Wednesday 2027-03-03 09:00 in Martinique (UTC−4, no DST); Mondays at 17:30 and Wednesdays at 09:00.
  const start = Date.parse('2027-03-03T09:00:00-04:00');
  assert.deepEqual(iso(seriesStarts('America/Martinique', start, { count: 3, weekdays: [1, 3], times: { '1': '17:30' } })), [
    '2027-03-03T13:00:00.000Z',
    '2027-03-08T21:30:00.000Z',
    '2027-03-10T13:00:00.000Z',
  ]);
});

it('steps every N days with intervalDays, across the spring change', () => {
  const start = Date.parse('2027-03-21T09:30:00+01:00');
  assert.deepEqual(iso(seriesStarts('Europe/Paris', start, { count: 3, intervalDays: 7 })), [
    '2027-03-21T08:30:00.000Z',
    '2027-03-28T07:30:00.000Z',
    '2027-04-04T07:30:00.000Z',
  ]);
});
