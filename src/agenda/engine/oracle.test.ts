/**
 * Property test: the engine against a brute-force oracle written independently and simply here. The
 * oracle walks every minute instant, reads its local wall time with plain Intl, and decides slot by
 * slot from the rules' definitions, with no caching of offsets and no cleverness. Random rules,
 * bookings and windows crossing the spring and autumn DST changes, in four zones.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { freeSlots, nextFreeSlots, ruleViolation } from './index.ts';
import type { AgendaRules, ExceptionalRange, Interval, Motif, Slot, WeeklyRange } from './index.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------- the oracle

interface Wall {
  date: string;
  /** Wall time as UTC milliseconds of its fields (comparable across dates). */
  wall: number;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const wallMemo = new Map<string, Map<number, Wall>>();

/** Local wall time of an instant, from Intl.formatToParts (memoised by instant only to save time). */
function wallOf(zone: string, instant: number): Wall {
  let memo = wallMemo.get(zone);
  if (memo === undefined) {
    memo = new Map();
    wallMemo.set(zone, memo);
  }
  const known = memo.get(instant);
  if (known !== undefined) return known;
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  const p: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) p[part.type] = part.value;
  const date = `${p['year']}-${p['month']}-${p['day']}`;
  const minutes = Number(p['hour']) * 60 + Number(p['minute']);
  const result = { date, minutes, wall: Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE };
  memo.set(instant, result);
  return result;
}

