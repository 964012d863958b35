import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freeSlots, instantToLocal, localDaysInterval, localToInstant, nextFreeSlots, ruleViolation } from './index.ts';
import type { AgendaRules, Interval, Motif, Slot, WeeklyRange } from './index.ts';

const PARIS = 'Europe/Paris';
const consultation: Motif = { id: 'consultation', durationMinutes: 20 };
const suivi: Motif = { id: 'suivi', durationMinutes: 30 };

function rules(partial: Partial<AgendaRules> = {}): AgendaRules {
  return { practitionerId: 'p1', timeZone: PARIS, weekly: [], exceptional: [], absences: [], holidays: new Set(), ...partial };
}

function weekly(weekday: WeeklyRange['weekday'], start: string, end: string, extra: Partial<WeeklyRange> = {}): WeeklyRange {
  return { weekday, start, end, motifIds: ['consultation', 'suivi'], ...extra };
}

const at = (date: string, time: string, zone = PARIS) => localToInstant(zone, date, time);
const day = (date: string, zone = PARIS) => localDaysInterval(zone, date, date);

/** Slots as local 'YYYY-MM-DD HH:MM' (plus the practitioner when asked), easy to read in failures. */
function local(slots: readonly Slot[], zone = PARIS, withId = false): string[] {
  return slots.map((s) => {
    const l = instantToLocal(zone, s.start);
    return `${withId ? `${s.practitionerId} ` : ''}${l.date} ${l.time}${s.urgent ? ' !' : ''}`;
  });
}

function slotsOn(r: AgendaRules, date: string, motif: Motif, busy: Interval[] = [], opts = {}): string[] {
  const { start, end } = day(date, r.timeZone);
  return local(freeSlots(r, busy, motif, start, end, opts), r.timeZone).map((s) => s.slice(11));
}

// 2026-03-31 is a Tuesday.
describe('freeSlots: the grid', () => {
  it('starts at the range start and steps by the motif duration, keeping only slots wholly inside', () => {
    const r = rules({ weekly: [weekly(2, '09:00', '10:10')] });
    assert.deepEqual(slotsOn(r, '2026-03-31', consultation), ['09:00', '09:20', '09:40']);
    assert.deepEqual(slotsOn(r, '2026-03-30', consultation), [], 'Monday has no range');
  });

  it('steps by the agenda step when the practitioner sets one', () => {
    const r = rules({ stepMinutes: 15, weekly: [weekly(2, '09:00', '10:00')] });
    assert.deepEqual(slotsOn(r, '2026-03-31', consultation), ['09:00', '09:15', '09:30']);
  });

  it('offers a slot only inside ONE range, never across two adjacent ranges', () => {
    const r = rules({ weekly: [weekly(2, '09:00', '09:50'), weekly(2, '09:50', '10:30')] });
    assert.deepEqual(slotsOn(r, '2026-03-31', suivi), ['09:00', '09:50']);
  });

  it('returns a slot offered by two overlapping ranges once, in start order', () => {
    const r = rules({ weekly: [weekly(2, '10:00', '11:00'), weekly(2, '09:00', '10:30')] });
    assert.deepEqual(slotsOn(r, '2026-03-31', suivi), ['09:00', '09:30', '10:00', '10:30']);
  });

  it('offers only ranges that accept the motif', () => {
    const r = rules({ weekly: [weekly(2, '09:00', '10:00', { motifIds: ['suivi'] })] });
    assert.deepEqual(slotsOn(r, '2026-03-31', consultation), []);
    assert.deepEqual(slotsOn(r, '2026-03-31', suivi), ['09:00', '09:30']);
  });

  it('keeps slots whose start lies in [from, to), and none before now', () => {
    const r = rules({ weekly: [weekly(2, '09:00', '11:00')] });
    const slots = freeSlots(r, [], suivi, at('2026-03-31', '09:10'), at('2026-03-31', '10:30'));
    assert.deepEqual(local(slots), ['2026-03-31 09:30', '2026-03-31 10:00']);
    const later = freeSlots(r, [], suivi, at('2026-03-31', '00:00'), at('2026-04-01', '00:00'), { now: at('2026-03-31', '10:00') });
    assert.deepEqual(local(later), ['2026-03-31 10:00', '2026-03-31 10:30']);
  });

  it('honours validFrom / validTo of weekly ranges (inclusive)', () => {
    const r = rules({ weekly: [weekly(2, '09:00', '09:30', { validFrom: '2026-04-07', validTo: '2026-04-14' })] });
    const { start, end } = localDaysInterval(PARIS, '2026-03-31', '2026-04-21');
    assert.deepEqual(local(freeSlots(r, [], suivi, start, end)), ['2026-04-07 09:00', '2026-04-14 09:00']);
  });
});

