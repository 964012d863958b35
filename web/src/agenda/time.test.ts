import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  dateInWords,
  dayBounds,
  dayHeader,
  shortDate,
  dayLengthMinutes,
  formatTime,
  instantInWords,
  isoRange,
  mondayOf,
  todayIn,
  wallSpan,
  weekDates,
} from './time.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('agenda time: the practice’s clock, whatever the browser’s', () => {
  it('gives a spring-forward day 23 hours and an autumn day 25 in Paris; Martinique and Réunion keep 24', () => {
    assert.equal(dayLengthMinutes('Europe/Paris', '2026-03-29'), 23 * 60);
    assert.equal(dayLengthMinutes('Europe/Paris', '2026-10-25'), 25 * 60);
    assert.equal(dayLengthMinutes('Europe/Paris', '2026-11-24'), 24 * 60);
    assert.equal(dayLengthMinutes('America/Martinique', '2026-03-29'), 24 * 60);
    assert.equal(dayLengthMinutes('Indian/Reunion', '2026-10-25'), 24 * 60);
  });

  it('asks the API for a local day from its midnight to the next, DST included', () => {
    assert.deepEqual(dayBounds('Europe/Paris', '2026-10-25'), { start: at('2026-10-24T22:00:00Z'), end: at('2026-10-25T23:00:00Z') });
    assert.deepEqual(isoRange('America/Martinique', '2026-11-23', '2026-11-29'), { from: '2026-11-23T04:00:00.000Z', to: '2026-11-30T04:00:00.000Z' });
    assert.deepEqual(isoRange('Pacific/Noumea', '2026-11-24', '2026-11-24'), { from: '2026-11-23T13:00:00.000Z', to: '2026-11-24T13:00:00.000Z' });
  });

  it('reads times in the practice’s zone: 13:15 UTC is 09:15 in Fort-de-France and 14:15 in Paris', () => {
    const t = at('2026-11-24T13:15:00Z');
    assert.equal(formatTime(t, 'America/Martinique'), '09:15');
    assert.equal(formatTime(t, 'Europe/Paris'), '14:15');
    assert.equal(todayIn('Pacific/Noumea', at('2026-11-23T14:00:00Z')), '2026-11-24', 'already tomorrow in Nouméa');
  });

  it('says a slot in words, French and English, with the year only when it is not this year', () => {
    const now = at('2026-11-22T10:00:00Z');
    assert.equal(instantInWords(at('2026-11-24T08:15:00Z'), 'Europe/Paris', 'fr', now), 'mardi 24 novembre à 09:15');
    assert.equal(instantInWords(at('2026-11-24T08:15:00Z'), 'Europe/Paris', 'en', now), 'Tuesday 24 November at 09:15');
    assert.equal(instantInWords(at('2027-01-05T13:00:00Z'), 'America/Martinique', 'fr', now), 'mardi 5 janvier 2027 à 09:00');
    assert.equal(dateInWords('2026-03-29', 'fr'), 'dimanche 29 mars');
    assert.deepEqual([shortDate('2026-11-24', 'fr'), dayHeader('2026-11-24', 'fr'), dayHeader('2026-11-24', 'en')], ['mar. 24 nov.', 'mar. 24', 'Tue 24']);
  });

  it('walks days and weeks across month, year and DST ends', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(mondayOf('2026-11-22'), '2026-11-16', 'a Sunday belongs to the week of the Monday before');
    assert.deepEqual(weekDates('2026-03-29'), ['2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29']);
  });

  it('places an appointment on the wall clock of its day, keeping its real length across a DST change', () => {
    // 09:00–09:20 in Paris on the autumn day: the same height as on any other day.
    assert.deepEqual(wallSpan('Europe/Paris', '2026-10-25', at('2026-10-25T08:00:00Z'), at('2026-10-25T08:20:00Z')), { start: 540, end: 560 });
    // 02:30 CEST → 02:30 CET is a real hour though the wall clock shows no time passing.
    assert.deepEqual(wallSpan('Europe/Paris', '2026-10-25', at('2026-10-25T00:30:00Z'), at('2026-10-25T00:30:00Z') + HOUR), { start: 150, end: 210 });
    // Spring: 01:30 → 03:30 on the wall is one real hour; drawn by the wall clock.
    assert.deepEqual(wallSpan('Europe/Paris', '2026-03-29', at('2026-03-29T00:30:00Z'), at('2026-03-29T01:30:00Z')), { start: 90, end: 210 });
    // Clipped to the day; other days untouched.
    assert.deepEqual(wallSpan('Europe/Paris', '2026-11-24', at('2026-11-24T22:30:00Z'), at('2026-11-25T00:30:00Z')), { start: 1410, end: 1440 });
    assert.equal(wallSpan('Europe/Paris', '2026-11-23', at('2026-11-24T08:00:00Z'), at('2026-11-24T08:20:00Z')), null);
  });
});