function isoWeekday(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  return (((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

function hhmm(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** Every minute instant of a span with its wall time. */
function scan(zone: string, from: number, to: number): { instants: number[]; walls: Wall[] } {
  const instants: number[] = [];
  const walls: Wall[] = [];
  for (let t = from; t < to; t += MINUTE) {
    instants.push(t);
    walls.push(wallOf(zone, t));
  }
  return { instants, walls };
}

/**
 * The instant of a wall time, by looking at the scanned minutes: the earliest minute showing it; if
 * none does (a spring gap), the first minute after the jump plus how far the wall time is into the gap.
 */
function instantOfWall(s: { instants: number[]; walls: Wall[] }, date: string, minutes: number): number {
  const w = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  for (let i = 0; i < s.walls.length; i++) if ((s.walls[i] as Wall).wall === w) return s.instants[i] as number;
  for (let i = 1; i < s.walls.length; i++) {
    const before = (s.walls[i - 1] as Wall).wall;
    const after = (s.walls[i] as Wall).wall;
    if (before < w && after > w) return (s.instants[i] as number) + (w - before - MINUTE);
  }
  throw new Error(`wall time ${date} ${minutes} not in the scanned span`);
}

interface OracleRange {
  start: number;
  end: number;
  urgent: boolean;
  accepts: readonly string[];
}

/** The ranges of the rules opened on local dates around [from, to), as instants. */
function oracleRanges(rules: AgendaRules, from: number, to: number, s: { instants: number[]; walls: Wall[] }, urgentOn: (date: string) => boolean) {
  const out: OracleRange[] = [];
  const first = wallOf(rules.timeZone, from).date;
  const last = wallOf(rules.timeZone, to).date;
  for (let date = addDays(first, -1); date <= addDays(last, 1); date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    const candidates: (WeeklyRange | ExceptionalRange)[] = [];
    if (!rules.holidays.has(date)) {
      for (const r of rules.weekly) {
        if (r.weekday !== weekday) continue;
        if (r.validFrom !== undefined && date < r.validFrom) continue;
        if (r.validTo !== undefined && date > r.validTo) continue;
        candidates.push(r);
      }
    }
    for (const r of rules.exceptional) if (r.date === date) candidates.push(r);
    for (const r of candidates) {
      if (r.urgent === true && !urgentOn(date)) continue;
      const end = hhmm(r.end) === 1440 ? instantOfWall(s, addDays(date, 1), 0) : instantOfWall(s, date, hhmm(r.end));
      out.push({ start: instantOfWall(s, date, hhmm(r.start)), end, urgent: r.urgent === true, accepts: r.motifIds });
    }
  }
  return out;
}

function overlapsAny(list: readonly Interval[], start: number, end: number): boolean {
  return list.some((b) => b.end > b.start && b.start < end && b.end > start);
}

interface OracleOptions {
  includeUrgent?: boolean;
  now?: number;
}

function oracleFreeSlots(rules: AgendaRules, busy: readonly Interval[], motif: Motif, from: number, to: number, opts: OracleOptions): Slot[] {
  const zone = rules.timeZone;
  const s = scan(zone, from - 3 * DAY, to + 3 * DAY);
  const today = opts.now === undefined ? undefined : wallOf(zone, opts.now).date;
  const urgentOn = (date: string) => opts.includeUrgent === true && (today === undefined || today === date);
  const ranges = oracleRanges(rules, from, to, s, urgentOn).filter((r) => r.accepts.includes(motif.id));
  const step = (rules.stepMinutes ?? motif.durationMinutes) * MINUTE;
  const duration = motif.durationMinutes * MINUTE;
  const out: Slot[] = [];
  for (let t = from; t < to; t += MINUTE) {
    if (opts.now !== undefined && t < opts.now) continue;
    const offering = ranges.filter((r) => t >= r.start && t + duration <= r.end && (t - r.start) % step === 0);
    if (offering.length === 0) continue;
    if (overlapsAny(busy, t, t + duration) || overlapsAny(rules.absences, t, t + duration)) continue;
    out.push({ practitionerId: rules.practitionerId, start: t, end: t + duration, urgent: offering.every((r) => r.urgent) });
  }
  return out;
}

// ---------------------------------------------------------------- generators

/** Zones and, for each, the local dates of its DST changes in 2026 (none where it has none). */
const ZONES = [
  { zone: 'Europe/Paris', pivots: ['2026-03-29', '2026-10-25'] },
  { zone: 'America/St_Johns', pivots: ['2026-03-08', '2026-11-01'] },
  { zone: 'America/Martinique', pivots: ['2026-05-22', '2026-11-01'] },
  { zone: 'Indian/Reunion', pivots: ['2026-12-20', '2026-03-29'] },
] as const;

/** A wall time, often one near the DST changes (01:00–04:00) or a day edge. */
const timeArb = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 60, 90, 120, 135, 150, 180, 210, 240, 1380, 1440),
  fc.integer({ min: 50, max: 250 }),
);

function fmt(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const spanArb = fc
  .tuple(timeArb, timeArb)
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ start: fmt(Math.min(a, b)), end: fmt(Math.max(a, b)) }));
const motifIdsArb = fc.oneof(fc.constant(['a', 'b']), fc.subarray(['a', 'b'], { minLength: 1 }));

interface Scenario {
  zone: string;
  days: string[];
  from: number;
  to: number;
}

/** A window of 1–3 local days around one of the zone's DST dates, with ragged minute edges. */
const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    zoneIndex: fc.integer({ min: 0, max: ZONES.length - 1 }),
    pivotIndex: fc.integer({ min: 0, max: 1 }),
    shift: fc.integer({ min: -1, max: 0 }),
    length: fc.integer({ min: 1, max: 3 }),
    startMinute: fc.integer({ min: -120, max: 300 }),
    endMinute: fc.integer({ min: -300, max: 240 }),
  })
  .map(({ zoneIndex, pivotIndex, shift, length, startMinute, endMinute }) => {
    const { zone, pivots } = ZONES[zoneIndex] as (typeof ZONES)[number];
    const first = addDays(pivots[pivotIndex] as string, shift);
    const days = Array.from({ length: length + 2 }, (_, i) => addDays(first, i - 1));
    // Midnight UTC of the first date is within a day of its local midnight: good enough for a ragged edge.
    const base = Date.parse(`${first}T00:00:00Z`) - 3 * 3_600_000;
    return { zone, days, from: base + startMinute * MINUTE, to: base + length * DAY + endMinute * MINUTE };
  });