describe('freeSlots: busy intervals and absences', () => {
  const r = rules({ weekly: [weekly(2, '09:00', '10:00')] });

  it('removes slots overlapping an appointment, intervals being half-open', () => {
    const busy = [{ start: at('2026-03-31', '09:00'), end: at('2026-03-31', '09:20') }];
    assert.deepEqual(slotsOn(r, '2026-03-31', consultation, busy), ['09:20', '09:40']);
    const straddling = [{ start: at('2026-03-31', '09:10'), end: at('2026-03-31', '09:30') }];
    assert.deepEqual(slotsOn(r, '2026-03-31', consultation, straddling), ['09:40']);
  });

  it('handles overlapping appointments (a long one hiding a short one)', () => {
    const busy = [
      { start: at('2026-03-31', '08:00'), end: at('2026-03-31', '09:45') },
      { start: at('2026-03-31', '08:30'), end: at('2026-03-31', '08:45') },
    ];
    assert.deepEqual(slotsOn(r, '2026-03-31', consultation, busy), []);
  });

  it('refuses busy intervals that are not sorted by start', () => {
    const busy = [
      { start: at('2026-03-31', '09:40'), end: at('2026-03-31', '10:00') },
      { start: at('2026-03-31', '09:00'), end: at('2026-03-31', '09:20') },
    ];
    assert.throws(() => slotsOn(r, '2026-03-31', consultation, busy), RangeError);
  });

  it('removes slots overlapping an absence, absences in any order', () => {
    const withAbsences = rules({
      weekly: r.weekly,
      absences: [
        { start: at('2026-03-31', '09:40'), end: at('2026-03-31', '12:00') },
        { start: at('2026-03-31', '09:00'), end: at('2026-03-31', '09:05') },
      ],
    });
    assert.deepEqual(slotsOn(withAbsences, '2026-03-31', consultation), ['09:20']);
  });
});

describe('freeSlots: holidays and exceptional ranges', () => {
  // 2026-05-22 (a Friday) is a public holiday in Martinique.
  const zone = 'America/Martinique';
  const base = { timeZone: zone, weekly: [weekly(5, '08:00', '09:00')] };

  it('does not open weekly ranges on a holiday', () => {
    assert.deepEqual(slotsOn(rules({ ...base, holidays: new Set(['2026-05-22']) }), '2026-05-22', suivi), []);
    assert.deepEqual(slotsOn(rules(base), '2026-05-22', suivi), ['08:00', '08:30']);
  });

  it('opens an exceptional range even on a holiday, and adds it to weekly ranges on other days', () => {
    const exceptional = [
      { date: '2026-05-22', start: '10:00', end: '10:30', motifIds: ['suivi'] },
      { date: '2026-05-29', start: '14:00', end: '14:30', motifIds: ['suivi'] },
    ];
    const r = rules({ ...base, exceptional, holidays: new Set(['2026-05-22']) });
    assert.deepEqual(slotsOn(r, '2026-05-22', suivi), ['10:00']);
    assert.deepEqual(slotsOn(r, '2026-05-29', suivi), ['08:00', '08:30', '14:00']);
  });
});

describe('freeSlots: urgent ranges', () => {
  const r = rules({ weekly: [weekly(2, '09:00', '10:00'), weekly(2, '11:00', '11:30', { urgent: true }), weekly(2, '09:30', '10:00', { urgent: true })] });

  it('holds urgent slots back unless includeUrgent', () => {
    assert.deepEqual(slotsOn(r, '2026-03-31', suivi), ['09:00', '09:30']);
    assert.deepEqual(slotsOn(r, '2026-03-31', suivi, [], { includeUrgent: true }), ['09:00', '09:30', '11:00 !']);
  });

  it('releases them on the local day of now only (same-day booking)', () => {
    const sameDay = { includeUrgent: true, now: at('2026-03-31', '07:00') };
    const dayBefore = { includeUrgent: true, now: at('2026-03-30', '18:00') };
    assert.deepEqual(slotsOn(r, '2026-03-31', suivi, [], sameDay), ['09:00', '09:30', '11:00 !']);
    assert.deepEqual(slotsOn(r, '2026-03-31', suivi, [], dayBefore), ['09:00', '09:30']);
  });
});

