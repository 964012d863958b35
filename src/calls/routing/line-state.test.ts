import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lineState, type LineRules } from './line-state.ts';
import { normaliseServiceHours } from '../../practices/service-hours.ts';

const weekdays = {
  mon: [['08:00', '19:00']],
  tue: [['08:00', '19:00']],
  wed: [['08:00', '19:00']],
  thu: [['08:00', '19:00']],
  fri: [['08:00', '19:00']],
  sat: [['08:00', '12:00']],
};

function rules(o: Partial<LineRules> = {}): LineRules {
  return { serviceHours: normaliseServiceHours(weekdays), timeZone: 'Europe/Paris', region: 'metropole', openOnPublicHolidays: false, ...o };
}

describe('line open or closed', () => {
  it('follows the service hours in local time, end excluded', () => {
    const r = rules();
    assert.deepEqual(lineState(r, Date.parse('2026-03-04T07:59:00+01:00')), { open: false, reason: 'hours' });
    assert.deepEqual(lineState(r, Date.parse('2026-03-04T08:00:00+01:00')), { open: true });
    assert.deepEqual(lineState(r, Date.parse('2026-03-04T18:59:59+01:00')), { open: true });
    assert.deepEqual(lineState(r, Date.parse('2026-03-04T19:00:00+01:00')), { open: false, reason: 'hours' });
    assert.deepEqual(lineState(r, Date.parse('2026-03-08T10:00:00+01:00')), { open: false, reason: 'hours' }, 'Sunday');
  });

  it('keeps 08:00 local across the spring DST change (UTC 07:00 before, 06:00 after)', () => {
    const r = rules();
    // Friday 27 March 2026 (CET, UTC+1) and Monday 30 March 2026 (CEST, UTC+2), DST changed on the 29th.
    assert.deepEqual(lineState(r, Date.parse('2026-03-27T06:30:00Z')), { open: false, reason: 'hours' }, '07:30 CET');
    assert.deepEqual(lineState(r, Date.parse('2026-03-27T07:00:00Z')), { open: true }, '08:00 CET');
    assert.deepEqual(lineState(r, Date.parse('2026-03-30T06:00:00Z')), { open: true }, '08:00 CEST');
    assert.deepEqual(lineState(r, Date.parse('2026-03-30T05:30:00Z')), { open: false, reason: 'hours' }, '07:30 CEST');
    assert.deepEqual(lineState(r, Date.parse('2026-03-30T16:59:00Z')), { open: true }, '18:59 CEST');
    assert.deepEqual(lineState(r, Date.parse('2026-03-30T17:00:00Z')), { open: false, reason: 'hours' }, '19:00 CEST');
  });

  it('closes on the region’s own public holiday: 22 May in Martinique, not in metropolitan France', () => {
    // Friday 22 May 2026, 10:00 local in each zone.
    const martinique = rules({ region: 'martinique', timeZone: 'America/Martinique' });
    assert.deepEqual(lineState(martinique, Date.parse('2026-05-22T10:00:00-04:00')), { open: false, reason: 'holiday' });
    assert.deepEqual(lineState(rules(), Date.parse('2026-05-22T10:00:00+02:00')), { open: true });
    assert.deepEqual(lineState(martinique, Date.parse('2026-05-21T10:00:00-04:00')), { open: true }, 'the day before');
  });

  it('judges the holiday by the practice’s local date, not UTC', () => {
    // 22 May 2026 21:30 in Martinique is already 23 May in UTC: still the holiday there.
    const martinique = rules({
      region: 'martinique',
      timeZone: 'America/Martinique',
      serviceHours: normaliseServiceHours({ fri: [['00:00', '24:00']], sat: [['00:00', '24:00']] }),
    });
    assert.deepEqual(lineState(martinique, Date.parse('2026-05-23T01:30:00Z')), { open: false, reason: 'holiday' });
  });

  it('answers on public holidays when the contract covers them', () => {
    const r = rules({ openOnPublicHolidays: true });
    // 14 July 2026 is a Tuesday.
    assert.deepEqual(lineState(rules(), Date.parse('2026-07-14T10:00:00+02:00')), { open: false, reason: 'holiday' });
    assert.deepEqual(lineState(r, Date.parse('2026-07-14T10:00:00+02:00')), { open: true });
  });

  it('treats a practice without any service hours as always answered', () => {
    assert.deepEqual(lineState(rules({ serviceHours: normaliseServiceHours({}) }), Date.parse('2026-07-14T03:00:00+02:00')), { open: true });
  });
});