function rulesArb(sc: Scenario, practitionerId: string): fc.Arbitrary<AgendaRules> {
  const dateArb = fc.constantFrom(...sc.days);
  const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });
  // Mostly the weekdays of the window, so that most ranges open somewhere in it.
  const weekdayArb = fc.oneof(
    { arbitrary: fc.constantFrom(...sc.days.map(isoWeekday)), weight: 4 },
    { arbitrary: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const, 6 as const, 7 as const), weight: 1 },
  );
  const weeklyArb = fc.record({
    weekday: weekdayArb,
    span: spanArb,
    motifIds: motifIdsArb,
    validFrom: sometimes(dateArb),
    validTo: sometimes(dateArb),
    urgent: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
  });
  const exceptionalArb = fc.record({ date: dateArb, span: spanArb, motifIds: motifIdsArb, urgent: fc.boolean() });
  const intervalArb = fc
    .tuple(fc.integer({ min: sc.from - DAY, max: sc.to }), fc.integer({ min: 0, max: 240 }))
    .map(([start, minutes]) => ({ start: Math.floor(start / MINUTE) * MINUTE, end: Math.floor(start / MINUTE) * MINUTE + minutes * MINUTE }));
  return fc
    .record({
      weekly: fc.array(weeklyArb, { minLength: 1, maxLength: 6 }),
      exceptional: fc.array(exceptionalArb, { maxLength: 3 }),
      absences: fc.array(intervalArb, { maxLength: 2 }),
      holidays: fc.oneof({ arbitrary: fc.constant([]), weight: 2 }, { arbitrary: fc.subarray(sc.days, { maxLength: 2 }), weight: 1 }),
      step: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
    })
    .map(({ weekly, exceptional, absences, holidays, step }) => ({
      practitionerId,
      timeZone: sc.zone,
      ...(step === undefined ? {} : { stepMinutes: step }),
      weekly: weekly.map((w) => ({
        weekday: w.weekday,
        ...w.span,
        motifIds: w.motifIds,
        ...(w.validFrom === undefined ? {} : { validFrom: w.validFrom }),
        ...(w.validTo === undefined ? {} : { validTo: w.validTo }),
        urgent: w.urgent === true,
      })),
      exceptional: exceptional.map((e) => ({ date: e.date, ...e.span, motifIds: e.motifIds, urgent: e.urgent })),
      absences,
      holidays: new Set(holidays),
    }));
}

function busyArb(sc: Scenario): fc.Arbitrary<Interval[]> {
  return fc
    .array(
      fc.tuple(fc.integer({ min: sc.from - 4 * 3_600_000, max: sc.to }), fc.integer({ min: 0, max: 120 })).map(([start, minutes]) => {
        const s = Math.floor(start / MINUTE) * MINUTE;
        return { start: s, end: s + minutes * MINUTE };
      }),
      { maxLength: 10 },
    )
    .map((list) => list.sort((a, b) => a.start - b.start));
}

const motifArb: fc.Arbitrary<Motif> = fc.record({ id: fc.constantFrom('a', 'b'), durationMinutes: fc.integer({ min: 5, max: 60 }) });

function optionsArb(sc: Scenario): fc.Arbitrary<OracleOptions> {
  return fc.record({
    includeUrgent: fc.boolean(),
    now: fc.option(
      fc.integer({ min: sc.from - DAY, max: sc.to }).map((t) => Math.floor(t / MINUTE) * MINUTE),
      { nil: undefined },
    ),
  });
}

const agendaCase = scenarioArb.chain((sc) =>
  fc.record({ sc: fc.constant(sc), rules: rulesArb(sc, 'p1'), busy: busyArb(sc), motif: motifArb, opts: optionsArb(sc) }),
);

function show(slots: readonly Slot[], zone: string): string[] {
  return slots.map(
    (s) =>
      `${s.practitionerId} ${wallOf(zone, s.start).date} ${fmt(wallOf(zone, s.start).minutes)} ${new Date(s.start).toISOString()}${s.urgent ? ' urgent' : ''}`,
  );
}

// ---------------------------------------------------------------- properties