describe('freeSlots: DST changes (Europe/Paris 2026)', () => {
  // 2026-03-29 and 2026-10-25 are Sundays.
  it('spring: a 01:00–04:00 range lasts 2 real hours and the grid steps in real time', () => {
    const r = rules({ weekly: [weekly(7, '01:00', '04:00')] });
    const slots = freeSlots(r, [], suivi, day('2026-03-29').start, day('2026-03-29').end);
    assert.deepEqual(local(slots), ['2026-03-29 01:00', '2026-03-29 01:30', '2026-03-29 03:00', '2026-03-29 03:30']);
    assert.equal((slots.at(-1) as Slot).end - (slots[0] as Slot).start, 2 * 3_600_000);
  });

  it('spring: a range starting in the gap starts later by the gap length (02:30 → 03:30)', () => {
    const r = rules({ weekly: [weekly(7, '02:30', '05:00')] });
    assert.deepEqual(slotsOn(r, '2026-03-29', suivi), ['03:30', '04:00', '04:30']);
  });

  it('autumn: a 01:00–04:00 range lasts 4 real hours; 02:00–03:00 comes twice', () => {
    const r = rules({ weekly: [weekly(7, '01:00', '04:00')] });
    assert.deepEqual(slotsOn(r, '2026-10-25', { id: 'suivi', durationMinutes: 30 }), ['01:00', '01:30', '02:00', '02:30', '02:00', '02:30', '03:00', '03:30']);
  });

  it('autumn: a range starting in the overlap starts at the earlier (summer-time) instant', () => {
    const r = rules({ weekly: [weekly(7, '02:30', '03:30')] });
    const slots = freeSlots(r, [], suivi, day('2026-10-25').start, day('2026-10-25').end);
    assert.equal(new Date((slots[0] as Slot).start).toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(slots.length, 4, '02:30 CEST to 03:30 CET is 2 real hours');
  });

  it('St John’s (UTC−03:30, DST): the half-hour offset and its spring gap at 02:00', () => {
    const zone = 'America/St_Johns';
    const r = rules({ timeZone: zone, weekly: [weekly(7, '01:00', '04:00')] });
    assert.deepEqual(slotsOn(r, '2026-03-08', suivi), ['01:00', '01:30', '03:00', '03:30']);
    assert.equal(new Date(at('2026-03-15', '09:00', zone)).toISOString(), '2026-03-15T11:30:00.000Z');
  });
});

describe('nextFreeSlots', () => {
  const alice = rules({ practitionerId: 'alice', weekly: [weekly(2, '09:00', '10:00'), weekly(4, '14:00', '15:00')] });
  const bob = rules({ practitionerId: 'bob', weekly: [weekly(2, '09:30', '10:30')] });
  const from = at('2026-03-30', '00:00');

  it('merges practitioners in start order, ties by practitioner id, and stops at the limit', () => {
    const slots = nextFreeSlots(
      [
        { rules: bob, busy: [] },
        { rules: alice, busy: [] },
      ],
      suivi,
      from,
      { limit: 4 },
    );
    assert.deepEqual(local(slots, PARIS, true), ['alice 2026-03-31 09:00', 'alice 2026-03-31 09:30', 'bob 2026-03-31 09:30', 'bob 2026-03-31 10:00']);
  });

  it('skips full days and stops at the horizon', () => {
    const busy = [{ start: at('2026-03-31', '08:00'), end: at('2026-04-03', '00:00') }];
    const slots = nextFreeSlots([{ rules: alice, busy }], suivi, from, { limit: 1 });
    assert.deepEqual(local(slots), ['2026-04-07 09:00']);
    assert.deepEqual(nextFreeSlots([{ rules: alice, busy }], suivi, from, { limit: 1, horizonDays: 7 }), []);
  });

  it('applies preferences: afternoon (from 12:00), morning, weekdays and notBefore', () => {
    const agendas = [
      { rules: alice, busy: [] },
      { rules: bob, busy: [] },
    ];
    assert.deepEqual(local(nextFreeSlots(agendas, suivi, from, { limit: 1, partOfDay: 'afternoon' }), PARIS, true), ['alice 2026-04-02 14:00']);
    assert.deepEqual(local(nextFreeSlots(agendas, suivi, from, { limit: 1, partOfDay: 'morning', weekdays: [4] })), []);
    assert.deepEqual(local(nextFreeSlots(agendas, suivi, from, { limit: 2, weekdays: [4] })), ['2026-04-02 14:00', '2026-04-02 14:30']);
    assert.deepEqual(local(nextFreeSlots(agendas, suivi, from, { limit: 1, notBefore: '2026-04-03' })), ['2026-04-07 09:00']);
  });

  it('treats 12:00 as afternoon and 11:30 as morning', () => {
    const noon = rules({ weekly: [weekly(2, '11:30', '12:30')] });
    const agendas = [{ rules: noon, busy: [] }];
    assert.deepEqual(local(nextFreeSlots(agendas, suivi, from, { limit: 1, partOfDay: 'morning' })), ['2026-03-31 11:30']);
    assert.deepEqual(local(nextFreeSlots(agendas, suivi, from, { limit: 1, partOfDay: 'afternoon' })), ['2026-03-31 12:00']);
  });

  it('returns nothing for limit 0 and refuses a negative limit', () => {
    assert.deepEqual(nextFreeSlots([{ rules: alice, busy: [] }], suivi, from, { limit: 0 }), []);
    assert.throws(() => nextFreeSlots([{ rules: alice, busy: [] }], suivi, from, { limit: -1 }), RangeError);
  });
});

describe('ruleViolation', () => {
  const r = rules({
    weekly: [weekly(2, '09:00', '12:00', { motifIds: ['consultation'] }), weekly(2, '14:00', '15:00', { urgent: true })],
    absences: [{ start: at('2026-04-07', '00:00'), end: at('2026-04-08', '00:00') }],
    holidays: new Set(['2026-04-14']),
  });
  const now = at('2026-03-30', '12:00');

  it('accepts a start inside an accepting range, even off the grid', () => {
    assert.equal(ruleViolation(r, consultation, at('2026-03-31', '09:10'), { now }), null);
    assert.equal(ruleViolation(r, consultation, at('2026-03-31', '11:40'), { now }), null);
  });

  it('names the reason a booking breaks the rules', () => {
    assert.equal(ruleViolation(r, consultation, at('2026-03-24', '09:00'), { now }), 'in_past');
    assert.equal(ruleViolation(r, consultation, at('2026-04-07', '09:00'), { now }), 'absence');
    assert.equal(ruleViolation(r, consultation, at('2026-04-14', '09:00'), { now }), 'holiday');
    assert.equal(ruleViolation(r, suivi, at('2026-03-31', '09:00'), { now }), 'motif_not_accepted');
    assert.equal(ruleViolation(r, consultation, at('2026-03-31', '11:50'), { now }), 'outside_opening_hours');
    assert.equal(ruleViolation(r, consultation, at('2026-03-31', '13:00'), { now }), 'outside_opening_hours');
  });

  it('lets a forced booking through outside opening hours, never in the past, an absence or a holiday', () => {
    assert.equal(ruleViolation(r, consultation, at('2026-03-31', '18:00'), { now, force: true }), null);
    assert.equal(ruleViolation(r, suivi, at('2026-03-31', '09:00'), { now, force: true }), null);
    assert.equal(ruleViolation(r, consultation, at('2026-03-24', '09:00'), { now, force: true }), 'in_past');
    assert.equal(ruleViolation(r, consultation, at('2026-04-07', '18:00'), { now, force: true }), 'absence');
    assert.equal(ruleViolation(r, consultation, at('2026-04-14', '09:00'), { now, force: true }), 'holiday');
  });

  it('counts urgent ranges only with includeUrgent on the same local day', () => {
    const start = at('2026-03-31', '14:00');
    assert.equal(ruleViolation(r, suivi, start, { now }), 'outside_opening_hours');
    assert.equal(ruleViolation(r, suivi, start, { now, includeUrgent: true }), 'outside_opening_hours');
    assert.equal(ruleViolation(r, suivi, start, { now: at('2026-03-31', '08:00'), includeUrgent: true }), null);
  });

  it('accepts on a holiday inside an exceptional range', () => {
    const open = rules({ ...r, exceptional: [{ date: '2026-04-14', start: '10:00', end: '11:00', motifIds: ['consultation'] }] });
    assert.equal(ruleViolation(open, consultation, at('2026-04-14', '10:00'), { now }), null);
    assert.equal(ruleViolation(open, consultation, at('2026-04-14', '09:00'), { now }), 'outside_opening_hours');
  });
});
