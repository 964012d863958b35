import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publicHolidays } from './holidays.ts';

describe('publicHolidays', () => {
  it('closes 22 May in Martinique but not in metropolitan France', () => {
    assert.ok(publicHolidays('martinique', 2026, 2026).has('2026-05-22'));
    assert.ok(!publicHolidays('metropole', 2026, 2026).has('2026-05-22'));
  });

  it('adds Good Friday and 26 December in Alsace-Moselle only', () => {
    const alsace = publicHolidays('alsace-moselle', 2026, 2027);
    const paris = publicHolidays('metropole', 2026, 2027);
    for (const date of ['2026-04-03', '2026-12-26', '2027-03-26', '2027-12-26']) {
      assert.ok(alsace.has(date), date);
      assert.ok(!paris.has(date), date);
    }
  });

  it('knows the abolition days of the overseas departments', () => {
    assert.ok(publicHolidays('reunion', 2026, 2026).has('2026-12-20'));
    assert.ok(publicHolidays('guadeloupe', 2026, 2026).has('2026-05-27'));
    assert.ok(publicHolidays('guyane', 2026, 2026).has('2026-06-10'));
    assert.ok(publicHolidays('mayotte', 2026, 2026).has('2026-04-27'));
    assert.ok(!publicHolidays('reunion', 2026, 2026).has('2026-05-22'));
  });

  it('keeps public holidays only, across the requested years', () => {
    const paris = publicHolidays('metropole', 2025, 2026);
    assert.ok(paris.has('2025-07-14') && paris.has('2026-07-14') && paris.has('2026-05-25'));
    assert.ok(!paris.has('2026-05-24'), 'Pentecost Sunday is an observance, not a closed day');
    assert.ok(!paris.has('2027-01-01'));
    assert.equal([...publicHolidays('metropole', 2026, 2026)].length, 11);
  });
});