describe('availability engine against a minute-by-minute oracle', () => {
  it('freeSlots equals the oracle on random rules across DST changes in four zones', () => {
    fc.assert(
      fc.property(agendaCase, ({ sc, rules, busy, motif, opts }) => {
        const expected = oracleFreeSlots(rules, busy, motif, sc.from, sc.to, opts);
        const actual = freeSlots(rules, busy, motif, sc.from, sc.to, opts);
        assert.deepEqual(show(actual, sc.zone), show(expected, sc.zone));
        assert.deepEqual(actual, expected);
      }),
      { numRuns: 300 },
    );
  });

  it('nextFreeSlots equals the merged, filtered, truncated oracle for several practitioners', () => {
    const multi = scenarioArb.chain((sc) =>
      fc.record({
        sc: fc.constant(sc),
        // Practitioners often share one set of rules (same grid), so that equal starts must be ordered by id.
        agendas: fc
          .record({ ids: fc.uniqueArray(fc.constantFrom('p1', 'p2', 'p3', 'p0'), { minLength: 1, maxLength: 3 }), shared: rulesArb(sc, 'shared') })
          .chain(({ ids, shared }) =>
            fc.tuple(
              ...ids.map((id) =>
                fc.record({
                  rules: fc.oneof(fc.constant({ ...shared, practitionerId: id }), rulesArb(sc, id)),
                  busy: busyArb(sc),
                }),
              ),
            ),
          ),
        motif: motifArb,
        opts: optionsArb(sc),
        limit: fc.integer({ min: 1, max: 40 }),
        partOfDay: fc.option(fc.constantFrom('morning' as const, 'afternoon' as const), { nil: undefined }),
        weekdays: fc.option(fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), { nil: undefined }),
        notBefore: fc.option(fc.constantFrom(...sc.days), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(multi, ({ sc, agendas, motif, opts, limit, partOfDay, weekdays, notBefore }) => {
        const horizonDays = Math.max(1, Math.round((sc.to - sc.from) / DAY));
        const to = sc.from + horizonDays * DAY;
        const expected = agendas
          .flatMap((a) => oracleFreeSlots(a.rules, a.busy, motif, sc.from, to, opts))
          .filter((slot) => {
            const w = wallOf(sc.zone, slot.start);
            const weekday = isoWeekday(w.date);
            if (partOfDay !== undefined && w.minutes < 720 !== (partOfDay === 'morning')) return false;
            if (weekdays !== undefined && !weekdays.includes(weekday)) return false;
            return notBefore === undefined || w.date >= notBefore;
          })
          .sort((x, y) => x.start - y.start || (x.practitionerId < y.practitionerId ? -1 : x.practitionerId > y.practitionerId ? 1 : 0))
          .slice(0, limit);
        const actual = nextFreeSlots(agendas, motif, sc.from, { ...opts, limit, horizonDays, partOfDay, weekdays, notBefore });
        assert.deepEqual(show(actual, sc.zone), show(expected, sc.zone));
        assert.deepEqual(actual, expected);
      }),
      { numRuns: 150 },
    );
  });

  it('ruleViolation accepts exactly the starts that fit an open range accepting the motif', () => {
    const violationCase = agendaCase.chain((c) =>
      fc.record({
        c: fc.constant(c),
        start: fc.integer({ min: c.sc.from, max: c.sc.to }).map((t) => Math.floor(t / (5 * MINUTE)) * 5 * MINUTE),
        now: fc.integer({ min: c.sc.from - DAY, max: c.sc.to }),
        force: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(violationCase, ({ c, start, now, force }) => {
        const { rules, motif, sc } = c;
        const includeUrgent = c.opts.includeUrgent === true;
        const s = scan(sc.zone, sc.from - 3 * DAY, sc.to + 3 * DAY);
        const today = wallOf(sc.zone, now).date;
        const ranges = oracleRanges(rules, sc.from, sc.to, s, (date) => includeUrgent && date === today);
        const end = start + motif.durationMinutes * MINUTE;
        const containing = ranges.filter((r) => r.start <= start && end <= r.end);
        const date = wallOf(sc.zone, start).date;
        let expected: string | null;
        if (start < now) expected = 'in_past';
        else if (overlapsAny(rules.absences, start, end)) expected = 'absence';
        else if (containing.some((r) => r.accepts.includes(motif.id))) expected = null;
        else if (rules.holidays.has(date) && !rules.exceptional.some((e) => e.date === date)) expected = 'holiday';
        else if (force) expected = null;
        else expected = containing.length > 0 ? 'motif_not_accepted' : 'outside_opening_hours';
        assert.equal(ruleViolation(rules, motif, start, { now, force, includeUrgent }), expected);
      }),
      { numRuns: 300 },
    );
  });
});
