import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_REMINDER_SETTINGS, planReminder } from './reminder-rules.ts';

const zone = 'Europe/Paris';
const at = (iso: string) => Date.parse(iso);
const plan = (bookedAt: string, start: string, extra: Partial<Parameters<typeof planReminder>[0]> = {}) =>
  planReminder({ zone, bookedAt: at(bookedAt), start: at(start), settings: DEFAULT_REMINDER_SETTINGS, ...extra });

describe('reminder timing (Europe/Paris, across the spring and autumn DST changes)', () => {
  it('booked 10 days ahead: two days before at 10:00 local, in winter time before the change', () => {
    // Monday 30 March 2026 09:00 CEST; DST starts Sunday 29 March. Two days before = Saturday 28, 10:00 CET = 09:00Z.
    const p = plan('2026-03-20T08:00:00Z', '2026-03-30T07:00:00Z');
    assert.deepEqual(p, { rule: 'long', dueAt: at('2026-03-28T09:00:00Z') });
  });

  it('booked 3 days ahead: the day before at 10:00 local, on the day the clocks go forward', () => {
    // Sunday 29 March 2026 10:00 CEST = 08:00Z (not 09:00Z: the wall time is kept across the change).
    const p = plan('2026-03-27T15:00:00Z', '2026-03-30T07:00:00Z');
    assert.deepEqual(p, { rule: 'short', dueAt: at('2026-03-29T08:00:00Z') });
  });

  it('booked 1 day ahead or a few hours ahead: at once', () => {
    assert.deepEqual(plan('2026-03-29T18:00:00Z', '2026-03-30T07:00:00Z'), { rule: 'immediate', dueAt: at('2026-03-29T18:00:00Z') });
    assert.deepEqual(plan('2026-03-30T04:00:00Z', '2026-03-30T07:00:00Z'), { rule: 'immediate', dueAt: at('2026-03-30T04:00:00Z') });
  });

  it('counts local days: 23:30 the evening before is still "booked the day before"', () => {
    // 23:30 Paris on 29 March is 21:30Z: the appointment at 09:00 the next morning is one local day ahead.
    assert.equal(plan('2026-03-29T21:30:00Z', '2026-03-30T07:00:00Z')?.rule, 'immediate');
  });

  it('autumn change: booked 9 days ahead of Tuesday 27 October 2026, reminded Sunday 25 at 10:00 CET', () => {
    // DST ends Sunday 25 October at 03:00 CEST: 10:00 that day is CET, 09:00Z.
    const p = plan('2026-10-18T08:00:00Z', '2026-10-27T08:00:00Z');
    assert.deepEqual(p, { rule: 'long', dueAt: at('2026-10-25T09:00:00Z') });
  });

  it('exactly seven days ahead is not "more than seven": the day before', () => {
    assert.equal(plan('2026-06-01T08:00:00Z', '2026-06-08T08:00:00Z')?.rule, 'short');
    assert.equal(plan('2026-06-01T08:00:00Z', '2026-06-09T08:00:00Z')?.rule, 'long');
  });

  it('a motif can fix its own days before, or want none; a patient can opt out; a practice can switch them off', () => {
    assert.deepEqual(plan('2026-06-01T08:00:00Z', '2026-06-20T08:00:00Z', { motif: { enabled: true, daysBefore: 5 } }), {
      rule: 'motif',
      dueAt: at('2026-06-15T08:00:00Z'),
    });
    assert.equal(plan('2026-06-01T08:00:00Z', '2026-06-20T08:00:00Z', { motif: { enabled: false, daysBefore: null } }), null);
    assert.equal(plan('2026-06-01T08:00:00Z', '2026-06-20T08:00:00Z', { optedOut: true }), null);
    assert.equal(plan('2026-06-01T08:00:00Z', '2026-06-20T08:00:00Z', { settings: { ...DEFAULT_REMINDER_SETTINGS, enabled: false } }), null);
  });

  it('a motif asking for more days than the lead allows reminds at once', () => {
    assert.equal(plan('2026-06-01T08:00:00Z', '2026-06-04T08:00:00Z', { motif: { enabled: true, daysBefore: 5 } })?.rule, 'immediate');
  });

  it('follows the practice zone: 10:00 in Réunion is 06:00Z', () => {
    const p = planReminder({
      zone: 'Indian/Reunion',
      bookedAt: at('2026-06-01T08:00:00Z'),
      start: at('2026-06-05T05:00:00Z'),
      settings: DEFAULT_REMINDER_SETTINGS,
    });
    assert.deepEqual(p, { rule: 'short', dueAt: at('2026-06-04T06:00:00Z') });
  });
});
