/**
 * A practice's service hours: for each weekday, the local wall-time ranges [start, end) during which the
 * company answers its line. Pure: no I/O; the practice's time zone gives them meaning elsewhere.
 */
import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type TimeRange = [start: string, end: string];
export type ServiceHours = Record<Weekday, TimeRange[]>;

/** "HH:MM", 00:00 to 23:59; "24:00" is allowed as an end only. */
const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Why a day's ranges are not acceptable, as [index of the range at fault, message]; empty when they are. */
export function dayProblems(ranges: readonly (readonly [string, string])[]): [number, string][] {
  const problems: [number, string][] = [];
  ranges.forEach(([start, end], i) => {
    if (!HHMM.test(start)) problems.push([i, `Heure de début invalide "${start}" (HH:MM) / invalid start time`]);
    else if (!(HHMM.test(end) || end === '24:00')) problems.push([i, `Heure de fin invalide "${end}" (HH:MM) / invalid end time`]);
    else if (minutesOf(start) >= minutesOf(end)) problems.push([i, 'Le début doit précéder la fin / start must be before end']);
  });
  if (problems.length) return problems;
  const order = ranges.map((r, i) => ({ i, start: minutesOf(r[0]), end: minutesOf(r[1]) })).sort((a, b) => a.start - b.start);
  for (let k = 1; k < order.length; k++) {
    const prev = order[k - 1]!;
    const cur = order[k]!;
    if (cur.start < prev.end) problems.push([cur.i, 'Plages qui se chevauchent / overlapping ranges']);
  }
  return problems;
}

/** The ranges of a day, sorted by start time. */
function sorted(ranges: TimeRange[]): TimeRange[] {
  return [...ranges].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
}

/** Every weekday present (missing days closed), ranges sorted: what Relais stores and answers. */
export function normaliseServiceHours(value: Partial<Record<string, unknown>> | null | undefined): ServiceHours {
  const out = {} as ServiceHours;
  for (const day of WEEKDAYS) {
    const ranges = value?.[day];
    out[day] = Array.isArray(ranges)
      ? sorted(ranges.filter((r): r is TimeRange => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'string')))
      : [];
  }
  return out;
}

const zRange = z.tuple([z.string().max(5), z.string().max(5)]).meta({ examples: [['08:00', '12:00']] });
const zDay = z
  .array(zRange)
  .max(12)
  .superRefine((ranges, ctx) => {
    for (const [index, message] of dayProblems(ranges)) ctx.addIssue({ code: 'custom', message, path: [index] });
  });

/** Request schema: weekdays may be left out (closed); unknown keys refused. */
export const zServiceHoursInput = z
  .strictObject({
    mon: zDay.optional(),
    tue: zDay.optional(),
    wed: zDay.optional(),
    thu: zDay.optional(),
    fri: zDay.optional(),
    sat: zDay.optional(),
    sun: zDay.optional(),
  })
  .transform((v) => normaliseServiceHours(v))
  .meta({
    description: 'Plages horaires locales [début, fin) par jour / local wall-time ranges per weekday',
    examples: [
      {
        mon: [
          ['08:00', '12:00'],
          ['14:00', '19:00'],
        ],
        sat: [['08:00', '12:00']],
      },
    ],
  });

const zDayOut = z.array(z.tuple([z.string(), z.string()]));
/** Response schema: all seven weekdays. */
export const zServiceHours = z.object({ mon: zDayOut, tue: zDayOut, wed: zDayOut, thu: zDayOut, fri: zDayOut, sat: zDayOut, sun: zDayOut });
